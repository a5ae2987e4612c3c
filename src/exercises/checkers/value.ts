/**
 * Checker for value answers: a number, a short text or a few bytes. Pure; the island calls it on submit.
 *
 * Reading is forgiving where the intent is unambiguous ("131,744", "131 744", "0x2029", "0b1010",
 * "131744 bytes") and strict where it is not ("1,5" is refused rather than guessed as 1.5 or 15).
 */
import { tryParseHex } from '../../protocol/hex';
import { groupDigits, hexBytes, hexNumber } from '../../explain/format';
import type { BytesAnswer, CheckResult, NumberAnswer, TextAnswer, ValueAnswer } from '../types';

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

/** Spaces people put inside numbers: space, no-break, thin, narrow no-break. */
const DIGIT_SPACES = /[\s\u00a0\u2009\u202f_]/g;

/**
 * Reads a number the way a person writes it. `unit` (e.g. "bytes") may follow the number, in singular or
 * plural; any other trailing word is refused so "131744 bits" is not silently read as bytes.
 */
export function parseNumberAnswer(input: string, unit?: string): ParsedNumber {
  const original = input.trim();
  let text = original.replace(/[\u2212\u2012\u2013]/g, '-'); // typographic minus signs
  if (text === '') return { ok: false, message: 'Type a number first.' };
  const unreadable = (): ParsedNumber => ({
    ok: false,
    message: unit
      ? `I couldn't read "${original}": give the number in ${unit}, e.g. 1,500 or 1500 ${unit}.`
      : `I couldn't read "${original}" as a number.`,
  });

  // A trailing unit: "131744 bytes", "40ms". After a hex number it must be spaced off ("0x1b" is a number).
  const hexLike = /^-?\s*0[xX]/.test(text);
  const unitMatch = (hexLike ? /^(.*\S)\s+([a-zA-Z%]+)\.?$/ : /^(.*?\d)\s*([a-zA-Z%]+)\.?$/).exec(text);
  if (unitMatch && unit !== undefined && unitMatches(unitMatch[2]!, unit)) text = unitMatch[1]!.trim();

  const negative = text.startsWith('-');
  const body = (negative ? text.slice(1) : text).trim();

  // 0x2029, 0b1010 (underscores and spaces between digits allowed: 0b1010_0101).
  const prefixed = /^0([xXbB])(.*)$/.exec(body);
  if (prefixed) {
    const isHex = prefixed[1]!.toLowerCase() === 'x';
    const digits = prefixed[2]!.replace(DIGIT_SPACES, '');
    if (!(isHex ? /^[0-9a-fA-F]+$/ : /^[01]+$/).test(digits)) {
      return { ok: false, message: `"${original}" is not a valid ${isHex ? 'hexadecimal' : 'binary'} number.` };
    }
    const value = parseInt(digits, isHex ? 16 : 2);
    return { ok: true, value: negative ? -value : value };
  }

  // Thousands separators: commas only in groups of three ("131,744"), so "1,5" is not guessed at.
  let plain = body;
  if (plain.includes(',')) {
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(plain)) {
      return {
        ok: false,
        message: `I couldn't read "${original}": commas may only separate thousands (131,744); use a point for decimals.`,
      };
    }
    plain = plain.replace(/,/g, '');
  }
  // Spaces as thousands separators ("131 744"), again only before groups of three digits.
  if (/^\d{1,3}([\s\u00a0\u2009\u202f_]\d{3})+(\.\d+)?$/.test(plain)) plain = plain.replace(DIGIT_SPACES, '');
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(plain)) return unreadable();
  const value = Number(plain);
  return { ok: true, value: negative ? -value : value };
}

function unitMatches(word: string, unit: string): boolean {
  const w = word.toLowerCase();
  const u = unit.toLowerCase();
  const singular = u.endsWith('s') ? u.slice(0, -1) : u;
  const aliases: Record<string, string[]> = { byte: ['b'], millisecond: ['ms'], second: ['s', 'sec'], bit: [] };
  return w === u || w === singular || w === `${singular}s` || (aliases[singular] ?? []).includes(w);
}

/** Text comparison form: no surrounding quotes or backticks, single spaces, lowercase unless asked. */
export function normaliseText(text: string, caseSensitive = false): string {
  const t = text
    .trim()
    .replace(/^["'`“”‘’]+|["'`“”‘’]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return caseSensitive ? t : t.toLowerCase();
}

/** The answer as it is shown by "Show answer" and in messages. */
export function formatValueAnswer(answer: ValueAnswer): string {
  switch (answer.type) {
    case 'number': {
      const n =
        answer.display === 'hex' && Number.isInteger(answer.value) && answer.value >= 0
          ? hexNumber(answer.value)
          : groupDigits(answer.value);
      return `${n}${answer.unit ? ` ${answer.unit}` : ''}`;
    }
    case 'text':
      return answer.value;
    case 'bytes':
      return hexBytes(answer.value);
  }
}

export function checkValue(answer: ValueAnswer, input: string): CheckResult {
  switch (answer.type) {
    case 'number':
      return checkNumber(answer, input);
    case 'text':
      return checkText(answer, input);
    case 'bytes':
      return checkBytes(answer, input);
  }
}

function checkNumber(answer: NumberAnswer, input: string): CheckResult {
  const parsed = parseNumberAnswer(input, answer.unit);
  if (!parsed.ok) return { verdict: 'unreadable', message: parsed.message };
  const close = (a: number, b: number) => Math.abs(a - b) <= (answer.tolerance ?? 0);
  if (close(parsed.value, answer.value)) {
    return { verdict: 'correct', message: `Right: ${formatValueAnswer(answer)}.` };
  }
  const mistake = answer.mistakes?.find((m) => close(parsed.value, m.value));
  const shown = groupDigits(parsed.value);
  return { verdict: 'wrong', message: mistake ? `${shown}: ${mistake.message}` : `${shown} is not the answer.` };
}

function checkText(answer: TextAnswer, input: string): CheckResult {
  const given = normaliseText(input, answer.caseSensitive);
  if (given === '') return { verdict: 'unreadable', message: 'Type an answer first.' };
  const accepted = [answer.value, ...(answer.accept ?? [])].map((a) => normaliseText(a, answer.caseSensitive));
  if (accepted.includes(given)) return { verdict: 'correct', message: `Right: ${answer.value}.` };
  const mistake = answer.mistakes?.find((m) => normaliseText(m.value, answer.caseSensitive) === given);
  return {
    verdict: 'wrong',
    message: mistake ? `"${input.trim()}": ${mistake.message}` : `"${input.trim()}" is not the answer.`,
  };
}

function checkBytes(answer: BytesAnswer, input: string): CheckResult {
  if (input.trim() === '') return { verdict: 'unreadable', message: 'Type the bytes in hex first, e.g. 12 34.' };
  const read = tryParseHex(input);
  if (!read.ok) return { verdict: 'unreadable', message: read.error.message };
  const bytes = read.bytes;
  if (sameBytes(bytes, answer.value)) return { verdict: 'correct', message: `Right: ${hexBytes(answer.value)}.` };
  const mistake = answer.mistakes?.find((m) => sameBytes(bytes, m.value));
  const shown = hexBytes(bytes);
  if (mistake) return { verdict: 'wrong', message: `${shown}: ${mistake.message}` };
  if (bytes.length !== answer.value.length) {
    return {
      verdict: 'wrong',
      message: `You typed ${bytes.length} byte${bytes.length === 1 ? '' : 's'} (${shown}); the answer has ${answer.value.length}.`,
    };
  }
  return { verdict: 'wrong', message: `${shown} is not the answer.` };
}

export function sameBytes(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
