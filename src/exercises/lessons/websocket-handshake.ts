/**
 * Exercises for the lesson "The WebSocket handshake" (content/lessons/07-websocket-handshake.mdx).
 * Every expected answer is computed here by the project's code: the accept key by the same SHA-1 and base64 the
 * handshake module uses, statuses by `validateHandshakeRequest`, offered subprotocols by its parser, key validity
 * by `isValidClientKey`.
 */
import { RFC_CLIENT_HANDSHAKE, RFC_KEY } from '../../../content/captures/rfc6455-examples';
import { withHeader, withMethod } from '../../explain/http-head';
import { encodeBase64 } from '../../protocol/base64';
import { isValidClientKey, sha1Sync, WEBSOCKET_GUID } from '../../protocol/websocket/accept-key';
import { validateHandshakeRequest } from '../../protocol/websocket/handshake';
import { firstFrameDelayMs, setupPlan, type SetupPath } from '../../protocol/websocket/round-trips';
import type { Rng } from '../../protocol/random';
import { hexBytes } from '../../explain/format';
import { defineExercises, type CodeCase, type Mistake } from '../types';

const ascii = new TextEncoder();

function randomBytes(rng: Rng, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => rng.int(0, 255));
}

/** A fresh Sec-WebSocket-Key: 16 random bytes in base64 (RFC 6455 §4.1 item 7), drawn from the seed. */
function randomKey(rng: Rng): string {
  return encodeBase64(randomBytes(rng, 16));
}

/**
 * Sec-WebSocket-Accept, synchronously (exercise generators cannot await): base64(SHA-1(key + GUID)), the
 * computation of `computeAcceptKey` (RFC 6455 §4.2.2 step 5.4) with the same SHA-1 and base64. The tests check that
 * the two agree.
 */
export function acceptKeySync(key: string): string {
  return encodeBase64(sha1Sync(ascii.encode(key + WEBSOCKET_GUID)));
}

/** The RFC 6455 §1.2 example request with another key: the base of the generated requests. */
function exampleRequest(key: string): string {
  return withHeader(RFC_CLIENT_HANDSHAKE, 'Sec-WebSocket-Key', key);
}

/** The request head as a figure: CRLF shown as line breaks, the final empty line dropped. */
function headFigure(head: string): string {
  return head
    .replace(/\r\n\r\n$/, '')
    .split('\r\n')
    .join('\n');
}

const ALLOWED_ORIGIN = 'http://example.com';

type Scenario = 'ok' | 'version' | 'origin' | 'method' | 'no-upgrade' | 'short-key' | 'no-key';

const SUBPROTOCOLS = ['chat', 'superchat', 'v2.chat', 'mqtt', 'wamp', 'stomp'] as const;

const PAGES = [
  'https://evil.example/attack.html',
  'https://evil.example:8443/game/index.html?level=3',
  'http://evil.example/',
  'https://app.evil.example:443/ws-client.js',
  'http://127.0.0.1:5173/src/main.ts',
  'https://evil.example:8080/a/b/c#top',
] as const;

const TARGETS = [
  'wss://bank.example/live',
  'wss://chat.example:9443/socket',
  'ws://127.0.0.1:8787/lab/ws/echo',
] as const;

export default defineExercises({
  'accept-key': {
    kind: 'value',
    title: 'Compute Sec-WebSocket-Accept',
    answerLabel: 'Sec-WebSocket-Accept',
    generate(rng) {
      const key = randomKey(rng);
      const accept = acceptKeySync(key);
      const decodedKeyAccept = encodeBase64(
        sha1Sync(new Uint8Array([...isKeyBytes(key), ...ascii.encode(WEBSOCKET_GUID)])),
      );
      const digest = sha1Sync(ascii.encode(key + WEBSOCKET_GUID));
      const mistakes: Mistake<string>[] = [
        {
          value: decodedKeyAccept,
          message:
            'that is the hash of the decoded key bytes. The server hashes the key exactly as sent, as 24 characters of text, without base64-decoding it (RFC 6455 §4.2.2 step 5.4).',
        },
        {
          value: hexBytes(digest).replace(/ /g, ''),
          message: 'that is the SHA-1 digest in hex. The header carries the same 20 bytes in base64.',
        },
        {
          value: hexBytes(digest),
          message: 'that is the SHA-1 digest in hex. The header carries the same 20 bytes in base64.',
        },
        {
          value: acceptKeySync(key.toLowerCase()),
          message: 'that hashes the key in lower case. base64 is case-sensitive: use the key exactly as sent.',
        },
        {
          value: encodeBase64(sha1Sync(ascii.encode(key + WEBSOCKET_GUID.toLowerCase()))),
          message: 'that uses the GUID in lower case. It is a fixed string, upper case as RFC 6455 §1.3 prints it.',
        },
      ];
      return {
        prompt:
          'A client sent the header below. What does the server put in `Sec-WebSocket-Accept`? Use the calculator above, a shell (`openssl`) or your browser console.',
        figure: `Sec-WebSocket-Key: ${key}`,
        answer: { type: 'text', value: accept, caseSensitive: true, mistakes },
      };
    },
    hints: (v) => {
      const key = v.figure?.replace('Sec-WebSocket-Key: ', '') ?? RFC_KEY;
      return [
        `Append the fixed GUID ${WEBSOCKET_GUID} to the key, as text (RFC 6455 §1.3).`,
        'Take the SHA-1 of that string (20 bytes) and write those bytes in base64: 28 characters ending in "=".',
        `In a shell: printf '%s' '${key}${WEBSOCKET_GUID}' | openssl dgst -sha1 -binary | base64`,
      ];
    },
  },

  'handshake-status': {
    kind: 'value',
    title: 'What does the server answer?',
    answerLabel: 'HTTP status code',
    generate(rng) {
      const scenario = rng.pick<Scenario>(['ok', 'version', 'origin', 'method', 'no-upgrade', 'short-key', 'no-key']);
      let head = exampleRequest(randomKey(rng));
      if (scenario === 'version') head = withHeader(head, 'Sec-WebSocket-Version', rng.pick(['8', '12', '14', '25']));
      if (scenario === 'origin')
        head = withHeader(
          head,
          'Origin',
          rng.pick(['https://evil.example', 'http://example.com.evil.example', 'null']),
        );
      if (scenario === 'method') head = withMethod(head, rng.pick(['POST', 'PUT']));
      if (scenario === 'no-upgrade') head = withHeader(head, 'Upgrade', null);
      if (scenario === 'short-key')
        head = withHeader(head, 'Sec-WebSocket-Key', encodeBase64(randomBytes(rng, rng.pick([8, 12, 15, 20]))));
      if (scenario === 'no-key') head = withHeader(head, 'Sec-WebSocket-Key', null);
      const validation = validateHandshakeRequest(head, { allowedOrigins: [ALLOWED_ORIGIN] });
      const status = validation.status;
      const mistakes: Mistake<number>[] = [];
      if (status !== 101) {
        mistakes.push({
          value: 101,
          message:
            '101 would accept the connection, but this request breaks a rule. Check every header against RFC 6455 §4.2.1.',
        });
      }
      if (status === 426) {
        mistakes.push({
          value: 400,
          message:
            'a server may answer 400 (RFC 6455 §4.4 shows it), but this one does what §4.2.2 suggests for a version it does not speak: 426 Upgrade Required, with Sec-WebSocket-Version: 13.',
        });
      }
      if (status === 403) {
        mistakes.push({
          value: 400,
          message:
            'the request itself is well-formed. The server refuses who is asking: the Origin is not on its list (RFC 6455 §10.2).',
        });
      }
      if (status === 400) {
        mistakes.push({
          value: 426,
          message:
            '426 is for a Sec-WebSocket-Version the server does not speak. Here the version is 13; another rule is broken.',
        });
        mistakes.push({
          value: 403,
          message: '403 is for an Origin the server refuses; this Origin is on its list. Another rule is broken.',
        });
      }
      if (status === 101) {
        mistakes.push({
          value: 400,
          message:
            'every header this request needs is there and correct. Check again: method, Upgrade, Connection, the key, version 13, and the Origin.',
        });
      }
      return {
        prompt: `A server with no Host check (the lab's own would refuse this Host) receives this upgrade request. Its Origin allow-list holds only \`${ALLOWED_ORIGIN}\`. Which HTTP status code does it answer with?`,
        figure: headFigure(head),
        answer: { type: 'number', value: status, mistakes },
      };
    },
    hints: [
      'Go through the checks of RFC 6455 §4.2.1: GET, Host, Upgrade: websocket, Connection: Upgrade, a key of 16 bytes in base64, Sec-WebSocket-Version: 13.',
      'Any of those missing or wrong: 400 Bad Request. A version the server does not speak: 426 Upgrade Required (§4.2.2). An Origin it does not accept: 403 Forbidden (§10.2).',
      'If nothing is wrong, the answer is 101 Switching Protocols.',
    ],
  },

  'pick-subprotocol': {
    kind: 'value',
    title: 'Choose the subprotocol',
    answerLabel: 'Sec-WebSocket-Protocol in the response (or "none")',
    generate(rng) {
      const offered = rng.shuffle(SUBPROTOCOLS).slice(0, rng.int(2, 3));
      const supported: string[] = rng.shuffle(SUBPROTOCOLS).slice(0, rng.int(1, 3));
      const head = withHeader(exampleRequest(randomKey(rng)), 'Sec-WebSocket-Protocol', offered.join(', '));
      // The offers as the project's parser reads them, in the client's order of preference (RFC 6455 §4.1 item 10).
      const offers = validateHandshakeRequest(head).request.protocols;
      const chosen = offers.find((p) => supported.includes(p));
      const mistakes: Mistake<string>[] = [];
      const first = offers[0];
      if (first !== undefined && first !== chosen) {
        mistakes.push({
          value: first,
          message: `the client would like that most, but this server does not speak \`${first}\`.`,
        });
      }
      for (const s of supported) {
        if (s !== chosen && !offers.includes(s)) {
          mistakes.push({
            value: s,
            message: `the server speaks it, but the client did not offer it. A server may only pick an offered value (RFC 6455 §4.2.2); the client would fail the connection (§4.1).`,
          });
        }
      }
      if (chosen !== undefined) {
        mistakes.push({ value: 'none', message: `the server and the client have a subprotocol in common.` });
      }
      mistakes.push({
        value: offers.join(', '),
        message: 'the response names one subprotocol, not the list (RFC 6455 §4.2.2).',
      });
      return {
        prompt: `A client offers the subprotocols below. The server speaks ${supported.map((s) => `\`${s}\``).join(', ')}, and honours the client's order: it picks the first offer it speaks. What does it send in \`Sec-WebSocket-Protocol\`? Answer "none" if it sends no such header (RFC 6455 allows that, though a browser that offered subprotocols then fails the connection).`,
        figure: headFigure(head)
          .split('\n')
          .filter((l) => l.startsWith('GET') || l.startsWith('Sec-WebSocket-Protocol'))
          .join('\n'),
        answer:
          chosen !== undefined
            ? { type: 'text', value: chosen, caseSensitive: true, mistakes }
            : {
                type: 'text',
                value: 'none',
                accept: ['no header', '(none)', 'no', 'null', 'nothing', '-'],
                mistakes,
              },
      };
    },
    hints: [
      'The client lists subprotocols in its order of preference (RFC 6455 §4.1 item 10).',
      'The server answers with exactly one of the offered values. With none in common RFC 6455 lets it leave the header out (§4.2.2), but a browser that offered some then fails the connection, so a server should rather refuse.',
    ],
  },

  'origin-header': {
    kind: 'value',
    title: 'What does Origin say?',
    answerLabel: 'Origin header value',
    generate(rng) {
      const page = rng.pick(PAGES);
      const target = rng.pick(TARGETS);
      // The ASCII serialization of the page's origin (RFC 6454 §6.2): scheme, host, and the port unless it is the default.
      const origin = new URL(page).origin;
      const targetOrigin = new URL(target.replace(/^ws/, 'http')).origin;
      return {
        prompt: `A script on the page \`${page}\` runs \`new WebSocket('${target}')\`. What value does the browser put in the upgrade request's \`Origin\` header?`,
        answer: {
          type: 'text',
          value: origin,
          mistakes: [
            {
              value: page,
              message:
                'Origin carries no path, query or fragment: only scheme, host and (non-default) port (RFC 6454 §6.2).',
            },
            {
              value: target,
              message:
                'that is where the request goes. Origin names the page whose script opened the connection (RFC 6455 §4.1 item 8).',
            },
            {
              value: targetOrigin,
              message:
                'that is the server’s own origin. Origin names the page whose script opened the connection (RFC 6455 §4.1 item 8).',
            },
            {
              value: new URL(page).host,
              message:
                'the scheme is part of an origin: http://a.example and https://a.example are different origins (RFC 6454 §4).',
            },
          ],
        },
      };
    },
    hints: [
      'Origin is the origin of the page running the script, not of the server it connects to (RFC 6455 §4.1 item 8).',
      'An origin is scheme://host, plus :port only when the port is not the scheme’s default (RFC 6454 §6.2).',
    ],
  },

  'valid-key-function': {
    kind: 'code',
    title: 'Write isValidKey(key)',
    functionName: 'isValidKey',
    starter: `// key is the value of a Sec-WebSocket-Key header, as a string.
// Return true when it is the base64 encoding of exactly 16 bytes.
function isValidKey(key) {
  return false;
}
`,
    solution: `function isValidKey(key) {
  // 16 bytes = 5 groups of 3 bytes (20 characters) + 1 byte (2 characters and "==").
  return /^[A-Za-z0-9+/]{22}==$/.test(key);
}
`,
    generate(rng) {
      const keys = [
        RFC_KEY,
        randomKey(rng),
        randomKey(rng),
        encodeBase64(randomBytes(rng, 15)),
        encodeBase64(randomBytes(rng, 17)),
        encodeBase64(randomBytes(rng, 18)),
        randomKey(rng).replace(/==$/, ''),
        ` ${randomKey(rng)}`,
        base64url(randomKey(rng), rng),
        '',
      ];
      const cases: CodeCase[] = keys.map((key) => ({ args: [key], expected: isValidClientKey(key).valid }));
      return {
        prompt:
          'A server must refuse a `Sec-WebSocket-Key` that is not base64 of exactly 16 bytes (RFC 6455 §4.2.1 item 5). Write `isValidKey(key)`. The key is used only as text, so you do not need to decode it: checking its shape is enough. The first test is the key of RFC 6455 §1.3.',
        cases,
      };
    },
    hints: [
      'base64 writes 3 bytes as 4 characters. 16 bytes are 5 groups of 3 (20 characters) and 1 byte left over, written as 2 characters and "==" padding.',
      'So a valid key is exactly 24 characters: 22 from A–Z a–z 0–9 + / and then "==".',
      'A regular expression does it in one line: /^[A-Za-z0-9+/]{22}==$/.',
    ],
  },

  // Added with "What real stacks do": round trips, authentication without headers, reverse proxies.

  'first-frame-time': {
    kind: 'value',
    title: 'How long before the first frame?',
    answerLabel: 'Milliseconds',
    generate(rng) {
      const path = rng.pick<SetupPath>(['ws', 'wss-tls13', 'wss-tls12-false-start', 'wss-tls12', 'h2-reused']);
      const rtt = rng.pick([10, 20, 35, 80, 150]);
      const plan = setupPlan(path);
      const value = firstFrameDelayMs(path, rtt);
      const candidates: Mistake<number>[] = [
        {
          value: rtt,
          message: `that is the opening handshake alone. Before it: ${plan.steps
            .slice(0, -1)
            .map((s) => s.what)
            .join(', ')}.`,
        },
        {
          value: value + rtt / 2,
          message:
            'the question is when the client may send, not when its frame arrives: it may send as soon as the answer to its handshake is in.',
        },
        {
          value: value - rtt,
          message: `count every step: ${plan.steps.map((s) => `${s.what} (${s.roundTrips})`).join(', ')}.`,
        },
      ];
      const mistakes = candidates.filter(
        (m, i) => m.value !== value && m.value > 0 && candidates.findIndex((c) => c.value === m.value) === i,
      );
      return {
        prompt: `A page runs \`new WebSocket(…)\`: ${plan.label}. The round-trip time to the server is ${rtt} ms; leave out DNS, lost packets and the server's own time. How many milliseconds after the call may the client send its first frame?`,
        answer: { type: 'number', value, unit: 'ms', mistakes },
      };
    },
    hints: [
      'TCP: 1 round trip (RFC 9293 §3.5). TLS 1.3: 1 more (RFC 8446 §2); TLS 1.2: 2 (RFC 5246 §7.3), or 1 with False Start (RFC 7918).',
      'The upgrade (or extended CONNECT) is 1 more round trip. Chromium sends an extended CONNECT only on an HTTP/2 connection the page already has, so that case skips the TCP and TLS handshakes; without one it opens a new HTTP/1.1 connection.',
    ],
  },

  'protocol-token': {
    kind: 'value',
    title: 'A token in Sec-WebSocket-Protocol',
    answerLabel: 'Candidate number',
    generate(rng) {
      const jwt = `${rng.pick(['eyJhbGciOiJFUzI1NiJ9', 'eyJhbGciOiJIUzI1NiJ9'])}.eyJzdWIiOiI${rng.int(10, 99)}In0.${rng.pick(['c2ln', 'U2ln', 'x-_9'])}`;
      const bad = [
        `Bearer ${jwt}`,
        `token:${jwt}`,
        `token.${rng.pick(['q3+/Zg==', 'ab/cd==', 'Zm9v/YmFy='])}`,
        `token "${jwt}"`,
      ];
      const good = `token.${jwt}`;
      const candidates = [good, ...rng.shuffle(bad).slice(0, 3)];
      const shuffled = rng.shuffle(candidates);
      // Valid when the project's handshake validator accepts it in the header: a token (RFC 6455 §4.1, RFC 9110 §5.6.2).
      const accepted = shuffled.map((c) => {
        const head = withHeader(exampleRequest(randomKey(rng)), 'Sec-WebSocket-Protocol', `chat.v1, ${c}`);
        return !validateHandshakeRequest(head).problems.some((p) => p.id === 'INVALID_PROTOCOL');
      });
      const value = accepted.indexOf(true) + 1;
      if (value === 0 || accepted.filter(Boolean).length !== 1)
        throw new Error('protocol-token: expected one valid candidate');
      return {
        prompt:
          "A page cannot set `Authorization` on a WebSocket, so it passes its access token as a subprotocol: `new WebSocket(url, ['chat.v1', candidate])`. The constructor throws a `SyntaxError` for any protocol that is not an HTTP token. Which candidate can it send?",
        figure: shuffled.map((c, i) => `${i + 1}. ${c}`).join('\n'),
        answer: { type: 'number', value },
      };
    },
    hints: [
      "A subprotocol must be a token (RFC 6455 §4.1): letters, digits and !#$%&'*+-.^_`|~ only (RFC 9110 §5.6.2). No spaces, no colons, no slashes, no = and no quotes.",
      'A JWT is base64url (A–Z a–z 0–9 - _) joined by dots, so it is a token as it is.',
    ],
  },

  'proxy-status': {
    kind: 'value',
    title: 'Behind a reverse proxy',
    answerLabel: 'HTTP status code',
    generate(rng) {
      const setup = rng.pick(['default', 'version-only', 'headers-only', 'full'] as const);
      let head = exampleRequest(randomKey(rng));
      // nginx's defaults before 1.29.7 (ngx_http_proxy_module): HTTP/1.0 upstream, Connection: close, hop-by-hop
      // Upgrade dropped. 1.29.7 made HTTP/1.1 the default and stopped sending Connection; the prompt names 1.28.
      if (setup !== 'full' && setup !== 'version-only') head = head.replace(' HTTP/1.1\r\n', ' HTTP/1.0\r\n');
      if (setup === 'default' || setup === 'version-only') {
        head = withHeader(head, 'Upgrade', null);
        head = withHeader(head, 'Connection', 'close');
      }
      if (setup === 'headers-only') head = withHeader(head, 'Connection', 'upgrade');
      const status = validateHandshakeRequest(head).status;
      const config = {
        default: 'has only `proxy_pass http://app;`',
        'version-only': 'has `proxy_pass http://app;` and `proxy_http_version 1.1;`',
        'headers-only':
          'has `proxy_pass http://app;`, `proxy_set_header Upgrade $http_upgrade;` and `proxy_set_header Connection "upgrade";`, but no `proxy_http_version`',
        full: 'has `proxy_pass http://app;`, `proxy_http_version 1.1;`, `proxy_set_header Upgrade $http_upgrade;` and `proxy_set_header Connection "upgrade";`',
      }[setup];
      return {
        prompt: `A browser's upgrade request reaches nginx 1.28, whose \`location /chat\` ${config}. The app behind it checks the request it receives like this site's validator. Below is what nginx forwards. Which status does the app answer?`,
        figure: headFigure(head),
        answer: {
          type: 'number',
          value: status,
          mistakes:
            status === 101
              ? [
                  {
                    value: 400,
                    message: 'this configuration forwards what the handshake needs: HTTP/1.1, Upgrade and Connection.',
                  },
                ]
              : [
                  {
                    value: 101,
                    message:
                      'Upgrade and Connection are hop-by-hop: nginx does not forward them unless told to, and before 1.29.7 it speaks HTTP/1.0 to the app by default, which has no upgrade (RFC 9110 §7.6.1, §7.8).',
                  },
                ],
        },
      };
    },
    hints: [
      'nginx before 1.29.7 speaks HTTP/1.0 to the app unless `proxy_http_version 1.1` says otherwise, and sends `Connection: close` (nginx documentation, ngx_http_proxy_module).',
      'Upgrade and Connection are hop-by-hop headers (RFC 9110 §7.6.1): a proxy does not pass them on by itself.',
      'The opening handshake needs HTTP/1.1 or later, Upgrade: websocket and Connection: Upgrade (RFC 6455 §4.1, §4.2.1).',
    ],
  },
});

/** The key's decoded bytes (it is valid base64 of 16 bytes by construction). */
function isKeyBytes(key: string): Uint8Array {
  const check = isValidClientKey(key);
  if (!check.valid) throw new Error(`generated an invalid key: ${key}`);
  return check.bytes;
}

/** A key written in the base64url alphabet (RFC 4648 §5): "-" and "_" instead of "+" and "/". Forces one in. */
function base64url(key: string, rng: Rng): string {
  const url = key.replace(/\+/g, '-').replace(/\//g, '_');
  if (url !== key) return url;
  const at = rng.int(0, 21);
  return `${url.slice(0, at)}${rng.pick(['-', '_'])}${url.slice(at + 1)}`;
}
