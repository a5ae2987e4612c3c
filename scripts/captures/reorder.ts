/**
 * Rewrites a real capture so its client data arrives out of order and twice — what a capture on a lossy
 * path shows, made without netem (this machine has none). The packets' bytes are unchanged; only their
 * order changes, one is repeated, and timestamps are reassigned in file order so they still increase.
 *
 *   npx tsx scripts/captures/reorder.ts IN.pcap OUT.pcap
 *
 * What it does to the client's data segments (payload, client → server), counted from the first:
 * the 3rd and 4th swap places, and the 2nd is sent again after the 4th.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createPcapReader } from '../../src/protocol/capture/pcap';
import { decodePacket } from '../../src/protocol/capture/packet';
import type { RawPacket } from '../../src/protocol/capture/types';

export function reorderCapture(input: string, output: string): void {
  const file = readFileSync(input);
  const little = file.readUInt32LE(0) === 0xa1b2c3d4 || file.readUInt32LE(0) === 0xa1b23c4d;
  const reader = createPcapReader();
  const read = reader.push(new Uint8Array(file.buffer, file.byteOffset, file.length));
  const end = reader.end();
  if (read.error ?? end.error) throw new Error((read.error ?? end.error)!.message);
  const packets: RawPacket[] = [...read.packets, ...end.packets];
  // The WebSocket connection's client: the side whose first payload is "GET /lab/ws/".
  const decoded = packets.map(decodePacket);
  const get = decoded.find(
    (p) => p.payload !== undefined && new TextDecoder().decode(p.payload.subarray(0, 12)) === 'GET /lab/ws/',
  );
  if (get?.tcp === undefined) throw new Error('no WebSocket upgrade request in the capture');
  const clientPort = get.tcp.sourcePort;
  const data = decoded
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.tcp?.sourcePort === clientPort && (p.payload?.length ?? 0) > 0)
    .map(({ i }) => i);
  if (data.length < 5) throw new Error(`only ${data.length} client data segments; need 5`);
  const order = packets.map((_, i) => i);
  const [second, third, fourth] = [data[1]!, data[2]!, data[3]!];
  order[third] = fourth;
  order[fourth] = third;
  order.splice(fourth + 1, 0, second);
  const times = packets.map((p) => [p.seconds, p.nanoseconds] as const);
  const parts: Uint8Array[] = [file.subarray(0, 24)];
  order.forEach((src, k) => {
    const p = packets[src]!;
    const [s, ns] = times[Math.min(k, times.length - 1)]!;
    const head = Buffer.alloc(16);
    const w = (v: number, at: number): number => (little ? head.writeUInt32LE(v, at) : head.writeUInt32BE(v, at));
    w(s, 0);
    w(Math.floor(ns / 1000) + (k >= times.length ? 1 : 0), 4);
    w(p.capturedLength, 8);
    w(p.originalLength, 12);
    parts.push(head, p.data);
  });
  writeFileSync(output, Buffer.concat(parts));
}

if (process.argv[1]?.endsWith('reorder.ts') && process.argv.length === 4)
  reorderCapture(process.argv[2]!, process.argv[3]!);
