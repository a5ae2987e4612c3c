import { describe, expect, it } from 'vitest';
import { checkValue, formatValueAnswer, normaliseText, parseNumberAnswer } from '../../src/exercises/checkers/value';
import type { NumberAnswer } from '../../src/exercises/types';

describe('parseNumberAnswer', () => {
  // 4117 << 5 = 131,744: the window-scaling example of "Receive windows" (RFC 7323 §2.3).
  it.each([
    ['131,744', 131744],
    ['131744', 131744],
    ['131 744', 131744],
    ['131\u202f744', 131744],
    ['131_744', 131744],
    ['  131744 bytes ', 131744],
    ['131744 byte', 131744],
    ['131744B', 131744],
    ['0x2029', 0x2029],
    ['0X20_29', 0x2029],
    ['0b1010 0101', 0xa5],
    ['-1', -1],
    ['−128', -128],
    ['1.5', 1.5],
    ['0xff bytes', 255],
    ['0x1b', 0x1b],
  ])('reads %j as %d', (text, value) => {
    expect(parseNumberAnswer(text, 'bytes')).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'Type a number first.'],
    ['1,5', 'commas may only separate thousands'],
    ['13,17,44', 'commas may only separate thousands'],
    ['131744 bits', 'give the number in bytes'],
    ['abc', 'give the number in bytes'],
    ['0x12g', 'not a valid hexadecimal number'],
    ['0b102', 'not a valid binary number'],
    ['1 2', 'give the number in bytes'],
  ])('refuses %j with a reason', (text, reason) => {
    const r = parseNumberAnswer(text, 'bytes');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(reason);
  });

  it('does not take a hex digit for a unit: "0x1B" is 27, not 1 byte', () => {
    expect(parseNumberAnswer('0x1B', 'bytes')).toEqual({ ok: true, value: 27 });
  });

  it('refuses a unit when the answer has none', () => {
    expect(parseNumberAnswer('5 bytes').ok).toBe(false);
  });
});

describe('checkValue', () => {
  const window: NumberAnswer = {
    type: 'number',
    value: 131744,
    unit: 'bytes',
    mistakes: [{ value: 4117, message: 'that is the window field before scaling.' }],
  };

  it('accepts every spelling of the right number', () => {
    for (const text of ['131,744', '131744', '0x202a0', '131 744 bytes']) {
      expect(checkValue(window, text).verdict, text).toBe('correct');
    }
  });

  it('explains a known mistake and says nothing of the answer otherwise', () => {
    expect(checkValue(window, '4117')).toEqual({
      verdict: 'wrong',
      message: '4,117: that is the window field before scaling.',
    });
    const other = checkValue(window, '65535');
    expect(other.verdict).toBe('wrong');
    expect(other.message).not.toContain('131');
  });

  it('reports unreadable input without calling it wrong', () => {
    expect(checkValue(window, '131744 bits').verdict).toBe('unreadable');
  });

  it('honours a tolerance', () => {
    const a: NumberAnswer = { type: 'number', value: 1.5, tolerance: 0.01 };
    expect(checkValue(a, '1.505').verdict).toBe('correct');
    expect(checkValue(a, '1.52').verdict).toBe('wrong');
  });

  it('compares text without case, quotes or extra spaces, and accepts listed spellings', () => {
    const a = { type: 'text', value: 'Protocol Error', accept: ['protocol_error'] } as const;
    expect(checkValue(a, ' "protocol   error" ').verdict).toBe('correct');
    expect(checkValue(a, 'PROTOCOL_ERROR').verdict).toBe('correct');
    expect(checkValue(a, 'going away').verdict).toBe('wrong');
    expect(checkValue({ ...a, caseSensitive: true }, 'protocol error').verdict).toBe('wrong');
    expect(normaliseText('`x`')).toBe('x');
  });

  it('reads bytes with parseHex and names a bad character', () => {
    const a = {
      type: 'bytes',
      value: Uint8Array.of(0x12, 0x34),
      mistakes: [{ value: Uint8Array.of(0x34, 0x12), message: 'that is little-endian.' }],
    } as const;
    expect(checkValue(a, '12 34').verdict).toBe('correct');
    expect(checkValue(a, '0x12,0x34').verdict).toBe('correct');
    expect(checkValue(a, '34 12')).toEqual({ verdict: 'wrong', message: '34 12: that is little-endian.' });
    expect(checkValue(a, '12').message).toBe('You typed 1 byte (12); the answer has 2.');
    const bad = checkValue(a, '12 3z');
    expect(bad.verdict).toBe('unreadable');
    expect(bad.message).toMatch(/"z".*index 4/);
  });

  it('formats answers for "Show answer"', () => {
    expect(formatValueAnswer(window)).toBe('131,744 bytes');
    expect(formatValueAnswer({ type: 'number', value: -128 })).toBe('−128');
    expect(formatValueAnswer({ type: 'number', value: 10, display: 'hex' })).toBe('0xa');
    expect(checkValue({ type: 'number', value: 10, display: 'hex' }, '10')).toEqual({
      verdict: 'correct',
      message: 'Right: 0xa.',
    });
    expect(formatValueAnswer({ type: 'bytes', value: Uint8Array.of(1, 0xab) })).toBe('01 ab');
  });
});
