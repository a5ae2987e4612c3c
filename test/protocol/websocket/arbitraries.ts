/** fast-check generators for WebSocket frames and streams, shared by the decoder and ws-oracle tests. */
import fc from 'fast-check';
import { concatBytes } from '../../../src/protocol/bytes';
import { encodeClose, encodeFrame, type EncodeFrameOptions } from '../../../src/protocol/websocket/encoder';

/** Any frame the encoder can build: every opcode and bit, masked or not, short and long payloads. */
export const anyFrame: fc.Arbitrary<EncodeFrameOptions & { payload: Uint8Array }> = fc.record({
  opcode: fc.integer({ min: 0, max: 15 }),
  fin: fc.boolean(),
  rsv1: fc.boolean(),
  rsv2: fc.boolean(),
  rsv3: fc.boolean(),
  maskKey: fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: undefined }),
  payload: fc.oneof(
    { weight: 6, arbitrary: fc.uint8Array({ maxLength: 130 }) },
    { weight: 1, arbitrary: fc.integer({ min: 126, max: 70000 }).map((n) => new Uint8Array(n).map((_, i) => i * 7)) },
  ),
});

const textPayload = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => new TextEncoder().encode(s));

/** A message as a sequence of frames that RFC 6455 accepts (§5.4, §5.5). */
function validMessage(masked: boolean) {
  const key = masked ? fc.uint8Array({ minLength: 4, maxLength: 4 }) : fc.constant(undefined);
  const control = fc.record({
    opcode: fc.constantFrom(0x9, 0xa),
    payload: fc.uint8Array({ maxLength: 125 }),
    maskKey: key,
  });
  const close = fc
    .record({
      code: fc.constantFrom(1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 4999),
      reason: fc.string({ maxLength: 20 }).filter((s) => new TextEncoder().encode(s).length <= 123),
      maskKey: key,
    })
    .map(({ code, reason, maskKey }) => [{ opcode: 0x8, payload: encodeClose(code, reason), maskKey }]);
  const data = fc
    .record({
      opcode: fc.constantFrom(0x1, 0x2),
      text: textPayload,
      cuts: fc.array(fc.nat(), { maxLength: 4 }),
      interleaved: fc.array(control, { maxLength: 2 }),
      keys: fc.array(key, { minLength: 5, maxLength: 5 }),
    })
    .map(({ opcode, text, cuts, interleaved, keys }) => {
      // Fragment anywhere, even inside a UTF-8 character (§5.4 allows it).
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      const bounds = [0, ...points, text.length];
      const frames: EncodeFrameOptions[] = [];
      for (let i = 0; i + 1 < bounds.length; i++) {
        frames.push({
          opcode: i === 0 ? opcode : 0x0,
          fin: i + 2 === bounds.length,
          payload: text.subarray(bounds[i]!, bounds[i + 1]!),
          maskKey: keys[i % keys.length],
        });
        // Control frames may be injected between fragments (§5.4).
        if (i === 0 && bounds.length > 2) frames.push(...interleaved);
      }
      return frames;
    });
  return fc.oneof(
    data,
    control.map((c) => [c]),
    close,
  );
}

/** A stream of valid messages from one side: frames plus their encoded bytes. */
export function validStream(from: 'client' | 'server') {
  return fc.array(validMessage(from === 'client'), { maxLength: 6 }).map((messages) => {
    const frames = messages.flat();
    return { frames, bytes: concatBytes(frames.map((f) => encodeFrame(f))) };
  });
}

/** Cut `bytes` at random points into chunks (possibly empty ones). */
export function chunked(bytes: Uint8Array, rawCuts: number[]): Uint8Array[] {
  const cuts = rawCuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const to of [...cuts, bytes.length]) {
    out.push(bytes.subarray(from, to));
    from = to;
  }
  return out;
}

/** Small edits to a byte string: flip bits, overwrite, insert, delete, truncate. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
    fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  ),
  { minLength: 1, maxLength: 4 },
);

export interface Mutation {
  kind: 'flip' | 'set' | 'insert' | 'delete' | 'truncate';
  at: number;
  bit?: number;
  value?: number;
}

export function mutate(bytes: Uint8Array, edits: Mutation[]): Uint8Array {
  const b = Array.from(bytes);
  for (const e of edits) {
    const at = b.length === 0 ? 0 : e.at % b.length;
    if (e.kind === 'flip' && b.length > 0) b[at] = b[at]! ^ (1 << e.bit!);
    else if (e.kind === 'set' && b.length > 0) b[at] = e.value!;
    else if (e.kind === 'insert') b.splice(at, 0, e.value!);
    else if (e.kind === 'delete') b.splice(at, 1);
    else if (e.kind === 'truncate') b.length = at;
  }
  return Uint8Array.from(b);
}
