/**
 * Frames built, decoded, dissected and unmasked for the lesson figures (src/explain/frames.ts, frame-anatomy.ts,
 * masking.ts). Expected values are RFC 6455 §5.7's own examples and a real Chromium capture.
 */
import { describe, expect, it } from 'vitest';
import { HELLO_FRAME_HEX } from '../../content/captures/chromium-loopback';
import { RFC_MASKED_HELLO } from '../../content/captures/rfc6455-examples';
import { buildFrame, showFrames } from '../../src/explain/frames';
import { frameAnatomy } from '../../src/explain/frame-anatomy';
import { maskRows } from '../../src/explain/masking';
import { parseHex, toHex } from '../../src/protocol/hex';

describe('frames', () => {
  it('builds the RFC 6455 §5.7 masked "Hello" byte for byte', () => {
    expect(toHex(buildFrame({ opcode: 'text', text: 'Hello', maskKey: '37fa213d' }))).toBe(RFC_MASKED_HELLO);
  });

  it('pairs each frame of a stream with its own bytes', () => {
    const bytes = parseHex('01 03 48 65 6c 89 00 80 02 6c 6f');
    const shown = showFrames(bytes, 'server');
    expect(shown.frames.map((f) => f.hex)).toEqual(['01 03 48 65 6c', '89 00', '80 02 6c 6f']);
    expect(shown.frames[0]!.summary).toBe('FIN 0 · 0x1 text · not masked · 3 bytes: “Hel”');
    expect(shown.violations).toEqual([]);
  });

  it('refuses bytes that end inside a frame', () => {
    expect(() => showFrames(parseHex('81 05 48'), 'server')).toThrow(/4 bytes missing/);
  });

  it('takes the captured Hello frame apart', () => {
    const { rows } = frameAnatomy(parseHex(HELLO_FRAME_HEX), 'client');
    expect(rows.map((r) => [r.field, r.raw, r.value])).toEqual([
      ['FIN', '1', '1'],
      ['RSV1–3', '000', '0 0 0'],
      ['opcode', '0001', '0x1'],
      ['MASK', '1', '1'],
      ['payload len', '0000101', '5'],
      ['masking key', '0b 4c de 23', '4 bytes'],
      ['payload', '43 29 b2 4f 64', '5 bytes'],
    ]);
    expect(rows.at(-1)!.meaning).toBe('unmasked: “Hello”');
  });

  it('unmasks byte by byte', () => {
    const { rows } = maskRows(parseHex(RFC_MASKED_HELLO));
    expect(rows.map((r) => r.char).join('')).toBe('Hello');
    expect(rows[4]).toEqual({ i: 4, j: 0, masked: '58', key: '37', plain: '6f', char: 'o' });
  });
});
