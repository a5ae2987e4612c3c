/** HTTP models: bytes on the wire (vs WebSocket) and the table of header/URL/cookie limits. */
export * from './overhead';
export * from './limits';
export * from './head';
