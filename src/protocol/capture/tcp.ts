/**
 * TCP headers (RFC 9293 §3.1): ports, sequence and acknowledgment numbers, data offset, the flags,
 * window, checksum, urgent pointer and options — MSS (RFC 9293 §3.7.1), window scale (RFC 7323 §2),
 * SACK-permitted and SACK (RFC 2018), timestamps (RFC 7323 §3). The checksum is not verified (see
 * ipv4.ts: offload and loopback make it meaningless in a capture).
 */
import { tcpdumpFlagString, type FlagName } from '../tcp/types';
import type { LayerResult } from './ethernet';

export type TcpOptionInfo =
  | { kind: 'mss'; value: number }
  | { kind: 'wscale'; shift: number }
  | { kind: 'sackOK' }
  | { kind: 'sack'; blocks: Array<[number, number]> }
  | { kind: 'timestamp'; value: number; echo: number }
  | { kind: 'nop' }
  | { kind: 'eol' }
  | { kind: 'other'; type: number; length: number };

export interface TcpHeader {
  sourcePort: number;
  destinationPort: number;
  seq: number;
  ack: number;
  headerLength: number;
  flags: {
    cwr: boolean;
    ece: boolean;
    urg: boolean;
    ack: boolean;
    psh: boolean;
    rst: boolean;
    syn: boolean;
    fin: boolean;
  };
  window: number;
  checksum: number;
  urgentPointer: number;
  options: TcpOptionInfo[];
}

const u32 = (b: Uint8Array, i: number): number =>
  ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;

export function dissectTcp(b: Uint8Array): LayerResult<TcpHeader> {
  if (b.length < 20)
    return { ok: false, offset: b.length, message: `A TCP header is at least 20 bytes; only ${b.length} captured.` };
  const headerLength = (b[12]! >> 4) * 4;
  if (headerLength < 20)
    return {
      ok: false,
      offset: 12,
      message: `Data offset ${headerLength / 4} means a ${headerLength}-byte header; the minimum is 5 (RFC 9293 §3.1).`,
    };
  if (b.length < headerLength)
    return {
      ok: false,
      offset: b.length,
      message: `The TCP header says ${headerLength} bytes; only ${b.length} captured.`,
    };
  const f = b[13]!;
  const options: TcpOptionInfo[] = [];
  for (let i = 20; i < headerLength;) {
    const type = b[i]!;
    if (type === 0) {
      options.push({ kind: 'eol' });
      break;
    }
    if (type === 1) {
      options.push({ kind: 'nop' });
      i++;
      continue;
    }
    const length = b[i + 1] ?? 0;
    if (length < 2 || i + length > headerLength) break; // malformed: stop reading options
    if (type === 2 && length === 4) options.push({ kind: 'mss', value: (b[i + 2]! << 8) | b[i + 3]! });
    else if (type === 3 && length === 3) options.push({ kind: 'wscale', shift: b[i + 2]! });
    else if (type === 4 && length === 2) options.push({ kind: 'sackOK' });
    else if (type === 5 && (length - 2) % 8 === 0) {
      const blocks: Array<[number, number]> = [];
      for (let k = i + 2; k < i + length; k += 8) blocks.push([u32(b, k), u32(b, k + 4)]);
      options.push({ kind: 'sack', blocks });
    } else if (type === 8 && length === 10)
      options.push({ kind: 'timestamp', value: u32(b, i + 2), echo: u32(b, i + 6) });
    else options.push({ kind: 'other', type, length });
    i += length;
  }
  return {
    ok: true,
    header: {
      sourcePort: (b[0]! << 8) | b[1]!,
      destinationPort: (b[2]! << 8) | b[3]!,
      seq: u32(b, 4),
      ack: u32(b, 8),
      headerLength,
      flags: {
        cwr: (f & 0x80) !== 0,
        ece: (f & 0x40) !== 0,
        urg: (f & 0x20) !== 0,
        ack: (f & 0x10) !== 0,
        psh: (f & 0x08) !== 0,
        rst: (f & 0x04) !== 0,
        syn: (f & 0x02) !== 0,
        fin: (f & 0x01) !== 0,
      },
      window: (b[14]! << 8) | b[15]!,
      checksum: (b[16]! << 8) | b[17]!,
      urgentPointer: (b[18]! << 8) | b[19]!,
      options,
    },
    payload: b.subarray(headerLength),
  };
}

/** The header's flags as tcpdump prints them inside `Flags [...]`, e.g. "P." (letters from tcp/types.ts). */
export function tcpdumpFlags(f: TcpHeader['flags']): string {
  const names: FlagName[] = [];
  if (f.fin) names.push('FIN');
  if (f.syn) names.push('SYN');
  if (f.rst) names.push('RST');
  if (f.psh) names.push('PSH');
  if (f.ack) names.push('ACK');
  if (f.urg) names.push('URG');
  if (f.ece) names.push('ECE');
  if (f.cwr) names.push('CWR');
  return tcpdumpFlagString(names);
}
