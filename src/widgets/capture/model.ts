/**
 * What the capture tool shows for one connection: its events in packet order — the TCP handshake,
 * HTTP heads, the upgrade and the 101 with the accept check, every message, violations and TCP notes.
 */
import type { CaptureAnalysis, ConnectionAnalysis } from '../../protocol/capture/analyser';
import type { WebSocketMessage } from '../../protocol/capture/websocket-side';
import { formatDecoderHash, MAX_HASH_HEX_CHARS } from '../shared/decoder-hash';
import { formatHashParams } from '../shared/hash-params';

/** Frames up to this size (wire bytes) get a link to the frame decoder; the analysis keeps their hex. */
export const LINKED_FRAME_BYTES = 4096;
/** Packets of each connection kept as tcpdump lines for the tcpdump reader link. */
export const TCPDUMP_LINES = 60;
/** The tcpdump reader keeps at most this many characters in its link (its MAX_LINK_CHARS). */
const TCPDUMP_LINK_CHARS = 8000;

/**
 * A link to the tcpdump reader with as many of the connection's first packets as fit in its link, as
 * `tcpdump -n -S` lines (absolute numbers, so `num=absolute`).
 */
export function tcpdumpLink(c: ConnectionAnalysis): { href: string; packets: number } | undefined {
  for (let n = c.tcpdump.length; n > 0; n--) {
    const cap = c.tcpdump.slice(0, n).join('\n');
    if (new URLSearchParams({ cap }).toString().length + 1 > TCPDUMP_LINK_CHARS) continue;
    return { href: `/tools/tcpdump/${formatHashParams({ cap, num: 'absolute' })}`, packets: n };
  }
  return undefined;
}

/**
 * Per packet, a link to the tcpdump reader with the connection's lines up to that packet (so its relative
 * numbers start from the SYN, as tcpdump's would) and that segment chosen (`seg`, counted from 1).
 */
export function tcpdumpSegmentLinks(c: ConnectionAnalysis): Map<number, string> {
  const links = new Map<number, string>();
  let segments = 0;
  let cap = '';
  for (let i = 0; i < c.tcpdump.length; i++) {
    const line = c.tcpdump[i]!;
    if (line === '') continue; // not a line the reader reads as a segment
    cap += (cap === '' ? '' : '\n') + line;
    segments++;
    if (new URLSearchParams({ cap }).toString().length + 1 > TCPDUMP_LINK_CHARS) break;
    links.set(
      c.tcpdumpPackets[i]!,
      `/tools/tcpdump/${formatHashParams({ cap, num: 'absolute', seg: String(segments) })}`,
    );
  }
  return links;
}

export interface TimelineItem {
  packet: number;
  from?: 'client' | 'server';
  kind: 'tcp' | 'http' | 'upgrade' | 'message' | 'violation' | 'problem';
  title: string;
  detail?: string;
  bad?: boolean;
  /** The frame decoder with this message's frames in its link (as many as fit, from the first). */
  decoderHref?: string;
  /** The tcpdump reader with this packet's segment chosen, when the packet is among the lines kept. */
  tcpdumpHref?: string;
  /** What the decoder can and cannot show from that link (a compressed message's context). */
  decoderNote?: string;
}

/**
 * The frame decoder's link for one message: its frames as sent, and for a compressed one the 101's
 * Sec-WebSocket-Extensions (`pmd`), so the decoder turns its permessage-deflate option on and inflates it.
 * A message compressed against earlier messages' window (context takeover, RFC 7692 §7.2.3.2) needs those
 * messages too: `before` is the same side's earlier frames as sent, when every one was kept whole, and the
 * link then holds them all, so the decoder inflates them in order as the receiver did. The note says so,
 * or says plainly why the decoder cannot inflate it (frames or earlier messages not kept).
 */
export function decoderLink(
  m: WebSocketMessage,
  extensions: string | null,
  before?: { hex: string; frames: number },
): { href: string; note?: string } | undefined {
  if (m.frameHex === undefined) return undefined;
  const deflate = m.compressed && extensions !== null ? extensions : undefined;
  const link = (hex: string) =>
    `/tools/frame-decoder/${formatDecoderHash({ hex, from: m.from, ...(deflate !== undefined ? { deflate } : {}) })}`;
  const kept = m.framesInHex ?? 1;
  if (kept < m.frames)
    return {
      href: link(m.frameHex),
      note: `The link holds the first ${kept} of its ${m.frames} frames; the others would not fit in a link${m.compressed ? ', so the decoder cannot inflate the message' : ''}.`,
    };
  // Compressed against earlier messages (false), or fragmented and not known (undefined): earlier frames needed.
  const needsEarlier = m.compressed && (m.inflatesAlone === false || (m.frames > 1 && m.inflatesAlone === undefined));
  if (needsEarlier && before !== undefined && before.hex.length + m.frameHex.length <= MAX_HASH_HEX_CHARS)
    return {
      href: link(before.hex + m.frameHex),
      note: `Compressed against the bytes of earlier messages (context takeover, RFC 7692 §7.2.3.2): the link holds this side's ${before.frames + m.frames} frames up to this message, and the decoder inflates them in order; this message is the last.`,
    };
  const href = link(m.frameHex);
  if (!needsEarlier) return { href };
  return {
    href,
    note:
      m.inflatesAlone === false
        ? 'Compressed against the bytes of earlier messages (context takeover, RFC 7692 §7.2.3.2): the decoder, given this frame alone, cannot inflate it. The text here was inflated in order, with them.'
        : 'If this message was compressed against earlier ones (context takeover, RFC 7692 §7.2.3.2), the decoder, given its frames alone, cannot inflate it. The text here was inflated in order, with them.',
  };
}

export function connectionLabel(c: ConnectionAnalysis): string {
  const kind = c.kind === 'websocket' ? 'WebSocket' : c.kind === 'http' ? 'HTTP' : c.kind === 'tls' ? 'TLS' : 'TCP';
  return `${kind} ${c.client} → ${c.server}`;
}

export function timelineOf(c: ConnectionAnalysis): TimelineItem[] {
  const items: TimelineItem[] = [];
  for (const n of c.notes) {
    const title =
      n.kind === 'syn'
        ? n.message
        : n.kind === 'fin'
          ? 'FIN'
          : n.kind === 'rst'
            ? 'RST'
            : n.kind === 'gap'
              ? 'Gap'
              : n.kind === 'snaplen'
                ? 'Cut by the snap length'
                : n.kind === 'retransmission'
                  ? 'Retransmission'
                  : 'Out of order';
    // A SYN's note is its title already; shown twice it reads as a stutter.
    const item: TimelineItem = { packet: n.packet, from: n.from, kind: 'tcp', title };
    if (n.message !== title) item.detail = n.message;
    if (n.kind === 'gap' || n.kind === 'rst' || n.kind === 'snaplen') item.bad = true;
    items.push(item);
  }
  const ws = c.websocket;
  for (const h of c.http) {
    if (ws !== null && (h.packet === ws.requestPacket || h.packet === ws.responsePacket)) continue;
    items.push({ packet: h.packet, from: h.from, kind: 'http', title: h.startLine });
  }
  if (ws !== null) {
    if (ws.request !== null && ws.requestPacket !== null)
      items.push({
        packet: ws.requestPacket,
        from: 'client',
        kind: 'upgrade',
        title: `Upgrade request: ${ws.request}`,
      });
    else
      items.push({
        packet: c.firstPacket,
        kind: 'upgrade',
        title: 'The capture began after the upgrade',
        detail:
          'No handshake in the capture: the frames were recognised by their shape, and masked ones come from the client.',
      });
    if (ws.response !== null && ws.responsePacket !== null) {
      const accept =
        ws.acceptValid === null
          ? 'accept key not checked'
          : ws.acceptValid
            ? 'Sec-WebSocket-Accept matches the key'
            : 'Sec-WebSocket-Accept does NOT match the key';
      const item: TimelineItem = {
        packet: ws.responsePacket,
        from: 'server',
        kind: 'upgrade',
        title: ws.response,
        detail: [
          accept,
          ws.extensions !== null ? `extensions: ${ws.extensions}` : '',
          ws.protocol !== null ? `subprotocol: ${ws.protocol}` : '',
        ]
          .filter(Boolean)
          .join(' · '),
      };
      if (ws.acceptValid === false || !ws.upgraded) item.bad = true;
      items.push(item);
    }
    for (const p of [...ws.requestProblems, ...ws.responseProblems])
      items.push({
        packet: ws.responsePacket ?? ws.requestPacket ?? c.firstPacket,
        kind: 'problem',
        title: `${p.id} (${p.rule})`,
        detail: p.message,
        bad: 'severity' in p ? p.severity === 'error' : true,
      });
  }
  // Each side's frames so far as sent, while every one was kept whole (undefined once one was not).
  const sent: Record<'client' | 'server', { hex: string; frames: number } | undefined> = {
    client: { hex: '', frames: 0 },
    server: { hex: '', frames: 0 },
  };
  for (const m of c.messages) {
    let title = `${m.type} · ${m.length} byte${m.length === 1 ? '' : 's'}`;
    if (m.compressed) title += m.inflated ? ' · inflated' : ' · compressed (shown as sent)';
    if (m.closeCode !== undefined) title += ` · code ${m.closeCode}${m.closeReason ? ` “${m.closeReason}”` : ''}`;
    const detail =
      m.text !== undefined
        ? m.text + (m.cut ? '…' : '')
        : m.hex !== undefined && m.hex !== ''
          ? m.hex + (m.cut ? ' …' : '')
          : undefined;
    const item: TimelineItem = { packet: m.packet, from: m.from, kind: 'message', title };
    if (detail !== undefined) item.detail = detail;
    const link = decoderLink(m, c.websocket?.extensions ?? null, sent[m.from]);
    const so = sent[m.from];
    sent[m.from] =
      so !== undefined && m.frameHex !== undefined && (m.framesInHex ?? 1) === m.frames
        ? { hex: so.hex + m.frameHex, frames: so.frames + m.frames }
        : undefined;
    if (link !== undefined) {
      item.decoderHref = link.href;
      if (link.note !== undefined) item.decoderNote = link.note;
    }
    if (m.incomplete || m.missing !== undefined) {
      item.title += m.missing !== undefined ? ` · ${m.missing} bytes not captured` : ' · incomplete';
      item.bad = true;
    }
    items.push(item);
  }
  for (const v of c.violations)
    items.push({
      packet: v.packet,
      from: v.from,
      kind: 'violation',
      title: `${v.id} · close ${v.code} (${v.rule})`,
      detail: `${v.message} (stream byte ${v.offset})`,
      bad: true,
    });
  const segmentLinks = tcpdumpSegmentLinks(c);
  for (const item of items) {
    const href = segmentLinks.get(item.packet);
    if (href !== undefined) item.tcpdumpHref = href;
  }
  return items.sort((a, b) => a.packet - b.packet);
}

/** Format, packet and connection counts, then the packets left out and why (IP fragments, not TCP…). */
export function summaryOf(a: CaptureAnalysis): string {
  const n = a.connections.length;
  const skipped = Object.entries(a.skipped).map(([why, k]) => ` · ${k} packet${k === 1 ? '' : 's'} skipped: ${why}`);
  return `${a.format ?? 'unknown format'} · ${a.packets} packet${a.packets === 1 ? '' : 's'} · ${n} TCP connection${n === 1 ? '' : 's'}${skipped.join('')}`;
}
