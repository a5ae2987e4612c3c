/**
 * UTF-8 budgets: how many characters of a kind fit a byte limit (a close reason's 123 bytes, a header's size).
 */
import { toHex } from '../protocol/hex';

export interface Utf8BudgetRow {
  sample: string;
  /** "U+6635" */
  codePoint: string;
  /** The character's UTF-8 bytes, in hex. */
  utf8: string;
  bytesPerChar: number;
  /** How many of this character fit in `budget` bytes. */
  maxChars: number;
}

const encoder = new TextEncoder();

/**
 * For each sample character: its UTF-8 size and how many copies fit `budget` bytes. Checked by encoding the
 * repeated string itself (n copies fit, n + 1 do not), not just by dividing.
 */
export function utf8Budget(samples: readonly string[], budget: number): Utf8BudgetRow[] {
  return samples.map((sample) => {
    const cp = sample.codePointAt(0);
    if (cp === undefined || [...sample].length !== 1) throw new Error(`one character per sample, got "${sample}"`);
    const utf8 = encoder.encode(sample);
    let maxChars = Math.floor(budget / utf8.length);
    while (encoder.encode(sample.repeat(maxChars + 1)).length <= budget) maxChars++;
    while (maxChars > 0 && encoder.encode(sample.repeat(maxChars)).length > budget) maxChars--;
    return {
      sample,
      codePoint: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`,
      utf8: toHex(utf8),
      bytesPerChar: utf8.length,
      maxChars,
    };
  });
}
