/** The protocol core's public entry (see docs/architecture.md, "The codec's contract"). Pure TypeScript: no DOM, no Node APIs. */
export * from './bytes';
export * from './hex';
export * from './bits';
export * from './base64';
export * from './websocket/accept-key';
export * from './websocket/handshake';
export * from './websocket/index';
export * from './utf8';
export * from './random';
export * from './tcp/index';
export * from './http/index';
export * from './capture/index';
