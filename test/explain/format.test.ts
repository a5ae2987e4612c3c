/**
 * The site's one set of number and byte formatters (src/explain/format.ts): what a figure, a widget and an
 * exercise print must read the same, and must not depend on the machine's locale.
 */
import { describe, expect, it } from 'vitest';
import {
  bits8,
  bitsOf,
  groupDigits,
  groupInt,
  hexByte,
  hexBytes,
  hexNumber,
  maxUnsigned,
  plural,
} from '../../src/explain/format';

describe('format', () => {
  it('groups digits in threes, with a real minus sign, keeping decimals', () => {
    expect(groupDigits(0)).toBe('0');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(131744)).toBe('131,744');
    expect(groupDigits(-1234.5)).toBe('−1,234.5');
    expect(groupDigits(Number.NaN)).toBe('NaN');
  });

  it('groups BigInts exactly, past what a number holds (2^63 − 1, RFC 6455 §5.2)', () => {
    expect(groupDigits((1n << 63n) - 1n)).toBe('9,223,372,036,854,775,807');
    expect(groupDigits(-(1n << 64n) + 1n)).toBe('−18,446,744,073,709,551,615');
  });

  it('rounds before grouping in groupInt', () => {
    expect(groupInt(131743.6)).toBe('131,744');
    expect(groupInt(-0.4)).toBe('0');
  });

  it('writes bytes and bits as the lessons draw them', () => {
    expect(hexByte(0xa)).toBe('0a');
    expect(hexByte(0x1ff)).toBe('ff');
    expect(hexBytes([0x37, 0xfa, 0x21, 0x3d])).toBe('37 fa 21 3d');
    expect(hexNumber(0x1)).toBe('0x1');
    expect(hexNumber(0x29, 4)).toBe('0x0029');
    expect(bits8(0x81)).toBe('1000 0001');
    expect(bitsOf(0x81, 0, 1)).toBe('1');
    expect(bitsOf(0x81, 4, 4)).toBe('0001');
    expect(bitsOf(0xfe, 1, 7)).toBe('1111110');
  });

  it('names counts in the singular only for one', () => {
    expect(plural(1, 'byte')).toBe('1 byte');
    expect(plural(0, 'byte')).toBe('0 bytes');
    expect(plural(65536, 'byte')).toBe('65,536 bytes');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });

  it('gives the largest unsigned value of a field', () => {
    expect(maxUnsigned(7)).toBe(127);
    expect(maxUnsigned(16)).toBe(65535);
  });
});
