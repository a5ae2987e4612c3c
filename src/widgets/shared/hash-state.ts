/**
 * Tool state in the URL fragment (`#hex=8185…&from=client`), so a decoded frame can be shared as a link.
 * The fragment never reaches a server, and replaceState keeps it out of the history. Pure functions;
 * the hook that talks to `location` lives in use-hash-state.ts.
 */
import type { Direction } from '../../protocol/websocket/types';

export interface DecoderHashState {
  /** The input text: compact hex when it parsed, the reader's own text when it did not. */
  hex: string;
  from: Direction;
}

const DIRECTIONS: readonly Direction[] = ['client', 'server', 'unknown'];

export function isDirection(value: unknown): value is Direction {
  return typeof value === 'string' && (DIRECTIONS as readonly string[]).includes(value);
}

/**
 * Longest `hex` value written to the fragment. Browsers accept URLs of a few megabytes, but a link that
 * long is useless to share and slows every replaceState; larger inputs are simply not mirrored.
 */
export const MAX_HASH_HEX_CHARS = 64 * 1024;

/** `#hex=…&from=…`, or '' when there is nothing to share (empty input, or too long to fit a link). */
export function formatDecoderHash(state: DecoderHashState): string {
  if (state.hex === '' || state.hex.length > MAX_HASH_HEX_CHARS) return '';
  const params = new URLSearchParams();
  params.set('hex', state.hex);
  if (state.from !== 'unknown') params.set('from', state.from);
  return `#${params.toString()}`;
}

/** Reads `#hex=…&from=…`; missing or unknown values come back undefined so the caller keeps its defaults. */
export function parseDecoderHash(hash: string): Partial<DecoderHashState> {
  const params = new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
  const out: Partial<DecoderHashState> = {};
  const hex = params.get('hex');
  if (hex !== null && hex !== '') out.hex = hex;
  const from = params.get('from');
  if (isDirection(from)) out.from = from;
  return out;
}
