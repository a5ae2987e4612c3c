/**
 * The build-time figures of "Start here" and "Bits, bytes and byte order" (src/components/lesson/bits/bits-lesson.ts):
 * what the prose states must be what the core computes, and the self-check against the JavaScript engine must
 * catch an expression whose text and operands disagree.
 */
import { describe, expect, it } from 'vitest';
import {
  bitOpPanels,
  byteOrderRows,
  byteReadings,
  fixedReadU32,
  intRanges,
  jsBitsRows,
  naiveReadU32,
  rfcHelloFrame,
  U32_PITFALL_BYTES,
} from '../../../../src/components/lesson/bits/bits-lesson';
import { fact } from '../../../../src/components/lesson/facts';

describe('facts', () => {
  it('states the ranges and sizes the lesson relies on', () => {
    expect([fact('i8Min'), fact('i8Max'), fact('u8Max')]).toEqual(['−128', '127', '255']);
    expect([fact('KiB'), fact('kB'), fact('MiB')]).toEqual(['1,024', '1,000', '1,048,576']);
    expect(fact('maxSafeInteger')).toBe('9,007,199,254,740,991'); // 2^53 − 1
    expect([fact('i8Of81'), fact('signMagnitude81')]).toEqual(['−127', '−1']);
  });

  it('reads 01 02 as 258 big-endian and 513 little-endian', () => {
    expect([fact('bytes258BE'), fact('bytes258LE')]).toEqual(['01 02', '02 01']);
    expect([fact('read0102BE'), fact('read0102LE')]).toEqual(['258', '513']);
  });

  it('shows JavaScript results that differ from the exact ones', () => {
    expect(fact('jsOneShl31')).toBe('−2,147,483,648');
    expect(fact('jsOneShl31Unsigned')).toBe(fact('exactOneShl31'));
    expect(fact('jsCcShl1')).not.toBe(fact('u8CcShl1'));
    expect(fact('xorTwice')).toBe('0b1010');
  });
});

describe('the u32 pitfall', () => {
  it('goes negative without >>> 0 and matches DataView with it', () => {
    expect(naiveReadU32(U32_PITFALL_BYTES)).toBeLessThan(0);
    const view = new DataView(U32_PITFALL_BYTES.buffer);
    expect(fixedReadU32(U32_PITFALL_BYTES)).toBe(view.getUint32(0));
    expect(fact('pitfallDataView')).toBe(fact('pitfallFixed'));
  });

  it('agrees with DataView for bytes below 0x80 even without the fix', () => {
    const bytes = Uint8Array.of(0x7f, 0x01, 0x02, 0x03);
    expect(naiveReadU32(bytes)).toBe(new DataView(bytes.buffer).getUint32(0));
  });
});

describe('bitOpPanels', () => {
  const panels = bitOpPanels(0xcc, [
    { op: '&', b: 0x9b },
    { op: '~' },
    { op: '>>', b: 1 },
    { op: '>>', b: 1, signed: true },
  ]);
  const result = (i: number) => panels[i]!.rows.find((r) => r.result)!;

  it('computes each result row at 8 bits', () => {
    expect(result(0)).toMatchObject({ bits: '1000 1000', hex: '0x88', decimal: '136' });
    expect(result(1)).toMatchObject({ bits: '0011 0011', hex: '0x33' });
    expect(result(2)).toMatchObject({ bits: '0110 0110', hex: '0x66' });
  });

  it('writes a signed byte as its own 8-bit pattern, not a 64-bit one', () => {
    expect(result(3)).toMatchObject({ bits: '1110 0110', hex: '0xe6', decimal: '−26' });
    expect(panels[3]!.rows[0]).toMatchObject({ hex: '0xcc', decimal: '−52' });
  });
});

describe('jsBitsRows', () => {
  it('evaluates like the engine', () => {
    const [row] = jsBitsRows([{ source: '-8 >>> 1', op: '>>>', a: -8, b: 1 }]);
    expect(row!.value).toBe('2,147,483,644');
    expect(row!.notes.join(' ')).toContain('ToUint32');
  });

  it('fails the build when the shown expression and the operands disagree', () => {
    expect(() => jsBitsRows([{ source: '1 << 30', op: '<<', a: 1, b: 31 }])).toThrow(/1 << 30/);
  });

  it('shows the exact value only when JavaScript differs from it', () => {
    const [same, differs] = jsBitsRows([
      { source: '1 << 4', op: '<<', a: 1, b: 4, expect: 16n },
      { source: '1 << 32', op: '<<', a: 1, b: 32, expect: 1n << 32n },
    ]);
    expect(same!.expected).toBeUndefined();
    expect(differs!.expected).toBe('4,294,967,296');
  });
});

describe('tables', () => {
  it('reads bytes as u8 and i8', () => {
    expect(byteReadings([0x7f, 0x80, 0xff]).map((r) => [r.unsigned, r.signed])).toEqual([
      ['127', '127'],
      ['128', '−128'],
      ['255', '−1'],
    ]);
  });

  it('lists the four widths with their typed arrays', () => {
    const rows = intRanges();
    expect(rows.map((r) => r.width)).toEqual([8, 16, 32, 64]);
    expect(rows[3]).toMatchObject({ unsigned: { array: 'BigUint64Array', max: '18,446,744,073,709,551,615' } });
  });

  it('writes both byte orders through DataView', () => {
    expect(byteOrderRows([{ value: 0x12345678, type: 'u32' }])[0]).toMatchObject({
      big: '12 34 56 78',
      little: '78 56 34 12',
      hex: '0x12345678',
    });
  });
});

describe('the RFC 6455 §5.7 "Hello" frame', () => {
  it('decodes to one masked text frame carrying "Hello"', () => {
    const { frame, text, bytes } = rfcHelloFrame();
    expect(text).toBe('Hello');
    expect(frame).toMatchObject({ fin: true, opcode: 0x1, masked: true, payloadLength: 5, headerLength: 6 });
    expect(bytes.length).toBe(11);
    expect(fact('helloLen7')).toBe('5');
  });
});
