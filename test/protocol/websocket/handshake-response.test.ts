import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeAcceptKeySync, validateHandshakeResponse } from '../../../src/protocol/websocket/handshake-response';
import { validateHandshakeRequest } from '../../../src/protocol/websocket/handshake';
import { CHROMIUM_UPGRADE_ACCEPT, CHROMIUM_UPGRADE_REQUEST } from '../../../content/captures/chromium-loopback';

// RFC 6455 §1.3: the sample nonce and the accept value the RFC gives for it.
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';
const request = { key: KEY, extensions: [{ name: 'permessage-deflate', params: [] }], protocols: ['chat'] };
const ok = `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${ACCEPT}\r\n\r\n`;

describe('validateHandshakeResponse (RFC 6455 §4.1)', () => {
  it('computes the RFC 6455 §1.3 accept value synchronously', () => {
    expect(computeAcceptKeySync(KEY)).toBe(ACCEPT);
  });

  it("accepts a real 101 for Chromium's real request (accept computed by Node when captured)", () => {
    const req = validateHandshakeRequest(CHROMIUM_UPGRADE_REQUEST).request;
    const head = `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${CHROMIUM_UPGRADE_ACCEPT}\r\n\r\n`;
    expect(validateHandshakeResponse(head, req)).toMatchObject({
      ok: true,
      acceptValid: true,
      status: 101,
      problems: [],
    });
  });

  it('accepts the RFC example with an offered extension and subprotocol', () => {
    const head = ok.replace(
      '\r\n\r\n',
      '\r\nSec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover\r\nSec-WebSocket-Protocol: chat\r\n\r\n',
    );
    const v = validateHandshakeResponse(head, request);
    expect(v.ok).toBe(true);
    expect(v.extensions).toEqual([{ name: 'permessage-deflate', params: [{ name: 'server_no_context_takeover' }] }]);
    expect(v.protocol).toBe('chat');
  });

  const cases: Array<[string, string, string]> = [
    ['a status other than 101', ok.replace('101 Switching Protocols', '200 OK'), 'RESPONSE_NOT_101'],
    ['no Upgrade', ok.replace('Upgrade: websocket\r\n', ''), 'RESPONSE_MISSING_UPGRADE'],
    [
      'Connection without upgrade',
      ok.replace('Connection: Upgrade', 'Connection: keep-alive'),
      'RESPONSE_MISSING_CONNECTION_UPGRADE',
    ],
    ['no accept', ok.replace(`Sec-WebSocket-Accept: ${ACCEPT}\r\n`, ''), 'RESPONSE_MISSING_ACCEPT'],
    ['a wrong accept', ok.replace(ACCEPT, computeAcceptKeySync('x')), 'RESPONSE_ACCEPT_MISMATCH'],
    [
      'an extension never offered',
      ok.replace('\r\n\r\n', '\r\nSec-WebSocket-Extensions: x-webkit-deflate-frame\r\n\r\n'),
      'RESPONSE_EXTENSION_NOT_OFFERED',
    ],
    [
      'a subprotocol never offered',
      ok.replace('\r\n\r\n', '\r\nSec-WebSocket-Protocol: superchat\r\n\r\n'),
      'RESPONSE_PROTOCOL_NOT_OFFERED',
    ],
    ['a request instead', 'GET / HTTP/1.1\r\n\r\n', 'RESPONSE_MALFORMED'],
  ];
  for (const [what, head, id] of cases)
    it(`reports ${what}`, () => {
      const v = validateHandshakeResponse(head, request);
      expect(v.ok).toBe(false);
      expect(v.problems.map((p) => p.id)).toEqual([id]);
      expect(v.problems[0]!.rule).toMatch(/^RFC/);
    });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (s) => void validateHandshakeResponse(s, request)));
  });
});
