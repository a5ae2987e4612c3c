/**
 * The opening handshake (RFC 6455 §4), gathered in one import. It lives in:
 *
 * - `../http/request-head.ts`: the HTTP/1.1 request head, read strictly (RFC 9112);
 * - `../http/fields.ts`: tokens and comma-separated lists in field values (RFC 9110 §5.6);
 * - `handshake-request.ts`: `validateHandshakeRequest`, one check per rule of RFC 6455 §4.2.1;
 * - `handshake-rules.ts`: every problem's severity, status and RFC rule (`HANDSHAKE_RULES`);
 * - `extensions.ts`: Sec-WebSocket-Extensions (RFC 6455 §9.1);
 * - `handshake-response.ts`: the server's answer (`buildHandshakeResponse`) and the client's check of it.
 */

export { headerHasToken, splitList, type HeaderField } from '../http/fields';
export * from './handshake-rules';
export * from './extensions';
export * from './handshake-request';
export {
  buildForbiddenResponse,
  buildHandshakeResponse,
  type BuildResponseOptions,
  type HandshakeResponse,
} from './handshake-response';
