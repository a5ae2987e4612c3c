/**
 * The accept-key calculator's state in a URL fragment (#key=… or #head=…, and &accept=…). Shared because other
 * widgets link to the calculator with a key filled in (the lab console's handshake).
 */
import { formatHashParams, readHashParams } from './hash-params';

/** Longest input mirrored into the URL fragment; a longer paste still works, it just is not in the link. */
export const MAX_HASH_INPUT = 8192;

const REQUEST_LINE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+[ \t]+\S+[ \t]+HTTP\//;

/** True when the text looks like a request head rather than a key: several lines, or a request line. */
export function looksLikeRequest(text: string): boolean {
  const trimmed = text.trim();
  return /[\r\n]/.test(trimmed) || REQUEST_LINE.test(trimmed);
}

export interface AcceptKeyHashState {
  /** The input text (a key, or a whole head). */
  input: string;
  /** The accept value to check, if any. */
  accept: string;
}

/** The calculator's keys in the URL fragment: `key` for a key, `head` for a request head, and `accept`. */
export const ACCEPT_KEY_HASH_KEYS = ['key', 'head', 'accept'] as const;

/** The keys' values; undefined leaves a key out (nothing typed, or too long to share). */
export function acceptKeyHashValues(
  state: AcceptKeyHashState,
): Record<(typeof ACCEPT_KEY_HASH_KEYS)[number], string | undefined> {
  const shareInput = state.input.trim() !== '' && state.input.length <= MAX_HASH_INPUT;
  const head = shareInput && looksLikeRequest(state.input);
  return {
    key: shareInput && !head ? state.input.trim() : undefined,
    head: head ? state.input : undefined,
    accept: state.accept.trim() !== '' && state.accept.length <= MAX_HASH_INPUT ? state.accept.trim() : undefined,
  };
}

/** The state the keys describe; a head wins over a key. */
export function acceptKeyFromHash(params: Readonly<Record<string, string>>): Partial<AcceptKeyHashState> {
  const out: Partial<AcceptKeyHashState> = {};
  if (params.head !== undefined && params.head !== '') out.input = params.head;
  else if (params.key !== undefined) out.input = params.key;
  if (params.accept !== undefined) out.accept = params.accept;
  return out;
}

/** `#key=…` for a key, `#head=…` for a request head, plus `&accept=…`; '' when there is nothing to share. */
export function formatAcceptKeyHash(state: AcceptKeyHashState): string {
  return formatHashParams(acceptKeyHashValues(state));
}

/** Reads the calculator's keys out of a whole fragment. */
export function parseAcceptKeyHash(hash: string): Partial<AcceptKeyHashState> {
  return acceptKeyFromHash(readHashParams(hash, ACCEPT_KEY_HASH_KEYS));
}
