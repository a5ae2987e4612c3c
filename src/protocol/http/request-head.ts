/**
 * A strict reader of an HTTP/1.1 request head (RFC 9112): it splits the lines, finds the empty line
 * that ends the head, reads the request line and the field lines, and lists every syntax problem
 * with its line instead of stopping at the first. The WebSocket handshake validator
 * (`websocket/handshake-request.ts`) adds its own checks on top; `parseHttpHead` in `head.ts` is the
 * lenient reader for heads cut out of captured streams.
 */

import { isToken, quoteValue, type HeaderField } from './fields';

/** The HTTP syntax problems a request head can have; each has an RFC 9112 / RFC 9110 rule. */
export type RequestHeadProblemId =
  | 'EMPTY_REQUEST'
  | 'INCOMPLETE_HEAD'
  | 'BARE_LF'
  | 'BARE_CR'
  | 'LEADING_EMPTY_LINES'
  | 'REQUEST_LINE_MALFORMED'
  | 'REQUEST_LINE_WHITESPACE'
  | 'WHITESPACE_BEFORE_FIRST_HEADER'
  | 'OBS_FOLD'
  | 'MISSING_COLON'
  | 'WHITESPACE_BEFORE_COLON'
  | 'INVALID_FIELD_NAME'
  | 'INVALID_FIELD_VALUE'
  | 'CONTROL_CHARACTER_IN_VALUE';

export interface RequestHeadProblem {
  id: RequestHeadProblemId;
  /** Plain English, specific to this head. */
  message: string;
  /** 1-based line, when the problem is on one line. */
  line?: number;
}

export interface ParsedRequestLine {
  method: string;
  target: string;
  /** As written, e.g. "HTTP/1.1". */
  version: string;
  /** 1-based line of the request line. */
  line: number;
}

export interface RequestHeadReading {
  /** Whether the head ended with an empty line. */
  complete: boolean;
  /** Characters up to and including the empty line, or the whole input when incomplete. */
  headLength: number;
  lineEnding: 'CRLF' | 'LF' | 'mixed' | 'none';
  /** How the head is framed: empty lines before it, lines ending in a bare LF. */
  framingProblems: RequestHeadProblem[];
  /** False when there is no request line at all (`startProblems` then holds EMPTY_REQUEST). */
  hasRequestLine: boolean;
  /** The head cut short, bare CRs, and the request line's syntax. */
  startProblems: RequestHeadProblem[];
  /** The request line's three parts, when it could be read. */
  requestLine?: ParsedRequestLine;
  /** The field lines' syntax, in line order. */
  fieldProblems: RequestHeadProblem[];
  /** Every field in order, names as sent. */
  fields: HeaderField[];
}

interface RawLine {
  text: string;
  number: number;
  /** How the line ended: "\r\n", "\n", or "" at the end of input. */
  ending: '\r\n' | '\n' | '';
  /** Offset just after the line's terminator. */
  end: number;
}

/** Lines of `text` with their endings; LF ends a line and a CR right before it belongs to the ending (RFC 9112 §2.2). */
function splitLines(text: string): RawLine[] {
  const lines: RawLine[] = [];
  let start = 0;
  let number = 1;
  for (;;) {
    const lf = text.indexOf('\n', start);
    if (lf < 0) {
      // A final CR with nothing after it is a CRLF cut short by the end of the input.
      const rest = text.slice(start).replace(/\r$/, '');
      if (start < text.length) lines.push({ text: rest, number, ending: '', end: text.length });
      return lines;
    }
    const crlf = lf > start && text[lf - 1] === '\r';
    lines.push({ text: text.slice(start, crlf ? lf - 1 : lf), number, ending: crlf ? '\r\n' : '\n', end: lf + 1 });
    start = lf + 1;
    number++;
  }
}

/** Reads a request head from text (one character per byte for byte input). Never throws. */
export function readRequestHead(text: string): RequestHeadReading {
  const all = splitLines(text);
  const framingProblems: RequestHeadProblem[] = [];

  // RFC 9112 §2.2: a server should ignore at least one empty line before the request line.
  let index = 0;
  while (index < all.length && all[index]?.text === '' && all[index]?.ending !== '') index++;
  const leading = index;
  if (leading > 0)
    framingProblems.push({
      id: 'LEADING_EMPTY_LINES',
      message: `${leading} empty line${leading > 1 ? 's' : ''} before the request line ignored (RFC 9112 §2.2 lets a server skip them).`,
      line: 1,
    });

  // The head runs up to the first empty line (RFC 9112 §2.1).
  const headLines: RawLine[] = [];
  let complete = false;
  let headLength = text.length;
  for (; index < all.length; index++) {
    const line = all[index]!;
    if (line.text === '' && headLines.length > 0) {
      complete = true;
      headLength = line.end;
      break;
    }
    headLines.push(line);
  }

  const terminated = headLines.concat(complete ? [all[index]!] : []).filter((l) => l.ending !== '');
  const lineEnding = lineEndingOf(terminated);
  const bareLf = bareLfProblem(terminated);
  if (bareLf !== undefined) framingProblems.push(bareLf);

  const reading: RequestHeadReading = {
    complete,
    headLength,
    lineEnding,
    framingProblems,
    hasRequestLine: headLines.length > 0,
    startProblems: [],
    fieldProblems: [],
    fields: [],
  };
  const first = headLines[0];
  if (first === undefined) {
    reading.startProblems.push({
      id: 'EMPTY_REQUEST',
      message: 'The request is empty: expected a request line such as "GET /chat HTTP/1.1".',
    });
    return reading;
  }
  if (!complete)
    reading.startProblems.push({
      id: 'INCOMPLETE_HEAD',
      message:
        'The head does not end with an empty line (CRLF CRLF), so a server would still be waiting for more bytes; the fields so far are checked anyway.',
    });
  for (const line of headLines) {
    const bareCr = bareCrProblem(line);
    if (bareCr !== undefined) reading.startProblems.push(bareCr);
  }
  const requestLine = readRequestLine(first, reading.startProblems);
  if (requestLine !== undefined) reading.requestLine = requestLine;
  reading.fields = readFieldLines(headLines.slice(1), reading.fieldProblems);
  return reading;
}

function lineEndingOf(terminated: readonly RawLine[]): RequestHeadReading['lineEnding'] {
  const lfOnly = terminated.filter((l) => l.ending === '\n').length;
  if (terminated.length === 0) return 'none';
  if (lfOnly === 0) return 'CRLF';
  return lfOnly === terminated.length ? 'LF' : 'mixed';
}

/** RFC 9112 §2.2: a recipient may accept a bare LF as a line terminator; senders must send CRLF. */
function bareLfProblem(terminated: readonly RawLine[]): RequestHeadProblem | undefined {
  const lfOnly = terminated.filter((l) => l.ending === '\n');
  if (lfOnly.length === 0) return undefined;
  const which =
    lfOnly.length === terminated.length
      ? 'Every line ends'
      : `${lfOnly.length} line${lfOnly.length > 1 ? 's end' : ' ends'}`;
  return {
    id: 'BARE_LF',
    message:
      `${which} in a bare LF ` +
      `(first: line ${lfOnly[0]!.number}). Tolerated here, as RFC 9112 §2.2 allows, but HTTP senders must end lines with CRLF.`,
    line: lfOnly[0]!.number,
  };
}

/** RFC 9112 §2.2: a CR not followed by LF is an error (or must become SP; a handshake refuses it). */
function bareCrProblem(line: RawLine): RequestHeadProblem | undefined {
  const cr = line.text.indexOf('\r');
  if (cr < 0) return undefined;
  return {
    id: 'BARE_CR',
    message: `Line ${line.number} contains a carriage return (CR) not followed by a line feed at column ${cr + 1} (RFC 9112 §2.2).`,
    line: line.number,
  };
}

/** Request line: method SP request-target SP HTTP-version (RFC 9112 §3). */
function readRequestLine(line: RawLine, problems: RequestHeadProblem[]): ParsedRequestLine | undefined {
  const text = line.text;
  const strict = /^([^ ]+) ([^ ]+) ([^ ]+)$/.exec(text);
  const loose = strict ?? /^\s*(\S+)\s+(\S+)\s+(\S+)\s*$/.exec(text);
  if (loose === null) {
    problems.push({
      id: 'REQUEST_LINE_MALFORMED',
      message: `The request line ${quoteValue(text)} is not "method SP request-target SP HTTP-version", e.g. "GET /chat HTTP/1.1" (RFC 9112 §3).`,
      line: line.number,
    });
    return undefined;
  }
  if (strict === null)
    problems.push({
      id: 'REQUEST_LINE_WHITESPACE',
      message: `The request line ${quoteValue(text)} separates its parts with whitespace other than single spaces; RFC 9112 §3 lets a server accept it, but a sender must use one SP.`,
      line: line.number,
    });
  return { method: loose[1] ?? '', target: loose[2] ?? '', version: loose[3] ?? '', line: line.number };
}

/** Field lines: field-name ":" OWS field-value OWS (RFC 9112 §5), folds joined (§5.2). */
function readFieldLines(lines: readonly RawLine[], problems: RequestHeadProblem[]): HeaderField[] {
  const fields: HeaderField[] = [];
  let lastField: HeaderField | undefined;
  const problem = (id: RequestHeadProblemId, message: string, line: number): void => {
    problems.push({ id, message, line });
  };
  for (const line of lines) {
    const t = line.text;
    if (t[0] === ' ' || t[0] === '\t') {
      if (lastField === undefined) {
        // RFC 9112 §2.2: whitespace before the first field line must be rejected or skipped.
        problem(
          'WHITESPACE_BEFORE_FIRST_HEADER',
          `Line ${line.number} starts with whitespace right after the request line; RFC 9112 §2.2 requires rejecting this (it can smuggle a field past some parsers).`,
          line.number,
        );
      } else {
        problem(
          'OBS_FOLD',
          `Line ${line.number} starts with whitespace, continuing the "${lastField.name}" value from the line above (obsolete line folding). RFC 9112 §5.2: a server must reject it or replace the fold with a space.`,
          line.number,
        );
        lastField.value = (lastField.value + ' ' + t.trim()).trim();
      }
      continue;
    }
    const colon = t.indexOf(':');
    if (colon < 0) {
      problem(
        'MISSING_COLON',
        `Line ${line.number} ${quoteValue(t)} has no colon, so it is not a "name: value" field line (RFC 9112 §5.1).`,
        line.number,
      );
      lastField = undefined;
      continue;
    }
    const rawName = t.slice(0, colon);
    const name = rawName.replace(/[ \t]+$/, '');
    if (name !== rawName)
      problem(
        'WHITESPACE_BEFORE_COLON',
        `Line ${line.number}: whitespace between the field name "${name}" and the colon. RFC 9112 §5.1 requires a server to reject this with 400.`,
        line.number,
      );
    if (!isToken(name))
      problem(
        'INVALID_FIELD_NAME',
        `Line ${line.number}: the field name ${quoteValue(name)} ${name === '' ? 'is empty' : 'contains characters not allowed in a token'} (RFC 9110 §5.1).`,
        line.number,
      );
    const value = t.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (value.includes('\0')) {
      problem(
        'INVALID_FIELD_VALUE',
        `Line ${line.number}: the value of "${name}" contains a NUL character, which RFC 9110 §5.5 calls invalid and dangerous.`,
        line.number,
      );
      // eslint-disable-next-line no-control-regex -- RFC 9110 §5.5: other CTLs in a field value
    } else if (/[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(value)) {
      problem(
        'CONTROL_CHARACTER_IN_VALUE',
        `Line ${line.number}: the value of "${name}" contains a control character (RFC 9110 §5.5 allows only visible characters, space and tab).`,
        line.number,
      );
    }
    lastField = { name, value, line: line.number };
    fields.push(lastField);
  }
  return fields;
}
