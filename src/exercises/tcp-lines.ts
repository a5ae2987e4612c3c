/**
 * tcpdump lines for generated TCP exercises, written the way tcpdump's print-tcp.c prints them: `Flags [S.]`,
 * `seq a` for a SYN/FIN/RST without data, `seq a:b` (b = a + length, modulo 2^32) when there is data, no seq at all
 * for a pure ACK, `ack n` when ACK is set, then `win`, `options [...]` and `length`.
 *
 * The lines are inputs to the exercises; the answers are computed from them by the project's tcpdump reader
 * (explainTcpdump) and connection model (simulateConnection), never from the numbers used to write them.
 */
import { seqAdd, tcpdumpFlagString, type FlagName, type WireSegment } from '../protocol/tcp';
import type { Rng } from '../protocol/random';

export interface Ends {
  /** `address.port` of each side, as tcpdump prints them with -n. */
  client: string;
  server: string;
}

/** A client on a private address with an ephemeral port, and a server on a well-known or lab port. */
export function randomEnds(rng: Rng): Ends {
  const clientPort = rng.int(32768, 60999); // Linux's default ephemeral range (net.ipv4.ip_local_port_range)
  const serverPort = rng.pick([80, 443, 8080, 8787, 8788]);
  return { client: `10.0.0.${rng.int(2, 99)}.${clientPort}`, server: `10.0.0.1.${serverPort}` };
}

/** A sequence number anywhere in the 32-bit space, sometimes close below 2^32 so that it wraps. */
export function randomIsn(rng: Rng): number {
  return rng.bool(0.25) ? 4294967295 - rng.int(0, 2000) : rng.int(0, 4294967295);
}

export interface LineSpec {
  from: 'client' | 'server';
  flags: readonly FlagName[];
  /** Sequence number as printed (absolute, or relative when the caller prints relative numbers). */
  seq: number;
  ack?: number;
  /** Payload bytes. */
  length: number;
  win?: number;
  /** Options text inside `options [...]`, if any. */
  options?: string;
}

/** One tcpdump line (without a timestamp when `time` is undefined). */
export function tcpdumpLine(spec: LineSpec, ends: Ends, time?: string): string {
  const src = spec.from === 'client' ? ends.client : ends.server;
  const dst = spec.from === 'client' ? ends.server : ends.client;
  const parts = [`Flags [${tcpdumpFlagString(spec.flags)}]`];
  const carriesSeq = spec.length > 0 || spec.flags.some((f) => f === 'SYN' || f === 'FIN' || f === 'RST');
  if (carriesSeq) parts.push(spec.length > 0 ? `seq ${spec.seq}:${seqAdd(spec.seq, spec.length)}` : `seq ${spec.seq}`);
  if (spec.flags.includes('ACK') && spec.ack !== undefined) parts.push(`ack ${spec.ack}`);
  parts.push(`win ${spec.win ?? (spec.flags.includes('SYN') ? 65535 : 502)}`);
  if (spec.options) parts.push(`options [${spec.options}]`);
  parts.push(`length ${spec.length}`);
  return `${time ? `${time} ` : ''}IP ${src} > ${dst}: ${parts.join(', ')}`;
}

/** The options Linux puts in a SYN (mss, SACK permitted, timestamps, window scale). */
export function synOptions(tsVal: number, tsEcr: number, wscale = 7): string {
  return `mss 1460,sackOK,TS val ${tsVal} ecr ${tsEcr},nop,wscale ${wscale}`;
}

/** The timestamp option as Linux sends it after the handshake: on every non-RST segment once negotiated (RFC 7323 §3.2). */
export function tsOptions(tsVal: number, tsEcr: number): string {
  return `nop,nop,TS val ${tsVal} ecr ${tsEcr}`;
}

/** hh:mm:ss.uuuuuu for `micros` microseconds after 10:00:00. */
export function clock(micros: number): string {
  const total = 36_000_000_000 + Math.round(micros);
  const us = total % 1_000_000;
  const s = Math.floor(total / 1_000_000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(s / 3600) % 24)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(us, 6)}`;
}

/** A modelled segment as tcpdump -S (absolute numbers) would print it. */
export function lineForWireSegment(seg: WireSegment, ends: Ends, tsBase = 100_000): string {
  const syn = seg.flags.includes('SYN');
  const ts = tsBase + Math.round(seg.t);
  return tcpdumpLine(
    {
      from: seg.from,
      flags: seg.flags,
      seq: seg.seq,
      ...(seg.ack !== undefined ? { ack: seg.ack } : {}),
      length: seg.len,
      ...(syn ? { options: synOptions(ts, seg.flags.includes('ACK') ? tsBase : 0) } : {}),
    },
    ends,
    clock(seg.t * 1000),
  );
}

/** "#3  client → server  [F.]  seq 1  ack 1" — a modelled segment in one short line, numbers relative. */
export function ladderLine(seg: WireSegment): string {
  const dir = seg.from === 'client' ? 'client → server' : 'server → client';
  const ack = seg.relAck !== undefined ? `  ack ${seg.relAck}` : '';
  const data = seg.len > 0 ? `  (${seg.len} bytes)` : '';
  return `#${seg.id}  ${dir}  [${tcpdumpFlagString(seg.flags)}]  seq ${seg.relSeq}${ack}${data}`;
}
