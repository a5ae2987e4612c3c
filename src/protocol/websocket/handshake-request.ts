/**
 * The opening handshake, server side (RFC 6455 §4.2.1): read a raw HTTP/1.1 upgrade request and list
 * every problem with it, not just the first. The HTTP syntax is read by `http/request-head.ts`; this
 * module adds the WebSocket checks, one small function per rule, each citing the item of §4.2.1 it
 * implements. The rules table is `handshake-rules.ts`; the answer is built in `handshake-response.ts`.
 */

import { headerHasToken, isToken, latin1, quoteValue, splitList, type HeaderField } from '../http/fields';
import { readRequestHead, type RequestHeadProblem } from '../http/request-head';
import { utf8Length } from '../utf8';
import { isValidClientKey } from './accept-key';
import { parseExtensions, type ExtensionOffer } from './extensions';
import {
  handshakeProblem,
  responseStatusFor,
  type HandshakeProblem,
  type HandshakeProblemId,
  type RefusalStatus,
} from './handshake-rules';

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

/** Largest head accepted by default: Node.js's default --max-http-header-size. */
const DEFAULT_MAX_HEAD_BYTES = 16384;

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
    problems.push(handshakeProblem(id, message, line));
  };
  const addAll = (found: readonly RequestHeadProblem[]): void => {
    for (const p of found) add(p.id, p.message, p.line);
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
  const reading = readRequestHead(text);
  const { complete, headLength, lineEnding } = reading;
  const finish = (): HandshakeValidation => {
    const ok = !problems.some((p) => p.severity === 'error');
    return { ok, request, problems, status: responseStatusFor(problems), complete, headLength, lineEnding };
  };

  addAll(reading.framingProblems);
  // Latin-1 decoding keeps one char per byte, so for byte input lengths are already byte counts.
  const headBytes = typeof head === 'string' ? utf8Length(text.slice(0, headLength)) : headLength;
  checkHeadSize(headBytes, options.maxHeadBytes ?? DEFAULT_MAX_HEAD_BYTES, add);
  addAll(reading.startProblems);
  if (!reading.hasRequestLine) return finish();

  const context: CheckContext = {
    request,
    options,
    add,
    fields: (name) => request.headers.filter((f) => f.name.toLowerCase() === name.toLowerCase()),
  };
  if (reading.requestLine !== undefined) {
    const { method, target, version, line } = reading.requestLine;
    Object.assign(request, { method, target, version });
    for (const check of REQUEST_LINE_CHECKS) check(context, line);
  }
  addAll(reading.fieldProblems);
  request.headers = reading.fields;
  for (const field of request.headers) (request.lookup[field.name.toLowerCase()] ??= []).push(field.value);
  for (const check of FIELD_CHECKS) check(context);
  return finish();
}

/** What a check reads (the request so far, the options) and how it reports a problem. */
interface CheckContext {
  request: HandshakeRequest;
  options: ValidateHandshakeOptions;
  add(id: HandshakeProblemId, message: string, line?: number): void;
  /** The field lines named `name` (compared case-insensitively), in order. */
  fields(name: string): HeaderField[];
}

/** RFC 6585 §5: a head larger than the server accepts is answered 431. */
function checkHeadSize(headBytes: number, max: number, add: CheckContext['add']): void {
  if (headBytes > max)
    add(
      'HEAD_TOO_LARGE',
      `The request head is ${headBytes} bytes; this server accepts at most ${max}. The answer is 431 Request Header Fields Too Large (RFC 6585 §5).`,
    );
}

// ---------------------------------------------------------------------------------------------
// The request line: "An HTTP/1.1 or higher GET request, including a Request-URI" (§4.2.1 item 1)

/** §4.2.1 item 1: the method is GET (case-sensitive, RFC 9110 §9.1). */
function checkMethod({ request, add }: CheckContext, line: number): void {
  const { method } = request;
  if (method === 'GET') return;
  const caseHint =
    method.toUpperCase() === 'GET' ? ' Methods are case-sensitive (RFC 9110 §9.1): it must be "GET" in capitals.' : '';
  add(
    'METHOD_NOT_GET',
    `The method is ${quoteValue(method)}; a WebSocket handshake must be a GET request (RFC 6455 §4.1 item 2, §4.2.1 item 1).${caseHint}`,
    line,
  );
}

/** §4.2.1 item 1: HTTP/1.1 or higher; the version itself is "HTTP/" DIGIT "." DIGIT (RFC 9112 §2.3). */
function checkHttpVersion({ request, add }: CheckContext, line: number): void {
  const { version } = request;
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
}

/** §4.2.1 item 1: a Request-URI, the resource name of §3 (or an absolute http/https URI); no fragment (§3). */
function checkTarget({ request, add }: CheckContext, line: number): void {
  const { target } = request;
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

const REQUEST_LINE_CHECKS: ReadonlyArray<(context: CheckContext, line: number) => void> = [
  checkMethod,
  checkHttpVersion,
  checkTarget,
];

// ---------------------------------------------------------------------------------------------
// The header fields (§4.2.1 items 2–10)

/** §4.2.1 item 2: a Host field with the server's authority; RFC 9112 §3.2: missing or repeated Host → 400. */
function checkHost({ request, add, fields }: CheckContext): void {
  const hosts = fields('Host');
  if (hosts.length === 0) {
    add(
      'MISSING_HOST',
      'There is no Host header field; every HTTP/1.1 request needs one, naming the server’s authority, e.g. "Host: server.example.com" (RFC 9112 §3.2, RFC 6455 §4.2.1 item 2).',
    );
    return;
  }
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

/** §4.2.1 item 3: an Upgrade field containing "websocket", ASCII case-insensitive. */
function checkUpgrade({ request, add, fields }: CheckContext): void {
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
      fields('Upgrade')[0]?.line,
    );
  }
}

/** §4.2.1 item 4: a Connection field whose comma-separated tokens include "Upgrade", case-insensitive. */
function checkConnection({ request, add, fields }: CheckContext): void {
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
      fields('Connection')[0]?.line,
    );
  }
}

/** §4.2.1 item 5: a Sec-WebSocket-Key that decodes to 16 bytes; at most one per request (§11.3.1). */
function checkKey({ request, add, fields }: CheckContext): void {
  const keys = fields('Sec-WebSocket-Key');
  if (keys.length === 0) {
    add(
      'MISSING_KEY',
      'There is no Sec-WebSocket-Key header field; the client must send a random 16-byte nonce in base64, e.g. "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==" (RFC 6455 §4.2.1 item 5).',
    );
    return;
  }
  if (keys.length > 1) {
    add(
      'DUPLICATE_KEY',
      `Sec-WebSocket-Key appears ${keys.length} times (lines ${keys.map((k) => k.line).join(', ')}); it must not appear more than once in a request (RFC 6455 §11.3.1).`,
      keys[1]!.line,
    );
    return;
  }
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

/**
 * §4.2.1 item 6: Sec-WebSocket-Version 13, at most once (§11.3.5). A version this server does not
 * speak is answered with 426 and the version it does speak (§4.4).
 */
function checkWebSocketVersion({ request, add, fields }: CheckContext): void {
  const versions = fields('Sec-WebSocket-Version');
  if (versions.length === 0) {
    add(
      'MISSING_VERSION',
      'There is no Sec-WebSocket-Version header field; the client must send "Sec-WebSocket-Version: 13" (RFC 6455 §4.2.1 item 6). The answer says which version this server speaks (§4.4).',
    );
    return;
  }
  if (versions.length > 1) {
    add(
      'DUPLICATE_VERSION',
      `Sec-WebSocket-Version appears ${versions.length} times; it must not appear more than once in a request (RFC 6455 §11.3.5).`,
      versions[1]!.line,
    );
    return;
  }
  const version = versions[0]!;
  request.websocketVersion = version.value;
  if (version.value !== '13')
    add(
      'UNSUPPORTED_VERSION',
      `Sec-WebSocket-Version is ${quoteValue(version.value)}; this server speaks only version 13 (RFC 6455 §4.2.1 item 6), so it answers 426 Upgrade Required with "Sec-WebSocket-Version: 13" (§4.4).`,
      version.line,
    );
}

/** §4.2.1 item 8, §4.1 item 10: Sec-WebSocket-Protocol is 1#token, values unique, possibly over several lines. */
function checkProtocols({ request, add, fields }: CheckContext): void {
  for (const field of fields('Sec-WebSocket-Protocol')) {
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
}

/** §4.2.1 item 9: Sec-WebSocket-Extensions follows the grammar of §9.1; several lines are one list. */
function checkExtensions({ request, add, fields }: CheckContext): void {
  const extensionFields = fields('Sec-WebSocket-Extensions');
  if (extensionFields.length === 0) return;
  const parsed = parseExtensions(extensionFields.map((f) => f.value).join(', '));
  if (parsed.error !== undefined)
    add(
      'INVALID_EXTENSIONS',
      `Sec-WebSocket-Extensions is malformed: ${parsed.error} (RFC 6455 §9.1).`,
      extensionFields[0]!.line,
    );
  else request.extensions = parsed.extensions;
}

/**
 * §4.2.1 item 7: browsers send Origin; a server may refuse origins it does not accept with 403
 * (§4.2.2 step 4, §10.2). Requests without Origin come from non-browser clients and pass.
 */
function checkOrigin({ request, options, add, fields }: CheckContext): void {
  const origins = fields('Origin');
  if (origins.length === 0) return;
  const origin = origins[0]!.value;
  request.origin = origin;
  if (origins.length > 1)
    add(
      'DUPLICATE_ORIGIN',
      `Origin appears ${origins.length} times; a browser sends exactly one (RFC 6454 §7). Only the first is used.`,
      origins[1]!.line,
    );
  if (options.allowedOrigins !== undefined && !originAllowed(origin, options.allowedOrigins))
    add(
      'ORIGIN_NOT_ALLOWED',
      `Origin ${quoteValue(origin)} is not allowed to open WebSockets here; the answer is 403 Forbidden (RFC 6455 §10.2). This is what stops cross-site WebSocket hijacking.`,
      origins[0]!.line,
    );
}

function originAllowed(origin: string, allowed: NonNullable<ValidateHandshakeOptions['allowedOrigins']>): boolean {
  if (typeof allowed === 'function') return allowed(origin);
  const o = origin.toLowerCase();
  return allowed.some((a) => a.toLowerCase() === o);
}

/** The field checks, in the order their problems are listed. */
const FIELD_CHECKS: ReadonlyArray<(context: CheckContext) => void> = [
  checkHost,
  checkUpgrade,
  checkConnection,
  checkKey,
  checkWebSocketVersion,
  checkProtocols,
  checkExtensions,
  checkOrigin,
];
