import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCaptureReader } from '../../../src/protocol/capture/reader';
import type { CaptureError, RawPacket } from '../../../src/protocol/capture/types';

export const CAPTURES = join(import.meta.dirname, '../../../content/captures');

export function captureBytes(name: string): Uint8Array {
  const b = readFileSync(join(CAPTURES, name));
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** Reads `bytes` pushed in chunks of the given sizes (cycled), as a file stream would arrive. */
export function readAll(
  bytes: Uint8Array,
  chunkSizes: readonly number[] = [bytes.length || 1],
): { packets: RawPacket[]; error?: CaptureError } {
  const reader = createCaptureReader();
  const packets: RawPacket[] = [];
  let error: CaptureError | undefined;
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const n = Math.max(1, chunkSizes[k++ % chunkSizes.length]!);
    const r = reader.push(bytes.subarray(at, at + n));
    packets.push(...r.packets);
    error ??= r.error;
    at += n;
  }
  const r = reader.end();
  packets.push(...r.packets);
  error ??= r.error;
  return error === undefined ? { packets } : { packets, error };
}

// ---- writers for hand-made files (byte order and resolution chosen by the test)

function u16(v: number, little: boolean): number[] {
  return little ? [v & 0xff, v >>> 8] : [v >>> 8, v & 0xff];
}
function u32(v: number, little: boolean): number[] {
  const b = [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
  return little ? b.reverse() : b;
}

export function pcapFile(
  packets: Array<{ data: Uint8Array; seconds?: number; fraction?: number; originalLength?: number }>,
  opts: { little?: boolean; nano?: boolean; linkType?: number; snapLength?: number } = {},
): Uint8Array {
  const little = opts.little ?? true;
  const out: number[] = [
    ...u32(opts.nano ? 0xa1b23c4d : 0xa1b2c3d4, little),
    ...u16(2, little),
    ...u16(4, little),
    ...u32(0, little),
    ...u32(0, little),
    ...u32(opts.snapLength ?? 262144, little),
    ...u32(opts.linkType ?? 1, little),
  ];
  for (const p of packets) {
    out.push(...u32(p.seconds ?? 0, little), ...u32(p.fraction ?? 0, little), ...u32(p.data.length, little));
    out.push(...u32(p.originalLength ?? p.data.length, little), ...p.data);
  }
  return Uint8Array.from(out);
}

export function pcapngBlock(type: number, body: number[], little: boolean): number[] {
  while (body.length % 4 !== 0) body.push(0);
  const len = body.length + 12;
  return [...u32(type, little), ...u32(len, little), ...body, ...u32(len, little)];
}

export function shb(little: boolean): number[] {
  return pcapngBlock(
    0x0a0d0d0a,
    [...u32(0x1a2b3c4d, little), ...u16(1, little), ...u16(0, little), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    little,
  );
}

export function idb(linkType: number, little: boolean, tsresol?: number): number[] {
  const options =
    tsresol === undefined
      ? []
      : [...u16(9, little), ...u16(1, little), tsresol, 0, 0, 0, ...u16(0, little), ...u16(0, little)];
  return pcapngBlock(1, [...u16(linkType, little), ...u16(0, little), ...u32(0, little), ...options], little);
}

export function epb(
  iface: number,
  units: bigint,
  data: Uint8Array,
  little: boolean,
  originalLength = data.length,
): number[] {
  return pcapngBlock(
    6,
    [
      ...u32(iface, little),
      ...u32(Number(units >> 32n), little),
      ...u32(Number(units & 0xffffffffn), little),
      ...u32(data.length, little),
      ...u32(originalLength, little),
      ...data,
    ],
    little,
  );
}

export function spb(data: Uint8Array, little: boolean): number[] {
  return pcapngBlock(3, [...u32(data.length, little), ...data], little);
}

/** A minimal IPv4 + TCP packet (checksums left 0: they are not checked). */
export function ipv4Tcp(opts: {
  src?: string;
  dst?: string;
  sport: number;
  dport: number;
  seq: number;
  ack?: number;
  flags?: number;
  payload?: Uint8Array;
  ipOptions?: number[];
  fragment?: number;
}): Uint8Array {
  const payload = opts.payload ?? new Uint8Array(0);
  const ipOpts = opts.ipOptions ?? [];
  const ihl = 20 + ipOpts.length;
  const total = ihl + 20 + payload.length;
  const ip = [
    0x40 | (ihl / 4),
    0,
    total >> 8,
    total & 0xff,
    0,
    1,
    (opts.fragment ?? 0) >> 8,
    (opts.fragment ?? 0) & 0xff,
    64,
    6,
    0,
    0,
    ...(opts.src ?? '10.0.0.1').split('.').map(Number),
    ...(opts.dst ?? '10.0.0.2').split('.').map(Number),
    ...ipOpts,
  ];
  const tcp = [
    ...u16(opts.sport, false),
    ...u16(opts.dport, false),
    ...u32(opts.seq >>> 0, false),
    ...u32((opts.ack ?? 0) >>> 0, false),
    0x50,
    opts.flags ?? 0x18,
    0xff,
    0xff,
    0,
    0,
    0,
    0,
  ];
  return Uint8Array.from([...ip, ...tcp, ...payload]);
}

export function ethernet(ipPacket: Uint8Array, vlan?: number): Uint8Array {
  const tag = vlan === undefined ? [] : [0x81, 0x00, vlan >> 8, vlan & 0xff];
  return Uint8Array.from([
    ...Array(12)
      .fill(0)
      .map((_, i) => i + 1),
    ...tag,
    0x08,
    0x00,
    ...ipPacket,
  ]);
}
