import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  buildForbiddenResponse,
  buildHandshakeResponse,
  computeAcceptKeySync,
  validateHandshakeResponse,
} from '../../../src/protocol/websocket/handshake-response';
import { validateHandshakeRequest } from '../../../src/protocol/websocket/handshake-request';
import { RFC_REQUEST, RFC_RESPONSE, replace, request as rfcRequest } from './handshake-fixtures';
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

describe('buildHandshakeResponse: the RFC sample', () => {
  it('builds exactly the RFC 6455 §1.2 response when accepting "chat"', async () => {
    const response = await buildHandshakeResponse(validateHandshakeRequest(RFC_REQUEST), { protocol: 'chat' });
    expect(response.status).toBe(101);
    expect(response.head).toBe(RFC_RESPONSE);
    expect(response.body).toBe('');
    expect(response.wire).toBe(RFC_RESPONSE);
  });
});

describe('buildHandshakeResponse: refusals', () => {
  it('400 lists the problems in a text body with a correct byte Content-Length', async () => {
    const v = validateHandshakeRequest(rfcRequest(replace('Host', null)));
    const response = await buildHandshakeResponse(v);
    expect(response.status).toBe(400);
    expect(response.head.startsWith('HTTP/1.1 400 Bad Request\r\n')).toBe(true);
    expect(response.headers).toContainEqual(['Connection', 'close']);
    expect(response.body).toMatch(
      /There is no Host header field.*\[MISSING_HOST; RFC 6455 §4.2.1 item 2; RFC 9112 §3.2\]/,
    );
    expect(response.headers).toContainEqual(['Content-Length', String(new TextEncoder().encode(response.body).length)]);
    expect(response.body).toContain('’'); // multi-byte UTF-8, so characters ≠ bytes
    expect(response.wire).toBe(response.head + response.body);
  });

  it('426 Upgrade Required with Sec-WebSocket-Version: 13 for another version (RFC 6455 §4.4)', async () => {
    const response = await buildHandshakeResponse(
      validateHandshakeRequest(rfcRequest(replace('Sec-WebSocket-Version', 'Sec-WebSocket-Version: 25'))),
    );
    expect(response.status).toBe(426);
    expect(response.reason).toBe('Upgrade Required');
    expect(response.headers).toContainEqual(['Sec-WebSocket-Version', '13']);
    expect(response.headers).toContainEqual(['Upgrade', 'websocket']);
    expect(response.headers).toContainEqual(['Connection', 'Upgrade, close']);
    expect(response.body).toMatch(/"25"/);
  });

  it('400, not 426, when Sec-WebSocket-Version is missing: a required field (RFC 6455 §4.2.1), naming 13', async () => {
    const response = await buildHandshakeResponse(
      validateHandshakeRequest(rfcRequest(replace('Sec-WebSocket-Version', null))),
    );
    expect(response.status).toBe(400);
    expect(response.headers).toContainEqual(['Sec-WebSocket-Version', '13']);
    expect(response.body).toMatch(/MISSING_VERSION/);
  });

  it('400 (not 426) when the version is wrong among other errors, still naming version 13', async () => {
    const response = await buildHandshakeResponse(
      validateHandshakeRequest(
        rfcRequest((l) =>
          replace('Sec-WebSocket-Version', 'Sec-WebSocket-Version: 8')(replace('Sec-WebSocket-Key', null)(l)),
        ),
      ),
    );
    expect(response.status).toBe(400);
    expect(response.headers).toContainEqual(['Sec-WebSocket-Version', '13']);
    expect(response.body).toMatch(/MISSING_KEY/);
    expect(response.body).toMatch(/UNSUPPORTED_VERSION/);
  });

  it('403 for a disallowed Origin (RFC 6455 §10.2), and the standalone helper', async () => {
    const response = await buildHandshakeResponse(
      validateHandshakeRequest(RFC_REQUEST, { allowedOrigins: ['http://127.0.0.1:8787'] }),
    );
    expect(response.status).toBe(403);
    expect(response.body).toMatch(/"http:\/\/example.com" is not allowed/);
    const forbidden = buildForbiddenResponse();
    expect(forbidden.head.startsWith('HTTP/1.1 403 Forbidden\r\n')).toBe(true);
    expect(forbidden.body).toMatch(/RFC 6455 §10.2/);
  });

  it('431 for a head over the limit (RFC 6585 §5)', async () => {
    const response = await buildHandshakeResponse(validateHandshakeRequest(RFC_REQUEST, { maxHeadBytes: 64 }));
    expect(response.status).toBe(431);
    expect(response.head.startsWith('HTTP/1.1 431 Request Header Fields Too Large\r\n')).toBe(true);
  });

  it('leaves notes out of the body and warnings marked', async () => {
    const v = validateHandshakeRequest(
      rfcRequest((l) => ['GET  /chat HTTP/1.1', ...l.slice(1).filter((x) => !x.startsWith('Host'))]),
      {},
    );
    const response = await buildHandshakeResponse(v);
    expect(response.body).toMatch(/- \(warning\) The request line/);
  });
});

describe('buildHandshakeResponse: 101 options', () => {
  it('refuses to accept a subprotocol the client did not offer (RFC 6455 §4.2.2 step 4)', async () => {
    await expect(buildHandshakeResponse(validateHandshakeRequest(RFC_REQUEST), { protocol: 'mqtt' })).rejects.toThrow(
      /cannot accept subprotocol "mqtt": the client offered "chat", "superchat"/,
    );
  });

  it('appends extra headers, refusing CR/LF that would split the response', async () => {
    const v = validateHandshakeRequest(RFC_REQUEST);
    const response = await buildHandshakeResponse(v, { extraHeaders: { 'X-Lab': 'wire-notebook' } });
    expect(response.head).toMatch(/\r\nX-Lab: wire-notebook\r\n\r\n$/);
    await expect(buildHandshakeResponse(v, { extraHeaders: [['X-Evil', 'a\r\nSet-Cookie: x=1']] })).rejects.toThrow(
      /CR, LF or NUL/,
    );
    await expect(buildHandshakeResponse(v, { extraHeaders: { 'Bad Name': 'x' } })).rejects.toThrow(/not a token/);
  });
});
