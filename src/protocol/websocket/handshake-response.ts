/**
 * The server's answer to the opening handshake and the client's check of it.
 *
 * Building: 101 Switching Protocols with Sec-WebSocket-Accept (RFC 6455 §4.2.2), or a refusal with
 * the problems in its body.
 *
 * Checking, the client's side: is this response a valid 101 for that request?
 * RFC 6455 §4.1 ("the client MUST validate the server's response as follows"), items 1–6:
 * status 101, Upgrade: websocket, Connection: upgrade, Sec-WebSocket-Accept equal to
 * base64(SHA-1(key + GUID)), no extension and no subprotocol the client did not offer. A client that
 * finds any of these fails the WebSocket connection (§7.1.7). Never throws on any input.
 */
import { encodeBase64 } from '../base64';
import { headValue, parseHttpHead } from '../http/head';
import { headerHasToken, isToken, quoteValue, splitList } from '../http/fields';
import { utf8Length } from '../utf8';
import { computeAcceptKey, sha1Sync, WEBSOCKET_GUID } from './accept-key';
import { parseExtensions, type ExtensionOffer } from './extensions';
import type { HandshakeRequest, HandshakeValidation } from './handshake-request';
import { responseStatusFor, type HandshakeProblem, type RefusalStatus } from './handshake-rules';

// ---------------------------------------------------------------------------------------------
// Building the answer (server side)

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

// ---------------------------------------------------------------------------------------------
// Checking the answer (client side)

export type ResponseProblemId =
  | 'RESPONSE_MALFORMED'
  | 'RESPONSE_NOT_101'
  | 'RESPONSE_MISSING_UPGRADE'
  | 'RESPONSE_MISSING_CONNECTION_UPGRADE'
  | 'RESPONSE_MISSING_ACCEPT'
  | 'RESPONSE_ACCEPT_MISMATCH'
  | 'RESPONSE_EXTENSION_NOT_OFFERED'
  | 'RESPONSE_MALFORMED_EXTENSIONS'
  | 'RESPONSE_PROTOCOL_NOT_OFFERED';

export interface ResponseProblem {
  id: ResponseProblemId;
  /** Where the rule is written. */
  rule: string;
  message: string;
}

export interface ResponseValidation {
  /** A valid 101 for this request: the connection is now WebSocket. */
  ok: boolean;
  status?: number;
  reason?: string;
  headers: Array<[string, string]>;
  /** The accept key the request's key calls for (when the request had a key). */
  expectedAccept?: string;
  /** Sec-WebSocket-Accept as sent. */
  accept?: string;
  /** true/false once both keys are known; undefined when either is missing. */
  acceptValid?: boolean;
  /** The extensions the server accepted, in order (RFC 6455 §9.1). */
  extensions: ExtensionOffer[];
  /** Sec-WebSocket-Extensions as sent. */
  extensionsHeader?: string;
  protocol?: string;
  problems: ResponseProblem[];
}

/** Sec-WebSocket-Accept for a key, computed synchronously (RFC 6455 §4.2.2 step 5.4). */
export function computeAcceptKeySync(key: string): string {
  return encodeBase64(sha1Sync(new TextEncoder().encode(key + WEBSOCKET_GUID)));
}

/**
 * Checks a response head (bytes or text up to and including the empty line) against the request it
 * answers. Without a request only the response's own rules are checked.
 */
export function validateHandshakeResponse(
  head: string | Uint8Array,
  request?: Pick<HandshakeRequest, 'key' | 'extensions' | 'protocols'>,
): ResponseValidation {
  const bytes = typeof head === 'string' ? Uint8Array.from(head, (c) => c.charCodeAt(0) & 0xff) : head;
  const problems: ResponseProblem[] = [];
  const add = (id: ResponseProblemId, rule: string, message: string): void => {
    problems.push({ id, rule, message });
  };
  const parsed = parseHttpHead(bytes);
  if ('error' in parsed || parsed.kind !== 'response') {
    add('RESPONSE_MALFORMED', 'RFC 9112 §4', 'error' in parsed ? parsed.error : 'This is a request, not a response.');
    return { ok: false, headers: [], extensions: [], problems };
  }
  const result: ResponseValidation = {
    ok: false,
    status: parsed.status!,
    reason: parsed.reason ?? '',
    headers: parsed.headers,
    extensions: [],
    problems,
  };
  if (parsed.status !== 101) {
    add(
      'RESPONSE_NOT_101',
      'RFC 6455 §4.1 (item 1)',
      `The status is ${parsed.status} ${parsed.reason ?? ''}, not 101 Switching Protocols: the connection stays HTTP.`.replace(
        '  ',
        ' ',
      ),
    );
    return result;
  }
  const upgrade = headValue(parsed, 'upgrade');
  if (upgrade === undefined || !headerHasToken(upgrade, 'websocket'))
    add(
      'RESPONSE_MISSING_UPGRADE',
      'RFC 6455 §4.1 (item 2)',
      upgrade === undefined
        ? 'The 101 has no Upgrade header field; it must say "websocket".'
        : `Upgrade is "${upgrade}"; it must contain "websocket" (case-insensitive).`,
    );
  const connection = headValue(parsed, 'connection');
  if (connection === undefined || !headerHasToken(connection, 'upgrade'))
    add(
      'RESPONSE_MISSING_CONNECTION_UPGRADE',
      'RFC 6455 §4.1 (item 3)',
      connection === undefined
        ? 'The 101 has no Connection header field; it must include "Upgrade".'
        : `Connection is "${connection}"; it must include the token "Upgrade".`,
    );
  const accept = headValue(parsed, 'sec-websocket-accept');
  if (accept !== undefined) result.accept = accept;
  if (request?.key !== undefined) result.expectedAccept = computeAcceptKeySync(request.key);
  if (accept === undefined)
    add(
      'RESPONSE_MISSING_ACCEPT',
      'RFC 6455 §4.1 (item 4)',
      'The 101 has no Sec-WebSocket-Accept: the client cannot tell that the server read its key.',
    );
  else if (result.expectedAccept !== undefined) {
    result.acceptValid = accept.trim() === result.expectedAccept;
    if (!result.acceptValid)
      add(
        'RESPONSE_ACCEPT_MISMATCH',
        'RFC 6455 §4.1 (item 4)',
        `Sec-WebSocket-Accept is "${accept}", but the request's key "${request?.key}" gives "${result.expectedAccept}" (base64 of SHA-1 of key + 258EAFA5-E914-47DA-95CA-C5AB0DC85B11).`,
      );
  }
  const ext = headValue(parsed, 'sec-websocket-extensions');
  if (ext !== undefined) {
    result.extensionsHeader = ext;
    const { extensions, error } = parseExtensions(ext);
    if (error !== undefined)
      add('RESPONSE_MALFORMED_EXTENSIONS', 'RFC 6455 §9.1', `Sec-WebSocket-Extensions: ${error}.`);
    result.extensions = extensions;
    if (request !== undefined)
      for (const e of extensions)
        if (!request.extensions.some((o) => o.name.toLowerCase() === e.name.toLowerCase()))
          add(
            'RESPONSE_EXTENSION_NOT_OFFERED',
            'RFC 6455 §4.1 (item 5)',
            `The server accepted extension "${e.name}", which the client never offered${request.extensions.length > 0 ? ` (it offered ${request.extensions.map((o) => `"${o.name}"`).join(', ')})` : ''}.`,
          );
  }
  const protocol = headValue(parsed, 'sec-websocket-protocol');
  if (protocol !== undefined) {
    result.protocol = protocol;
    const chosen = splitList(protocol);
    if (request !== undefined && (chosen.length !== 1 || !request.protocols.includes(chosen[0]!)))
      add(
        'RESPONSE_PROTOCOL_NOT_OFFERED',
        'RFC 6455 §4.1 (item 6)',
        `The server chose subprotocol "${protocol}", which is not one the client offered (${request.protocols.length > 0 ? request.protocols.map((p) => `"${p}"`).join(', ') : 'it offered none'}).`,
      );
  }
  result.ok = problems.length === 0;
  return result;
}
