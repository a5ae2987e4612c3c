import { describe, expect, it } from 'vitest';
import { peelSinglePacket, tcpdumpPacketCount } from '../../../src/protocol/capture/single-packet';
import { parseHex, toHex } from '../../../src/protocol/hex';
import { HELLO_TCPDUMP_X } from '../../../content/captures/chromium-loopback';

describe('peelSinglePacket', () => {
  // content/captures/chromium-loopback.ts: Chromium's masked "Hello" as `tcpdump -i lo -n -X port 8787` printed it.
  const packet = parseHex(HELLO_TCPDUMP_X);

  it('peels a tcpdump -X packet to its WebSocket frame', () => {
    const p = peelSinglePacket(packet)!;
    expect(p).toMatchObject({
      ip: { version: 4, source: '127.0.0.1', destination: '127.0.0.1' },
      tcp: { sourcePort: 33834, destinationPort: 18932, flags: 'P.' },
      payloadOffset: 52,
    });
    expect(toHex(p.payload)).toBe('81 85 0b 4c de 23 43 29 b2 4f 64');
  });

  it('peels the same packet behind an Ethernet header (tcpdump -XX, Wireshark)', () => {
    const ethernet = new Uint8Array(14 + packet.length);
    ethernet.set([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x08, 0x00]);
    ethernet.set(packet, 14);
    expect(peelSinglePacket(ethernet)).toMatchObject({ link: 'Ethernet', payloadOffset: 66 });
  });

  it('leaves WebSocket frames and cut packets to the decoder', () => {
    expect(peelSinglePacket(parseHex('81 85 37 fa 21 3d 7f 9f 4d 51 58'))).toBeUndefined();
    expect(peelSinglePacket(packet.subarray(0, packet.length - 1))).toBeUndefined();
  });

  it('counts tcpdump packet header lines', () => {
    expect(tcpdumpPacketCount(`12:00:00.000001 IP 127.0.0.1.1 > 127.0.0.1.2: Flags [S]\n${HELLO_TCPDUMP_X}`)).toBe(1);
    expect(tcpdumpPacketCount('10:11:06.151917 IP a > b: x\n10:11:06.190376 IP6 c > d: y\n')).toBe(2);
    expect(tcpdumpPacketCount('81 85 37 fa')).toBe(0);
  });
});
