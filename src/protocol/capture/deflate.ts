/**
 * permessage-deflate for the capture analyser: its inflater seam (websocket-side.ts) on the codec's own
 * negotiation and message inflater (websocket/deflate.ts), so a capture is inflated exactly as the lab and the
 * frame decoder inflate (RFC 7692 §7.2.2), with the same size limit.
 */
import { acceptDeflateResponse, MessageInflater, PERMESSAGE_DEFLATE, type DeflateBackend } from '../websocket/deflate';
import type { InflaterFactory } from './websocket-side';

/** Largest inflated message kept from a capture; past it the message is reported, not inflated further. */
export const CAPTURE_MAX_INFLATED = 16 * 1024 * 1024;

/**
 * Inflaters for the analyser (`AnalyseOptions.inflate`): one per direction of each connection, with the window
 * and context takeover the 101 accepted for that sender (§7.1.1, §7.1.2).
 */
export function captureInflaters(backend: DeflateBackend, maxMessageBytes = CAPTURE_MAX_INFLATED): InflaterFactory {
  return ({ from, params }) => {
    const agreed = acceptDeflateResponse({ name: PERMESSAGE_DEFLATE, params: [...params] });
    if (!agreed.ok) return undefined;
    const p = agreed.params;
    const inflater = new MessageInflater(backend, {
      windowBits: from === 'client' ? p.clientMaxWindowBits : p.serverMaxWindowBits,
      noContextTakeover: from === 'client' ? p.clientNoContextTakeover : p.serverNoContextTakeover,
      maxMessageBytes,
    });
    return {
      // The codec inflates a message whole: the bytes come with its last frame, none before.
      inflate(payload, final) {
        const r = inflater.push(payload, final, false);
        if (!r.ok) return { ok: false, message: r.violation.message };
        return { ok: true, bytes: r.done ? r.message : new Uint8Array(0) };
      },
    };
  };
}
