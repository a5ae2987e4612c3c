/**
 * Checks specific to the exercises of the two WebSocket lessons, beyond the generic ones in lessons.test.ts:
 * the synchronous accept key agrees with the handshake module's Web Crypto one and with RFC 6455 §1.3, and the
 * generators actually reach every case the lessons talk about (each status, "none", invalid keys, 85 characters).
 */
import { describe, expect, it } from 'vitest';
import { RFC_ACCEPT, RFC_KEY } from '../../content/captures/rfc6455-examples';
import framing from '../../src/exercises/lessons/websocket-framing';
import messages from '../../src/exercises/lessons/websocket-messages';
import handshake, { acceptKeySync } from '../../src/exercises/lessons/websocket-handshake';
import type { CodeVariant, HexFrameVariant, ValueVariant } from '../../src/exercises/types';
import { resolveVariant } from '../../src/exercises/variant';
import { computeAcceptKey } from '../../src/protocol/websocket/accept-key';

const SEEDS = Array.from({ length: 200 }, (_, i) => (i * 2654435761) >>> 0);

function values(def: Parameters<typeof resolveVariant>[0]): ValueVariant[] {
  return SEEDS.map((seed) => resolveVariant(def, seed) as ValueVariant);
}

describe('websocket-handshake exercises', () => {
  it('computes the accept key of RFC 6455 §1.3 and agrees with computeAcceptKey', async () => {
    expect(acceptKeySync(RFC_KEY)).toBe(RFC_ACCEPT);
    for (const v of values(handshake['accept-key']).slice(0, 20)) {
      const key = v.figure!.replace('Sec-WebSocket-Key: ', '');
      expect(v.answer.value).toBe(await computeAcceptKey(key));
    }
  });

  it('asks for every status the lesson explains', () => {
    const statuses = new Set(values(handshake['handshake-status']).map((v) => v.answer.value));
    expect([...statuses].sort()).toEqual([101, 400, 403, 426]);
  });

  it('has subprotocol variants with a common protocol and without one', () => {
    const answers = values(handshake['pick-subprotocol']).map((v) => v.answer.value);
    expect(answers).toContain('none');
    expect(answers.some((a) => a !== 'none')).toBe(true);
  });

  it('drops path and default port from the Origin', () => {
    const answers = new Set(values(handshake['origin-header']).map((v) => v.answer.value));
    expect(answers).toContain('https://app.evil.example');
    expect(answers).toContain('https://evil.example:8443');
    for (const a of answers) expect(String(a)).toMatch(/^https?:\/\/[^/?#]+$/);
  });

  it('tests valid and invalid keys in the code exercise', () => {
    const v = resolveVariant(handshake['valid-key-function'], 1) as CodeVariant;
    const expected = v.cases.map((c) => c.expected);
    expect(expected).toContain(true);
    expect(expected).toContain(false);
    expect(v.cases[0]).toEqual({ args: [RFC_KEY], expected: true });
  });
});

describe('websocket-framing exercises added with the lesson', () => {
  it('counts 85 Chinese characters for a one-byte length, and 63 emoji', () => {
    const found = values(framing['nickname-max-chars']).map((v) => [
      v.prompt.includes('first byte'),
      v.prompt.match(/\(U\+[0-9A-F]+\)/)?.[0],
      v.answer.value,
    ]);
    expect(found).toContainEqual([true, '(U+6635)', 85]);
    expect(found).toContainEqual([true, '(U+1F600)', 63]);
    expect(found.some(([oneByte]) => oneByte === false)).toBe(true);
  });

  it('asks for a first fragment: FIN 0 with the text opcode', () => {
    const v = resolveVariant(messages['first-fragment'], 3) as HexFrameVariant;
    expect(v.expected).toMatchObject({ fin: false, opcode: 0x1 });
  });
});

describe('websocket-messages exercises on permessage-deflate (moved from the framing lesson)', () => {
  it('never accepts the first offer (always a bad one) and names why each declined offer is wrong', () => {
    for (const v of values(messages['deflate-offer'])) {
      expect(v.answer.value).toBeGreaterThan(1);
      const mistakes = (v.answer as { mistakes?: { value: number; message: string }[] }).mistakes ?? [];
      expect(mistakes.find((m) => m.value === 1)?.message).toMatch(/must be declined/);
    }
  });

  it('points at the frame with RSV1 where it may not be, in every variant', () => {
    const seen = new Set<string>();
    for (const v of values(messages['deflate-rsv1'])) {
      const frames = v
        .figure!.split('\n')
        .map((l) => Buffer.from(l.replace(/^frame \d: /, '').replace(/\s+/g, ''), 'hex'));
      const negotiated = v.prompt.includes('permessage-deflate was negotiated');
      // Checked by hand, not by the decoder: the answer is the frame whose RSV1 bit (0x40) is not allowed.
      const bad = frames.findIndex((f, i) => (f[0]! & 0x40) !== 0 && (!negotiated || i > 0)) + 1;
      expect(v.answer.value).toBe(bad);
      seen.add(`${negotiated} ${bad}`);
    }
    expect([...seen].sort()).toEqual(['false 1', 'true 2', 'true 3']);
  });

  it('computes zlib’s deflate memory: 256 KiB at window bits 15 and memLevel 8', () => {
    const answers = values(messages['deflate-memory']).map((v) => [v.prompt, v.answer.value] as const);
    const defaults = answers.find(([p]) => p.includes('server_max_window_bits=15') && p.includes('memLevel 8'));
    expect(defaults?.[1]).toBe(256 * 1024);
  });
});

describe('websocket-messages exercises on fragments, backpressure and closing', () => {
  it('flags a data frame between fragments (frame 2) and lets control frames through (0)', () => {
    const seen = new Set<string>();
    for (const v of values(messages['fragment-interleave'])) {
      // Checked by hand from the prompt, not by the decoder: only a control frame may sit between fragments.
      const dataBetween = /2\. a complete (text|binary) message/.test(v.prompt);
      expect(v.answer.value).toBe(dataBetween ? 2 : 0);
      seen.add(String(v.answer.value));
    }
    expect([...seen].sort()).toEqual(['0', '2']);
  });

  it('counts bufferedAmount in UTF-8 bytes of the data, without frame headers', () => {
    for (const v of values(messages['buffered-amount'])) {
      const sent = [...v.prompt.matchAll(/ws\.send\('([^']*)'\)/g)].map((m) => m[1]!);
      expect(sent.length).toBeGreaterThanOrEqual(2);
      expect(v.answer.value).toBe(sent.reduce((n, t) => n + Buffer.byteLength(t, 'utf8'), 0));
    }
  });

  it('allows 123 bytes of close reason: 123 ASCII letters, 61 é, 41 €, 30 emoji', () => {
    const found = new Map<string, number>();
    for (const v of values(messages['close-reason-chars'])) {
      const char = v.prompt.match(/made only of .*?\((.+?)\)|made only of (ASCII)/)!;
      found.set(char[1] ?? char[2]!, v.answer.value as number);
    }
    expect(Object.fromEntries(found)).toEqual({ ASCII: 123, é: 61, '€': 41, 日: 41, '😀': 30 });
  });

  it('reports the received code, 1005 for an empty Close and 1006 when no Close came', () => {
    const seen = new Set<number>();
    for (const v of values(messages['close-event-code'])) {
      const expected = v.prompt.includes('never answers')
        ? 1006
        : v.prompt.includes('empty payload')
          ? 1005
          : Buffer.from(v.prompt.match(/`88 ([0-9a-f ]+)`/)![1]!.replace(/ /g, ''), 'hex').readUInt16BE(1);
      expect(v.answer.value).toBe(expected);
      seen.add(expected);
    }
    expect([...seen].sort()).toEqual([1000, 1001, 1005, 1006]);
  });
});

describe('websocket-handshake exercises on real stacks', () => {
  it('counts the round trips before the first frame by hand: TCP 1, TLS 1.3 1, TLS 1.2 2 (1 with False Start), upgrade 1', () => {
    const byHand: [RegExp, number][] = [
      [/ws: over HTTP\/1\.1\./, 2],
      [/TLS 1\.3\./, 3],
      [/TLS 1\.2 with False Start/, 3],
      [/TLS 1\.2 without False Start/, 4],
      [/HTTP\/2 connection the page already has/, 1],
    ];
    for (const v of values(handshake['first-frame-time'])) {
      const rtt = Number(v.prompt.match(/round-trip time to the server is (\d+) ms/)![1]);
      const trips = byHand.find(([re]) => re.test(v.prompt))![1];
      expect(v.answer.value).toBe(trips * rtt);
    }
  });

  it('offers exactly one candidate that is an HTTP token, and it is the token.<JWT> one', () => {
    for (const v of values(handshake['protocol-token'])) {
      const lines = v.figure!.split('\n').map((l) => l.replace(/^\d+\. /, ''));
      const tokens = lines.map((l) => /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(l));
      expect(tokens.filter(Boolean)).toHaveLength(1);
      expect(v.answer.value).toBe(tokens.indexOf(true) + 1);
    }
  });

  it('answers 101 behind nginx only with HTTP/1.1 and both hop-by-hop headers set', () => {
    const seen = new Set<number>();
    for (const v of values(handshake['proxy-status'])) {
      const full = v.prompt.includes('proxy_http_version 1.1') && v.prompt.includes('proxy_set_header Upgrade');
      expect(v.answer.value).toBe(full ? 101 : 400);
      seen.add(v.answer.value as number);
    }
    expect([...seen].sort()).toEqual([101, 400]);
  });
});
