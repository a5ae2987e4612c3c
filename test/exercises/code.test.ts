import { describe, expect, it } from 'vitest';
import { errorLocation, formatValue, runCodeCases, sameValue } from '../../src/exercises/checkers/code';
import type { CodeCase } from '../../src/exercises/types';
import { applyMask } from '../../src/protocol/websocket/mask';

const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
const hello = new TextEncoder().encode('Hello');
/** RFC 6455 §5.7 masked "Hello", plus an empty and a 7-byte payload; expected values from the codec. */
const cases: CodeCase[] = [hello, new Uint8Array(0), Uint8Array.of(1, 2, 3, 4, 5, 6, 7)].map((plain) => ({
  args: [applyMask(plain.slice(), KEY), KEY],
  expected: plain,
}));

const good = `function unmask(payload, key) {
  const out = new Uint8Array(payload.length);
  for (let i = 0; i < payload.length; i++) out[i] = payload[i] ^ key[i % 4];
  return out;
}`;

describe('runCodeCases', () => {
  it('passes a correct function', () => {
    const r = runCodeCases(good, 'unmask', cases);
    expect(r.status).toBe('passed');
    expect(r.message).toBe('All 3 tests pass.');
    expect(r.cases.every((c) => c.ok)).toBe(true);
  });

  it('accepts a plain array where bytes are expected, and in-place unmasking', () => {
    const arrayVersion = `function unmask(p, k) { return Array.from(p, (b, i) => b ^ k[i % 4]); }`;
    expect(runCodeCases(arrayVersion, 'unmask', cases).status).toBe('passed');
    const inPlace = `function unmask(p, k) { for (let i = 0; i < p.length; i++) p[i] ^= k[i % 4]; return p; }`;
    expect(runCodeCases(inPlace, 'unmask', cases).status).toBe('passed');
    // The in-place version must not have changed the shared case data.
    expect(Array.from(cases[0]!.args[0] as Uint8Array)).toEqual([0x7f, 0x9f, 0x4d, 0x51, 0x58]);
  });

  it('shows the first failing call with what it returned and what was expected', () => {
    const wrong = good.replace('key[i % 4]', 'key[i % 3]');
    const r = runCodeCases(wrong, 'unmask', cases);
    expect(r.status).toBe('failed');
    expect(r.message).toBe(
      '2 of 3 tests fail. First: unmask(Uint8Array [7f 9f 4d 51 58], Uint8Array [37 fa 21 3d]) returned Uint8Array [48 65 6c 66 a2], expected Uint8Array [48 65 6c 6c 6f].',
    );
  });

  it('asks about a missing return', () => {
    const r = runCodeCases('function unmask(p, k) { p.map((b) => b); }', 'unmask', cases);
    expect(r.message).toContain('returned undefined');
    expect(r.message).toContain('Did you forget to `return` the result?');
  });

  it('gives the line and column of a syntax error', () => {
    const src = 'function unmask(p, k) {\n  const out = [;\n  return out;\n}';
    const r = runCodeCases(src, 'unmask', cases);
    expect(r).toMatchObject({ status: 'syntax-error', line: 2, column: 16 });
    expect(r.message).toBe('Syntax error on line 2, column 16: Unexpected token.');
  });

  it('reports an unclosed block at the end of the code', () => {
    const r = runCodeCases('function unmask(p, k) {\n  return p;\n', 'unmask', cases);
    expect(r.status).toBe('syntax-error');
    expect(r.message).toContain('at the end of your code');
    expect(r.line).toBe(3);
  });

  it('gives the line of a runtime error from the stack', () => {
    const src = 'function unmask(p, k) {\n  const out = [];\n  out.push(p.nope.length);\n  return out;\n}';
    const r = runCodeCases(src, 'unmask', cases);
    expect(r.status).toBe('failed');
    expect(r.line).toBe(3);
    expect(r.message).toContain('threw TypeError on line 3:');
  });

  it('reports an error thrown while the code loads', () => {
    const r = runCodeCases('const x = null;\nx.y = 1;\nfunction unmask() {}', 'unmask', cases);
    expect(r.status).toBe('error');
    expect(r.message).toMatch(/^TypeError while loading your code on line 2:/);
  });

  it('asks for the function when it is missing or misnamed', () => {
    const r = runCodeCases('function unMask(p, k) { return p; }', 'unmask', cases);
    expect(r.status).toBe('no-function');
    expect(r.message).toContain('Define a function named `unmask`');
  });

  it('runs in strict mode, so an undeclared variable is an error', () => {
    const r = runCodeCases('function unmask(p, k) {\n  total = 1;\n  return p;\n}', 'unmask', cases);
    expect(r.status).toBe('failed');
    expect(r.cases[0]?.error).toMatch(/ReferenceError on line 2/);
  });

  it('keeps one run from leaking into the next', () => {
    runCodeCases('var leaked = 1; function unmask(p) { return p; }', 'unmask', cases);
    expect((globalThis as Record<string, unknown>).leaked).toBeUndefined();
  });
});

describe('sameValue and formatValue', () => {
  it('compares bytes with any array-like and numbers exactly', () => {
    expect(sameValue([1, 2], Uint8Array.of(1, 2))).toBe(true);
    expect(sameValue(Uint16Array.of(1, 2), Uint8Array.of(1, 2))).toBe(true);
    expect(sameValue([1, 2, 3], Uint8Array.of(1, 2))).toBe(false);
    expect(sameValue('12', 12)).toBe(false);
    expect(sameValue(258, 258)).toBe(true);
    expect(sameValue({ a: [1] }, { a: [1] })).toBe(true);
    expect(sameValue({ a: [1], b: 2 }, { a: [1] })).toBe(false);
  });

  it('formats bytes in hex and shortens long values', () => {
    expect(formatValue(Uint8Array.of(0, 255))).toBe('Uint8Array [00 ff]');
    expect(formatValue(new Uint8Array(20))).toContain('… (20 bytes)');
    expect(formatValue('a')).toBe('"a"');
    expect(formatValue(undefined)).toBe('undefined');
  });

  it('finds no location in errors that did not come from the reader', () => {
    expect(errorLocation(new Error('x'))).toBeUndefined();
    expect(errorLocation('not an error')).toBeUndefined();
  });
});
