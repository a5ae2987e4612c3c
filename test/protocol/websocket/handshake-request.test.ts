import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildHandshakeResponse } from '../../../src/protocol/websocket/handshake-response';
import {
  getHeader,
  validateHandshakeRequest,
  type ValidateHandshakeOptions,
} from '../../../src/protocol/websocket/handshake-request';
import { HANDSHAKE_RULES, type HandshakeProblemId } from '../../../src/protocol/websocket/handshake-rules';
import { RFC_REQUEST, RFC_REQUEST_LINES, add, replace, request } from './handshake-fixtures';
import { CHROMIUM_UPGRADE_ACCEPT, CHROMIUM_UPGRADE_REQUEST } from '../../../content/captures/chromium-loopback';

describe('validateHandshakeRequest: valid requests', () => {
  it('RFC 6455 §1.2 sample request', () => {
    const v = validateHandshakeRequest(RFC_REQUEST);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.status).toBe(101);
    expect(v.complete).toBe(true);
    expect(v.lineEnding).toBe('CRLF');
    expect(v.headLength).toBe(RFC_REQUEST.length);
    expect(v.request).toMatchObject({
      method: 'GET',
      target: '/chat',
      version: 'HTTP/1.1',
      host: 'server.example.com',
      origin: 'http://example.com',
      key: 'dGhlIHNhbXBsZSBub25jZQ==',
      websocketVersion: '13',
      protocols: ['chat', 'superchat'],
      extensions: [],
    });
    expect(v.request.headers[0]).toEqual({ name: 'Host', value: 'server.example.com', line: 2 });
    expect(v.request.lookup['sec-websocket-protocol']).toEqual(['chat, superchat']);
  });

  // Captured from headless Chromium 156 on loopback (content/captures/chromium-loopback.ts). The
  // reference articles show their browser requests only as screenshots; tcp-ip-through-tcpdump.zh.txt
  // keeps just the summary line "length 434: HTTP: GET / HTTP/1.1".
  it('a real Chromium upgrade request, as bytes and as text', async () => {
    for (const head of [CHROMIUM_UPGRADE_REQUEST, new TextEncoder().encode(CHROMIUM_UPGRADE_REQUEST)]) {
      const v = validateHandshakeRequest(head);
      expect(v.problems).toEqual([]);
      expect(v.headLength).toBe(501);
      expect(v.request.origin).toBe('http://127.0.0.1:18932');
      expect(v.request.extensions).toEqual([
        { name: 'permessage-deflate', params: [{ name: 'client_max_window_bits' }] },
      ]);
      expect(v.request.protocols).toEqual([]);
      expect(v.request.headers.map((h) => h.name)).toEqual([
        'Host',
        'Connection',
        'Pragma',
        'Cache-Control',
        'User-Agent',
        'Upgrade',
        'Origin',
        'Sec-WebSocket-Version',
        'Accept-Encoding',
        'Accept-Language',
        'Sec-WebSocket-Key',
        'Sec-WebSocket-Extensions',
      ]);
      expect(getHeader(v.request, 'user-agent')).toMatch(/HeadlessChrome\/156/);
      const response = await buildHandshakeResponse(v);
      expect(response.headers).toContainEqual(['Sec-WebSocket-Accept', CHROMIUM_UPGRADE_ACCEPT]);
      expect(response.headers.map(([n]) => n)).not.toContain('Sec-WebSocket-Extensions');
    }
  });

  it('headLength marks where frames start when they arrive with the head', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(RFC_REQUEST), 0x81, 0x85, 0x37, 0xfa]);
    const v = validateHandshakeRequest(bytes);
    expect(v.ok).toBe(true);
    expect(v.headLength).toBe(bytes.length - 4);
  });

  it('accepts case variations the RFC allows: header names, "WebSocket", "keep-alive, Upgrade"', () => {
    const v = validateHandshakeRequest(
      request((l) =>
        replace('Connection', 'connection: keep-alive, UPGRADE')(replace('Upgrade', 'UPGRADE: WebSocket')(l)),
      ),
    );
    expect(v.problems).toEqual([]);
  });

  it('tolerates bare LF line ends with a note (RFC 9112 §2.2)', () => {
    const v = validateHandshakeRequest(request(undefined, '\n'));
    expect(v.ok).toBe(true);
    expect(v.lineEnding).toBe('LF');
    expect(v.problems.map((p) => p.id)).toEqual(['BARE_LF']);
    expect(v.problems[0]?.message).toMatch(/Every line ends in a bare LF/);
  });

  // websocket-protocol-analysis.zh.txt (lines 243–251) copies the RFC §1.2 request with a stray empty
  // line after Origin. Pasted as is, that empty line ends the head early.
  it('the reference article’s copy with a stray empty line: the head ends at the blank line', () => {
    const article = [
      'GET /chat HTTP/1.1',
      'Host: server.example.com',
      'Origin: http://example.com',
      '',
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
      'Sec-WebSocket-Protocol: chat, superchat',
      'Sec-WebSocket-Version: 13',
    ].join('\n');
    const v = validateHandshakeRequest(article);
    expect(v.ok).toBe(false);
    expect(v.request.headers).toHaveLength(2);
    expect(v.problems.filter((p) => p.severity === 'error').map((p) => p.id)).toEqual([
      'MISSING_UPGRADE',
      'MISSING_CONNECTION',
      'MISSING_KEY',
      'MISSING_VERSION',
    ]);
  });
});

describe('validateHandshakeRequest: one test per problem', () => {
  const cases: Array<[HandshakeProblemId, string, HandshakeProblemId[], ValidateHandshakeOptions?]> = [
    ['EMPTY_REQUEST', '', ['EMPTY_REQUEST']],
    ['INCOMPLETE_HEAD', RFC_REQUEST.slice(0, -2), ['INCOMPLETE_HEAD']],
    ['HEAD_TOO_LARGE', RFC_REQUEST, ['HEAD_TOO_LARGE'], { maxHeadBytes: 100 }],
    ['BARE_LF', request(undefined, '\n'), ['BARE_LF']],
    ['BARE_CR', request(replace('Host', 'Host: server\r.example.com')), ['BARE_CR']],
    ['LEADING_EMPTY_LINES', '\r\n' + RFC_REQUEST, ['LEADING_EMPTY_LINES']],
    ['REQUEST_LINE_MALFORMED', request((l) => ['GET /chat', ...l.slice(1)]), ['REQUEST_LINE_MALFORMED']],
    ['REQUEST_LINE_WHITESPACE', request((l) => ['GET  /chat\tHTTP/1.1', ...l.slice(1)]), ['REQUEST_LINE_WHITESPACE']],
    ['METHOD_NOT_GET', request((l) => ['POST /chat HTTP/1.1', ...l.slice(1)]), ['METHOD_NOT_GET']],
    ['INVALID_HTTP_VERSION', request((l) => ['GET /chat http/1.1', ...l.slice(1)]), ['INVALID_HTTP_VERSION']],
    ['HTTP_VERSION_TOO_OLD', request((l) => ['GET /chat HTTP/1.0', ...l.slice(1)]), ['HTTP_VERSION_TOO_OLD']],
    [
      'INVALID_TARGET',
      request((l) => ['GET ws://server.example.com/chat HTTP/1.1', ...l.slice(1)]),
      ['INVALID_TARGET'],
    ],
    [
      'WHITESPACE_BEFORE_FIRST_HEADER',
      request((l) => [l[0]!, ' X-Smuggled: 1', ...l.slice(1)]),
      ['WHITESPACE_BEFORE_FIRST_HEADER'],
    ],
    [
      'OBS_FOLD',
      request(replace('Sec-WebSocket-Protocol', 'Sec-WebSocket-Protocol: chat,\r\n superchat')),
      ['OBS_FOLD'],
    ],
    ['MISSING_COLON', request(add('This line has no colon')), ['MISSING_COLON']],
    ['WHITESPACE_BEFORE_COLON', request(add('X-Extra : 1')), ['WHITESPACE_BEFORE_COLON']],
    ['INVALID_FIELD_NAME', request(add('X(Extra): 1')), ['INVALID_FIELD_NAME']],
    ['INVALID_FIELD_VALUE', request(add('X-Extra: a\0b')), ['INVALID_FIELD_VALUE']],
    ['CONTROL_CHARACTER_IN_VALUE', request(add('X-Extra: a\x07b')), ['CONTROL_CHARACTER_IN_VALUE']],
    ['MISSING_HOST', request(replace('Host', null)), ['MISSING_HOST']],
    ['DUPLICATE_HOST', request(add('Host: evil.example')), ['DUPLICATE_HOST']],
    ['EMPTY_HOST', request(replace('Host', 'Host:')), ['EMPTY_HOST']],
    ['MISSING_UPGRADE', request(replace('Upgrade', null)), ['MISSING_UPGRADE']],
    ['UPGRADE_NOT_WEBSOCKET', request(replace('Upgrade', 'Upgrade: h2c')), ['UPGRADE_NOT_WEBSOCKET']],
    ['MISSING_CONNECTION', request(replace('Connection', null)), ['MISSING_CONNECTION']],
    [
      'CONNECTION_NOT_UPGRADE',
      request(replace('Connection', 'Connection: keep-alive, Upgraded')),
      ['CONNECTION_NOT_UPGRADE'],
    ],
    ['MISSING_KEY', request(replace('Sec-WebSocket-Key', null)), ['MISSING_KEY']],
    ['DUPLICATE_KEY', request(add('Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA==')), ['DUPLICATE_KEY']],
    ['INVALID_KEY', request(replace('Sec-WebSocket-Key', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25j')), ['INVALID_KEY']],
    [
      'NONCANONICAL_KEY',
      request(replace('Sec-WebSocket-Key', 'Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEC==')),
      ['NONCANONICAL_KEY'],
    ],
    ['MISSING_VERSION', request(replace('Sec-WebSocket-Version', null)), ['MISSING_VERSION']],
    ['DUPLICATE_VERSION', request(add('Sec-WebSocket-Version: 13')), ['DUPLICATE_VERSION']],
    [
      'UNSUPPORTED_VERSION',
      request(replace('Sec-WebSocket-Version', 'Sec-WebSocket-Version: 8')),
      ['UNSUPPORTED_VERSION'],
    ],
    [
      'INVALID_PROTOCOL',
      request(replace('Sec-WebSocket-Protocol', 'Sec-WebSocket-Protocol: chat/1.0')),
      ['INVALID_PROTOCOL'],
    ],
    ['DUPLICATE_PROTOCOL', request(add('Sec-WebSocket-Protocol: chat')), ['DUPLICATE_PROTOCOL']],
    ['INVALID_EXTENSIONS', request(add('Sec-WebSocket-Extensions: permessage-deflate; =15')), ['INVALID_EXTENSIONS']],
    ['DUPLICATE_ORIGIN', request(add('Origin: http://evil.example')), ['DUPLICATE_ORIGIN']],
    ['ORIGIN_NOT_ALLOWED', RFC_REQUEST, ['ORIGIN_NOT_ALLOWED'], { allowedOrigins: ['http://127.0.0.1:8787'] }],
  ];

  it('covers every rule in HANDSHAKE_RULES', () => {
    expect(cases.map(([id]) => id).sort()).toEqual(Object.keys(HANDSHAKE_RULES).sort());
  });

  it.each(cases)('%s', (id, head, expected, options) => {
    const v = validateHandshakeRequest(head, options);
    expect(v.problems.map((p) => p.id)).toEqual(expected);
    const problem = v.problems.find((p) => p.id === id)!;
    const rule = HANDSHAKE_RULES[id];
    expect(problem.severity).toBe(rule.severity);
    expect(problem.rule).toBe(rule.rule);
    expect(problem.status).toBe(rule.status);
    expect(problem.message.length).toBeGreaterThan(20);
    expect(v.ok).toBe(rule.severity !== 'error');
    expect(v.status).toBe(rule.severity === 'error' ? rule.status : 101);
  });

  it('lists every problem of a request at once, with line numbers', () => {
    const v = validateHandshakeRequest('get /chat HTTP/1.0\r\nupgrade: h2c\r\nSec-WebSocket-Version: 8\r\n\r\n');
    expect(v.problems.map((p) => p.id)).toEqual([
      'METHOD_NOT_GET',
      'HTTP_VERSION_TOO_OLD',
      'MISSING_HOST',
      'UPGRADE_NOT_WEBSOCKET',
      'MISSING_CONNECTION',
      'MISSING_KEY',
      'UNSUPPORTED_VERSION',
    ]);
    expect(v.problems[0]?.message).toMatch(/Methods are case-sensitive/);
    expect(v.problems.find((p) => p.id === 'UPGRADE_NOT_WEBSOCKET')?.line).toBe(2);
    expect(v.problems.find((p) => p.id === 'UNSUPPORTED_VERSION')?.line).toBe(3);
    expect(v.status).toBe(400);
  });

  it('names the details: key reason, target fragment, obs-fold joined', () => {
    const key = validateHandshakeRequest(
      request(replace('Sec-WebSocket-Key', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25j')),
    );
    expect(key.problems[0]?.message).toMatch(/decodes to 15 bytes/);
    const fragment = validateHandshakeRequest(request((l) => ['GET /chat#x HTTP/1.1', ...l.slice(1)]));
    expect(fragment.problems[0]).toMatchObject({ id: 'INVALID_TARGET', rule: 'RFC 6455 §4.2.1 item 1, §3' });
    expect(fragment.problems[0]?.message).toMatch(/fragment/);
    const fold = validateHandshakeRequest(
      request(replace('Sec-WebSocket-Protocol', 'Sec-WebSocket-Protocol: chat,\r\n superchat')),
    );
    expect(fold.request.protocols).toEqual(['chat', 'superchat']);
  });

  it('allows requests without Origin (non-browser clients, §4.2.1 item 7) and matches origins case-insensitively', () => {
    const noOrigin = validateHandshakeRequest(request(replace('Origin', null)), {
      allowedOrigins: ['http://example.com'],
    });
    expect(noOrigin.ok).toBe(true);
    const upper = validateHandshakeRequest(RFC_REQUEST, { allowedOrigins: ['HTTP://EXAMPLE.COM'] });
    expect(upper.ok).toBe(true);
    const fn = validateHandshakeRequest(RFC_REQUEST, { allowedOrigins: (o) => o.endsWith('.org') });
    expect(fn.status).toBe(403);
  });
});

describe('never throws', { timeout: 60_000 }, () => {
  it('on arbitrary text and bytes (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.uint8Array({ maxLength: 300 })),
        (head) => {
          const v = validateHandshakeRequest(head);
          expect(typeof v.ok).toBe('boolean');
          expect(v.ok).toBe(!v.problems.some((p) => p.severity === 'error'));
        },
      ),
    );
  });

  it('on the RFC request with lines dropped, duplicated or cut; ok only when every required field is right (property)', () => {
    const lineEdits = fc.array(
      fc.tuple(fc.nat(RFC_REQUEST_LINES.length - 1), fc.constantFrom('drop', 'dup', 'cut', 'upper')),
      { maxLength: 4 },
    );
    fc.assert(
      fc.property(lineEdits, fc.constantFrom('\r\n', '\n'), (edits, ending) => {
        let lines = [...RFC_REQUEST_LINES];
        for (const [index, edit] of edits) {
          const line = lines[index % Math.max(lines.length, 1)];
          if (line === undefined) continue;
          const at = lines.indexOf(line);
          if (edit === 'drop') lines.splice(at, 1);
          else if (edit === 'dup') lines.splice(at, 0, line);
          else if (edit === 'cut') lines[at] = line.slice(0, Math.floor(line.length / 2));
          else lines[at] = line.toUpperCase();
        }
        lines = lines.filter((l) => l !== '');
        const v = validateHandshakeRequest(lines.join(ending) + ending + ending);
        if (v.ok) {
          expect(v.request.method).toBe('GET');
          expect(v.request.key).toBeDefined();
          expect(v.request.websocketVersion).toBe('13');
          expect(v.request.host).toBeTruthy();
        }
      }),
    );
  });
});
