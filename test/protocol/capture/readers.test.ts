import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodePacket } from '../../../src/protocol/capture/packet';
import { createCaptureReader } from '../../../src/protocol/capture/reader';
import { LinkType } from '../../../src/protocol/capture/types';
import { CAPTURES, captureBytes, epb, ethernet, idb, ipv4Tcp, pcapFile, readAll, shb, spb } from './helpers';
import { HELLO_SUMMARY, HELLO_TCPDUMP_X } from '../../../content/captures/chromium-loopback';

const hasTshark = ((): boolean => {
  try {
    execFileSync('tshark', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    // CI installs it (.ci/run): there the comparison must run, not be skipped.
    if (process.env.CI)
      throw new Error('CI=true but no tshark on PATH: the comparison with it cannot be skipped in CI');
    return false;
  }
})();

/** tshark's view of each packet: number, ports, raw seq, TCP payload length. */
function tsharkRows(file: string): string[] {
  const out = execFileSync(
    'tshark',
    [
      '-r',
      join(CAPTURES, file),
      '-T',
      'fields',
      '-e',
      'frame.number',
      '-e',
      'tcp.srcport',
      '-e',
      'tcp.dstport',
      '-e',
      'tcp.seq_raw',
      '-e',
      'tcp.len',
      '-e',
      'frame.time_epoch',
    ],
    {
      encoding: 'utf8',
    },
  );
  return out.trim().split('\n');
}

function ourRows(file: string, chunks?: number[]): string[] {
  const { packets, error } = readAll(captureBytes(file), chunks);
  expect(error).toBeUndefined();
  return packets.map((raw) => {
    const p = decodePacket(raw);
    expect(p.problems).toEqual([]);
    const t = `${p.seconds}.${String(p.nanoseconds).padStart(9, '0')}`;
    return [p.number, p.tcp?.sourcePort, p.tcp?.destinationPort, p.tcp?.seq, p.payload?.length, t].join('\t');
  });
}

describe('real captures (made by scripts/captures/make.ts)', () => {
  // Packet counts as capinfos printed them when the files were made.
  const COUNTS: Record<string, [number, number]> = {
    'chromium-ipv4.pcap': [29, LinkType.Ethernet],
    'chromium-ipv4.pcapng': [29, LinkType.Ethernet],
    'chromium-ipv6.pcap': [29, LinkType.Ethernet],
    'chromium-any.pcap': [28, LinkType.LinuxSll2],
    'chromium-large.pcap': [38, LinkType.Ethernet],
    // chromium-ipv4.pcap as macOS's lo0 writes it (scripts/captures/null-link.ts)
    'chromium-null.pcap': [29, LinkType.Null],
  };
  for (const [file, [count, link]] of Object.entries(COUNTS)) {
    it(`${file}: ${count} packets, every one TCP, pushed whole or in 7-byte chunks`, () => {
      const whole = ourRows(file);
      expect(whole).toHaveLength(count);
      expect(ourRows(file, [7, 1, 13])).toEqual(whole);
      expect(readAll(captureBytes(file)).packets[0]!.linkType).toBe(link);
    });
    it.runIf(hasTshark)(`${file}: ports, raw seq, payload length and time agree with tshark`, () => {
      const theirs = tsharkRows(file).map((row) => {
        const [n, sp, dp, seq, len, time] = row.split('\t');
        const [s, frac] = (time ?? '').split('.');
        return [n, sp, dp, seq, len, `${s}.${(frac ?? '').padEnd(9, '0')}`].join('\t');
      });
      expect(ourRows(file)).toEqual(theirs);
    });
  }

  it('chromium-merged.pcapng: two interfaces with different link types', () => {
    const { packets, error } = readAll(captureBytes('chromium-merged.pcapng'), [100]);
    expect(error).toBeUndefined();
    expect(packets).toHaveLength(57);
    expect(new Set(packets.map((p) => `${p.interfaceId}:${p.linkType}`))).toEqual(
      new Set([`0:${LinkType.Ethernet}`, `1:${LinkType.LinuxSll2}`]),
    );
    for (const p of packets) expect(decodePacket(p).tcp).toBeDefined();
  });

  it('ip-layers.pcap: IPv4 options and IPv6 extension headers peeled; fragments reported, not handed to TCP', () => {
    const { packets, error } = readAll(captureBytes('ip-layers.pcap'));
    expect(error).toBeUndefined();
    const rows = packets.map(decodePacket).map((p) => {
      expect(p.problems).toEqual([]);
      const ip = p.ip!;
      const layers =
        ip.version === 4
          ? `v4 hl ${ip.headerLength} opts ${ip.options.map((o) => o.type).join(',')} frag ${ip.fragment ? ip.fragmentOffset : '-'}`
          : `v6 hl ${ip.headerLength} ext ${ip.extensions.map((e) => e.type).join(',')} frag ${ip.fragment}`;
      const tcp = p.tcp === undefined ? p.skipped : `${p.tcp.sourcePort}>${p.tcp.destinationPort} ${p.payload!.length}`;
      return `${p.number} ${layers}: ${tcp}`;
    });
    const FRAGMENT = 'an IP fragment (fragments are reported, not reassembled)';
    expect(rows).toEqual([
      '1 v4 hl 28 opts 7 frag -: 40001>9419 7', // Record Route (RFC 791 §3.1), then End of Options
      '2 v4 hl 28 opts 7 frag -: 9419>40001 0', // the kernel's RST echoes the option
      `3 v4 hl 20 opts  frag 0: ${FRAGMENT}`,
      `4 v4 hl 20 opts  frag 32: ${FRAGMENT}`,
      '5 v4 hl 20 opts  frag -: 9419>40002 0',
      '6 v6 hl 56 ext 0,60 frag false: 40003>9419 3', // Hop-by-Hop, Destination Options (RFC 8200 §4.3, §4.6)
      '7 v6 hl 40 ext  frag false: 9419>40003 0',
      `8 v6 hl 48 ext 44 frag true: ${FRAGMENT}`,
      `9 v6 hl 48 ext 44 frag true: ${FRAGMENT}`,
      '10 v6 hl 40 ext  frag false: 9419>40004 0',
    ]);
    expect(new TextDecoder().decode(decodePacket(packets[0]!).payload)).toBe('options');
  });

  it.runIf(hasTshark)('ip-layers.pcap: the unfragmented segments agree with tshark', () => {
    const theirs = tsharkRows('ip-layers.pcap').filter((r) => !['3', '4', '8', '9'].includes(r.split('\t')[0]!));
    const ours = ourRows('ip-layers.pcap').filter((r) => !['3', '4', '8', '9'].includes(r.split('\t')[0]!));
    expect(ours.map((r) => r.split('\t').slice(0, 5))).toEqual(theirs.map((r) => r.split('\t').slice(0, 5)));
  });

  it('chromium-ipv6.pcap: IPv6 addresses in RFC 5952 form', () => {
    const p = decodePacket(readAll(captureBytes('chromium-ipv6.pcap')).packets[0]!);
    expect(p.ip).toMatchObject({ version: 6, source: '::1', destination: '::1', protocol: 6 });
    expect(p.tcp?.flags.syn).toBe(true);
    expect(p.tcp?.options.map((o) => o.kind)).toEqual(['mss', 'sackOK', 'timestamp', 'nop', 'wscale']);
  });
});

describe('pcap', () => {
  const pkt = ethernet(ipv4Tcp({ sport: 1, dport: 2, seq: 7, payload: Uint8Array.of(1, 2, 3) }));
  for (const little of [true, false])
    for (const nano of [true, false])
      it(`reads ${little ? 'little' : 'big'}-endian, ${nano ? 'nano' : 'micro'}second files`, () => {
        const file = pcapFile([{ data: pkt, seconds: 1700000000, fraction: nano ? 123456789 : 123456 }], {
          little,
          nano,
        });
        const { packets, error } = readAll(file, [3]);
        expect(error).toBeUndefined();
        expect(packets[0]).toMatchObject({
          number: 1,
          seconds: 1700000000,
          nanoseconds: nano ? 123456789 : 123456000,
          capturedLength: pkt.length,
        });
        expect(decodePacket(packets[0]!).payload).toEqual(Uint8Array.of(1, 2, 3));
      });

  it('a wrong magic number is an error at offset 0, not a crash', () => {
    const file = pcapFile([{ data: pkt }]);
    file[0] = 0xd5; // pcap magic d4 c3 b2 a1 → d5 …: now text, which is not hex either
    const r = readAll(file);
    expect(r.error?.code).toBe('NOT_A_CAPTURE');
    expect(r.error?.offset).toBe(0);
  });

  it('a truncated record names its offset and what is missing', () => {
    const file = pcapFile([{ data: pkt }, { data: pkt }]);
    const r = readAll(file.subarray(0, file.length - 5));
    expect(r.packets).toHaveLength(1);
    expect(r.error).toMatchObject({ code: 'TRUNCATED_RECORD', offset: 24 + 16 + pkt.length });
    expect(r.error?.message).toContain(`${pkt.length - 5} of its ${pkt.length} packet bytes`);
  });

  it('a length that runs past any packet is an error at the length field', () => {
    const file = pcapFile([{ data: pkt }]);
    file[24 + 8 + 3] = 0x7f; // incl_len (little-endian) high byte
    const r = readAll(file);
    expect(r.error).toMatchObject({ code: 'RECORD_TOO_LONG', offset: 24 + 8 });
  });

  it('reports a packet cut by the snap length and what TCP bytes are missing', () => {
    const file = pcapFile([{ data: pkt.subarray(0, pkt.length - 2), originalLength: pkt.length }], { snapLength: 50 });
    const p = decodePacket(readAll(file).packets[0]!);
    expect(p.capturedLength).toBeLessThan(p.originalLength);
    expect(p.payload).toEqual(Uint8Array.of(1));
    expect(p.missing).toBe(2);
  });
});

describe('pcapng', () => {
  const a = ethernet(ipv4Tcp({ sport: 1, dport: 2, seq: 7, payload: Uint8Array.of(9) }), 42);
  const b = ipv4Tcp({ sport: 3, dport: 4, seq: 8 });
  for (const little of [true, false])
    it(`reads ${little ? 'little' : 'big'}-endian sections with two link types, SPB and an unknown block`, () => {
      const unknown = [
        ...(little ? [0x44, 0x33, 0x22, 0x11] : [0x11, 0x22, 0x33, 0x44]),
        ...(little ? [16, 0, 0, 0] : [0, 0, 0, 16]),
        1,
        2,
        3,
        4,
        ...(little ? [16, 0, 0, 0] : [0, 0, 0, 16]),
      ];
      const file = Uint8Array.from([
        ...shb(little),
        ...idb(LinkType.Ethernet, little),
        ...unknown,
        ...idb(LinkType.Raw, little, 9),
        ...epb(0, 1700000000_123456n, a, little),
        ...epb(1, 1700000000_123456789n, b, little),
        ...spb(a, little),
      ]);
      const { packets, error } = readAll(file, [5, 11]);
      expect(error).toBeUndefined();
      expect(packets.map((p) => [p.number, p.linkType, p.seconds, p.nanoseconds])).toEqual([
        [1, LinkType.Ethernet, 1700000000, 123456000],
        [2, LinkType.Raw, 1700000000, 123456789],
        [3, LinkType.Ethernet, 0, 0],
      ]);
      const first = decodePacket(packets[0]!);
      expect(first.link).toMatchObject({ kind: 'ethernet', header: { vlans: [42] } });
      expect(first.payload).toEqual(Uint8Array.of(9));
      expect(decodePacket(packets[1]!).tcp?.sourcePort).toBe(3);
    });

  it('a block length of 0 is an error at its length field', () => {
    const file = Uint8Array.from([...shb(true), 1, 0, 0, 0, 0, 0, 0, 0]);
    expect(readAll(file).error).toMatchObject({ code: 'BAD_BLOCK_LENGTH', offset: 28 + 4 });
  });

  it('a block length past the end of the file is a truncated record', () => {
    const file = Uint8Array.from([...shb(true), ...idb(1, true), ...epb(0, 0n, a, true)]);
    const r = readAll(file.subarray(0, file.length - 8));
    expect(r.error).toMatchObject({ code: 'TRUNCATED_RECORD', offset: 28 + 20 });
  });

  it('mismatched leading and trailing lengths are reported', () => {
    const file = Uint8Array.from([...shb(true), ...idb(1, true)]);
    file[file.length - 4] = 99;
    expect(readAll(file).error).toMatchObject({ code: 'BLOCK_LENGTH_MISMATCH', offset: file.length - 4 });
  });

  it('a packet on an interface never described is an error', () => {
    const file = Uint8Array.from([...shb(true), ...epb(0, 0n, a, true)]);
    expect(readAll(file).error?.code).toBe('UNKNOWN_INTERFACE');
  });
});

describe('text', () => {
  it('reads tcpdump -X output of a real Chromium packet (raw IP from its first byte)', () => {
    const { packets, error } = readAll(new TextEncoder().encode(`${HELLO_SUMMARY}\n${HELLO_TCPDUMP_X}\n`), [17]);
    expect(error).toBeUndefined();
    expect(packets).toHaveLength(1);
    const p = decodePacket(packets[0]!);
    expect(p.link?.kind).toBe('raw');
    expect(p.tcp?.destinationPort).toBe(18932);
    expect(p.payload?.[0]).toBe(0x81);
  });

  it('reads many tcpdump -xx packets with their header lines (Ethernet, then cooked v1)', () => {
    const eth = ethernet(ipv4Tcp({ sport: 5, dport: 6, seq: 1, payload: Uint8Array.of(0x41) }));
    const cooked = Uint8Array.from([
      0,
      0,
      0,
      1,
      0,
      6,
      1,
      2,
      3,
      4,
      5,
      6,
      0,
      0,
      0x08,
      0x00,
      ...ipv4Tcp({ sport: 6, dport: 5, seq: 9 }),
    ]);
    const dump = (b: Uint8Array): string => {
      let s = '';
      for (let i = 0; i < b.length; i += 16) {
        const groups: string[] = [];
        for (let k = i; k < Math.min(i + 16, b.length); k += 2)
          groups.push(
            Array.from(b.subarray(k, Math.min(k + 2, b.length)), (x) => x.toString(16).padStart(2, '0')).join(''),
          );
        s += `\t0x${i.toString(16).padStart(4, '0')}:  ${groups.join(' ')}\n`;
      }
      return s;
    };
    const text = `listening on lo\n12:00:01.000001 IP 10.0.0.1.5 > 10.0.0.2.6: Flags [P.]\n${dump(eth)}12:00:02.5 IP 10.0.0.2.6 > 10.0.0.1.5: Flags [.]\n${dump(cooked)}2 packets captured\n`;
    const { packets, error } = readAll(new TextEncoder().encode(text), [9]);
    expect(error).toBeUndefined();
    expect(packets.map((p) => [p.linkType, p.seconds, p.nanoseconds])).toEqual([
      [LinkType.Ethernet, 43201, 1000],
      [LinkType.LinuxSll, 43202, 500000000],
    ]);
    expect(decodePacket(packets[1]!).tcp?.seq).toBe(9);
  });

  it('reads Wireshark "Copy as Hex Dump" and a bare hex stream', () => {
    const ip = ipv4Tcp({ sport: 80, dport: 1234, seq: 5 });
    const hex = Array.from(ip, (x) => x.toString(16).padStart(2, '0'));
    const ws = hex.reduce(
      (s, h, i) => s + (i % 16 === 0 ? `${i ? '\n' : ''}${i.toString(16).padStart(4, '0')}  ` : '') + ` ${h}`,
      '',
    );
    expect(decodePacket(readAll(new TextEncoder().encode(ws)).packets[0]!).tcp?.sourcePort).toBe(80);
    expect(decodePacket(readAll(new TextEncoder().encode(hex.join(''))).packets[0]!).tcp?.sourcePort).toBe(80);
  });

  it('a binary file that is no capture is refused at its first binary byte', () => {
    const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13);
    expect(readAll(png).error).toMatchObject({ code: 'NOT_A_CAPTURE', offset: 0 });
    expect(readAll(Uint8Array.of(0x41, 0x42, 0x43, 0x44, 0x00)).error).toMatchObject({
      code: 'NOT_A_CAPTURE',
      offset: 4,
    });
  });

  it('text that is no capture says what was expected', () => {
    const r = readAll(new TextEncoder().encode('hello, world\n'));
    expect(r.error?.code).toBe('NOT_A_CAPTURE');
    expect(r.error?.message).toMatch(/expected a pcap or pcapng file/);
  });
});

describe('broken input never throws', () => {
  it('mutations of real files give results, not exceptions', () => {
    const seed = Date.now() ^ (Math.random() * 0x7fffffff);
    console.log(`capture fuzz seed ${seed}`);
    const files = ['chromium-ipv4.pcap', 'chromium-ipv4.pcapng', 'chromium-any.pcap'].map(captureBytes);
    fc.assert(
      fc.property(
        fc.nat(files.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.integer({ min: 1, max: 4096 }),
        (which, edits, cut, chunk) => {
          const src = files[which]!;
          const b = src.slice(0, Math.max(1, src.length - (cut % 64)));
          for (const [at, v] of edits) b[at % b.length] = v;
          const reader = createCaptureReader();
          for (let i = 0; i < b.length; i += chunk)
            for (const p of reader.push(b.subarray(i, i + chunk)).packets) decodePacket(p);
          for (const p of reader.end().packets) decodePacket(p);
        },
      ),
      { seed, numRuns: 1000 },
    );
  });
});
