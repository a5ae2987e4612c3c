/**
 * Rewrites a real Ethernet capture of loopback as macOS writes `tcpdump -i lo0`: link type NULL
 * (LINKTYPE_NULL, 0), where each packet starts with the address family as a 4-byte integer in the
 * byte order of the machine that wrote it (AF_INET 2; AF_INET6 30 on macOS), in place of the 14-byte
 * Ethernet header. This machine is Linux, so a real lo0 capture cannot be made here; the IP packets,
 * timestamps and order are those of the real capture, unchanged.
 *
 *   npx tsx scripts/captures/null-link.ts IN.pcap OUT.pcap
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createPcapReader } from '../../src/protocol/capture/pcap';
import type { RawPacket } from '../../src/protocol/capture/types';

export function nullLinkCapture(input: string, output: string): void {
  const file = readFileSync(input);
  const little = file.readUInt32LE(0) === 0xa1b2c3d4 || file.readUInt32LE(0) === 0xa1b23c4d;
  if (!little) throw new Error('expected a little-endian pcap (written on this machine)');
  const reader = createPcapReader();
  const read = reader.push(new Uint8Array(file.buffer, file.byteOffset, file.length));
  const end = reader.end();
  if (read.error ?? end.error) throw new Error((read.error ?? end.error)!.message);
  const packets: RawPacket[] = [...read.packets, ...end.packets];
  const header = Buffer.from(file.subarray(0, 24));
  header.writeUInt32LE(0, 20); // LINKTYPE_NULL
  const parts: Buffer[] = [header];
  let at = 24;
  for (const p of packets) {
    const record = file.subarray(at, at + 16);
    at += 16 + p.capturedLength;
    const etherType = (p.data[12]! << 8) | p.data[13]!;
    if (etherType !== 0x0800 && etherType !== 0x86dd) throw new Error(`packet ${p.number} is not IP over Ethernet`);
    const head = Buffer.from(record);
    head.writeUInt32LE(p.capturedLength - 10, 8);
    head.writeUInt32LE(p.originalLength - 10, 12);
    const family = Buffer.alloc(4);
    family.writeUInt32LE(etherType === 0x0800 ? 2 : 30, 0);
    parts.push(head, family, Buffer.from(p.data.subarray(14)));
  }
  writeFileSync(output, Buffer.concat(parts));
}

if (process.argv[1]?.endsWith('null-link.ts') && process.argv.length === 4)
  nullLinkCapture(process.argv[2]!, process.argv[3]!);
