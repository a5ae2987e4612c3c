import { describe, expect, it } from 'vitest';
import { parseEndpoint, parseTcpdump } from '../../../src/protocol/tcp/tcpdump';
import {
  REFERENCE_ARP,
  REFERENCE_HTTP,
  REFERENCE_HTTP_ALT,
  REFERENCE_RST,
  REFERENCE_SACK,
} from '../../../content/captures/tcpdump-lines';
import { IPV6_LINES, LINUX_VERBOSE_HANDSHAKE } from './fixtures';

describe('parseTcpdump: the real capture (tcp-ip-through-tcpdump.zh.txt)', () => {
  const { segments, errors, skipped } = parseTcpdump(REFERENCE_HTTP);

  it('reads all 14 lines without errors', () => {
    expect(errors).toEqual([]);
    expect(skipped).toEqual([]);
    expect(segments).toHaveLength(14);
    expect(segments.map((s) => s.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
  });

  it('reads the SYN field by field', () => {
    const syn = segments[0]!;
    expect(syn.time).toEqual({ text: '10:11:06.151830', seconds: 10 * 3600 + 11 * 60 + 6.15183, format: 'clock' });
    expect(syn.ipVersion).toBe(4);
    expect(syn.src).toEqual({ address: '10.2.200.11', port: 63826, text: '10.2.200.11.63826' });
    expect(syn.dst.port).toBe(8080);
    expect(syn.flags).toEqual(['SYN']);
    expect(syn.flagsText).toBe('S');
    expect(syn.seq).toBe(2153742604);
    expect(syn.ack).toBeUndefined();
    expect(syn.window).toBe(65535);
    expect(syn.length).toBe(0);
    expect(syn.options.map((o) => o.kind)).toEqual(['mss', 'nop', 'wscale', 'nop', 'nop', 'ts', 'sackOK', 'eol']);
    expect(syn.options[0]).toEqual({ kind: 'mss', value: 1460, text: 'mss 1460' });
    expect(syn.options[2]).toEqual({ kind: 'wscale', shift: 5, text: 'wscale 5' });
    expect(syn.options[5]).toEqual({ kind: 'ts', val: 298297187, ecr: 0, text: 'TS val 298297187 ecr 0' });
  });

  it('reads seq a:b, the payload length and the protocol text', () => {
    const get = segments[4]!;
    expect(get.flags).toEqual(['PSH', 'ACK']);
    expect(get.seq).toBe(1);
    expect(get.seqEnd).toBe(404);
    expect(get.length).toBe(403);
    expect(get.payloadText).toBe('HTTP: GET / HTTP/1.1');
    expect(segments[8]!.payloadText).toBe('HTTP');
  });

  it('pure ACKs have no seq (tcpdump prints seq only with data, SYN, FIN or RST)', () => {
    expect(segments[2]!.seq).toBeUndefined();
    expect(segments[2]!.ack).toBe(1);
  });

  it('reads FIN and RST flags', () => {
    expect(segments[10]!.flags).toEqual(['FIN', 'ACK']);
    const rst = parseTcpdump(REFERENCE_RST).segments[1]!;
    expect(rst.flags).toEqual(['RST', 'ACK']);
    expect(rst.seq).toBe(0);
    expect(rst.ack).toBe(1663158266);
    expect(rst.options).toEqual([]);
  });
});

describe('parseTcpdump: other shapes of output', () => {
  it('names instead of numbers (no -n): host names, https and http-alt', () => {
    const [sack] = parseTcpdump(REFERENCE_SACK).segments;
    expect(sack!.src.address).toBe('ec2-54-153-103-33.us-west-1.compute.amazonaws.com');
    expect(sack!.src.portName).toBe('https');
    expect(sack!.src.port).toBe(443);
    expect(sack!.options[5]).toEqual({ kind: 'sack', blocks: [[61099, 62547]], text: 'sack 1 {61099:62547}' });
    const [alt] = parseTcpdump(REFERENCE_HTTP_ALT).segments;
    expect(alt!.src.port).toBe(8080);
    expect(alt!.length).toBe(13);
  });

  it('joins the two lines of IPv4 -v output and reads the IP header and checksum', () => {
    const r = parseTcpdump(LINUX_VERBOSE_HANDSHAKE);
    expect(r.errors).toEqual([]);
    expect(r.segments).toHaveLength(4);
    expect(r.skipped.map((s) => s.line)).toEqual([1, 10]);
    const syn = r.segments[0]!;
    expect(syn.line).toBe(2);
    expect(syn.ip).toMatchObject({ ttl: 64, id: 51523, length: 60, dontFragment: true });
    expect(syn.checksum).toEqual({ value: '0xfe30', status: 'incorrect', expected: '0x9c2f' });
    expect(syn.src.text).toBe('127.0.0.1.50000');
    expect(syn.options.find((o) => o.kind === 'wscale')).toEqual({ kind: 'wscale', shift: 7, text: 'wscale 7' });
    expect(r.segments[3]!.line).toBe(8);
  });

  it('reads IPv6, with and without -v', () => {
    const r = parseTcpdump(IPV6_LINES);
    expect(r.errors).toEqual([]);
    expect(r.segments.map((s) => s.ipVersion)).toEqual([6, 6, 6]);
    expect(r.segments[0]!.src).toEqual({ address: '::1', port: 50000, text: '::1.50000' });
    expect(r.segments[0]!.dst.port).toBe(8787);
    expect(r.segments[1]!.ip?.ttl).toBe(64);
    expect(r.segments[1]!.ip?.length).toBe(40);
  });

  it('reads -tttt dates, -tt epoch seconds and lines without a timestamp', () => {
    const tail = 'IP 127.0.0.1.1 > 127.0.0.1.2: Flags [.], ack 1, win 10, length 0';
    const r = parseTcpdump(`2024-05-01 10:02:36.500000 ${tail}\n1714557756.250000 ${tail}\n${tail}`);
    expect(r.errors).toEqual([]);
    expect(r.segments[0]!.time).toMatchObject({ format: 'date', seconds: 1714557756.5 });
    expect(r.segments[1]!.time).toMatchObject({ format: 'epoch', seconds: 1714557756.25 });
    expect(r.segments[2]!.time).toBeUndefined();
  });

  it('reads -ttt deltas (leading blank), -i any prefixes and -e link headers', () => {
    const r = parseTcpdump(
      [
        ' 00:00:00.000000 IP 127.0.0.1.1 > 127.0.0.1.2: Flags [S], seq 5, win 10, length 0',
        '10:00:00.000001 lo    In  IP 127.0.0.1.2 > 127.0.0.1.1: Flags [S.], seq 9, ack 6, win 10, length 0',
        '10:00:00.000002 00:00:00:00:00:00 > 00:00:00:00:00:00, ethertype IPv4 (0x0800), length 66: 127.0.0.1.1 > 127.0.0.1.2: Flags [.], ack 1, win 10, length 0',
      ].join('\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.segments[0]!.time?.seconds).toBe(0);
    expect(r.segments[1]!.iface).toEqual({ name: 'lo', direction: 'In' });
    expect(r.segments[2]!.ipVersion).toBe(4);
    expect(r.segments[2]!.src.port).toBe(1);
  });

  it('reads every flag letter, including ECN setup [SEW] and [none]', () => {
    const line = (f: string) => `IP 1.1.1.1.1 > 2.2.2.2.2: Flags [${f}], seq 1, win 1, length 0`;
    const r = parseTcpdump(['SEW', 'R', 'FP.', 'U.', 'none'].map(line).join('\n'));
    expect(r.errors).toEqual([]);
    expect(r.segments.map((s) => s.flags)).toEqual([
      ['SYN', 'ECE', 'CWR'],
      ['RST'],
      ['FIN', 'PSH', 'ACK'],
      ['URG', 'ACK'],
      [],
    ]);
  });

  it('attaches -X hex dump lines to the packet above', () => {
    const r = parseTcpdump(
      'IP 1.1.1.1.1 > 2.2.2.2.2: Flags [P.], seq 1:3, ack 1, win 1, length 2\n\t0x0000:  4500 002a 0000 4000 4006 0000 7f00 0001  E..*..@.@.......\n',
    );
    expect(r.errors).toEqual([]);
    expect(r.segments[0]!.continuation).toEqual(['0x0000:  4500 002a 0000 4000 4006 0000 7f00 0001  E..*..@.@.......']);
  });

  it('skips ARP, UDP and tcpdump status lines, saying why', () => {
    const r = parseTcpdump(
      `${REFERENCE_ARP}\n10:00:00.000000 IP 1.1.1.1.53 > 2.2.2.2.5353: UDP, length 12\n5 packets captured`,
    );
    expect(r.segments).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.skipped.map((s) => s.reason)).toEqual([
      'ARP packet, not TCP',
      'ARP packet, not TCP',
      'UDP packet, not TCP',
      'tcpdump summary line, not a packet',
    ]);
  });
});

describe('parseTcpdump: unreadable lines', () => {
  const text = [
    REFERENCE_HTTP.split('\n')[0],
    '10:11:06.151917 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [S.], seq 1007874094, ack 2153742605, wnd 65535, length 0',
    '10:11:06.151917 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [SX], seq 1, length 0',
    'hello world',
    '10:11:06.151917 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [.], ack 99999999999, win 1, length 0',
    '10:11:06.151917 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [P.], seq 1:10, ack 1, win 1, length 5',
    '10:11:06.151917 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [.], ack 1, win 70000, length 0',
    '10:11:06.151917 IP 10.2.200.140.8080 > 10.2.200.11.63826: Flags [.], ack 1, win 1',
    '10:11:06.151917 IP 10.2.200.140.8080 > 10.2.200.11.63826: tcp 0',
    REFERENCE_HTTP.split('\n')[2],
  ].join('\n');
  const r = parseTcpdump(text);

  it('still parses the good lines around the bad ones', () => {
    expect(r.segments.map((s) => s.line)).toEqual([1, 10]);
  });

  it('names the unexpected token, its column and what was expected', () => {
    const byLine = new Map(r.errors.map((e) => [e.line, e]));
    expect(byLine.get(2)!.reason).toBe('unexpected "wnd"; expected one of seq, ack, win, urg, options, length');
    const line2 = text.split('\n')[1]!;
    expect(byLine.get(2)!.column).toBe(line2.indexOf('wnd') + 1);
    expect(byLine.get(3)!.reason).toMatch(/unknown flag letter "X" in Flags \[SX\]/);
    expect(byLine.get(3)!.column).toBe(text.split('\n')[2]!.indexOf('X]') + 1);
    expect(byLine.get(4)!.reason).toBe('expected a timestamp or "IP"/"IP6" at the start of the line, found "hello"');
    expect(byLine.get(5)!.reason).toMatch(/ack 99999999999 is larger than a 32-bit sequence number/);
    expect(byLine.get(6)!.reason).toBe('seq 1:10 covers 9 bytes but length says 5');
    expect(byLine.get(7)!.reason).toMatch(/window 70000 does not fit the 16-bit window field/);
    expect(byLine.get(8)!.reason).toMatch(/line ends before ", length n"/);
    expect(byLine.get(9)!.reason).toMatch(/tcpdump -q/);
    expect(r.errors).toHaveLength(8);
  });

  it('never throws, whatever the input', async () => {
    const fc = (await import('fast-check')).default;
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const out = parseTcpdump(s);
        return Array.isArray(out.segments) && Array.isArray(out.errors);
      }),
    );
    // Mutations of a real line: cut anywhere.
    const good = REFERENCE_HTTP.split('\n')[4]!;
    for (let k = 0; k <= good.length; k++) parseTcpdump(good.slice(0, k));
  });
});

describe('parseEndpoint', () => {
  it('splits at the last dot', () => {
    expect(parseEndpoint('::1.8787')).toEqual({ address: '::1', port: 8787, text: '::1.8787' });
    expect(parseEndpoint('fe80::1%lo.22')?.port).toBe(22);
    expect(parseEndpoint('10.0.0.1')).toEqual({ address: '10.0.0', port: 1, text: '10.0.0.1' });
    expect(parseEndpoint('host.example.unknownsvc')).toEqual({
      address: 'host.example',
      port: undefined,
      portName: 'unknownsvc',
      text: 'host.example.unknownsvc',
    });
    expect(parseEndpoint('nodot')).toBeUndefined();
    expect(parseEndpoint('1.2.3.4.70000')).toBeUndefined();
  });
});

describe('parseTcpdump: -v payload lines and pasted text without indentation', () => {
  it('keeps -v HTTP lines printed under a segment as its continuation', () => {
    const text = [
      '10:02:36.123600 IP (tos 0x0, ttl 64, id 1, offset 0, flags [DF], proto TCP (6), length 95)',
      '    127.0.0.1.50000 > 127.0.0.1.8787: Flags [P.], cksum 0xfe4b (incorrect -> 0x2a2a), seq 1:44, ack 1, win 512, options [nop,nop,TS val 1 ecr 1], length 43: HTTP, length: 43',
      '\tGET / HTTP/1.1\\r\\n',
      '\tHost: 127.0.0.1:8787\\r\\n',
      '\t\\r\\n',
    ].join('\n');
    const r = parseTcpdump(text);
    expect(r.errors).toEqual([]);
    expect(r.segments).toHaveLength(1);
    expect(r.segments[0]!.payloadText).toBe('HTTP, length: 43');
    expect(r.segments[0]!.continuation).toEqual(['GET / HTTP/1.1\\r\\n', 'Host: 127.0.0.1:8787\\r\\n', '\\r\\n']);
  });

  it('joins the -v IP line with a TCP line that lost its indentation', () => {
    const text = LINUX_VERBOSE_HANDSHAKE.split('\n')
      .map((l) => l.trimStart())
      .join('\n');
    const r = parseTcpdump(text);
    expect(r.errors).toEqual([]);
    expect(r.segments).toHaveLength(4);
  });
});
