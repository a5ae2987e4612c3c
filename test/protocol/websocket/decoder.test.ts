import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecoder, decodeFrames, DEFAULT_MAX_PAYLOAD } from '../../../src/protocol/websocket/decoder';
import { encodeFrame } from '../../../src/protocol/websocket/encoder';
import type { DecodeOptions, DecodeResult } from '../../../src/protocol/websocket/types';
import { VIOLATION_RULES } from '../../../src/protocol/websocket/violations';
import { concatBytes } from '../../../src/protocol/bytes';
import { anyFrame, chunked, mutate, mutations, validStream } from './arbitraries';

/** fast-check runs thousands of cases; on a busy machine that can exceed the 5 s default. */
const PROPERTY_TESTS = { timeout: 60_000 };

const h = (s: string): Uint8Array => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

/** Payloads as base64 so deep equality stays fast on 70 KB payloads. */
function comparable(r: DecodeResult): unknown {
  return {
    ...r,
    frames: r.frames.map((f) => ({
      ...f,
      payload: Buffer.from(f.payload).toString('base64'),
      maskKey: f.maskKey && Buffer.from(f.maskKey).toString('hex'),
    })),
  };
}

/** Pushes the chunks and gathers everything, as one result. */
function decodeChunks(chunks: Uint8Array[], opts: DecodeOptions): DecodeResult & { state: string } {
  const d = createDecoder(opts);
  const out: DecodeResult = { frames: [], violations: [] };
  for (const c of chunks) {
    const r = d.push(c);
    out.frames.push(...r.frames);
    out.violations.push(...r.violations);
  }
  const end = d.end();
  if (end.needed !== undefined) {
    out.needed = end.needed;
    out.partial = end.partial;
  }
  return { ...out, state: d.state };
}

const options = fc.record({
  from: fc.constantFrom('client' as const, 'server' as const, 'unknown' as const),
  maxPayload: fc.option(fc.integer({ min: 0, max: 300 }), { nil: undefined }),
  allowRsv1: fc.boolean(),
});

describe('createDecoder: named states and bytes needed', () => {
  it('walks HEADER → EXTENDED_LENGTH_16 → MASK_KEY → PAYLOAD, one byte at a time', () => {
    // A masked 200-byte binary frame: 82 fe 00 c8, key 01 02 03 04, payload.
    const frame = encodeFrame({ opcode: 2, payload: new Uint8Array(200).fill(7), maskKey: Uint8Array.of(1, 2, 3, 4) });
    const d = createDecoder({ from: 'client' });
    const seen: string[] = [];
    const log = (): void => void seen.push(`${d.state} needed=${d.needed} inState=${d.neededInState}`);
    log();
    for (let i = 0; i < 10; i++) {
      expect(d.push(frame.subarray(i, i + 1)).frames).toEqual([]);
      log();
    }
    expect(seen).toEqual([
      'HEADER needed=0 inState=2',
      'HEADER needed=1 inState=1',
      'EXTENDED_LENGTH_16 needed=6 inState=2', // 2 length bytes + 4 key bytes; the length is not known yet
      'EXTENDED_LENGTH_16 needed=5 inState=1',
      'MASK_KEY needed=204 inState=4',
      'MASK_KEY needed=203 inState=3',
      'MASK_KEY needed=202 inState=2',
      'MASK_KEY needed=201 inState=1',
      'PAYLOAD needed=200 inState=200',
      'PAYLOAD needed=199 inState=199',
      'PAYLOAD needed=198 inState=198',
    ]);
    expect(d.partial).toMatchObject({
      offset: 0,
      state: 'PAYLOAD',
      received: 10,
      opcode: 2,
      masked: true,
      payloadLength: 200,
      lengthEncoding: 16,
      headerLength: 8,
      maskKey: Uint8Array.of(1, 2, 3, 4),
    });
    expect(d.end()).toMatchObject({ needed: 198, partial: { received: 10 } });
    const r = d.push(frame.subarray(10));
    expect(r.frames).toHaveLength(1);
    expect(r.frames[0]!.payload).toEqual(new Uint8Array(200).fill(7));
    expect([d.state, d.needed, d.partial, d.position]).toEqual(['HEADER', 0, undefined, 208]);
    expect(d.end()).toEqual({ frames: [], violations: [] });
  });

  it('gives frame offsets in the whole stream, across pushes', () => {
    const d = createDecoder();
    d.push(h('81 05 48 65'));
    const r = d.push(h('6c 6c 6f 82 00'));
    expect(r.frames.map((f) => f.offset)).toEqual([0, 7]);
    expect(d.position).toBe(9);
  });

  it('describes the fragmented message in progress', () => {
    const d = createDecoder({ from: 'server' });
    d.push(h('01 03 48 65 6c 89 00 00 01'));
    expect(d.message).toEqual({ opcode: 1, offset: 0, length: 4, frames: 2, compressed: false });
    d.push(h('6c 80 01 6f'));
    expect(d.message).toBeUndefined();
  });
});

describe('UTF-8 of text messages fails as early as the bytes allow (RFC 6455 §8.1)', () => {
  it('reports invalid UTF-8 inside a frame whose payload has not fully arrived', () => {
    // A client text frame announcing 1000 bytes; byte 5 of the payload is 0xFF.
    const payload = new Uint8Array(1000).fill(0x61);
    payload[5] = 0xff;
    const frame = encodeFrame({ opcode: 1, payload, maskKey: Uint8Array.of(9, 8, 7, 6) });
    const d = createDecoder({ from: 'client' });
    const r = d.push(frame.subarray(0, 8 + 10));
    expect(r.frames).toEqual([]);
    expect(r.violations).toMatchObject([{ id: 'INVALID_UTF8', code: 1007, offset: 8 + 5 }]);
    expect(r.violations[0]!.message).toMatch(/0xFF never appears in UTF-8/);
    // The frame still completes, and no second report for the same message.
    const rest = d.push(frame.subarray(18));
    expect(rest.violations).toEqual([]);
    expect(rest.frames).toHaveLength(1);
  });

  it('checks each text message separately', () => {
    const r = decodeFrames(h('81 01 c3  81 02 c3 a9  81 01 ff'));
    expect(r.violations.map((v) => [v.id, v.offset])).toEqual([
      ['INVALID_UTF8', 2],
      ['INVALID_UTF8', 9],
    ]);
  });

  it('does not read binary messages or compressed text as UTF-8', () => {
    expect(decodeFrames(h('82 02 ff fe')).violations).toEqual([]);
    expect(decodeFrames(h('c1 02 ff fe'), { allowRsv1: true }).violations).toEqual([]);
  });
});

describe('limits and stopping', () => {
  it('refuses a frame above maxPayload as soon as its length is read, before any payload', () => {
    const d = createDecoder({ maxPayload: 10 });
    const r = d.push(h('82 0b'));
    expect(r.violations).toMatchObject([{ id: 'PAYLOAD_TOO_BIG', code: 1009, offset: 1 }]);
    expect(r.violations[0]!.message).toMatch(/11 payload bytes, more than the limit of 10/);
    expect(d.state).toBe('FAILED');
    // Later bytes are ignored; nothing is buffered or reported.
    expect(d.push(h('81 02 68 69'))).toEqual({ frames: [], violations: [] });
    expect([d.needed, d.partial, d.end()]).toEqual([0, undefined, { frames: [], violations: [] }]);
  });

  it('createDecoder limits payloads to 100 MiB by default; decodeFrames only reports what is missing', () => {
    expect(DEFAULT_MAX_PAYLOAD).toBe(100 * 1024 * 1024);
    const header = h('82 7f 00 00 00 00 06 40 00 01'); // 100 MiB + 1
    expect(
      createDecoder()
        .push(header)
        .violations.map((v) => v.id),
    ).toEqual(['PAYLOAD_TOO_BIG']);
    expect(decodeFrames(header)).toMatchObject({ violations: [], needed: 100 * 1024 * 1024 + 1 });
  });

  it('does not reserve memory for an announced length that has not arrived', () => {
    // 1 TiB announced, 10 bytes sent: allocating the announced size would throw a RangeError.
    const bytes = concatBytes([h('82 7f 00 00 01 00 00 00 00 00'), new Uint8Array(10)]);
    const d = createDecoder({ maxPayload: Number.MAX_SAFE_INTEGER });
    expect(() => d.push(bytes)).not.toThrow();
    expect(d.needed).toBe(2 ** 40 - 10);
  });

  it('accumulates a payload split over many chunks into one buffer of the frame’s size', () => {
    const payload = new Uint8Array(3000).map((_, i) => i * 13);
    const frame = encodeFrame({ opcode: 2, payload, maskKey: Uint8Array.of(0xde, 0xad, 0xbe, 0xef) });
    const d = createDecoder({ from: 'client' });
    const frames = chunked(
      frame,
      Array.from({ length: 40 }, (_, i) => i * 77 + 3),
    ).flatMap((c) => d.push(c).frames);
    expect(frames).toHaveLength(1);
    expect(frames[0]!.payload).toEqual(payload);
    expect(frames[0]!.payload.buffer.byteLength).toBe(3000);
  });
});

describe('copying and zeroCopy', () => {
  const masked = h('81 85 37 fa 21 3d 7f 9f 4d 51 58');

  it('by default copies payloads and leaves the input as it was', () => {
    const input = masked.slice();
    const [frame] = decodeFrames(input).frames;
    expect(new TextDecoder().decode(frame!.payload)).toBe('Hello');
    expect(input).toEqual(masked);
    expect(frame!.payload.buffer).not.toBe(input.buffer);
    expect(frame!.maskKey!.buffer).not.toBe(input.buffer);
  });

  it('with zeroCopy returns views into the chunk, unmasked in place', () => {
    const input = masked.slice();
    const [frame] = decodeFrames(input, { zeroCopy: true }).frames;
    expect(frame!.payload.buffer).toBe(input.buffer);
    expect(new TextDecoder().decode(input.subarray(6))).toBe('Hello');
    expect(Array.from(frame!.maskKey!)).toEqual([0x37, 0xfa, 0x21, 0x3d]);
  });
});

describe('close frames', () => {
  it('exposes the status code and reason', () => {
    const [f] = decodeFrames(h('88 05 03 e8 62 79 65')).frames;
    expect([f!.closeCode, f!.closeReason]).toEqual([1000, 'bye']);
    const [empty] = decodeFrames(h('88 00')).frames;
    expect([empty!.closeCode, empty!.closeReason]).toEqual([undefined, undefined]);
  });

  it('names the problem in plain words', () => {
    const { violations } = decodeFrames(h('88 02 03 ed'));
    expect(violations[0]!.message).toMatch(/close code 1005 \(0x03 0xED\) may not be sent: No Status Received/);
  });
});

describe('properties', PROPERTY_TESTS, () => {
  it('round-trips any frame the encoder builds, field by field', () => {
    fc.assert(
      fc.property(fc.array(anyFrame, { maxLength: 5 }), (specs) => {
        const encoded = specs.map((s) => encodeFrame(s));
        const r = decodeFrames(concatBytes(encoded));
        // Only fatal violations could stop decoding, and minimal lengths without a limit have none.
        expect(r.needed).toBeUndefined();
        expect(r.frames).toHaveLength(specs.length);
        let offset = 0;
        specs.forEach((s, i) => {
          const f = r.frames[i]!;
          expect(f).toMatchObject({
            opcode: s.opcode,
            fin: s.fin,
            rsv1: s.rsv1,
            rsv2: s.rsv2,
            rsv3: s.rsv3,
            masked: s.maskKey !== undefined,
            payloadLength: s.payload.length,
            offset,
            headerLength: encoded[i]!.length - s.payload.length,
          });
          // Buffer.compare: a deep equality over 70 000 elements would dominate the run time.
          expect(Buffer.compare(f.payload, s.payload)).toBe(0);
          if (s.maskKey) expect(f.maskKey).toEqual(s.maskKey);
          offset += encoded[i]!.length;
        });
      }),
    );
  });

  it('decodes valid streams of fragmented, interleaved, masked messages with no violations', () => {
    fc.assert(
      fc.property(validStream('client'), ({ frames, bytes }) => {
        const r = decodeFrames(bytes, { from: 'client' });
        expect(r.violations).toEqual([]);
        expect(r.frames.map((f) => f.payload)).toEqual(frames.map((f) => f.payload));
      }),
    );
    fc.assert(
      fc.property(validStream('server'), ({ bytes }) => {
        expect(decodeFrames(bytes, { from: 'server' }).violations).toEqual([]);
      }),
    );
  });

  it('gives identical results for any split of a stream into chunks', () => {
    const streams = fc.oneof(
      fc.array(anyFrame, { maxLength: 4 }).map((specs) => concatBytes(specs.map((s) => encodeFrame(s)))),
      fc.tuple(validStream('client'), mutations).map(([s, m]) => mutate(s.bytes, m)),
      fc.uint8Array({ maxLength: 64 }),
    );
    fc.assert(
      fc.property(streams, fc.array(fc.nat(), { maxLength: 12 }), options, (bytes, cuts, opts) => {
        const whole = decodeChunks([bytes], opts);
        const pieces = decodeChunks(chunked(bytes, cuts), opts);
        expect(comparable(pieces)).toEqual(comparable(whole));
        const r = decodeFrames(bytes, { ...opts, maxPayload: opts.maxPayload ?? DEFAULT_MAX_PAYLOAD });
        const { state: _state, ...wholeResult } = whole;
        expect(comparable(r)).toEqual(comparable(wholeResult));
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary bytes, and its output stays within the input', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200, size: 'max' }), options, fc.boolean(), (bytes, opts, zeroCopy) => {
        const r = decodeFrames(bytes, { ...opts, zeroCopy });
        checkInvariants(bytes, r);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on bytes near valid frames (bit flips, insertions, deletions, cuts)', () => {
    fc.assert(
      fc.property(validStream('client'), mutations, options, (stream, edits, opts) => {
        const bytes = mutate(stream.bytes, edits);
        checkInvariants(bytes, decodeFrames(bytes, opts));
      }),
      { numRuns: 2000 },
    );
  });

  it('says exactly how many bytes are missing once the frame length is known', () => {
    fc.assert(
      fc.property(anyFrame, fc.nat(), (spec, cut) => {
        const frame = encodeFrame(spec);
        const k = cut % frame.length;
        const r = decodeFrames(frame.subarray(0, k));
        const headerKnown = k >= frame.length - spec.payload.length - (spec.maskKey ? 4 : 0);
        if (k === 0) expect(r.needed).toBeUndefined();
        else if (headerKnown) expect(k + r.needed!).toBe(frame.length);
        else expect(k + r.needed!).toBeLessThanOrEqual(frame.length);
      }),
    );
  });
});

function checkInvariants(bytes: Uint8Array, r: DecodeResult): void {
  let end = 0;
  for (const f of r.frames) {
    expect(f.offset).toBe(end);
    expect(f.payload.length).toBe(f.payloadLength);
    end = f.offset + f.headerLength + f.payloadLength;
    expect(end).toBeLessThanOrEqual(bytes.length);
  }
  const rules = new Map(VIOLATION_RULES.map((v) => [v.id, v]));
  for (const v of r.violations) {
    expect(v.offset).toBeGreaterThanOrEqual(0);
    expect(v.offset).toBeLessThan(bytes.length);
    expect(v.code).toBe(rules.get(v.id)!.code);
    expect(v.message.length).toBeGreaterThan(10);
  }
  if (r.needed !== undefined) {
    expect(r.needed).toBeGreaterThan(0);
    expect(r.partial!.offset).toBe(end);
  }
}
