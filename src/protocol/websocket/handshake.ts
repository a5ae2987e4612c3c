/**
 * The opening handshake, server side (RFC 6455 §4.2): read a raw HTTP/1.1 upgrade request, list
 * every problem with it (not just the first), and build the answer — 101 Switching Protocols, or
 * 400 / 403 / 426 / 431 with the reasons in the body.
 *
 * HTTP syntax follows RFC 9112 (message syntax) and RFC 9110 (fields); WebSocket requirements follow
 * RFC 6455 §4.1 (what a client sends) and §4.2.1 (what a server checks).
 */

import { computeAcceptKey, isValidClientKey } from './accept-key';

// ---------------------------------------------------------------------------------------------
// Problems

export type HandshakeProblemId =
  | 'EMPTY_REQUEST'
  | 'INCOMPLETE_HEAD'
  | 'HEAD_TOO_LARGE'
  | 'BARE_LF'
  | 'BARE_CR'
  | 'LEADING_EMPTY_LINES'
  | 'REQUEST_LINE_MALFORMED'
  | 'REQUEST_LINE_WHITESPACE'
  | 'METHOD_NOT_GET'
  | 'INVALID_HTTP_VERSION'
  | 'HTTP_VERSION_TOO_OLD'
  | 'INVALID_TARGET'
  | 'WHITESPACE_BEFORE_FIRST_HEADER'
  | 'OBS_FOLD'
  | 'MISSING_COLON'
  | 'WHITESPACE_BEFORE_COLON'
  | 'INVALID_FIELD_NAME'
  | 'INVALID_FIELD_VALUE'
  | 'CONTROL_CHARACTER_IN_VALUE'
  | 'MISSING_HOST'
  | 'DUPLICATE_HOST'
  | 'EMPTY_HOST'
  | 'MISSING_UPGRADE'
  | 'UPGRADE_NOT_WEBSOCKET'
  | 'MISSING_CONNECTION'
  | 'CONNECTION_NOT_UPGRADE'
  | 'MISSING_KEY'
  | 'DUPLICATE_KEY'
  | 'INVALID_KEY'
  | 'NONCANONICAL_KEY'
  | 'MISSING_VERSION'
  | 'DUPLICATE_VERSION'
  | 'UNSUPPORTED_VERSION'
  | 'INVALID_PROTOCOL'
  | 'DUPLICATE_PROTOCOL'
  | 'INVALID_EXTENSIONS'
  | 'DUPLICATE_ORIGIN'
  | 'ORIGIN_NOT_ALLOWED';

/**
 * error: the server must refuse (the response status says how); warning: against the rules but a
 * server may carry on; note: worth knowing, not wrong.
 */
export type ProblemSeverity = 'error' | 'warning' | 'note';

/** HTTP statuses a refused handshake is answered with. */
export type RefusalStatus = 400 | 403 | 426 | 431;

export interface HandshakeRule {
  severity: ProblemSeverity;
  /** The status an error leads to (errors only). */
  status?: RefusalStatus;
  /** Where the rule is written, e.g. "RFC 6455 §4.2.1 item 5". */
  rule: string;
  /** One line for the rule table in the handshake lesson. */
  summary: string;
}

/** Every check, with its RFC rule: the handshake lesson renders its table from this. */
export const HANDSHAKE_RULES: Readonly<Record<HandshakeProblemId, HandshakeRule>> = {
  EMPTY_REQUEST: { severity: 'error', status: 400, rule: 'RFC 9112 §3', summary: 'There is no request line.' },
  INCOMPLETE_HEAD: {
    severity: 'note',
    rule: 'RFC 9112 §2.1',
    summary: 'The head does not end with an empty line; a server would still be waiting.',
  },
  HEAD_TOO_LARGE: {
    severity: 'error',
    status: 431,
    rule: 'RFC 6585 §5',
    summary: 'The request head is larger than the server accepts.',
  },
  BARE_LF: {
    severity: 'note',
    rule: 'RFC 9112 §2.2',
    summary: 'Lines end in a bare LF instead of CRLF (tolerated, but senders must use CRLF).',
  },
  BARE_CR: { severity: 'error', status: 400, rule: 'RFC 9112 §2.2', summary: 'A CR not followed by LF.' },
  LEADING_EMPTY_LINES: {
    severity: 'note',
    rule: 'RFC 9112 §2.2',
    summary: 'Empty lines before the request line (ignored).',
  },
  REQUEST_LINE_MALFORMED: {
    severity: 'error',
    status: 400,
    rule: 'RFC 9112 §3',
    summary: 'The request line is not "method SP request-target SP HTTP-version".',
  },
  REQUEST_LINE_WHITESPACE: {
    severity: 'warning',
    rule: 'RFC 9112 §3',
    summary: 'The request line uses whitespace other than single spaces.',
  },
  METHOD_NOT_GET: { severity: 'error', status: 400, rule: 'RFC 6455 §4.2.1 item 1', summary: 'The method is not GET.' },
  INVALID_HTTP_VERSION: {
    severity: 'error',
    status: 400,
    rule: 'RFC 9112 §2.3',
    summary: 'The HTTP version is not of the form HTTP/x.y.',
  },
  HTTP_VERSION_TOO_OLD: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 1',
    summary: 'The HTTP version is below 1.1.',
  },
  INVALID_TARGET: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 1, §3',
    summary: 'The request-target is not a resource name (or absolute http/https URI).',
  },
  WHITESPACE_BEFORE_FIRST_HEADER: {
    severity: 'error',
    status: 400,
    rule: 'RFC 9112 §2.2',
    summary: 'Whitespace between the request line and the first header field.',
  },
  OBS_FOLD: {
    severity: 'error',
    status: 400,
    rule: 'RFC 9112 §5.2',
    summary: 'A header value continued on the next line (obsolete line folding).',
  },
  MISSING_COLON: { severity: 'error', status: 400, rule: 'RFC 9112 §5.1', summary: 'A header line without a colon.' },
  WHITESPACE_BEFORE_COLON: {
    severity: 'error',
    status: 400,
    rule: 'RFC 9112 §5.1',
    summary: 'Whitespace between a field name and its colon.',
  },
  INVALID_FIELD_NAME: {
    severity: 'error',
    status: 400,
    rule: 'RFC 9110 §5.1',
    summary: 'A field name with characters not allowed in a token.',
  },
  INVALID_FIELD_VALUE: {
    severity: 'error',
    status: 400,
    rule: 'RFC 9110 §5.5',
    summary: 'A field value containing NUL.',
  },
  CONTROL_CHARACTER_IN_VALUE: {
    severity: 'warning',
    rule: 'RFC 9110 §5.5',
    summary: 'A field value containing a control character.',
  },
  MISSING_HOST: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 2; RFC 9112 §3.2',
    summary: 'No Host header field.',
  },
  DUPLICATE_HOST: {
    severity: 'error',
    status: 400,
    rule: 'RFC 9112 §3.2',
    summary: 'More than one Host header field.',
  },
  EMPTY_HOST: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 2',
    summary: 'Host is empty; it must hold the server’s authority.',
  },
  MISSING_UPGRADE: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 3',
    summary: 'No Upgrade header field.',
  },
  UPGRADE_NOT_WEBSOCKET: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 3',
    summary: 'Upgrade does not contain "websocket".',
  },
  MISSING_CONNECTION: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 4',
    summary: 'No Connection header field.',
  },
  CONNECTION_NOT_UPGRADE: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 4',
    summary: 'Connection does not contain the token "Upgrade".',
  },
  MISSING_KEY: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 5',
    summary: 'No Sec-WebSocket-Key header field.',
  },
  DUPLICATE_KEY: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §11.3.1',
    summary: 'More than one Sec-WebSocket-Key header field.',
  },
  INVALID_KEY: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 5, §4.1 item 7',
    summary: 'Sec-WebSocket-Key is not base64 of 16 bytes.',
  },
  NONCANONICAL_KEY: {
    severity: 'note',
    rule: 'RFC 4648 §3.5',
    summary: 'Sec-WebSocket-Key has non-zero pad bits (accepted).',
  },
  MISSING_VERSION: {
    // A required field is missing: 400 (§4.2.1). 426 is for a version the server does not speak (§4.4).
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.2.1 item 6, §4.4',
    summary: 'No Sec-WebSocket-Version header field.',
  },
  DUPLICATE_VERSION: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §11.3.5',
    summary: 'More than one Sec-WebSocket-Version header field in a request.',
  },
  UNSUPPORTED_VERSION: {
    severity: 'error',
    status: 426,
    rule: 'RFC 6455 §4.2.1 item 6, §4.4',
    summary: 'Sec-WebSocket-Version is not 13.',
  },
  INVALID_PROTOCOL: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.1 item 10',
    summary: 'A Sec-WebSocket-Protocol element is not a token.',
  },
  DUPLICATE_PROTOCOL: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §4.1 item 10',
    summary: 'A subprotocol is offered twice.',
  },
  INVALID_EXTENSIONS: {
    severity: 'error',
    status: 400,
    rule: 'RFC 6455 §9.1',
    summary: 'Sec-WebSocket-Extensions does not follow its grammar.',
  },
  DUPLICATE_ORIGIN: { severity: 'warning', rule: 'RFC 6454 §7', summary: 'More than one Origin header field.' },
  ORIGIN_NOT_ALLOWED: {
    severity: 'error',
    status: 403,
    rule: 'RFC 6455 §10.2, §4.2.2 step 4',
    summary: 'The Origin is not one this server accepts.',
  },
};

export interface HandshakeProblem {
  id: HandshakeProblemId;
  severity: ProblemSeverity;
  /** Errors only: the status this problem leads to. */
  status?: RefusalStatus;
  rule: string;
  /** Plain English, specific to this request. */
  message: string;
  /** 1-based line in the head where the problem is, when it is on one line. */
  line?: number;
}

// ---------------------------------------------------------------------------------------------
// Parsed request

export interface HeaderField {
  /** The name as sent (case preserved). */
  name: string;
  /** The value with surrounding whitespace (OWS) removed, obs-folds joined by a space. */
  value: string;
  /** 1-based line of the field in the head. */
  line: number;
}

export interface ExtensionParam {
  name: string;
  /** Absent for a bare parameter such as "client_max_window_bits". */
  value?: string;
}

export interface ExtensionOffer {
  name: string;
  params: ExtensionParam[];
}

export interface HandshakeRequest {
  method: string;
  target: string;
  /** As written, e.g. "HTTP/1.1". */
  version: string;
  /** Every header field in order, names as sent. */
  headers: HeaderField[];
  /** Lower-cased field name → values in order. */
  lookup: Record<string, string[]>;
  host?: string;
  origin?: string;
  key?: string;
  /** Sec-WebSocket-Version as sent. */
  websocketVersion?: string;
  /** Sec-WebSocket-Protocol elements, in the client's order of preference. */
  protocols: string[];
  /** Sec-WebSocket-Extensions offers, in order (empty when absent or malformed). */
  extensions: ExtensionOffer[];
}

export interface HandshakeValidation {
  /** True when there is no problem of severity "error". */
  ok: boolean;
  request: HandshakeRequest;
  problems: HandshakeProblem[];
  /** The status a server answers with: 101 when ok. */
  status: 101 | RefusalStatus;
  /** Whether the head ended with an empty line. */
  complete: boolean;
  /** Length of the head including its final empty line (bytes for Uint8Array input), or of the whole input when incomplete. */
  headLength: number;
  lineEnding: 'CRLF' | 'LF' | 'mixed' | 'none';
}

export interface ValidateHandshakeOptions {
  /** Largest head accepted, in bytes (default 16384, Node.js's default --max-http-header-size). */
  maxHeadBytes?: number;
  /**
   * Origins allowed to connect (RFC 6455 §10.2): a list (compared lower-cased, §4.2.2 step 4) or a
   * predicate. Requests without Origin come from non-browser clients (§4.2.1 item 7) and pass.
   */
  allowedOrigins?: readonly string[] | ((origin: string) => boolean);
}

/** The value of a header field, repeated fields joined with ", " (RFC 9110 §5.3); undefined when absent. */
export function getHeader(request: Pick<HandshakeRequest, 'lookup'>, name: string): string | undefined {
  const values = request.lookup[name.toLowerCase()];
  return values === undefined ? undefined : values.join(', ');
}

/** Comma-separated list elements of a field value, trimmed, empty elements dropped (RFC 9110 §5.6.1). */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Does a comma-separated field value contain `token` (ASCII case-insensitive)? */
export function headerHasToken(value: string, token: string): boolean {
  const wanted = token.toLowerCase();
  return splitList(value).some((element) => element.toLowerCase() === wanted);
}

// tchar of RFC 9110 §5.6.2.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function isToken(s: string): boolean {
  return TOKEN.test(s);
}

function quoteValue(s: string): string {
  return JSON.stringify(s.length > 60 ? s.slice(0, 57) + '…' : s);
}

const DEFAULT_MAX_HEAD_BYTES = 16384;

interface RawLine {
  text: string;
  number: number;
  /** How the line ended: "\r\n", "\n", or "" at the end of input. */
  ending: '\r\n' | '\n' | '';
  /** Offset just after the line's terminator. */
  end: number;
}

function splitHead(text: string): RawLine[] {
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

function latin1(bytes: Uint8Array): string {
  // Field octets as-is (ISO-8859-1); TextDecoder('latin1') is windows-1252 in browsers, so do it by hand.
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return s;
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

/** Parse Sec-WebSocket-Extensions (RFC 6455 §9.1); returns an error message instead of throwing. */
export function parseExtensions(value: string): { extensions: ExtensionOffer[]; error?: string } {
  const extensions: ExtensionOffer[] = [];
  let i = 0;
  const ows = (): void => {
    while (value[i] === ' ' || value[i] === '\t') i++;
  };
  const token = (): string => {
    const m = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+/.exec(value.slice(i));
    if (!m) return '';
    i += m[0].length;
    return m[0];
  };
  const fail = (what: string): { extensions: ExtensionOffer[]; error: string } => ({
    extensions: [],
    error: `${what} at position ${i} of ${quoteValue(value)}${i < value.length ? ` (found ${quoteValue(value[i] ?? '')})` : ''}`,
  });
  for (;;) {
    ows();
    if (i >= value.length) break;
    if (value[i] === ',') {
      i++; // empty list element (RFC 9110 §5.6.1)
      continue;
    }
    const name = token();
    if (name === '') return fail('Expected an extension name (a token)');
    const params: ExtensionParam[] = [];
    for (;;) {
      ows();
      if (value[i] !== ';') break;
      i++;
      ows();
      const pname = token();
      if (pname === '') return fail(`Expected a parameter name after ";" in extension "${name}"`);
      ows();
      if (value[i] === '=') {
        i++;
        ows();
        let pvalue: string;
        if (value[i] === '"') {
          i++;
          pvalue = '';
          while (i < value.length && value[i] !== '"') {
            if (value[i] === '\\') i++;
            pvalue += value[i] ?? '';
            i++;
          }
          if (value[i] !== '"') return fail(`Unterminated quoted string in parameter "${pname}"`);
          i++;
          // §9.1: after unescaping, a quoted value must still be a token.
          if (!isToken(pvalue)) return fail(`The quoted value of "${pname}" is not a token after unescaping`);
        } else {
          pvalue = token();
          if (pvalue === '') return fail(`Expected a value after "${pname}="`);
        }
        params.push({ name: pname, value: pvalue });
      } else {
        params.push({ name: pname });
      }
    }
    extensions.push({ name, params });
    ows();
    if (i >= value.length) break;
    if (value[i] !== ',') return fail(`Expected "," or ";" after extension "${name}"`);
    i++;
  }
  return { extensions };
}

function originAllowed(origin: string, allowed: NonNullable<ValidateHandshakeOptions['allowedOrigins']>): boolean {
  if (typeof allowed === 'function') return allowed(origin);
  const o = origin.toLowerCase();
  return allowed.some((a) => a.toLowerCase() === o);
}

/** The status for a set of problems: 431 over 400 over 403 over 426; 101 when no errors. */
export function responseStatusFor(problems: readonly HandshakeProblem[]): 101 | RefusalStatus {
  const statuses = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.status ?? 400));
  for (const s of [431, 400, 403, 426] as const) if (statuses.has(s)) return s;
  return 101;
}

/**
 * Parse a raw HTTP/1.1 request head and check it as a WebSocket opening handshake
 * (RFC 6455 §4.2.1). Never throws on any input; every problem found is listed.
 */
export function validateHandshakeRequest(
  head: string | Uint8Array,
  options: ValidateHandshakeOptions = {},
): HandshakeValidation {
  const text = typeof head === 'string' ? head : latin1(head);
  const problems: HandshakeProblem[] = [];
  const add = (id: HandshakeProblemId, message: string, line?: number): void => {
    const rule = HANDSHAKE_RULES[id];
    const problem: HandshakeProblem = { id, severity: rule.severity, rule: rule.rule, message };
    if (rule.status !== undefined) problem.status = rule.status;
    if (line !== undefined) problem.line = line;
    problems.push(problem);
  };
  const request: HandshakeRequest = {
    method: '',
    target: '',
    version: '',
    headers: [],
    lookup: {},
    protocols: [],
    extensions: [],
  };

  const all = splitHead(text);
  let index = 0;
  let leading = 0;
  while (index < all.length && all[index]?.text === '' && all[index]?.ending !== '') {
    index++;
    leading++;
  }
  if (leading > 0)
    add(
      'LEADING_EMPTY_LINES',
      `${leading} empty line${leading > 1 ? 's' : ''} before the request line ignored (RFC 9112 §2.2 lets a server skip them).`,
      1,
    );

  // The head runs up to the first empty line.
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
  const lfOnly = terminated.filter((l) => l.ending === '\n');
  const lineEnding: HandshakeValidation['lineEnding'] =
    terminated.length === 0
      ? 'none'
      : lfOnly.length === 0
        ? 'CRLF'
        : lfOnly.length === terminated.length
          ? 'LF'
          : 'mixed';
  if (lfOnly.length > 0) {
    add(
      'BARE_LF',
      `${lfOnly.length === terminated.length ? 'Every line ends' : `${lfOnly.length} line${lfOnly.length > 1 ? 's end' : ' ends'}`} in a bare LF ` +
        `(first: line ${lfOnly[0]!.number}). Tolerated here, as RFC 9112 §2.2 allows, but HTTP senders must end lines with CRLF.`,
      lfOnly[0]!.number,
    );
  }

  // Latin-1 decoding keeps one char per byte, so for byte input lengths are already byte counts.
  const headBytes = typeof head === 'string' ? utf8Length(text.slice(0, headLength)) : headLength;
  const max = options.maxHeadBytes ?? DEFAULT_MAX_HEAD_BYTES;
  if (headBytes > max) {
    add(
      'HEAD_TOO_LARGE',
      `The request head is ${headBytes} bytes; this server accepts at most ${max}. The answer is 431 Request Header Fields Too Large (RFC 6585 §5).`,
    );
  }

  const requestLine = headLines[0];
  if (requestLine === undefined) {
    add('EMPTY_REQUEST', 'The request is empty: expected a request line such as "GET /chat HTTP/1.1".');
    return finish();
  }
  if (!complete) {
    add(
      'INCOMPLETE_HEAD',
      'The head does not end with an empty line (CRLF CRLF), so a server would still be waiting for more bytes; the fields so far are checked anyway.',
    );
  }
  for (const line of headLines) {
    const cr = line.text.indexOf('\r');
    if (cr >= 0)
      add(
        'BARE_CR',
        `Line ${line.number} contains a carriage return (CR) not followed by a line feed at column ${cr + 1} (RFC 9112 §2.2).`,
        line.number,
      );
  }

  // Request line: method SP request-target SP HTTP-version (RFC 9112 §3).
  const rl = requestLine.text;
  const strict = /^([^ ]+) ([^ ]+) ([^ ]+)$/.exec(rl);
  const loose = strict ?? /^\s*(\S+)\s+(\S+)\s+(\S+)\s*$/.exec(rl);
  if (loose === null) {
    add(
      'REQUEST_LINE_MALFORMED',
      `The request line ${quoteValue(rl)} is not "method SP request-target SP HTTP-version", e.g. "GET /chat HTTP/1.1" (RFC 9112 §3).`,
      requestLine.number,
    );
  } else {
    if (strict === null) {
      add(
        'REQUEST_LINE_WHITESPACE',
        `The request line ${quoteValue(rl)} separates its parts with whitespace other than single spaces; RFC 9112 §3 lets a server accept it, but a sender must use one SP.`,
        requestLine.number,
      );
    }
    request.method = loose[1] ?? '';
    request.target = loose[2] ?? '';
    request.version = loose[3] ?? '';
    checkRequestLine(requestLine.number);
  }

  // Header fields (RFC 9112 §5).
  let lastField: HeaderField | undefined;
  for (let k = 1; k < headLines.length; k++) {
    const line = headLines[k]!;
    const t = line.text;
    if (t[0] === ' ' || t[0] === '\t') {
      if (lastField === undefined) {
        add(
          'WHITESPACE_BEFORE_FIRST_HEADER',
          `Line ${line.number} starts with whitespace right after the request line; RFC 9112 §2.2 requires rejecting this (it can smuggle a field past some parsers).`,
          line.number,
        );
      } else {
        add(
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
      add(
        'MISSING_COLON',
        `Line ${line.number} ${quoteValue(t)} has no colon, so it is not a "name: value" field line (RFC 9112 §5.1).`,
        line.number,
      );
      lastField = undefined;
      continue;
    }
    const rawName = t.slice(0, colon);
    const name = rawName.replace(/[ \t]+$/, '');
    if (name !== rawName) {
      add(
        'WHITESPACE_BEFORE_COLON',
        `Line ${line.number}: whitespace between the field name "${name}" and the colon. RFC 9112 §5.1 requires a server to reject this with 400.`,
        line.number,
      );
    }
    if (!isToken(name)) {
      add(
        'INVALID_FIELD_NAME',
        `Line ${line.number}: the field name ${quoteValue(name)} ${name === '' ? 'is empty' : 'contains characters not allowed in a token'} (RFC 9110 §5.1).`,
        line.number,
      );
    }
    const value = t.slice(colon + 1).replace(/^[ \t]+|[ \t]+$/g, '');
    if (value.includes('\0')) {
      add(
        'INVALID_FIELD_VALUE',
        `Line ${line.number}: the value of "${name}" contains a NUL character, which RFC 9110 §5.5 calls invalid and dangerous.`,
        line.number,
      );
      // eslint-disable-next-line no-control-regex -- RFC 9110 §5.5: other CTLs in a field value
    } else if (/[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]/.test(value)) {
      add(
        'CONTROL_CHARACTER_IN_VALUE',
        `Line ${line.number}: the value of "${name}" contains a control character (RFC 9110 §5.5 allows only visible characters, space and tab).`,
        line.number,
      );
    }
    const field: HeaderField = { name, value, line: line.number };
    request.headers.push(field);
    lastField = field;
  }
  for (const field of request.headers) {
    const key = field.name.toLowerCase();
    (request.lookup[key] ??= []).push(field.value);
  }

  checkWebSocketFields();
  return finish();

  function fieldLines(name: string): HeaderField[] {
    const lower = name.toLowerCase();
    return request.headers.filter((f) => f.name.toLowerCase() === lower);
  }

  function checkRequestLine(line: number): void {
    const { method, target, version } = request;
    if (method !== 'GET') {
      const caseHint =
        method.toUpperCase() === 'GET'
          ? ' Methods are case-sensitive (RFC 9110 §9.1): it must be "GET" in capitals.'
          : '';
      add(
        'METHOD_NOT_GET',
        `The method is ${quoteValue(method)}; a WebSocket handshake must be a GET request (RFC 6455 §4.1 item 2, §4.2.1 item 1).${caseHint}`,
        line,
      );
    }
    const v = /^HTTP\/(\d)\.(\d)$/.exec(version);
    if (v === null) {
      add(
        'INVALID_HTTP_VERSION',
        `The HTTP version ${quoteValue(version)} is not of the form "HTTP/1.1" (RFC 9112 §2.3; the name is case-sensitive).`,
        line,
      );
    } else if (Number(v[1]) < 1 || (Number(v[1]) === 1 && Number(v[2]) < 1)) {
      add(
        'HTTP_VERSION_TOO_OLD',
        `The request is ${version}; a WebSocket handshake needs HTTP/1.1 or higher (RFC 6455 §4.1 item 2, §4.2.1 item 1) — HTTP/1.0 has no Upgrade mechanism.`,
        line,
      );
    }
    if (target.includes('#')) {
      add(
        'INVALID_TARGET',
        `The request-target ${quoteValue(target)} contains "#": fragment identifiers must not be used in WebSocket URIs (RFC 6455 §3).`,
        line,
      );
    } else if (!target.startsWith('/') && !/^https?:\/\/[^/?#\s]+/i.test(target)) {
      const wsHint = /^wss?:/i.test(target)
        ? ' A ws:// URI is what the client opens; on the wire the request carries only its path (or an http/https form).'
        : '';
      add(
        'INVALID_TARGET',
        `The request-target ${quoteValue(target)} must be the resource name, e.g. "/chat", or an absolute http/https URI (RFC 6455 §4.1 item 3, §4.2.1 item 1).${wsHint}`,
        line,
      );
    }
  }

  function checkWebSocketFields(): void {
    // Host (RFC 6455 §4.2.1 item 2; RFC 9112 §3.2: missing or repeated Host → 400).
    const hosts = fieldLines('Host');
    if (hosts.length === 0) {
      add(
        'MISSING_HOST',
        'There is no Host header field; every HTTP/1.1 request needs one, naming the server’s authority, e.g. "Host: server.example.com" (RFC 9112 §3.2, RFC 6455 §4.2.1 item 2).',
      );
    } else {
      request.host = hosts[0]!.value;
      if (hosts.length > 1)
        add(
          'DUPLICATE_HOST',
          `Host appears ${hosts.length} times (lines ${hosts.map((h) => h.line).join(', ')}); RFC 9112 §3.2 requires a 400 response.`,
          hosts[1]!.line,
        );
      else if (hosts[0]!.value === '')
        add(
          'EMPTY_HOST',
          'Host is empty; it must contain the server’s authority, e.g. "server.example.com:8787" (RFC 6455 §4.2.1 item 2).',
          hosts[0]!.line,
        );
    }

    // Upgrade: websocket (item 3, ASCII case-insensitive).
    const upgrade = getHeader(request, 'Upgrade');
    if (upgrade === undefined) {
      add(
        'MISSING_UPGRADE',
        'There is no Upgrade header field; the client must send "Upgrade: websocket" (RFC 6455 §4.2.1 item 3).',
      );
    } else if (!splitList(upgrade).some((p) => p.toLowerCase() === 'websocket')) {
      add(
        'UPGRADE_NOT_WEBSOCKET',
        `Upgrade is ${quoteValue(upgrade)}; it must contain "websocket" (compared case-insensitively, RFC 6455 §4.2.1 item 3).`,
        fieldLines('Upgrade')[0]?.line,
      );
    }

    // Connection: ... Upgrade ... (item 4; a comma-separated list of tokens, case-insensitive).
    const connection = getHeader(request, 'Connection');
    if (connection === undefined) {
      add(
        'MISSING_CONNECTION',
        'There is no Connection header field; the client must send "Connection: Upgrade" so intermediaries do not forward the Upgrade (RFC 6455 §4.2.1 item 4).',
      );
    } else if (!headerHasToken(connection, 'upgrade')) {
      add(
        'CONNECTION_NOT_UPGRADE',
        `Connection is ${quoteValue(connection)}; its comma-separated list must include the token "Upgrade" (case-insensitive, RFC 6455 §4.2.1 item 4).`,
        fieldLines('Connection')[0]?.line,
      );
    }

    // Sec-WebSocket-Key (item 5; at most once, §11.3.1).
    const keys = fieldLines('Sec-WebSocket-Key');
    if (keys.length === 0) {
      add(
        'MISSING_KEY',
        'There is no Sec-WebSocket-Key header field; the client must send a random 16-byte nonce in base64, e.g. "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" (RFC 6455 §4.2.1 item 5).',
      );
    } else if (keys.length > 1) {
      add(
        'DUPLICATE_KEY',
        `Sec-WebSocket-Key appears ${keys.length} times (lines ${keys.map((k) => k.line).join(', ')}); it must not appear more than once in a request (RFC 6455 §11.3.1).`,
        keys[1]!.line,
      );
    } else {
      const key = keys[0]!;
      request.key = key.value;
      const check = isValidClientKey(key.value);
      if (!check.valid)
        add(
          'INVALID_KEY',
          `Sec-WebSocket-Key ${quoteValue(key.value)} is invalid: ${check.reason} (RFC 6455 §4.2.1 item 5, §4.1 item 7)`,
          key.line,
        );
      else if (check.note !== undefined)
        add('NONCANONICAL_KEY', `Sec-WebSocket-Key ${quoteValue(key.value)} is accepted, but: ${check.note}`, key.line);
    }

    // Sec-WebSocket-Version: 13 (item 6). A version we do not speak is answered with 426 and our version (§4.4).
    const versions = fieldLines('Sec-WebSocket-Version');
    if (versions.length === 0) {
      add(
        'MISSING_VERSION',
        'There is no Sec-WebSocket-Version header field; the client must send "Sec-WebSocket-Version: 13" (RFC 6455 §4.2.1 item 6). The answer says which version this server speaks (§4.4).',
      );
    } else if (versions.length > 1) {
      add(
        'DUPLICATE_VERSION',
        `Sec-WebSocket-Version appears ${versions.length} times; it must not appear more than once in a request (RFC 6455 §11.3.5).`,
        versions[1]!.line,
      );
    } else {
      const version = versions[0]!;
      request.websocketVersion = version.value;
      if (version.value !== '13') {
        add(
          'UNSUPPORTED_VERSION',
          `Sec-WebSocket-Version is ${quoteValue(version.value)}; this server speaks only version 13 (RFC 6455 §4.2.1 item 6), so it answers 426 Upgrade Required with "Sec-WebSocket-Version: 13" (§4.4).`,
          version.line,
        );
      }
    }

    // Sec-WebSocket-Protocol: 1#token, unique (§4.1 item 10), possibly over several lines.
    for (const field of fieldLines('Sec-WebSocket-Protocol')) {
      for (const element of splitList(field.value)) {
        if (!isToken(element)) {
          add(
            'INVALID_PROTOCOL',
            `The subprotocol ${quoteValue(element)} is not a token (visible ASCII without separators such as spaces, "/", "," or quotes; RFC 6455 §4.1 item 10).`,
            field.line,
          );
        } else if (request.protocols.includes(element)) {
          add(
            'DUPLICATE_PROTOCOL',
            `The subprotocol "${element}" is offered more than once; the offered values must be unique (RFC 6455 §4.1 item 10).`,
            field.line,
          );
        } else {
          request.protocols.push(element);
        }
      }
    }

    // Sec-WebSocket-Extensions (§9.1); several lines are one list.
    const extensionFields = fieldLines('Sec-WebSocket-Extensions');
    if (extensionFields.length > 0) {
      const parsed = parseExtensions(extensionFields.map((f) => f.value).join(', '));
      if (parsed.error !== undefined) {
        add(
          'INVALID_EXTENSIONS',
          `Sec-WebSocket-Extensions is malformed: ${parsed.error} (RFC 6455 §9.1).`,
          extensionFields[0]!.line,
        );
      } else {
        request.extensions = parsed.extensions;
      }
    }

    // Origin (§4.2.1 item 7, §10.2).
    const origins = fieldLines('Origin');
    if (origins.length > 0) {
      request.origin = origins[0]!.value;
      if (origins.length > 1)
        add(
          'DUPLICATE_ORIGIN',
          `Origin appears ${origins.length} times; a browser sends exactly one (RFC 6454 §7). Only the first is used.`,
          origins[1]!.line,
        );
      if (options.allowedOrigins !== undefined && !originAllowed(request.origin, options.allowedOrigins)) {
        add(
          'ORIGIN_NOT_ALLOWED',
          `Origin ${quoteValue(request.origin)} is not allowed to open WebSockets here; the answer is 403 Forbidden (RFC 6455 §10.2). This is what stops cross-site WebSocket hijacking.`,
          origins[0]!.line,
        );
      }
    }
  }

  function finish(): HandshakeValidation {
    const ok = !problems.some((p) => p.severity === 'error');
    return { ok, request, problems, status: responseStatusFor(problems), complete, headLength, lineEnding };
  }
}

// ---------------------------------------------------------------------------------------------
// Responses

export interface HandshakeResponse {
  status: 101 | RefusalStatus;
  reason: string;
  /** Header fields in order. */
  headers: Array<[string, string]>;
  /** Status line and header fields, ending with the empty line (CRLF CRLF). */
  head: string;
  /** Plain-text body (empty for 101). */
  body: string;
  /** head + body: the exact text to write to the socket. */
  wire: string;
}

export interface BuildResponseOptions {
  /** The subprotocol to accept; must be one the client offered (RFC 6455 §4.2.2 step 4, /subprotocol/). */
  protocol?: string;
  /** More header fields to add (e.g. Set-Cookie, Server). Names must be tokens; values must not contain CR, LF or NUL. */
  extraHeaders?: Record<string, string> | ReadonlyArray<readonly [string, string]>;
}

const REASONS: Record<101 | RefusalStatus, string> = {
  101: 'Switching Protocols',
  400: 'Bad Request',
  403: 'Forbidden',
  426: 'Upgrade Required',
  431: 'Request Header Fields Too Large',
};

function normaliseExtra(extra: BuildResponseOptions['extraHeaders']): Array<[string, string]> {
  if (extra === undefined) return [];
  const entries: Array<readonly [string, string]> = Array.isArray(extra)
    ? [...(extra as ReadonlyArray<readonly [string, string]>)]
    : Object.entries(extra);
  return entries.map(([name, value]) => {
    if (!isToken(name)) throw new TypeError(`Header name ${quoteValue(name)} is not a token (RFC 9110 §5.1).`);
    // Refusing CR/LF here is what prevents response splitting through a caller-supplied value.
    if (/[\r\n\0]/.test(value))
      throw new TypeError(`The value of header "${name}" contains CR, LF or NUL (RFC 9110 §5.5).`);
    return [name, value] as [string, string];
  });
}

function assemble(status: 101 | RefusalStatus, headers: Array<[string, string]>, body: string): HandshakeResponse {
  const reason = REASONS[status];
  const all: Array<[string, string]> =
    status === 101
      ? headers
      : [...headers, ['Content-Type', 'text/plain; charset=utf-8'], ['Content-Length', String(utf8Length(body))]];
  const head = `HTTP/1.1 ${status} ${reason}\r\n${all.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  return { status, reason, headers: all, head, body, wire: head + body };
}

function refusalBody(status: RefusalStatus, problems: readonly HandshakeProblem[]): string {
  const listed = problems.filter((p) => p.severity !== 'note');
  const lines = listed.map((p) => `- ${p.severity === 'warning' ? '(warning) ' : ''}${p.message} [${p.id}; ${p.rule}]`);
  return `WebSocket handshake refused: ${status} ${REASONS[status]}.\n${lines.join('\n')}\n`;
}

/**
 * The server's answer to a validated request: 101 Switching Protocols with Sec-WebSocket-Accept
 * (RFC 6455 §4.2.2 step 5), or a refusal — 400 listing the problems, 426 Upgrade Required with
 * "Sec-WebSocket-Version: 13" (§4.4), 403 for a disallowed Origin (§10.2), 431 for a head too large.
 */
export async function buildHandshakeResponse(
  validation: HandshakeValidation,
  options: BuildResponseOptions = {},
): Promise<HandshakeResponse> {
  const extra = normaliseExtra(options.extraHeaders);
  const status = validation.ok ? 101 : responseStatusFor(validation.problems);
  if (status !== 101) {
    const headers: Array<[string, string]> = [];
    const versionProblem = validation.problems.some(
      (p) => p.id === 'MISSING_VERSION' || p.id === 'UNSUPPORTED_VERSION',
    );
    if (status === 426) {
      // RFC 9110 §15.5.22: a 426 carries Upgrade, and Upgrade needs the "upgrade" connection option (§7.8).
      headers.push(['Upgrade', 'websocket'], ['Connection', 'Upgrade, close'], ['Sec-WebSocket-Version', '13']);
    } else {
      headers.push(['Connection', 'close']);
      if (versionProblem && status === 400) headers.push(['Sec-WebSocket-Version', '13']);
    }
    return assemble(status, [...headers, ...extra], refusalBody(status, validation.problems));
  }
  const { request } = validation;
  if (request.key === undefined) throw new Error('buildHandshakeResponse: the validation has no Sec-WebSocket-Key.');
  const headers: Array<[string, string]> = [
    ['Upgrade', 'websocket'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Accept', await computeAcceptKey(request.key)],
  ];
  if (options.protocol !== undefined) {
    if (!request.protocols.includes(options.protocol)) {
      const offered =
        request.protocols.length > 0
          ? `the client offered ${request.protocols.map((p) => `"${p}"`).join(', ')}`
          : 'the client offered none';
      throw new Error(
        `buildHandshakeResponse: cannot accept subprotocol "${options.protocol}": ${offered} (RFC 6455 §4.2.2 step 4, /subprotocol/).`,
      );
    }
    headers.push(['Sec-WebSocket-Protocol', options.protocol]);
  }
  return assemble(101, [...headers, ...extra], '');
}

/** 403 Forbidden for a handshake from a disallowed Origin (RFC 6455 §10.2). */
export function buildForbiddenResponse(
  reason = 'This origin may not open WebSocket connections here.',
): HandshakeResponse {
  return assemble(
    403,
    [['Connection', 'close']],
    `WebSocket handshake refused: 403 Forbidden.\n- ${reason} [ORIGIN_NOT_ALLOWED; RFC 6455 §10.2]\n`,
  );
}
