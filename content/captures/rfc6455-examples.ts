/**
 * Examples printed in RFC 6455 (https://www.rfc-editor.org/rfc/rfc6455), quoted byte for byte. They are the
 * standard's own test vectors: lesson components recompute what the RFC says about them with the project's
 * code and fail the build if the two ever disagree.
 */

/** RFC 6455 §1.3 (and §4.2.2): the example Sec-WebSocket-Key ("the sample nonce" in base64)… */
export const RFC_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
/** …and the Sec-WebSocket-Accept the RFC prints for it. */
export const RFC_ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

/** RFC 6455 §1.2: the client's example opening handshake (CRLF line ends, as on the wire). */
export const RFC_CLIENT_HANDSHAKE =
  'GET /chat HTTP/1.1\r\n' +
  'Host: server.example.com\r\n' +
  'Upgrade: websocket\r\n' +
  'Connection: Upgrade\r\n' +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
  'Origin: http://example.com\r\n' +
  'Sec-WebSocket-Protocol: chat, superchat\r\n' +
  'Sec-WebSocket-Version: 13\r\n' +
  '\r\n';

/** RFC 6455 §5.7: "A single-frame masked text message" ("Hello", masking key 37 fa 21 3d). */
export const RFC_MASKED_HELLO = '81 85 37 fa 21 3d 7f 9f 4d 51 58';
/** RFC 6455 §5.7: "A single-frame unmasked text message" ("Hello"). */
export const RFC_UNMASKED_HELLO = '81 05 48 65 6c 6c 6f';
/** RFC 6455 §5.7: "A fragmented unmasked text message" — "Hel", then "lo". */
export const RFC_FRAGMENTED_HELLO = ['01 03 48 65 6c', '80 02 6c 6f'] as const;
/** RFC 6455 §5.7: "Unmasked Ping request and masked Ping response" — the ping ("Hello" as its body). */
export const RFC_UNMASKED_PING = '89 05 48 65 6c 6c 6f';
/** RFC 6455 §5.7: …and the masked Pong that answers it, with the same "Hello" body. */
export const RFC_MASKED_PONG = '8a 85 37 fa 21 3d 7f 9f 4d 51 58';
/** RFC 6455 §5.7: the header of "256 bytes binary message in a single unmasked frame" (the payload follows). */
export const RFC_BINARY_256_HEADER = '82 7e 01 00';
/** RFC 6455 §5.7: the header of "64KiB binary message in a single unmasked frame" (the payload follows). */
export const RFC_BINARY_64K_HEADER = '82 7f 00 00 00 00 00 01 00 00';
