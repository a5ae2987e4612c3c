import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHashParams, mergeHashParams, readHashParams } from '../../../src/widgets/shared/hash-params';

describe('readHashParams', () => {
  it("reads a widget's keys, decoded as URLSearchParams wrote them, and nothing else", () => {
    expect(readHashParams('#hex=81+85%2037&from=client&x=1', ['hex', 'from'])).toEqual({
      hex: '81 85 37',
      from: 'client',
    });
    expect(readHashParams('hex=8105', ['hex', 'from'])).toEqual({ hex: '8105' });
    expect(readHashParams('', ['hex'])).toEqual({});
    expect(readHashParams('#intro', ['hex'])).toEqual({});
  });

  it('takes the first of a repeated key, and an empty value as empty', () => {
    expect(readHashParams('#a=1&a=2&b=', ['a', 'b'])).toEqual({ a: '1', b: '' });
  });

  it('reads only the keys with its prefix, and hands them back without it', () => {
    expect(readHashParams('#l-n=1&r-n=2&n=3', ['n'], 'l-')).toEqual({ n: '1' });
    expect(readHashParams('#l-n=1&r-n=2&n=3', ['n'], 'r-')).toEqual({ n: '2' });
    expect(readHashParams('#l-n=1&r-n=2&n=3', ['n'])).toEqual({ n: '3' });
  });

  it('does not take inherited names for keys', () => {
    expect(readHashParams('#constructor=1', ['constructor'])).toEqual({ constructor: '1' });
    expect(readHashParams('#toString=1', ['a'])).toEqual({});
  });
});

describe('mergeHashParams', () => {
  it('sets its keys in place, appends new ones and removes undefined ones', () => {
    expect(mergeHashParams('#v=300&a=1&t=u8', { a: '2' })).toBe('#v=300&a=2&t=u8');
    expect(mergeHashParams('#v=300&a=1', { a: undefined, w: '16' })).toBe('#v=300&w=16');
    expect(mergeHashParams('#a=1', { a: undefined })).toBe('');
    expect(mergeHashParams('', { a: undefined })).toBe('');
  });

  it("leaves every other part as written: an anchor, another widget's encoding", () => {
    expect(mergeHashParams('#intro', { hex: '8105' })).toBe('#intro&hex=8105');
    expect(mergeHashParams('#cap=a%20b&hex=00', { hex: '8105' })).toBe('#cap=a%20b&hex=8105');
  });

  it('collapses a repeated key of its own to one, in the first place', () => {
    expect(mergeHashParams('#a=1&b=2&a=3', { a: '9' })).toBe('#a=9&b=2');
  });

  it('touches only the keys with its prefix', () => {
    expect(mergeHashParams('#n=0&l-n=1&r-n=2', { n: '5' }, 'r-')).toBe('#n=0&l-n=1&r-n=5');
    expect(mergeHashParams('#n=0&l-n=1&r-n=2', { n: undefined }, 'l-')).toBe('#n=0&r-n=2');
  });

  it("keeps other keys' values and reads its own back, whatever the text", () => {
    const text = fc.string({ maxLength: 40 });
    const key = fc.constantFrom('a', 'b', 'hex', 'from');
    fc.assert(
      fc.property(
        fc.dictionary(fc.constantFrom('x', 'cap', 'op'), text),
        fc.dictionary(key, fc.option(text, { nil: undefined })),
        fc.constantFrom('', 'l-'),
        (others, values, prefix) => {
          const before = formatHashParams(others);
          const after = mergeHashParams(before, values, prefix);
          expect(readHashParams(after, Object.keys(others))).toEqual(others);
          const defined = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
          expect(readHashParams(after, Object.keys(values), prefix)).toEqual(defined);
        },
      ),
    );
  });
});

describe('formatHashParams', () => {
  it('writes what URLSearchParams writes, in the order given, so links made before keep reading the same', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 40 })), (values) => {
        const expected = new URLSearchParams(Object.entries(values)).toString();
        expect(formatHashParams(values)).toBe(expected === '' ? '' : `#${expected}`);
      }),
    );
    expect(formatHashParams({ op: '>>>', w: '32', a: undefined })).toBe('#op=%3E%3E%3E&w=32');
    expect(formatHashParams({ a: undefined })).toBe('');
  });

  it('puts the prefix in front of each key', () => {
    expect(formatHashParams({ hex: '8105', from: 'server' }, 'r-')).toBe('#r-hex=8105&r-from=server');
  });
});
