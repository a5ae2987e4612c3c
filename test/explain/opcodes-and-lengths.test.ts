/**
 * The opcode table and the length encodings as the codec writes them (src/explain/opcodes.ts, lengths.ts;
 * RFC 6455 §5.2, §5.7).
 */
import { describe, expect, it } from 'vitest';
import { RFC_BINARY_256_HEADER, RFC_BINARY_64K_HEADER } from '../../content/captures/rfc6455-examples';
import { lengthRows, msbSetExample, nonMinimalExample } from '../../src/explain/lengths';
import { opcodeRows } from '../../src/explain/opcodes';

describe('opcodes and lengths', () => {
  it('lists the six defined opcodes and folds the reserved ones into two ranges', () => {
    expect(opcodeRows().map((r) => `${r.value} ${r.name} ${r.kind}`)).toEqual([
      '0x0 continuation data',
      '0x1 text data',
      '0x2 binary data',
      '0x3–0x7 reserved data',
      '0x8 close control',
      '0x9 ping control',
      '0xA pong control',
      '0xB–0xF reserved control',
    ]);
  });

  it('writes the headers of RFC 6455 §5.7 for 256 bytes and 64 KiB', () => {
    const rows = lengthRows([5, 125, 126, 256, 65535, 65536]);
    expect(rows.map((r) => r.encoding)).toEqual([7, 7, 16, 16, 16, 64]);
    expect(rows[3]!.header).toBe(RFC_BINARY_256_HEADER);
    expect(rows[5]!.header).toBe(RFC_BINARY_64K_HEADER);
  });

  it('shows the decoder refusing non-minimal and top-bit lengths', () => {
    expect(nonMinimalExample().violation?.id).toBe('NON_MINIMAL_LENGTH');
    expect(msbSetExample()).toMatchObject({
      hex: '82 7f 80 00 00 00 00 00 00 00',
      violation: { id: 'LENGTH_MSB_SET' },
    });
  });
});
