/**
 * What the accept-key calculator does with its input, as pure functions: tell a bare key from a pasted
 * header line or a whole request head, hand heads to the project's validator, compare a given
 * Sec-WebSocket-Accept with the computed one. The URL fragment's format is src/widgets/shared/accept-key-hash.ts.
 * The SHA-1 and base64 steps themselves are the core's (`acceptKeySteps`, src/protocol/websocket/accept-key.ts).
 */
import { validateHandshakeRequest, type HandshakeValidation } from '../../protocol/websocket/handshake-request';
import { looksLikeRequest } from '../shared/accept-key-hash';

/** The key of the worked example in RFC 6455 §1.3 (its nonce is the ASCII text "the sample nonce"). */
export const RFC_EXAMPLE_KEY = 'dGhlIHNhbXBsZSBub25jZQ==';

export type KeyInput =
  | { kind: 'empty' }
  /** A key typed or pasted on its own (surrounding whitespace removed, as HTTP parsing does: RFC 9110 §5.5). */
  | { kind: 'key'; key: string }
  /** One "Sec-WebSocket-Key: …" line. */
  | { kind: 'header'; key: string }
  /** A whole request head; `key` is absent when the head has none, or more than one. */
  | { kind: 'request'; key: string | undefined; validation: HandshakeValidation; head: string };

const KEY_LINE = /^\s*sec-websocket-key[ \t]*:[ \t]*(.*?)\s*$/i;

/**
 * A pasted head as the validator should see it. A text box holds LF line breaks only (browsers
 * normalise CRLF to LF in a textarea's value), and a paste rarely keeps the final empty line; neither
 * is the sender's doing, so lines are rejoined with CRLF (RFC 9112 §2.2) and the head is ended with one
 * empty line.
 */
export function normaliseHead(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\s+$/, '').split('\n');
  return `${lines.join('\r\n')}\r\n\r\n`;
}

export function interpretKeyInput(text: string): KeyInput {
  if (text.trim() === '') return { kind: 'empty' };
  if (looksLikeRequest(text)) {
    const head = normaliseHead(text.replace(/^\s*\n/, ''));
    const validation = validateHandshakeRequest(head);
    return { kind: 'request', key: validation.request.key, validation, head };
  }
  const header = KEY_LINE.exec(text);
  if (header) return { kind: 'header', key: header[1] ?? '' };
  return { kind: 'key', key: text.trim() };
}

/** The key whose accept value is computed, or undefined when the input has none. */
export function keyOf(input: KeyInput): string | undefined {
  return input.kind === 'empty' ? undefined : input.key;
}

export type AcceptComparison =
  { kind: 'empty' } | { kind: 'match'; given: string } | { kind: 'mismatch'; given: string; reason: string };

const ACCEPT_LINE = /^[ \t]*sec-websocket-accept[ \t]*:[ \t]*(.*?)[ \t]*$/im;

/**
 * Compares what a server sent (a bare value, a header line or a pasted response head) with the
 * computed Sec-WebSocket-Accept. A client must fail the connection when they differ (RFC 6455 §4.1,
 * client requirement 4 of the server's response).
 */
export function compareAccept(expected: string, givenText: string): AcceptComparison {
  const trimmed = givenText.trim();
  if (trimmed === '') return { kind: 'empty' };
  const line = ACCEPT_LINE.exec(trimmed);
  if (line === null && /[\r\n]/.test(trimmed)) {
    return { kind: 'mismatch', given: '', reason: 'No Sec-WebSocket-Accept header field found in the pasted text.' };
  }
  const given = line !== null ? (line[1] ?? '') : trimmed;
  if (given === expected) return { kind: 'match', given };
  let reason: string;
  if (given.toLowerCase() === expected.toLowerCase()) {
    reason = 'Only the letter case differs, and base64 is case-sensitive: "a" and "A" are different 6-bit values.';
  } else if (given.length !== expected.length) {
    reason = `It has ${given.length} characters; a Sec-WebSocket-Accept is always ${expected.length} (base64 of a 20-byte SHA-1 digest).`;
  } else {
    const at = [...given].findIndex((c, i) => c !== expected[i]);
    reason = `It differs from character ${at + 1} on. A server that hashes the key without the GUID, decodes the key first, or trims it differently gets a different value.`;
  }
  return { kind: 'mismatch', given, reason };
}

/** The decoded nonce as text, when all 16 bytes are printable ASCII (the RFC's is "the sample nonce"). */
export function asciiOf(bytes: Uint8Array): string | undefined {
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return undefined;
  return String.fromCharCode(...bytes);
}

/** "error" problems first, then warnings, then notes; stable within a severity. */
export function sortProblems<T extends { severity: 'error' | 'warning' | 'note' }>(problems: readonly T[]): T[] {
  const rank = { error: 0, warning: 1, note: 2 } as const;
  return problems
    .map((p, i) => [p, i] as const)
    .sort((a, b) => rank[a[0].severity] - rank[b[0].severity] || a[1] - b[1])
    .map(([p]) => p);
}

/** The reason phrase for the status a server answers a head with. */
export function statusText(status: number): string {
  switch (status) {
    case 101:
      return '101 Switching Protocols';
    case 400:
      return '400 Bad Request';
    case 403:
      return '403 Forbidden';
    case 426:
      return '426 Upgrade Required';
    case 431:
      return '431 Request Header Fields Too Large';
    default:
      return String(status);
  }
}
