/**
 * The rules a WebSocket opening handshake request is checked against (RFC 6455 §4.2.1 and the HTTP
 * syntax under it, RFC 9112 / RFC 9110): each problem's id, severity, the status it leads to and
 * where the rule is written. The handshake lesson renders its table from `HANDSHAKE_RULES`.
 */

import type { RequestHeadProblemId } from '../http/request-head';

/** HTTP syntax problems (from the head reader) and WebSocket ones. */
export type HandshakeProblemId =
  | RequestHeadProblemId
  | 'HEAD_TOO_LARGE'
  | 'METHOD_NOT_GET'
  | 'INVALID_HTTP_VERSION'
  | 'HTTP_VERSION_TOO_OLD'
  | 'INVALID_TARGET'
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

/** The status for a set of problems: 431 over 400 over 403 over 426; 101 when no errors. */
export function responseStatusFor(problems: readonly HandshakeProblem[]): 101 | RefusalStatus {
  const statuses = new Set(problems.filter((p) => p.severity === 'error').map((p) => p.status ?? 400));
  for (const s of [431, 400, 403, 426] as const) if (statuses.has(s)) return s;
  return 101;
}

/** A problem of kind `id` with the rule's severity, status and citation. */
export function handshakeProblem(id: HandshakeProblemId, message: string, line?: number): HandshakeProblem {
  const rule = HANDSHAKE_RULES[id];
  const problem: HandshakeProblem = { id, severity: rule.severity, rule: rule.rule, message };
  if (rule.status !== undefined) problem.status = rule.status;
  if (line !== undefined) problem.line = line;
  return problem;
}
