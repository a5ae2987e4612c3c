import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHexFrame, exampleFrame, expectedPayload } from '../../src/exercises/checkers/hex-frame';
import { hexBytes } from '../../src/explain/format';
import { encodeFrame } from '../../src/protocol/websocket/encoder';
import type { ExpectedFrame } from '../../src/exercises/types';

/** RFC 6455 §5.7: a single-frame masked text message "Hello", key 37 fa 21 3d. */
const RFC_MASKED_HELLO = '81 85 37 fa 21 3d 7f 9f 4d 51 58';
/** RFC 6455 §5.7: the same message unmasked (as a server sends it). */
const RFC_UNMASKED_HELLO = '81 05 48 65 6c 6c 6f';

const clientHello: ExpectedFrame = { from: 'client', fin: true, opcode: 0x1, payload: 'Hello' };

function failing(result: ReturnType<typeof checkHexFrame>): string[] {
  return (result.fields ?? []).filter((f) => !f.ok).map((f) => f.field);
}

describe('checkHexFrame', () => {
  it('accepts the RFC 6455 §5.7 masked "Hello" for a client text frame', () => {
    const r = checkHexFrame(clientHello, RFC_MASKED_HELLO);
    expect(r.verdict).toBe('correct');
    expect(failing(r)).toEqual([]);
    expect(r.fields?.map((f) => f.field)).toEqual(['fin', 'rsv', 'opcode', 'mask', 'length', 'payload']);
  });

  it('accepts any masking key and any hex spelling', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 4, maxLength: 4 }), fc.constantFrom(' ', '', ','), (key, sep) => {
        const bytes = encodeFrame({ opcode: 0x1, payload: 'Hello', maskKey: key });
        const text = Array.from(bytes, (b) =>
          sep === ',' ? `0x${b.toString(16)}` : b.toString(16).padStart(2, '0'),
        ).join(sep);
        expect(checkHexFrame(clientHello, text).verdict).toBe('correct');
      }),
    );
  });

  it('says the mask bit is 0 when a client frame is not masked (RFC 6455 §5.1)', () => {
    const r = checkHexFrame(clientHello, RFC_UNMASKED_HELLO);
    expect(r.verdict).toBe('wrong');
    expect(r.message).toContain('Your mask bit is 0 but client frames must be masked');
    expect(r.message).toContain('RFC 6455 §5.1');
    expect(failing(r)).toEqual(['mask']);
  });

  it('says a server must not mask', () => {
    const r = checkHexFrame({ ...clientHello, from: 'server' }, RFC_MASKED_HELLO);
    expect(r.message).toMatch(/^Your mask bit is 1 but a server must not mask/);
    expect(checkHexFrame({ ...clientHello, from: 'server' }, RFC_UNMASKED_HELLO).verdict).toBe('correct');
  });

  it('names the opcode it got and the one asked for', () => {
    const r = checkHexFrame(clientHello, '82 85 37 fa 21 3d 7f 9f 4d 51 58');
    expect(r.message).toBe('Opcode is 0x2 (binary) but the task asks for text 0x1.');
    expect(failing(r)).toEqual(['opcode']);
  });

  it('quotes the payload it decoded against the one expected', () => {
    // "Hellp": the last masked byte changed from 58 to 5c (0x6f ^ 0x3d = 0x52 → 'p' ^ 0x37 … see bytes).
    const hellp = encodeFrame({ opcode: 0x1, payload: 'Hellp', maskKey: Uint8Array.of(0x37, 0xfa, 0x21, 0x3d) });
    const r = checkHexFrame(clientHello, hexBytes(hellp));
    expect(r.message).toMatch(/^Payload decodes to 'Hellp', expected 'Hello'/);
    expect(r.message).toContain('payload byte 4');
    expect(failing(r)).toEqual(['payload']);
  });

  it('spots plain text typed after the masking key', () => {
    const r = checkHexFrame(clientHello, '81 85 37 fa 21 3d 48 65 6c 6c 6f');
    expect(r.message).toMatch(/^The payload bytes after the masking key are the plain text/);
    expect(r.message).toContain('RFC 6455 §5.3');
    expect(failing(r)).toEqual(['payload']);
  });

  it('explains that 126 in the 7-bit field announces a 16-bit length', () => {
    const r = checkHexFrame(clientHello, '81 fe 37 fa 21 3d 7f 9f 4d 51 58');
    expect(r.verdict).toBe('wrong');
    expect(r.message).toContain('length 126 in the 7-bit field is reserved: it announces a 16-bit length');
    expect(failing(r)).toEqual(['length']);
  });

  it('reports a non-minimal length encoding with its rule', () => {
    const bytes = encodeFrame({
      opcode: 0x1,
      payload: 'Hello',
      maskKey: Uint8Array.of(1, 2, 3, 4),
      lengthEncoding: 16,
    });
    // 7-bit field is 126 here, which the early check already explains.
    expect(checkHexFrame(clientHello, hexBytes(bytes)).message).toContain('announces a 16-bit length');
    // Without an expected payload the decoder's own NON_MINIMAL_LENGTH violation is what the reader sees.
    const r = checkHexFrame({ from: 'client', opcode: 0x1 }, hexBytes(bytes));
    expect(failing(r)).toEqual(['length']);
    expect(r.message).toContain('RFC 6455 §5.2');
  });

  it('says how many bytes are missing and what the header announced', () => {
    const r = checkHexFrame(clientHello, '81 85 37 fa 21 3d 7f 9f 4d');
    expect(r.verdict).toBe('wrong');
    expect(r.message).toBe(
      'The bytes end inside the frame: 2 more bytes needed. Your second byte 0x85 says MASK = 1 and length 5, so the frame is 2 + 4 (key) + 5 = 11 bytes; you typed 9.',
    );
  });

  it('flags bytes after the end of the frame', () => {
    const r = checkHexFrame(clientHello, `${RFC_MASKED_HELLO} 00`);
    expect(r.verdict).toBe('wrong');
    expect(failing(r)).toEqual(['length']);
    expect(r.message).toContain('1 more byte follows');
  });

  it('flags a length field that disagrees with the payload', () => {
    // Length 4 instead of 5: the frame ends one byte early, and the last byte is left over.
    const r = checkHexFrame(clientHello, '81 84 37 fa 21 3d 7f 9f 4d 51 58');
    expect(failing(r)).toEqual(['length', 'payload']);
    expect(r.message).toContain("the payload 'Hello' is 5 bytes");
  });

  it('wants FIN = 1 for a single-frame message', () => {
    const r = checkHexFrame(clientHello, '01 85 37 fa 21 3d 7f 9f 4d 51 58');
    expect(r.message).toMatch(/^FIN is 0/);
    expect(failing(r)).toEqual(['fin']);
  });

  it('wants RSV bits 0 without an extension', () => {
    const r = checkHexFrame(clientHello, 'c1 85 37 fa 21 3d 7f 9f 4d 51 58');
    expect(r.message).toContain('RSV1 is 1, but no extension was negotiated');
    expect(failing(r)).toEqual(['rsv']);
  });

  it('gives the bad character and its position for unreadable hex, without counting it as wrong', () => {
    const r = checkHexFrame(clientHello, '81 85 37 zz');
    expect(r.verdict).toBe('unreadable');
    expect(r.message).toMatch(/"z".*index 9/);
    expect(checkHexFrame(clientHello, '  ').verdict).toBe('unreadable');
  });

  describe('close frames (RFC 6455 §5.5.1)', () => {
    const close: ExpectedFrame = { from: 'server', fin: true, opcode: 0x8, closeCode: 1000, closeReason: 'bye' };

    it('accepts code 1000 + "bye" and computes the payload', () => {
      expect(hexBytes(expectedPayload(close)!)).toBe('03 e8 62 79 65');
      expect(checkHexFrame(close, '88 05 03 e8 62 79 65').verdict).toBe('correct');
    });

    it('recognises a little-endian close code', () => {
      const r = checkHexFrame(close, '88 05 e8 03 62 79 65');
      expect(r.message).toContain('the two bytes are swapped');
      expect(failing(r)).toEqual(['closeCode']);
    });

    it('reports a close frame with no status code', () => {
      const r = checkHexFrame(close, '88 00');
      expect(failing(r)).toEqual(['length', 'closeCode', 'closeReason']);
      expect(r.fields?.find((f) => f.field === 'closeCode')?.why).toContain('has no status code');
    });

    it('passes other decoder violations on with their rule and close code', () => {
      const r = checkHexFrame({ from: 'server', opcode: 0x8 }, '88 02 03 ed'); // 1005 must not be sent (§7.4.1)
      expect(failing(r)).toEqual(['rules']);
      expect(r.message).toMatch(/1005/);
      expect(r.message).toContain('a peer closes with 1002');
    });
  });

  it('builds a correct example answer with the encoder', () => {
    const bytes = exampleFrame(clientHello, Uint8Array.of(0x37, 0xfa, 0x21, 0x3d));
    expect(hexBytes(bytes)).toBe(RFC_MASKED_HELLO);
    const close: ExpectedFrame = { from: 'server', opcode: 0x8, closeCode: 1001, closeReason: 'restart' };
    expect(checkHexFrame(close, hexBytes(exampleFrame(close, new Uint8Array(4)))).verdict).toBe('correct');
  });
});
