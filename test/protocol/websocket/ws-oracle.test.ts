/**
 * `ws` (websockets/ws, a devDependency) as an independent oracle for the codec:
 * - frames ws's Sender produces decode to the same messages with no violations;
 * - frames we encode are accepted by ws's Receiver and give the same messages;
 * - on malformed input both fail the connection with the same close code, apart from the
 *   documented differences in KNOWN_DIFFERENCES.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '../../../src/protocol/websocket/decoder';
import { encodeFrame } from '../../../src/protocol/websocket/encoder';
import type { DecodeOptions, DecodeResult, Frame, Violation } from '../../../src/protocol/websocket/types';
import { concatBytes } from '../../../src/protocol/bytes';
import { anyFrame, chunked, mutate, mutations, validStream } from './arbitraries';
import { VECTORS } from './vector-format';
import { wsReceive, wsSender, type WsOutcome } from './ws-internals';

/** fast-check runs thousands of cases; on a busy machine that can exceed the 5 s default. */
const PROPERTY_TESTS = { timeout: 60_000 };

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Our frames as the events ws's Receiver emits; like ws, nothing after the first close frame. */
function messagesOf(frames: Frame[]): string[] {
  const events: string[] = [];
  let message: { binary: boolean; parts: Uint8Array[] } | undefined;
  for (const f of frames) {
    if (f.opcode === 0x1 || f.opcode === 0x2) message = { binary: f.opcode === 0x2, parts: [] };
    if (f.opcode <= 0x2 && message) {
      message.parts.push(f.payload);
      if (f.fin) {
        events.push(`${message.binary ? 'binary' : 'text'} ${hex(concatBytes(message.parts))}`);
        message = undefined;
      }
    } else if (f.opcode === 0x9 || f.opcode === 0xa) {
      events.push(`${f.opcode === 0x9 ? 'ping' : 'pong'} ${hex(f.payload)}`);
    } else if (f.opcode === 0x8) {
      events.push(`close ${f.closeCode ?? 1005} ${hex(f.payload.subarray(2))}`);
      break;
    }
  }
  return events;
}

/**
 * Where we and ws knowingly differ, each backed by the RFC:
 * - NON_MINIMAL_LENGTH on data frames: RFC 6455 §5.2 requires the minimal encoding; ws does not
 *   check it on receipt. We fail the connection (1002); ws accepts.
 * - LENGTH_MSB_SET: §5.2 says the most significant bit must be 0, a protocol error (1002); ws reports
 *   any length above 2^53 − 1 as unsupported, 1009.
 * - INVALID_UTF8 in a text message: we fail at the first impossible byte, as §8.1 asks for ("as soon
 *   as"); ws checks once the message is complete, so it may first meet a later error, or none.
 */
function ourCodeForWs(v: Violation): number | undefined {
  if (v.id === 'NON_MINIMAL_LENGTH') return undefined;
  if (v.id === 'LENGTH_MSB_SET') return 1009;
  return v.code;
}

/** Checks that ws and we agree on these bytes, allowing only the known differences. */
function expectAgreement(ours: DecodeResult, theirs: WsOutcome): void {
  // ws stops reading at the end of the first close frame; compare up to there.
  const close = ours.frames.find((f) => f.opcode === 0x8);
  const stopAt = close ? close.offset + close.headerLength + close.payloadLength : Infinity;
  const considered = ours.violations.filter((v) => v.offset < stopAt && ourCodeForWs(v) !== undefined);
  const label = JSON.stringify({ ours: considered.map((v) => `${v.id}@${v.offset}`), ws: theirs.error });
  if (theirs.error) {
    if (theirs.error.status === 1007) {
      expect(['INVALID_UTF8', 'INVALID_UTF8_CLOSE_REASON'], label).toContain(considered[0]?.id);
    } else {
      const first = considered.find((v) => v.id !== 'INVALID_UTF8');
      expect(first && ourCodeForWs(first), label).toBe(theirs.error.status);
    }
  } else {
    // No error for ws: the only thing we may have seen is bad UTF-8 in a message ws never finished.
    expect(
      considered.every((v) => v.id === 'INVALID_UTF8'),
      label,
    ).toBe(true);
    expect(messagesOf(ours.frames.filter((f) => f.offset < stopAt))).toEqual(theirs.events);
  }
}

describe('ws Sender → our decoder', PROPERTY_TESTS, () => {
  const action = fc.oneof(
    fc.record({
      kind: fc.constantFrom('text' as const, 'binary' as const),
      fragments: fc.array(fc.string({ unit: 'binary', maxLength: 30 }), { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ kind: fc.constantFrom('ping' as const, 'pong' as const), data: fc.uint8Array({ maxLength: 125 }) }),
    fc.record({
      kind: fc.constant('close' as const),
      code: fc.constantFrom(1000, 1001, 1011, 1014, 3000, 4999),
      reason: fc.string({ maxLength: 30 }).filter((s) => Buffer.byteLength(s) <= 123),
    }),
  );

  it('decodes every frame ws sends, masked or not, to the same messages with no violations', () => {
    fc.assert(
      fc.property(
        fc.array(action, { maxLength: 6 }),
        fc.option(fc.uint8Array({ minLength: 4, maxLength: 4 }), { nil: undefined }),
        (actions, key) => {
          const { sender, written } = wsSender(key);
          const mask = key !== undefined;
          const expected: string[] = [];
          for (const a of actions) {
            if (a.kind === 'text' || a.kind === 'binary') {
              const parts = a.fragments.map((s) => Buffer.from(s));
              parts.forEach((p, i) =>
                sender.send(a.kind === 'text' ? p.toString() : p, {
                  binary: a.kind === 'binary',
                  fin: i === parts.length - 1,
                  mask,
                }),
              );
              expected.push(`${a.kind} ${Buffer.concat(parts).toString('hex')}`);
            } else if (a.kind === 'ping' || a.kind === 'pong') {
              sender[a.kind](Buffer.from(a.data), mask);
              expected.push(`${a.kind} ${hex(a.data)}`);
            } else if (a.kind === 'close') {
              sender.close(a.code, a.reason, mask);
              expected.push(`close ${a.code} ${Buffer.from(a.reason).toString('hex')}`);
              break;
            }
          }
          const r = decodeFrames(written(), { from: mask ? 'client' : 'server' });
          expect(r.violations).toEqual([]);
          expect(r.needed).toBeUndefined();
          expect(messagesOf(r.frames)).toEqual(expected);
          for (const f of r.frames) expect(f.maskKey && hex(f.maskKey)).toBe(key && hex(key));
        },
      ),
    );
  });

  it('decodes ws frames of every length encoding (125, 126, 65535, 65536 bytes)', () => {
    for (const n of [125, 126, 65535, 65536]) {
      const { sender, written } = wsSender(Uint8Array.of(1, 2, 3, 4));
      const data = Buffer.alloc(n, 0x41);
      sender.send(data, { binary: true, fin: true, mask: true });
      const [frame] = decodeFrames(written(), { from: 'client' }).frames;
      expect([frame!.payloadLength, frame!.lengthEncoding, Buffer.compare(frame!.payload, data)]).toEqual([
        n,
        n <= 125 ? 7 : n <= 65535 ? 16 : 64,
        0,
      ]);
    }
  });
});

describe('our encoder → ws Receiver', PROPERTY_TESTS, () => {
  it('ws accepts every valid stream we encode, in any chunking, and reads the same messages', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .constantFrom('client' as const, 'server' as const)
          .chain((from) => fc.tuple(fc.constant(from), validStream(from))),
        fc.array(fc.nat(), { maxLength: 6 }),
        async ([from, { bytes }], cuts) => {
          const theirs = await wsReceive(chunked(bytes, cuts), { isServer: from === 'client' });
          expect(theirs.error).toBeUndefined();
          expect(messagesOf(decodeFrames(bytes, { from }).frames)).toEqual(theirs.events);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('malformed input: the same close code as ws', PROPERTY_TESTS, () => {
  const cases = VECTORS.filter((v) => v.file === 'violations.md' && !v.options.allowRsv1);

  it.each(cases.map((v) => [v.title, v] as const))('%s', async (_title, v) => {
    const ours = decodeFrames(v.input, v.options);
    const theirs = await wsReceive([v.input], {
      isServer: v.options.from === 'client',
      maxPayload: v.options.maxPayload,
    });
    expectAgreement(ours, theirs);
  });

  it('differs from ws only where documented: non-minimal lengths, MSB of the 64-bit length, early UTF-8', async () => {
    const nonMinimal = Uint8Array.from(Buffer.from('827e00050102030405', 'hex'));
    expect((await wsReceive([nonMinimal], { isServer: false })).error).toBeUndefined();
    expect(decodeFrames(nonMinimal).violations.map((v) => v.code)).toEqual([1002]);

    const msb = Uint8Array.from(Buffer.from('827f8000000000000005', 'hex'));
    expect((await wsReceive([msb], { isServer: false })).error?.status).toBe(1009);
    expect(decodeFrames(msb).violations.map((v) => [v.id, v.code])).toEqual([['LENGTH_MSB_SET', 1002]]);

    // Bad UTF-8 (0xC0) in the first fragment, then a reserved opcode: ws never finishes the message,
    // so it sees only the opcode; we see both, the UTF-8 first.
    const early = Uint8Array.from(Buffer.from('010248c08300', 'hex'));
    expect((await wsReceive([early], { isServer: false })).error?.code).toBe('WS_ERR_INVALID_OPCODE');
    expect(decodeFrames(early).violations.map((v) => v.id)).toEqual(['INVALID_UTF8', 'RESERVED_OPCODE']);
  });

  // In a sample run of 1500 cases ws reported 10 different errors (RSV, opcode, mask, FIN, UTF-8,
  // close code, control length) and no error in ~40%, so both branches of expectAgreement are exercised.
  it('agrees with ws on random and mutated streams (fuzz)', async () => {
    const streams = fc.oneof(
      fc
        .tuple(fc.constantFrom('client' as const, 'server' as const), fc.array(anyFrame, { maxLength: 4 }))
        .map(([from, specs]) => ({ from, bytes: concatBytes(specs.map((s) => encodeFrame(s))) })),
      fc
        .constantFrom('client' as const, 'server' as const)
        .chain((from) => fc.tuple(fc.constant(from), validStream(from), mutations))
        .map(([from, stream, edits]) => ({ from, bytes: mutate(stream.bytes, edits) })),
    );
    await fc.assert(
      fc.asyncProperty(streams, fc.array(fc.nat(), { maxLength: 3 }), async ({ from, bytes }, cuts) => {
        const opts: DecodeOptions = { from, maxPayload: 1000 };
        const theirs = await wsReceive(chunked(bytes, cuts), { isServer: from === 'client', maxPayload: 1000 });
        expectAgreement(decodeFrames(bytes, opts), theirs);
      }),
      { numRuns: 1500 },
    );
  });
});
