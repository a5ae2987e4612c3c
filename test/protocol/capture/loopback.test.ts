/**
 * BSD loopback headers (LINKTYPE_NULL / LINKTYPE_LOOP): the address family values each system writes, in the
 * writer's byte order (https://www.tcpdump.org/linktypes/LINKTYPE_NULL.html). The headers are built from that
 * table; the whole-file path is covered by the real capture content/captures/chromium-null.pcap.
 */
import { describe, expect, it } from 'vitest';
import { dissectLoopback } from '../../../src/protocol/capture/loopback';

function header(family: number, littleEndian: boolean): Uint8Array {
  const b = new Uint8Array(5);
  new DataView(b.buffer).setUint32(0, family, littleEndian);
  b[4] = 0x45;
  return b;
}

describe('dissectLoopback', () => {
  it.each([
    [2, 4, 'AF_INET everywhere'],
    [24, 6, 'AF_INET6 on NetBSD and OpenBSD'],
    [28, 6, 'AF_INET6 on FreeBSD'],
    [30, 6, 'AF_INET6 on macOS'],
  ] as Array<[number, number, string]>)('reads family %i as IPv%i (%s) in either byte order', (family, version) => {
    for (const littleEndian of [true, false]) {
      const result = dissectLoopback(header(family, littleEndian), false);
      expect(result).toMatchObject({ ok: true, header: { family, ipVersion: version, headerLength: 4 } });
      if (result.ok) expect(Array.from(result.payload)).toEqual([0x45]);
    }
  });

  it('reads LINKTYPE_LOOP in network order only', () => {
    expect(dissectLoopback(header(30, false), true)).toMatchObject({ ok: true, header: { family: 30, ipVersion: 6 } });
  });

  it('names a family that is neither IPv4 nor IPv6, and a header cut short', () => {
    expect(dissectLoopback(header(7, true), false)).toMatchObject({ ok: true, header: { ipVersion: undefined } });
    expect(dissectLoopback(new Uint8Array([2, 0]), false)).toEqual({
      ok: false,
      offset: 2,
      message: 'A loopback header is 4 bytes; only 2 captured.',
    });
  });
});
