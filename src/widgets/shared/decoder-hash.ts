/**
 * The frame decoder's keys in the URL fragment (`#hex=8185…&from=client`): what its tool page restores, and
 * what the builder's "open in decoder" link writes. Pure; read and written through hash-params.ts.
 */
import type { Direction } from '../../protocol/websocket/types';
import { formatHashParams, readHashParams } from './hash-params';

export interface DecoderHashState {
  /** The input text: compact hex when it parsed, the reader's own text when it did not. */
  hex: string;
  from: Direction;
  /** The server's Sec-WebSocket-Extensions answer when "permessage-deflate negotiated" is on (RFC 7692). */
  deflate?: string;
}

/** The decoder's keys; shared links since the first tool page use these names. */
export const DECODER_HASH_KEYS = ['hex', 'from', 'pmd'] as const;

const DIRECTIONS: readonly Direction[] = ['client', 'server', 'unknown'];

export function isDirection(value: unknown): value is Direction {
  return typeof value === 'string' && (DIRECTIONS as readonly string[]).includes(value);
}

/**
 * Longest `hex` value written to the fragment. Browsers accept URLs of a few megabytes, but a link that
 * long is useless to share and slows every replaceState; larger inputs are simply not mirrored.
 */
export const MAX_HASH_HEX_CHARS = 64 * 1024;

/** The keys' values; all undefined when there is nothing to share (empty input, or too long to fit a link). */
export function decoderHashValues(
  state: DecoderHashState,
): Record<(typeof DECODER_HASH_KEYS)[number], string | undefined> {
  if (state.hex === '' || state.hex.length > MAX_HASH_HEX_CHARS)
    return { hex: undefined, from: undefined, pmd: undefined };
  return {
    hex: state.hex,
    from: state.from === 'unknown' ? undefined : state.from,
    pmd: state.deflate === undefined || state.deflate === '' ? undefined : state.deflate,
  };
}

/** The state the keys describe; missing or unknown values come back undefined so the caller keeps its defaults. */
export function decoderFromHash(params: Readonly<Record<string, string>>): Partial<DecoderHashState> {
  const out: Partial<DecoderHashState> = {};
  if (params.hex !== undefined && params.hex !== '') out.hex = params.hex;
  if (isDirection(params.from)) out.from = params.from;
  if (params.pmd !== undefined && params.pmd !== '') out.deflate = params.pmd;
  return out;
}

/** `#hex=…&from=…`, or '' when there is nothing to share. */
export function formatDecoderHash(state: DecoderHashState): string {
  return formatHashParams(decoderHashValues(state));
}

/** Reads `#hex=…&from=…` out of a whole fragment. */
export function parseDecoderHash(hash: string): Partial<DecoderHashState> {
  return decoderFromHash(readHashParams(hash, DECODER_HASH_KEYS));
}
