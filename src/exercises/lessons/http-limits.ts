/**
 * Exercises for the lesson "HTTP limits" (content/lessons/06-http-limits.mdx).
 * Every expected answer is computed by the project's HTTP models: request sizes by `buildHttpRequest`
 * (RFC 9112 §2–3), frame sizes by `websocketFrameSize` (RFC 6455 §5.2), which status a server default answers by
 * `checkRequestAgainstServers` over the sourced table `HTTP_LIMITS` (RFC 9110 §15.5.15, RFC 6585 §5), chunked
 * bodies by `encodeChunked` (RFC 9112 §7.1), HTTP/2 field-section sizes by `fieldSectionSize` (RFC 9113 §6.5.2),
 * requests that run or wait by `parallelRequests`.
 */
import {
  buildHttpRequest,
  checkRequestAgainstServers,
  encodeChunked,
  FIELD_LINE_OVERHEAD,
  fieldSectionSize,
  h2RequestFields,
  parallelRequests,
  websocketFrameSize,
  type RequestHeader,
} from '../../protocol/http';
import type { Rng } from '../../protocol/random';
import { defineExercises, type CodeCase } from '../types';

const int = (n: number) => n.toLocaleString('en-US');

/** Which status a server's default answers to a request (200 when no limit of that server is exceeded). */
function statusFrom(server: string, requestLine: string, headers: RequestHeader[]): number {
  const over = checkRequestAgainstServers(requestLine, headers).filter((c) => c.entry.who === server && c.exceeded);
  return over[0]?.entry.status ?? 200;
}

const SERVERS = ['nginx', 'Apache httpd', 'Node.js'] as const;

function word(rng: Rng, n: number): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < n; i++) s += letters[rng.int(0, letters.length - 1)];
  return s;
}

export default defineExercises({
  'oversize-status': {
    kind: 'value',
    title: 'What does the server answer?',
    answerLabel: 'Status code',
    generate(rng) {
      const server = rng.pick(SERVERS);
      const what = rng.pick(['target', 'cookie'] as const);
      const big = rng.pick([6000, 8100, 8300, 12000, 17000]);
      const target = what === 'target' ? `/search?q=${'x'.repeat(big)}` : '/';
      const headers: RequestHeader[] = [
        { name: 'Host', value: 'example.test' },
        { name: 'User-Agent', value: 'curl/8.5.0' },
        ...(what === 'cookie' ? [{ name: 'Cookie', value: `session=${'y'.repeat(big)}` }] : []),
      ];
      const line = `GET ${target} HTTP/1.1`;
      const status = statusFrom(server, line, headers);
      return {
        prompt: `A client sends this request to ${server === 'Node.js' ? 'a Node.js http server' : `${server}`} with its default settings. The ${what === 'target' ? 'request target' : 'Cookie header value'} is ${int(big + (what === 'target' ? 10 : 8))} bytes long.\n\nWhich status code comes back? (200 if it is accepted.)`,
        figure: `GET ${what === 'target' ? `/search?q=xxxx… (${int(big)} × x)` : '/'} HTTP/1.1\nHost: example.test\nUser-Agent: curl/8.5.0${what === 'cookie' ? `\nCookie: session=yyyy… (${int(big)} × y)` : ''}`,
        answer: { type: 'number', value: status },
      };
    },
    hints: [
      'nginx and Apache httpd allow about 8 KB for the request line and for each header line; Node.js counts target, names and values together, up to 16 KiB.',
      'Too long a target is 414 at nginx and Apache; too long a header line is 400 there. Node.js answers 431 for both.',
    ],
  },
  'request-bytes': {
    kind: 'value',
    title: 'Bytes of a small request',
    answerLabel: 'Request size',
    generate(rng) {
      const path = `/${word(rng, rng.int(1, 8))}`;
      const body = word(rng, rng.int(1, 20));
      const headers: RequestHeader[] = [
        { name: 'Host', value: `${word(rng, rng.int(3, 8))}.test` },
        ...(rng.bool() ? [{ name: 'Accept', value: '*/*' }] : []),
      ];
      const r = buildHttpRequest({ method: 'POST', target: path, headers, body });
      if (!r.ok) throw new Error(r.errors.map((e) => e.message).join(' '));
      const withoutCrlf = r.value.totalBytes - (r.value.lines.length - 1);
      return {
        prompt:
          'How many bytes does this request put into the TCP stream? Every line of the head ends in CRLF (two bytes); the body has no line ending.',
        figure: r.value.text.replace(/\r\n/g, '\n'),
        answer: {
          type: 'number',
          value: r.value.totalBytes,
          unit: 'bytes',
          mistakes: [
            {
              value: withoutCrlf,
              message:
                'That counts one byte per line ending. HTTP/1.1 ends lines with CR LF, two bytes (RFC 9112 §2.2).',
            },
          ],
        },
      };
    },
    hints: [
      'Count each line’s characters plus 2, the empty line as 2, then the body.',
      'Content-Length counts only the body.',
    ],
  },
  'frame-bytes': {
    kind: 'value',
    title: 'Bytes of a WebSocket message',
    answerLabel: 'Frame size',
    generate(rng) {
      const n = rng.pick([rng.int(1, 125), rng.int(126, 65535), rng.int(65536, 200000)]);
      const from = rng.pick(['client', 'server'] as const);
      const f = websocketFrameSize(n, from);
      const other = websocketFrameSize(n, from === 'client' ? 'server' : 'client');
      return {
        prompt: `The ${from} sends a ${int(n)}-byte text message as one WebSocket frame. How many bytes does the frame take, header included?`,
        answer: {
          type: 'number',
          value: f.total,
          unit: 'bytes',
          mistakes: [
            {
              value: other.total,
              message:
                from === 'client'
                  ? 'Client frames are masked: add the 4-byte masking key.'
                  : 'Server frames are not masked: no masking key.',
            },
          ],
        },
      };
    },
    hints: [
      '2 header bytes; +2 for a length above 125, +8 above 65,535; +4 for the masking key of a client frame (RFC 6455 §5.2).',
    ],
  },
  'cookie-room': {
    kind: 'value',
    title: 'How big may the cookie get?',
    answerLabel: 'Longest cookie value',
    generate(rng) {
      const target = `/${word(rng, rng.int(1, 30))}`;
      const headers: RequestHeader[] = [
        { name: 'Host', value: `${word(rng, rng.int(3, 10))}.test` },
        { name: 'User-Agent', value: `agent/${rng.int(1, 99)}` },
        { name: 'Accept', value: '*/*' },
      ];
      const line = `GET ${target} HTTP/1.1`;
      const ok = (k: number) =>
        !checkRequestAgainstServers(line, [...headers, { name: 'Cookie', value: 'c'.repeat(k) }]).find(
          (c) => c.entry.who === 'Node.js',
        )!.exceeded;
      // The rest of the request is under 200 bytes here, so the answer lies in this range; bisect on the model.
      let lo = 16384 - 400;
      let hi = 16384;
      if (!ok(lo)) throw new Error('cookie-room: the request is larger than expected');
      while (lo < hi) {
        const mid = Math.ceil((lo + hi) / 2);
        if (ok(mid)) lo = mid;
        else hi = mid - 1;
      }
      return {
        prompt:
          'A Node.js server with the default limit gets this request plus a `Cookie` header. Node counts the request target, every header name and every header value (not the `: ` and CRLFs) and answers 431 when the sum reaches 16,384 bytes.\n\nHow many bytes may the `Cookie` value have at most?',
        figure: `${line}\n${headers.map((h) => `${h.name}: ${h.value}`).join('\n')}\nCookie: …`,
        answer: { type: 'number', value: lo, unit: 'bytes' },
      };
    },
    hints: ['Add up the target, the names (including “Cookie”) and the values; the total must stay below 16,384.'],
  },
  'chunked-bytes': {
    kind: 'value',
    title: 'Bytes of a chunked body',
    answerLabel: 'Body on the wire',
    generate(rng) {
      const sizes = Array.from({ length: rng.int(1, 3) }, () =>
        rng.pick([rng.int(1, 15), rng.int(16, 255), rng.int(256, 4095)]),
      );
      const total = sizes.reduce((n, s) => n + s, 0);
      const c = encodeChunked(new Uint8Array(total), sizes);
      if (!c.ok) throw new Error(c.errors.map((e) => e.message).join(' '));
      const withoutEnd = c.value.totalBytes - 5;
      return {
        prompt: `A response body of ${int(total)} bytes is sent with \`Transfer-Encoding: chunked\` in ${sizes.length === 1 ? 'one chunk' : `${sizes.length} chunks of ${sizes.map(int).join(', ')} bytes`}, with no trailer fields. Chunk sizes are written in hex without leading zeros.\n\nHow many bytes does the body take on the wire, from the first chunk size to the final CRLF?`,
        answer: {
          type: 'number',
          value: c.value.totalBytes,
          unit: 'bytes',
          mistakes: [
            {
              value: withoutEnd,
              message:
                'The body does not end with the last data chunk: add the last chunk `0` CRLF and the empty line that ends the trailer section (5 bytes).',
            },
            {
              value: c.value.totalBytes - 2,
              message:
                'After the last chunk `0` CRLF comes the trailer section, then one more CRLF, even when there are no trailers.',
            },
          ],
        },
      };
    },
    hints: [
      'Each chunk is its size in hex, CRLF, the data, CRLF (RFC 9112 §7.1).',
      'Then `0` CRLF for the last chunk and a CRLF that ends the (empty) trailer section.',
    ],
  },
  'field-section-size': {
    kind: 'value',
    title: 'The size HTTP/2 counts',
    answerLabel: 'Field section size',
    generate(rng) {
      const host = `${word(rng, rng.int(3, 10))}.test`;
      const path = `/${word(rng, rng.int(1, 12))}`;
      const headers: RequestHeader[] = [
        { name: 'Host', value: host },
        { name: 'Accept', value: '*/*' },
        ...(rng.bool() ? [{ name: 'Cookie', value: `id=${word(rng, rng.int(8, 40))}` }] : []),
      ];
      const fields = h2RequestFields('GET', path, headers, 'https');
      const s = fieldSectionSize(fields);
      return {
        prompt:
          'An HTTP/2 client sends this request; its fields are listed as the HEADERS frame carries them, before HPACK compression. How large is the field section, as `SETTINGS_MAX_HEADER_LIST_SIZE` counts it?',
        figure: fields.map((f) => `${f.name}: ${f.value}`).join('\n'),
        answer: {
          type: 'number',
          value: s.size,
          unit: 'bytes',
          mistakes: [
            {
              value: s.size - fields.length * FIELD_LINE_OVERHEAD,
              message: 'Each field line also counts 32 bytes of overhead (RFC 9113 §6.5.2).',
            },
            {
              value: fieldSectionSize(fields.filter((f) => !f.name.startsWith(':'))).size,
              message: 'The pseudo-header fields (`:method`, `:path`, …) are field lines too, and count.',
            },
          ],
        },
      };
    },
    hints: ['For each line: the name’s bytes plus the value’s bytes plus 32. The `: ` between them is not counted.'],
  },
  'path-status': {
    kind: 'value',
    title: 'Who answers, and with what?',
    answerLabel: 'Status code',
    generate(rng) {
      const cookies = rng.int(1, 5);
      const each = rng.int(1500, 4000);
      const cookie = Array.from({ length: cookies }, (_, i) => `c${i}=${'v'.repeat(each)}`).join('; ');
      const line = 'GET /app HTTP/1.1';
      const headers: RequestHeader[] = [
        { name: 'Host', value: 'example.test' },
        { name: 'Cookie', value: cookie },
      ];
      const checks = checkRequestAgainstServers(line, headers);
      const nginx = checks.find((c) => c.entry.id === 'nginx-header-field')!;
      const node = checks.find((c) => c.entry.id === 'node-max-header-size')!;
      const status = nginx.exceeded ? nginx.entry.status! : node.exceeded ? node.entry.status! : 200;
      const mistakes = [];
      if (nginx.exceeded && node.exceeded)
        mistakes.push({
          value: node.entry.status!,
          message: 'Node.js would answer 431, but nginx refuses first: the request never reaches Node.',
        });
      if (nginx.exceeded && !node.exceeded)
        mistakes.push({
          value: 200,
          message:
            'Node.js would take it, but nginx sees the request first, and one header line must fit in one of its 8,192-byte buffers.',
        });
      return {
        prompt: `A browser sends ${cookies} cookie${cookies > 1 ? 's' : ''} of ${int(each)} bytes of value each (one \`Cookie\` header line of ${int(new TextEncoder().encode(`Cookie: ${cookie}`).length)} bytes without its CRLF) through nginx, used as a reverse proxy, to a Node.js app server. Both run with default limits.\n\nWhich status code does the browser get? (200 if the request reaches the app.)`,
        answer: { type: 'number', value: status, mistakes },
      };
    },
    hints: [
      'The first hop that refuses answers; the hops behind it never see the request.',
      'nginx: each header line with its CRLF must fit in 8,192 bytes, else 400. Node.js: target + names + values below 16,384, else 431.',
    ],
  },
  'free-connections': {
    kind: 'value',
    title: 'Requests that have to wait',
    answerLabel: 'Requests waiting',
    generate(rng) {
      const tabs = rng.int(2, 6);
      const requests = rng.int(2, 10);
      const protocol = rng.pick(['http/1.1', 'http/1.1', 'h2'] as const);
      const r = parallelRequests({ protocol, longLived: tabs, requests });
      const other = parallelRequests({ protocol: protocol === 'h2' ? 'http/1.1' : 'h2', longLived: tabs, requests });
      return {
        prompt: `${tabs} tabs of the same site are open, and each holds one \`EventSource\` stream open to the site's origin over ${protocol === 'h2' ? 'HTTP/2' : 'HTTP/1.1'}. One tab now starts ${requests} \`fetch()\` calls to the same origin, all at once. The browser is Chromium with its defaults${protocol === 'h2' ? ', and the server allows 100 concurrent streams' : ''}.\n\nHow many of the fetches must wait for a connection${protocol === 'h2' ? ' or stream' : ''} before they can start?`,
        answer: {
          type: 'number',
          value: r.waiting,
          mistakes:
            other.waiting !== r.waiting
              ? [
                  {
                    value: other.waiting,
                    message:
                      protocol === 'h2'
                        ? 'Over HTTP/2 all requests share one connection as streams; the 6-connection limit is HTTP/1.1’s.'
                        : 'Over HTTP/1.1 each open stream holds one of the 6 connections per origin for itself.',
                  },
                ]
              : [],
        },
      };
    },
    hints: [
      'HTTP/1.1: 6 connections per origin, shared by all tabs; an open EventSource keeps one busy.',
      'HTTP/2: one connection, many streams at once (RFC 9113 §5.1.2).',
    ],
  },
  'frame-size-code': {
    kind: 'code',
    title: 'Frame size in code',
    functionName: 'frameSize',
    starter: `/** Bytes of one WebSocket frame carrying \`payload\` bytes; masked = client frame (RFC 6455 §5.2). */
function frameSize(payload, masked) {
  return 2 + payload;
}
`,
    solution: `function frameSize(payload, masked) {
  const len = payload <= 125 ? 0 : payload <= 65535 ? 2 : 8;
  return 2 + len + (masked ? 4 : 0) + payload;
}
`,
    generate(rng) {
      const sizes = [rng.int(0, 125), 125, 126, rng.int(127, 65535), 65535, 65536, rng.int(65537, 10_000_000)];
      const cases: CodeCase[] = [];
      for (const n of sizes) {
        const masked = rng.bool();
        cases.push({ args: [n, masked], expected: websocketFrameSize(n, masked ? 'client' : 'server').total });
      }
      return { prompt: 'Return the size in bytes of one frame: header, masking key if masked, payload.', cases };
    },
    hints: ['The 7-bit length holds up to 125; 126 means a 16-bit length follows, 127 a 64-bit one.'],
  },
});
