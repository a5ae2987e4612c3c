import { describe, expect, it } from 'vitest';
import { decodeFrames, encodeFrame, parseHex } from '../../src/protocol';
import {
  diagramSegments,
  fieldsAtByte,
  frameFields,
  lengthEncodingExplanation,
  partialFrameFields,
  primaryFieldAtByte,
} from '../../src/explain/frame-fields';
import { opcodeName } from '../../src/explain/opcodes';

/** RFC 6455 §5.7: a single-frame masked text message, "Hello". */
const MASKED_HELLO = parseHex('81 85 37 fa 21 3d 7f 9f 4d 51 58');

function only(bytes: Uint8Array) {
  const { frames } = decodeFrames(bytes);
  expect(frames).toHaveLength(1);
  return frames[0]!;
}

describe('frameFields', () => {
  it('maps every field of the RFC 6455 §5.7 masked Hello to its bits and bytes', () => {
    const fields = frameFields(only(MASKED_HELLO), MASKED_HELLO);
    expect(fields.map((f) => [f.key, f.bitStart, f.bitLength, f.byteStart, f.byteEnd, f.bits, f.value])).toEqual([
      ['fin', 0, 1, 0, 1, '1', '1'],
      ['rsv1', 1, 1, 0, 1, '0', '0'],
      ['rsv2', 2, 1, 0, 1, '0', '0'],
      ['rsv3', 3, 1, 0, 1, '0', '0'],
      ['opcode', 4, 4, 0, 1, '0001', '0x1'],
      ['mask', 8, 1, 1, 2, '1', '1'],
      ['len7', 9, 7, 1, 2, '0000101', '5'],
      ['maskkey', 16, 32, 2, 6, '00110111111110100010000100111101', '37 fa 21 3d'],
      ['payload', 48, 40, 6, 11, '', '5 bytes'],
    ]);
    const opcode = fields.find((f) => f.key === 'opcode')!;
    expect(opcode.explanation).toContain('opcode 0x1 = text frame (RFC 6455 §5.2)');
  });

  it('explains the 16-bit extended length (126) and places it at bytes 2–3', () => {
    // RFC 6455 §5.7: "256 bytes binary message in a single unmasked frame" — 0x82 0x7E 0x0100 + 256 bytes.
    const bytes = encodeFrame({ opcode: 0x2, payload: new Uint8Array(256) });
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x82, 0x7e, 0x01, 0x00]);
    const fields = frameFields(only(bytes), bytes);
    const len7 = fields.find((f) => f.key === 'len7')!;
    expect(len7.value).toBe('126');
    expect(len7.explanation).toBe('126 → the real length follows in the next 2 bytes, big-endian (RFC 6455 §5.2).');
    const ext = fields.find((f) => f.key === 'extlen')!;
    expect([ext.byteStart, ext.byteEnd, ext.bitStart, ext.bitLength, ext.value]).toEqual([2, 4, 16, 16, '256']);
    expect(ext.explanation).toContain('0x0100 = 256 bytes');
    expect(fields.find((f) => f.key === 'payload')!.byteStart).toBe(4);
  });

  it('handles the 64-bit length with a mask key after it, at a non-zero offset in a stream', () => {
    const first = parseHex('81 05 48 65 6c 6c 6f'); // RFC 6455 §5.7 unmasked Hello, 7 bytes
    const big = encodeFrame({ opcode: 0x2, payload: new Uint8Array(70_000), maskKey: Uint8Array.of(1, 2, 3, 4) });
    const stream = new Uint8Array(first.length + big.length);
    stream.set(first);
    stream.set(big, first.length);
    const frame = decodeFrames(stream).frames[1]!;
    const fields = frameFields(frame, stream);
    const ext = fields.find((f) => f.key === 'extlen')!;
    expect([ext.byteStart, ext.byteEnd, ext.bitLength, ext.value]).toEqual([9, 17, 64, '70000']);
    const key = fields.find((f) => f.key === 'maskkey')!;
    expect([key.byteStart, key.byteEnd, key.bitStart, key.value]).toEqual([17, 21, 80, '01 02 03 04']);
    expect(fields.find((f) => f.key === 'len7')!.explanation).toContain(
      '127 → the real length follows in the next 8 bytes',
    );
    expect(fields.find((f) => f.key === 'payload')!.byteStart).toBe(21);
  });

  it('names reserved opcodes and control frames', () => {
    expect(opcodeName(0x3)).toBe('reserved non-control opcode');
    expect(opcodeName(0xb)).toBe('reserved control opcode');
    expect(opcodeName(0x9)).toBe('ping');
    const ping = parseHex('89 05 48 65 6c 6c 6f'); // RFC 6455 §5.7 unmasked ping
    const opcode = frameFields(only(ping), ping).find((f) => f.key === 'opcode')!;
    expect(opcode.explanation).toContain('control frame');
  });
});

describe('lengthEncodingExplanation', () => {
  it('gives the reason for each of the three encodings (RFC 6455 §5.2)', () => {
    expect(lengthEncodingExplanation({ lengthEncoding: 7, payloadLength: 125 })).toMatch(
      /^125 bytes: 0–125 fits in the 7-bit/,
    );
    expect(lengthEncodingExplanation({ lengthEncoding: 16, payloadLength: 126 })).toMatch(/holds 126.*16-bit/);
    expect(lengthEncodingExplanation({ lengthEncoding: 16, payloadLength: 65535 })).toMatch(/16-bit/);
    expect(lengthEncodingExplanation({ lengthEncoding: 64, payloadLength: 65536 })).toMatch(/holds 127.*64-bit/);
  });
  it('points out a non-minimal encoding', () => {
    expect(lengthEncodingExplanation({ lengthEncoding: 16, payloadLength: 5 })).toContain('not the shortest form');
    expect(lengthEncodingExplanation({ lengthEncoding: 7, payloadLength: 5 })).not.toContain('not the shortest');
  });
});

describe('diagramSegments', () => {
  it('cuts fields at byte boundaries so a grid of 8, 16 or 32 columns wraps cleanly', () => {
    const segs = diagramSegments(frameFields(only(MASKED_HELLO), MASKED_HELLO));
    // Every byte row adds up to 8 bits.
    const perByte = new Map<number, number>();
    for (const s of segs) perByte.set(s.byteIndex, (perByte.get(s.byteIndex) ?? 0) + s.bits.length);
    expect([...perByte.entries()]).toEqual([0, 1, 2, 3, 4, 5].map((b) => [b, 8]));
    // The mask key is 4 pieces, labelled once.
    const key = segs.filter((s) => s.key === 'maskkey');
    expect(key.map((s) => s.label)).toEqual(['masking key', '', '', '']);
    expect(key.map((s) => s.bits).join('')).toBe('00110111111110100010000100111101');
    expect(segs.some((s) => s.key === 'payload')).toBe(false);
  });
});

describe('which field a byte belongs to', () => {
  const fields = frameFields(only(MASKED_HELLO), MASKED_HELLO);
  it('lists all fields of a shared byte, and colours it by the widest', () => {
    expect(fieldsAtByte(fields, 0)).toEqual(['fin', 'rsv1', 'rsv2', 'rsv3', 'opcode']);
    expect(primaryFieldAtByte(fields, 0)).toBe('opcode');
    expect(primaryFieldAtByte(fields, 1)).toBe('len7');
    expect(primaryFieldAtByte(fields, 2)).toBe('maskkey');
    expect(primaryFieldAtByte(fields, 10)).toBe('payload');
    expect(primaryFieldAtByte(fields, 11)).toBeUndefined();
  });
});

describe('partialFrameFields', () => {
  const partialOf = (hex: string) => {
    const bytes = parseHex(hex);
    const r = decodeFrames(bytes);
    return { bytes, partial: r.partial! };
  };
  it('has nothing before the first 2 header bytes', () => {
    const { bytes, partial } = partialOf('81');
    expect(partialFrameFields(partial, bytes)).toEqual([]);
  });
  it('shows the first-two-byte fields while the extended length is missing', () => {
    const { bytes, partial } = partialOf('82 7e 01');
    expect(partialFrameFields(partial, bytes).map((f) => f.key)).toEqual([
      'fin',
      'rsv1',
      'rsv2',
      'rsv3',
      'opcode',
      'mask',
      'len7',
    ]);
  });
  it('marks the field being read as incomplete and cuts the payload at the end of input', () => {
    // RFC 6455 §5.7 masked Hello, cut after 2 payload bytes.
    const { bytes, partial } = partialOf('81 85 37 fa 21 3d 7f 9f');
    const fields = partialFrameFields(partial, bytes);
    const payload = fields.find((f) => f.key === 'payload')!;
    expect([payload.byteStart, payload.byteEnd, payload.value]).toEqual([6, 8, '2 of 5 bytes']);
    expect(fields.find((f) => f.key === 'maskkey')!.value).toBe('37 fa 21 3d');
  });
});
