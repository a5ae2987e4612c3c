/** Where the widgets link to. Pure, so tests can check the addresses. */
import type { Direction, Violation } from '../../protocol/websocket/types';
import { sitePath } from '../../site/base';
import { formatDecoderHash } from './decoder-hash';

/** The framing lesson; each rule has a section whose anchor is the violation id, lowercased. */
export const FRAMING_LESSON = sitePath('/lessons/websocket-framing/');
export const DECODER_PAGE = sitePath('/tools/frame-decoder/');

/** Link to the framing lesson's section on a rule: `/lessons/websocket-framing/#unmasked_client_frame`. */
export function violationHref(v: Pick<Violation, 'id'>): string {
  return `${FRAMING_LESSON}#${v.id.toLowerCase()}`;
}

/** The decoder with these bytes loaded: what the builder's "open in decoder" link points at. */
export function decoderHref(hexCompact: string, from: Direction, page = DECODER_PAGE): string {
  return `${page}${formatDecoderHash({ hex: hexCompact, from })}`;
}
