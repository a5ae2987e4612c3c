/** A bad character shown in place: the text around it, cut to a window so a 3 MB paste stays cheap. */

export interface ErrorSnippet {
  before: string;
  /** The bad character ('' when the error is at the end of the text). */
  bad: string;
  after: string;
  /** Whether text was cut off before/after the window. */
  cutBefore: boolean;
  cutAfter: boolean;
  /** 1-based line and column of the bad character (as the codec's HexError reports them). */
  line: number;
  column: number;
}

/** Characters kept on each side of the bad one. */
export const SNIPPET_RADIUS = 40;

/** `where` is the codec's HexError (or anything with its position, line and column). */
export function errorSnippet(text: string, where: { position: number; line: number; column: number }): ErrorSnippet {
  const pos = Math.max(0, Math.min(where.position, text.length));
  // Take a whole code point so an emoji is marked as one character, not half a surrogate pair.
  const cp = text.codePointAt(pos);
  const badLen = cp !== undefined && cp > 0xffff ? 2 : pos < text.length ? 1 : 0;
  const from = Math.max(0, pos - SNIPPET_RADIUS);
  const to = Math.min(text.length, pos + badLen + SNIPPET_RADIUS);
  return {
    before: text.slice(from, pos),
    bad: text.slice(pos, pos + badLen),
    after: text.slice(pos + badLen, to),
    cutBefore: from > 0,
    cutAfter: to < text.length,
    line: where.line,
    column: where.column,
  };
}
