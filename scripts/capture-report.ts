/**
 * The CLI's two outputs for a CaptureAnalysis: the JSON shape documented in docs/capture.md, and
 * readable text. Kept apart from the file reading so tests and other tools can use them.
 */
import type { CaptureAnalysis, ConnectionAnalysis } from '../src/protocol/capture/analyser';
import type { WebSocketMessage } from '../src/protocol/capture/websocket-side';

export interface JsonMessage {
  from: 'client' | 'server';
  type: WebSocketMessage['type'];
  length: number;
  wireLength: number;
  packet: number;
  compressed?: boolean;
  text?: string;
  hex?: string;
  closeCode?: number;
  closeReason?: string;
  cut?: boolean;
  incomplete?: boolean;
  missing?: number;
}

export function jsonMessage(m: WebSocketMessage): JsonMessage {
  const out: JsonMessage = { from: m.from, type: m.type, length: m.length, wireLength: m.wireLength, packet: m.packet };
  if (m.type === 'text' || m.type === 'binary') out.compressed = m.compressed;
  if (m.text !== undefined) out.text = m.text;
  else if (m.hex !== undefined) out.hex = m.hex;
  if (m.closeCode !== undefined) out.closeCode = m.closeCode;
  if (m.closeReason !== undefined && m.closeReason !== '') out.closeReason = m.closeReason;
  if (m.cut) out.cut = true;
  if (m.incomplete) out.incomplete = true;
  if (m.missing !== undefined) out.missing = m.missing;
  return out;
}

export function jsonConnection(c: ConnectionAnalysis): Record<string, unknown> {
  const ws = c.websocket;
  return {
    client: c.client,
    server: c.server,
    kind: c.kind,
    packets: [c.firstPacket, c.lastPacket],
    tcp: { retransmissions: c.tcp.retransmissions, outOfOrder: c.tcp.outOfOrder, gaps: c.tcp.gaps },
    tls: c.tls,
    http: c.http.map((h) => ({ from: h.from, packet: h.packet, line: h.startLine })),
    websocket:
      ws === null || !ws.upgraded
        ? null
        : {
            request: ws.request,
            response: ws.response,
            acceptValid: ws.acceptValid,
            extensions: ws.extensions,
            protocol: ws.protocol,
            problems: [...ws.requestProblems, ...ws.responseProblems].map((p) => ({
              id: p.id,
              rule: p.rule,
              message: p.message,
            })),
          },
    messages: c.messages.map(jsonMessage),
    violations: c.violations.map((v) => ({
      id: v.id,
      code: v.code,
      from: v.from,
      packet: v.packet,
      offset: v.offset,
      message: v.message,
    })),
  };
}

export function jsonReport(a: CaptureAnalysis): Record<string, unknown> {
  const out: Record<string, unknown> = { format: a.format, packets: a.packets };
  if (a.error !== undefined) out.error = a.error;
  out.connections = a.connections.map(jsonConnection);
  return out;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

function messageLine(m: WebSocketMessage): string {
  const arrow = m.from === 'client' ? 'client → server' : 'server → client';
  let what = `${m.type} ${plural(m.length, 'byte')}`;
  if (m.compressed) what += m.inflated ? ' (inflated)' : ` (compressed, ${m.wireLength} on the wire, not inflated)`;
  if (m.closeCode !== undefined) what += ` code ${m.closeCode}${m.closeReason ? ` "${m.closeReason}"` : ''}`;
  else if (m.text !== undefined) what += `: ${JSON.stringify(m.text)}${m.cut ? '…' : ''}`;
  else if (m.hex !== undefined && m.hex !== '') what += `: ${m.hex}${m.cut ? ' …' : ''}`;
  if (m.missing !== undefined) what += ` [${m.missing} bytes not captured]`;
  if (m.incomplete) what += ' [incomplete]';
  return `  #${m.packet}  ${arrow}  ${what}`;
}

export function textReport(name: string, a: CaptureAnalysis): string {
  const lines: string[] = [
    `${name}: ${a.format ?? 'unknown format'}, ${plural(a.packets, 'packet')}, ${plural(a.connections.length, 'TCP connection')}`,
  ];
  if (a.error !== undefined) lines.push(`  reading stopped at byte ${a.error.offset}: ${a.error.message}`);
  if (a.cutPackets > 0) lines.push(`  ${plural(a.cutPackets, 'packet')} cut short by the snap length`);
  for (const [why, n] of Object.entries(a.skipped)) lines.push(`  ${plural(n, 'packet')} skipped: ${why}`);
  for (const c of a.connections) {
    const kind =
      c.kind === 'websocket'
        ? 'WebSocket'
        : c.kind === 'http'
          ? 'HTTP'
          : c.kind === 'tls'
            ? `TLS (${c.tls?.version ?? '?'}; encrypted: only TLS records are visible)`
            : 'other TCP';
    lines.push(
      '',
      `Connection ${c.id}: ${c.client} → ${c.server}  ${kind}  packets #${c.firstPacket}–#${c.lastPacket}`,
    );
    const clientBy =
      c.clientBy === 'syn'
        ? 'it sent the SYN'
        : c.clientBy === 'http'
          ? 'it sent the HTTP request'
          : c.clientBy === 'mask'
            ? 'its frames are masked'
            : 'a guess: it has the higher port';
    lines.push(`  client: ${c.client} (${clientBy})`);
    lines.push(
      `  TCP: ${plural(c.tcp.retransmissions, 'retransmission')}, ${c.tcp.outOfOrder} out of order, ${plural(c.tcp.gaps, 'gap')}`,
    );
    for (const n of c.notes)
      if (n.kind !== 'syn' && n.kind !== 'fin') lines.push(`  #${n.packet}  ${n.from}: ${n.message}`);
    const ws = c.websocket;
    if (ws === null) for (const h of c.http) lines.push(`  #${h.packet}  ${h.from}: ${h.startLine}`);
    else {
      if (ws.request === null) lines.push('  the capture began after the upgrade: frames recognised by their shape');
      else lines.push(`  #${ws.requestPacket}  upgrade: ${ws.request}`);
      if (ws.response !== null) {
        const accept =
          ws.acceptValid === null
            ? 'accept key not checked'
            : ws.acceptValid
              ? 'accept key matches'
              : 'accept key WRONG';
        lines.push(`  #${ws.responsePacket}  answer: ${ws.response} (${accept})`);
      }
      if (ws.extensions !== null) lines.push(`  extensions: ${ws.extensions}`);
      if (ws.protocol !== null) lines.push(`  subprotocol: ${ws.protocol}`);
      for (const p of [...ws.requestProblems, ...ws.responseProblems])
        lines.push(`  handshake problem ${p.id} (${p.rule}): ${p.message}`);
    }
    for (const m of c.messages) lines.push(messageLine(m));
    for (const v of c.violations)
      lines.push(
        `  #${v.packet}  VIOLATION ${v.id} (close ${v.code}, ${v.rule}) from the ${v.from} at stream byte ${v.offset}: ${v.message}`,
      );
  }
  return lines.join('\n');
}
