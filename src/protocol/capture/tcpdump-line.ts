/**
 * A decoded TCP packet as tcpdump 4.99 prints it with `-n -S` (absolute sequence numbers), so the
 * tcpdump reader can explain a connection from a capture file:
 *
 *   14:56:10.936617 IP 127.0.0.1.33834 > 127.0.0.1.18932: Flags [P.], seq 502:513, ack 151, win 64, options [nop,nop,TS val 2702622799 ecr 2610349665], length 11
 *
 * print-tcp.c prints "seq a:b" when the segment has data, "seq a" for SYN/FIN/RST without data, the ack
 * when ACK is set, the raw window, the options, then the payload length.
 */
import type { DecodedPacket } from './packet';
import { tcpdumpFlags, type TcpOptionInfo } from './tcp';

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function option(o: TcpOptionInfo): string {
  switch (o.kind) {
    case 'mss':
      return `mss ${o.value}`;
    case 'wscale':
      return `wscale ${o.shift}`;
    case 'sackOK':
      return 'sackOK';
    case 'sack':
      return `sack ${o.blocks.length} ${o.blocks.map(([l, r]) => `{${l}:${r}}`).join('')}`;
    case 'timestamp':
      return `TS val ${o.value} ecr ${o.echo}`;
    case 'nop':
      return 'nop';
    case 'eol':
      return 'eol';
    default:
      return `opt-${o.type}:len ${o.length}`;
  }
}

/** The tcpdump line of a TCP packet, or undefined for a packet without TCP. Times are UTC. */
export function tcpdumpLine(p: DecodedPacket): string | undefined {
  const ip = p.ip;
  const tcp = p.tcp;
  if (ip === undefined || tcp === undefined) return undefined;
  const day = p.seconds % 86400;
  const time = `${pad(Math.floor(day / 3600), 2)}:${pad(Math.floor(day / 60) % 60, 2)}:${pad(day % 60, 2)}.${pad(Math.floor(p.nanoseconds / 1000), 6)}`;
  const f = tcp.flags;
  const length = (p.payload?.length ?? 0) + p.missing;
  const parts = [`Flags [${tcpdumpFlags(tcp.flags)}]`];
  if (length > 0) parts.push(`seq ${tcp.seq}:${(tcp.seq + length) >>> 0}`);
  else if (f.syn || f.fin || f.rst) parts.push(`seq ${tcp.seq}`);
  if (f.ack) parts.push(`ack ${tcp.ack}`);
  parts.push(`win ${tcp.window}`);
  if (tcp.options.length > 0) parts.push(`options [${tcp.options.map(option).join(',')}]`);
  parts.push(`length ${length}`);
  const v = ip.version === 6 ? 'IP6' : 'IP';
  return `${time} ${v} ${ip.source}.${tcp.sourcePort} > ${ip.destination}.${tcp.destinationPort}: ${parts.join(', ')}`;
}
