import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeClose, encodeFrame, minimalLengthEncoding } from '../../../src/protocol/websocket/encoder';
import { Opcode } from '../../../src/protocol/websocket/types';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

describe('encodeFrame', () => {
  it('builds the RFC 6455 §5.7 examples byte for byte', () => {
    expect(hex(encodeFrame({ opcode: Opcode.Text, payload: 'Hello' }))).toBe('810548656c6c6f');
    expect(hex(encodeFrame({ opcode: Opcode.Text, payload: 'Hello', maskKey: KEY }))).toBe('818537fa213d7f9f4d5158');
    expect(hex(encodeFrame({ opcode: Opcode.Text, payload: 'Hel', fin: false }))).toBe('010348656c');
    expect(hex(encodeFrame({ opcode: Opcode.Continuation, payload: 'lo' }))).toBe('80026c6f');
    expect(hex(encodeFrame({ opcode: Opcode.Ping, payload: 'Hello' }))).toBe('890548656c6c6f');
    expect(hex(encodeFrame({ opcode: Opcode.Pong, payload: 'Hello', maskKey: KEY }))).toBe('8a8537fa213d7f9f4d5158');
    const f256 = encodeFrame({ opcode: Opcode.Binary, payload: new Uint8Array(256).fill(0xab) });
    expect(hex(f256.subarray(0, 4))).toBe('827e0100');
    expect(f256.length).toBe(4 + 256);
    const f64k = encodeFrame({ opcode: Opcode.Binary, payload: new Uint8Array(65536) });
    expect(hex(f64k.subarray(0, 10))).toBe('827f0000000000010000');
    expect(f64k.length).toBe(10 + 65536);
  });

  it('uses the minimal length encoding at each boundary (RFC 6455 §5.2)', () => {
    const header = (n: number): string => hex(encodeFrame({ opcode: 2, payload: new Uint8Array(n) }).subarray(0, 10));
    expect(header(125).slice(0, 4)).toBe('827d');
    expect(header(126).slice(0, 8)).toBe('827e007e');
    expect(header(65535).slice(0, 8)).toBe('827effff');
    expect(header(65536)).toBe('827f0000000000010000');
    expect([0, 125, 126, 65535, 65536].map(minimalLengthEncoding)).toEqual([7, 7, 16, 16, 64]);
  });

  it('can force a non-minimal length encoding for lessons', () => {
    expect(hex(encodeFrame({ opcode: 2, payload: Uint8Array.of(1), lengthEncoding: 16 }))).toBe('827e000101');
    expect(hex(encodeFrame({ opcode: 2, payload: Uint8Array.of(1), lengthEncoding: 64 }))).toBe(
      '827f000000000000000101',
    );
    expect(() => encodeFrame({ opcode: 2, payload: new Uint8Array(126), lengthEncoding: 7 })).toThrow(/7-bit/);
    expect(() => encodeFrame({ opcode: 2, payload: new Uint8Array(65536), lengthEncoding: 16 })).toThrow(/16-bit/);
  });

  it('sets RSV bits and any 4-bit opcode as asked', () => {
    expect(hex(encodeFrame({ opcode: 0xb, rsv1: true, rsv2: true, rsv3: true, fin: false }))).toBe('7b00');
    expect(() => encodeFrame({ opcode: 16 })).toThrow(/0x0–0xF/);
    expect(() => encodeFrame({ opcode: 1, maskKey: Uint8Array.of(1) })).toThrow(/4 bytes/);
  });

  it('never changes the caller’s payload when masking', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300, size: 'max' }),
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        (payload, key) => {
          const before = payload.slice();
          const frame = encodeFrame({ opcode: 2, payload, maskKey: key });
          expect(payload).toEqual(before);
          const headerLength = frame.length - payload.length;
          expect(frame.subarray(headerLength - 4, headerLength)).toEqual(key);
        },
      ),
    );
  });
});

describe('encodeClose', () => {
  it('builds a status code followed by a UTF-8 reason (RFC 6455 §5.5.1)', () => {
    expect(hex(encodeClose())).toBe('');
    expect(hex(encodeClose(1000))).toBe('03e8');
    expect(hex(encodeClose(1001, 'bye'))).toBe('03e9627965');
    expect(hex(encodeClose(4000, 'é'))).toBe('0fa0c3a9');
  });

  it('refuses what cannot be a close payload', () => {
    expect(() => encodeClose(undefined, 'why')).toThrow(/needs a status code/);
    expect(() => encodeClose(70000)).toThrow(/16-bit/);
    expect(encodeClose(1000, 'x'.repeat(123)).length).toBe(125);
    expect(() => encodeClose(1000, 'x'.repeat(124))).toThrow(/at most 123/);
  });
});
