/**
 * permessage-deflate (RFC 7692): negotiation cases, round trips, properties, and ws's own
 * PerMessageDeflate (devDependency) as the independent peer for every parameter set.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  acceptDeflateResponse,
  createDeflateContext,
  inflateFrames,
  MessageDeflater,
  MessageInflater,
  negotiateDeflate,
  parseExtensions,
  type DeflateParams,
} from '../../../src/protocol/websocket';
import { pakoBackend } from '../../../src/protocol/websocket/pako-backend';

const offers = (header: string) => parseExtensions(header).extensions;

describe('negotiateDeflate (RFC 7692 §7.1)', () => {
  it('accepts Chromium’s offer and answers without client_max_window_bits, as ws does', () => {
    const n = negotiateDeflate(offers('permessage-deflate; client_max_window_bits'));
    expect(n.accepted?.response).toBe('permessage-deflate');
    expect(n.accepted?.params).toEqual({
      serverNoContextTakeover: false,
      clientNoContextTakeover: false,
      serverMaxWindowBits: 15,
      clientMaxWindowBits: 15,
    });
  });

  it('echoes the no_context_takeover parameters and window bits it was asked for', () => {
    const n = negotiateDeflate(
      offers(
        'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=9',
      ),
    );
    expect(n.accepted?.response).toBe(
      'permessage-deflate; server_no_context_takeover; client_no_context_takeover; server_max_window_bits=10; client_max_window_bits=9',
    );
  });

  it('reads quoted values (RFC 6455 §9.1)', () => {
    expect(negotiateDeflate(offers('permessage-deflate; server_max_window_bits="12"')).accepted?.params).toMatchObject({
      serverMaxWindowBits: 12,
    });
  });

  it.each([
    ['permessage-deflate; server_max_window_bits', 'needs a value'],
    ['permessage-deflate; server_max_window_bits=7', 'needs a value'],
    ['permessage-deflate; server_max_window_bits=16', 'needs a value'],
    ['permessage-deflate; server_max_window_bits=010', 'needs a value'],
    ['permessage-deflate; client_max_window_bits=0', 'must be absent or from 8 to 15'],
    ['permessage-deflate; server_no_context_takeover=1', 'takes no value'],
    ['permessage-deflate; foo', 'unknown parameter'],
    ['permessage-deflate; server_no_context_takeover; server_no_context_takeover', 'appears twice'],
    ['permessage-deflate; client_max_window_bits; client_max_window_bits=10', 'appears twice'],
  ])('declines %s', (header, reason) => {
    const n = negotiateDeflate(offers(header));
    expect(n.accepted).toBeUndefined();
    expect(n.declined).toHaveLength(1);
    expect(n.declined[0]!.reason).toContain(reason);
  });

  it('declines a bad offer and accepts a later good one in the same list', () => {
    const n = negotiateDeflate(
      offers(
        'x-webkit-deflate-frame, permessage-deflate; server_max_window_bits=20, permessage-deflate; server_max_window_bits=11',
      ),
    );
    expect(n.declined).toEqual([{ index: 1, reason: expect.stringContaining('8 to 15') }]);
    expect(n.accepted?.index).toBe(2);
    expect(n.accepted?.response).toBe('permessage-deflate; server_max_window_bits=11');
  });

  it('answers nothing when nothing is offered', () => {
    expect(negotiateDeflate(offers('foo; bar=1'))).toEqual({ declined: [] });
  });

  it('applies server options without widening the offer', () => {
    const n = negotiateDeflate(offers('permessage-deflate; server_max_window_bits=9; client_max_window_bits'), {
      serverMaxWindowBits: 12,
      clientMaxWindowBits: 10,
      clientNoContextTakeover: true,
    });
    expect(n.accepted?.response).toBe(
      'permessage-deflate; client_no_context_takeover; server_max_window_bits=9; client_max_window_bits=10',
    );
    // A client window limit needs a client that offered client_max_window_bits (§7.1.2.2).
    expect(negotiateDeflate(offers('permessage-deflate'), { clientMaxWindowBits: 10 }).accepted).toBeUndefined();
  });

  it('the client side refuses a response with client_max_window_bits without a value', () => {
    expect(acceptDeflateResponse(offers('permessage-deflate; client_max_window_bits')[0]!).ok).toBe(false);
    expect(acceptDeflateResponse(offers('permessage-deflate; server_max_window_bits=8')[0]!)).toMatchObject({
      ok: true,
      params: { serverMaxWindowBits: 8, clientMaxWindowBits: 15 },
    });
  });
});

const DEFAULT: DeflateParams = {
  serverNoContextTakeover: false,
  clientNoContextTakeover: false,
  serverMaxWindowBits: 15,
  clientMaxWindowBits: 15,
};

function pair(params: DeflateParams = DEFAULT, maxMessageBytes = 1 << 30) {
  const server = createDeflateContext(pakoBackend, params, 'server', { maxMessageBytes });
  const client = createDeflateContext(pakoBackend, params, 'client', { maxMessageBytes });
  return { server, client };
}

describe('MessageDeflater and MessageInflater', () => {
  it('compresses "Hello" to the bytes of RFC 7692 §7.2.3.1 and removes the tail', () => {
    const d = new MessageDeflater(pakoBackend, { windowBits: 15, noContextTakeover: false });
    // §7.2.3.1: "Hello" compressed is f2 48 cd c9 c9 07 00 (zlib, level 6).
    expect(Buffer.from(d.compress(new TextEncoder().encode('Hello'))).toString('hex')).toBe('f248cdc9c90700');
    // §7.2.3.2: the same message again, with context takeover, is f2 00 11 00 00.
    expect(Buffer.from(d.compress(new TextEncoder().encode('Hello'))).toString('hex')).toBe('f200110000');
  });

  it('inflates the RFC’s examples, including a stored block (§7.2.3.3) and a BFINAL block (§7.2.3.4)', () => {
    const hello = (hex: string) => {
      const i = new MessageInflater(pakoBackend, { windowBits: 15, noContextTakeover: false, maxMessageBytes: 100 });
      const r = i.push(Buffer.from(hex, 'hex'), true, true);
      return r.ok && r.done ? new TextDecoder().decode(r.message) : r;
    };
    expect(hello('f248cdc9c90700')).toBe('Hello');
    expect(hello('0005 00fa ff48 656c 6c6f 00'.replace(/ /g, ''))).toBe('Hello');
    expect(hello('f348cdc9c90700')).toBe('Hello');
  });

  it('inflates a message split over frames (the tail goes after the last one)', () => {
    const { server, client } = pair();
    const text = new TextEncoder().encode('fragmented '.repeat(100));
    const c = client.deflater.compress(text);
    const a = server.inflater.push(c.subarray(0, 3), false, true);
    expect(a).toEqual({ ok: true, done: false });
    const b = server.inflater.push(c.subarray(3), true, true);
    expect(b.ok && b.done && Buffer.from(b.message).equals(Buffer.from(text))).toBe(true);
  });

  it('round-trips any sequence of messages under any parameters (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.record({
          serverNoContextTakeover: fc.boolean(),
          clientNoContextTakeover: fc.boolean(),
          serverMaxWindowBits: fc.integer({ min: 8, max: 15 }),
          clientMaxWindowBits: fc.integer({ min: 8, max: 15 }),
        }),
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 3000 }),
            fc.string({ maxLength: 2000 }).map((s) => new TextEncoder().encode(s.repeat(3))),
          ),
          {
            minLength: 1,
            maxLength: 6,
          },
        ),
        (params, messages) => {
          const { server, client } = pair(params);
          for (const m of messages) {
            const down = client.inflater.push(server.deflater.compress(m), true, false);
            const up = server.inflater.push(client.deflater.compress(m), true, false);
            expect(down.ok && down.done && Buffer.from(down.message).equals(Buffer.from(m))).toBe(true);
            expect(up.ok && up.done && Buffer.from(up.message).equals(Buffer.from(m))).toBe(true);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('stops a bomb at the limit with 1009, without inflating the rest', () => {
    // 256 MiB of zeros compress to about 255 KiB (DEFLATE tops out near 1,030:1).
    const bomb = deflateRawSync(Buffer.alloc(256 * 1024 * 1024), { level: 9 });
    expect(bomb.length).toBeLessThan(300 * 1024);
    const i = new MessageInflater(pakoBackend, { windowBits: 15, noContextTakeover: false, maxMessageBytes: 1 << 20 });
    const r = i.push(bomb, true, false);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.violation).toMatchObject({ id: 'INFLATED_TOO_BIG', code: 1009 });
    expect(i.inflatedLength).toBeLessThanOrEqual((1 << 20) + 1);
  });

  it('fails a corrupt stream with 1007 and bad UTF-8 after inflating with 1007', () => {
    const i = new MessageInflater(pakoBackend, { windowBits: 15, noContextTakeover: false, maxMessageBytes: 1000 });
    // BTYPE = 11 is reserved (RFC 1951 §3.2.3).
    const bad = i.push(Uint8Array.of(0xff, 0xff), true, false);
    expect(bad.ok ? bad : bad.violation).toMatchObject({ id: 'DEFLATE_STREAM_INVALID', code: 1007 });
    const d = new MessageDeflater(pakoBackend, { windowBits: 15, noContextTakeover: false });
    const j = new MessageInflater(pakoBackend, { windowBits: 15, noContextTakeover: false, maxMessageBytes: 1000 });
    const r = j.push(d.compress(Uint8Array.of(0x61, 0xc3, 0x28)), true, true);
    expect(r.ok ? r : r.violation).toMatchObject({ id: 'INVALID_UTF8', code: 1007 });
  });
});

// ---- ws as the independent peer -------------------------------------------------------------

const require = createRequire(import.meta.url);
interface WsPmd {
  accept(configurations: Array<Record<string, Array<string | true>>>): Record<string, unknown>;
  offer(): Record<string, unknown>;
  compress(data: Buffer, fin: boolean, cb: (err: Error | null, out?: Buffer) => void): void;
  decompress(data: Buffer, fin: boolean, cb: (err: Error | null, out?: Buffer) => void): void;
  cleanup(): void;
}
const wsDir = dirname(require.resolve('ws'));
const WsPerMessageDeflate = require(join(wsDir, 'lib', 'permessage-deflate.js')) as new (
  options: Record<string, unknown>,
  isServer: boolean,
  maxPayload?: number,
) => WsPmd;
const wsExtension = require(join(wsDir, 'lib', 'extension.js')) as {
  parse(header: string): Record<string, Array<Record<string, Array<string | true>>>>;
  format(extensions: Record<string, unknown>): string;
};

const call = (f: (cb: (err: Error | null, out?: Buffer) => void) => void) =>
  new Promise<Buffer>((resolve, reject) => f((err, out) => (err ? reject(err) : resolve(out!))));

/** The client options ws turns into the offers of Autobahn's groups 12 and 13. */
const CLIENT_OPTIONS: Array<[string, Record<string, unknown>]> = [
  ['default offer', {}],
  ['server_no_context_takeover', { serverNoContextTakeover: true }],
  ['client_no_context_takeover', { clientNoContextTakeover: true }],
  ['both no_context_takeover', { serverNoContextTakeover: true, clientNoContextTakeover: true }],
  ['server_max_window_bits=8', { serverMaxWindowBits: 8 }],
  ['client_max_window_bits=8', { clientMaxWindowBits: 8 }],
  [
    'window bits 9 both ways, no context',
    { serverMaxWindowBits: 9, clientMaxWindowBits: 9, clientNoContextTakeover: true },
  ],
  ['server_max_window_bits=12', { serverMaxWindowBits: 12 }],
];

const SIZES = [16, 64, 256, 1024, 4096, 16384, 65536, 131072, 262144];

function message(size: number, binary: boolean, seed: number): Buffer {
  if (binary) {
    // Pseudo-random bytes with some repetition, as Autobahn's binary payloads.
    const b = Buffer.alloc(size);
    let x = seed * 2654435761;
    for (let i = 0; i < size; i++) {
      x = (x * 1103515245 + 12345) >>> 0;
      b[i] = i % 7 === 0 ? (x >>> 24) & 0xff : (i * seed) & 0x3f;
    }
    return b;
  }
  return Buffer.from(`message ${seed}: ${'Hello, wörld! '.repeat(Math.ceil(size / 14))}`.slice(0, size), 'utf8');
}

describe('against ws’s PerMessageDeflate (Autobahn 12/13-shaped)', () => {
  it.each(CLIENT_OPTIONS)('%s: 16 B to 256 KiB, text and binary, both directions', async (_name, clientOptions) => {
    const wsClient = new WsPerMessageDeflate(clientOptions, false);
    const offer = wsExtension.format({ 'permessage-deflate': [wsClient.offer()] });
    const n = negotiateDeflate(parseExtensions(offer).extensions);
    expect(n.accepted, offer).toBeDefined();
    wsClient.accept(wsExtension.parse(n.accepted!.response)['permessage-deflate']!);
    const ours = createDeflateContext(pakoBackend, n.accepted!.params, 'server', { maxMessageBytes: 1 << 20 });
    let seed = 1;
    for (const binary of [false, true]) {
      for (const size of SIZES) {
        const m = message(size, binary, seed++);
        // ws client → our server
        const up = await call((cb) => wsClient.compress(m, true, cb));
        const got = ours.inflater.push(up, true, !binary);
        expect(got.ok && got.done && Buffer.from(got.message).equals(m), `${size} up`).toBe(true);
        // our server → ws client
        const down = ours.deflater.compress(m);
        const back = await call((cb) => wsClient.decompress(Buffer.from(down), true, cb));
        expect(back.equals(m), `${size} down`).toBe(true);
      }
    }
    wsClient.cleanup();
  });

  it('ws decompresses our server_max_window_bits=8 stream with an 8-bit window', async () => {
    const wsClient = new WsPerMessageDeflate({ serverMaxWindowBits: 8 }, false);
    wsClient.accept(wsExtension.parse('permessage-deflate; server_max_window_bits=8')['permessage-deflate']!);
    const ours = createDeflateContext(pakoBackend, { ...DEFAULT, serverMaxWindowBits: 8 }, 'server', {
      maxMessageBytes: 1 << 20,
    });
    for (let k = 0; k < 20; k++) {
      const m = message(300 + k * 37, k % 2 === 0, k + 100);
      const back = await call((cb) => wsClient.decompress(Buffer.from(ours.deflater.compress(m)), true, cb));
      expect(back.equals(m)).toBe(true);
    }
    wsClient.cleanup();
  });
});

describe('the size limit while inflating (fast-check)', () => {
  it('either returns the whole message or stops with 1009 having inflated at most limit + 1 bytes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 4000 }).map((b) => new Uint8Array([...b, ...b, ...b])),
        fc.integer({ min: 0, max: 12_000 }),
        (message, limit) => {
          const d = new MessageDeflater(pakoBackend, { windowBits: 15, noContextTakeover: false });
          const i = new MessageInflater(pakoBackend, {
            windowBits: 15,
            noContextTakeover: false,
            maxMessageBytes: limit,
          });
          const r = i.push(d.compress(message), true, false);
          if (message.length <= limit) {
            expect(r.ok && r.done && Buffer.from(r.message).equals(Buffer.from(message))).toBe(true);
          } else {
            expect(r.ok ? r : r.violation).toMatchObject({ id: 'INFLATED_TOO_BIG', code: 1009 });
            expect(i.inflatedLength).toBeLessThanOrEqual(limit + 1);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('inflateFrames', () => {
  it('inflates the compressed messages of a stream in order and skips the rest after a failure', () => {
    const d = new MessageDeflater(pakoBackend, { windowBits: 15, noContextTakeover: false });
    const enc = (s: string) => new TextEncoder().encode(s);
    const frame = (payload: Uint8Array, opts: { rsv1?: boolean; fin?: boolean; opcode?: number } = {}) => ({
      fin: opts.fin ?? true,
      rsv1: opts.rsv1 ?? true,
      opcode: opts.opcode ?? 1,
      payload,
      offset: 0,
      headerLength: 2,
    });
    const first = d.compress(enc('Hello'));
    const second = d.compress(enc('Hello'));
    const frames = [
      frame(first.subarray(0, 2), { fin: false }),
      frame(new Uint8Array(0), { opcode: 0x9, rsv1: false }), // a ping between the fragments
      frame(first.subarray(2), { opcode: 0, rsv1: false }),
      frame(enc('plain'), { rsv1: false }),
      frame(second),
      frame(Uint8Array.of(0xff, 0xff)),
      frame(d.compress(enc('after'))),
    ];
    const inflater = new MessageInflater(pakoBackend, {
      windowBits: 15,
      noContextTakeover: false,
      maxMessageBytes: 100,
    });
    const out = inflateFrames(frames, inflater);
    expect(out.map((m) => [m.first, m.compressedLength, m.message && new TextDecoder().decode(m.message)])).toEqual([
      [0, first.length, 'Hello'],
      [4, second.length, 'Hello'],
      [5, 2, undefined],
      [6, expect.any(Number), undefined],
    ]);
    expect(out[2]?.violation?.id).toBe('DEFLATE_STREAM_INVALID');
    expect(out[3]).toMatchObject({ skipped: true, complete: true });
  });
});
