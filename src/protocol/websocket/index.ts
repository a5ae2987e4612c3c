/** The WebSocket module (RFC 6455): frame types, codec, masking, close codes, violations. */
export * from './types';
export * from './mask';
export * from './close-codes';
export * from './violations';
export * from './decoder';
export * from './encoder';
export * from './handshake';
export * from './accept-key';
export * from './deflate';
export * from './handshake-response';
