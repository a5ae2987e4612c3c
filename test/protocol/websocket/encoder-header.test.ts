/**
 * encodeFrameHeader against encodeFrame: a header followed by the payload (masked by the caller when a
 * key is given, RFC 6455 §5.3) must be the very bytes encodeFrame builds in one buffer.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFrames } from '../../../src/protocol/websocket/decoder';
import {
  encodeFrame,
  encodeFrameHeader,
  MAX_CONTROL_PAYLOAD,
  type EncodeFrameOptions,
} from '../../../src/protocol/websocket/encoder';
import { applyMask } from '../../../src/protocol/websocket/mask';
import { Opcode } from '../../../src/protocol/websocket/types';
import { anyFrame } from './arbitraries';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);

/** Header, then the payload as a sender writes it: masked into a copy when there is a key. */
function headerThenPayload(options: Omit<EncodeFrameOptions, 'payload'> & { payload: Uint8Array }): Uint8Array {
  const { payload, ...fields } = options;
  const header = encodeFrameHeader({ ...fields, payloadLength: payload.length });
  const body = payload.slice();
  if (fields.maskKey) applyMask(body, fields.maskKey, 0);
  return Uint8Array.from([...header, ...body]);
}

describe('encodeFrameHeader', () => {
  it('writes the RFC 6455 §5.7 headers: 81 05 for unmasked "Hello", 81 85 + key for masked', () => {
    expect(hex(encodeFrameHeader({ opcode: Opcode.Text, payloadLength: 5 }))).toBe('8105');
    expect(hex(encodeFrameHeader({ opcode: Opcode.Text, payloadLength: 5, maskKey: KEY }))).toBe('818537fa213d');
    expect(hex(encodeFrameHeader({ opcode: Opcode.Binary, payloadLength: 256 }))).toBe('827e0100');
    expect(hex(encodeFrameHeader({ opcode: Opcode.Binary, payloadLength: 65536 }))).toBe('827f0000000000010000');
  });

  it.each([0, 1, 125, 126, 127, 65535, 65536, 70000])(
    'gives encodeFrame’s bytes for a %i-byte payload, masked and not',
    (length) => {
      const payload = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
      for (const maskKey of [undefined, KEY]) {
        const options = { opcode: Opcode.Binary, payload, ...(maskKey ? { maskKey } : {}) };
        const whole = encodeFrame(options);
        const split = headerThenPayload(options);
        expect(split.length).toBe(whole.length);
        expect(Buffer.compare(Buffer.from(split), Buffer.from(whole))).toBe(0);
        // The header is exactly what precedes the payload: 2, 4 or 10 bytes, plus 4 for a key (§5.2).
        const base = length <= 125 ? 2 : length <= 65535 ? 4 : 10;
        expect(
          encodeFrameHeader({ opcode: Opcode.Binary, payloadLength: length, ...(maskKey ? { maskKey } : {}) }).length,
        ).toBe(base + (maskKey ? 4 : 0));
      }
    },
  );

  it('property: header + payload equals encodeFrame for any header bits, key and length', () => {
    fc.assert(
      fc.property(anyFrame, (frame) => {
        expect(hex(headerThenPayload(frame))).toBe(hex(encodeFrame(frame)));
      }),
    );
  });

  it('writes a length beyond 32 bits without a payload to copy (the 64-bit field is big-endian, §5.2)', () => {
    expect(hex(encodeFrameHeader({ opcode: Opcode.Binary, payloadLength: 2 ** 32 + 5 }))).toBe('827f0000000100000005');
    expect(hex(encodeFrameHeader({ opcode: Opcode.Binary, payloadLength: Number.MAX_SAFE_INTEGER }))).toBe(
      '827f001fffffffffffff',
    );
  });

  it('keeps a forced length encoding, and refuses what cannot be encoded', () => {
    expect(hex(encodeFrameHeader({ opcode: 2, payloadLength: 1, lengthEncoding: 64 }))).toBe('827f0000000000000001');
    expect(() => encodeFrameHeader({ opcode: 2, payloadLength: 126, lengthEncoding: 7 })).toThrow(/7-bit/);
    expect(() => encodeFrameHeader({ opcode: 2, payloadLength: -1 })).toThrow(/whole number/);
    expect(() => encodeFrameHeader({ opcode: 2, payloadLength: 1.5 })).toThrow(/whole number/);
    expect(() => encodeFrameHeader({ opcode: 2, payloadLength: 2 ** 53 })).toThrow(/below 2\^53/);
    expect(() => encodeFrameHeader({ opcode: 16, payloadLength: 0 })).toThrow(/0x0–0xF/);
    expect(() => encodeFrameHeader({ opcode: 1, payloadLength: 0, maskKey: Uint8Array.of(1, 2) })).toThrow(/4 bytes/);
  });

  it('MAX_CONTROL_PAYLOAD is the largest ping the decoder accepts (§5.5)', () => {
    const ping = (n: number) =>
      decodeFrames(encodeFrame({ opcode: Opcode.Ping, payload: new Uint8Array(n) }), { from: 'server' }).violations;
    expect(ping(MAX_CONTROL_PAYLOAD)).toEqual([]);
    expect(ping(MAX_CONTROL_PAYLOAD + 1).map((v) => v.id)).toContain('CONTROL_FRAME_TOO_LONG');
  });
});
