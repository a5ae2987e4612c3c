/** HTTP models: bytes on the wire (vs WebSocket), the table of header/URL/cookie limits, and head readers. */
export * from './overhead';
export * from './limits';
export * from './head';
export * from './request-head';
export { headerHasToken, isToken, splitList, type HeaderField } from './fields';
export * from './field-section';
export * from './chunked';
export * from './connections';
