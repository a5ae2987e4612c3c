/**
 * The client's side of the opening handshake: is this response a valid 101 for that request?
 * RFC 6455 §4.1 ("the client MUST validate the server's response as follows"), items 1–6:
 * status 101, Upgrade: websocket, Connection: upgrade, Sec-WebSocket-Accept equal to
 * base64(SHA-1(key + GUID)), no extension and no subprotocol the client did not offer. A client that
 * finds any of these fails the WebSocket connection (§7.1.7). Never throws on any input.
 */
import { encodeBase64 } from '../base64';
import { headValue, parseHttpHead } from '../http/head';
import { sha1Sync, WEBSOCKET_GUID } from './accept-key';
import { headerHasToken, parseExtensions, splitList, type ExtensionOffer, type HandshakeRequest } from './handshake';

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
