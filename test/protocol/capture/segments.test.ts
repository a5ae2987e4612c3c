import { describe, expect, it } from 'vitest';
import { analyzeConversation, explainTcpdump } from '../../../src/protocol/capture/segments';
import { parseTcpdump } from '../../../src/protocol/tcp/tcpdump';
import { REFERENCE_HTTP, REFERENCE_RST, REFERENCE_SACK } from '../../../content/captures/tcpdump-lines';
import { IPV6_LINES, LINUX_VERBOSE_HANDSHAKE, REAL_WEBSOCKET_FRAME } from '../tcp/fixtures';

const analyze = (text: string, opts = {}) => analyzeConversation(parseTcpdump(text).segments, opts);

describe('analyzeConversation: the HTTP connection of tcp-ip-through-tcpdump.zh.txt', () => {
  const a = analyze(REFERENCE_HTTP);
  const s = a.segments;

  it('finds one connection, client 10.2.200.11.63826, server 10.2.200.140.8080', () => {
    expect(a.connections).toHaveLength(1);
    const c = a.connections[0]!;
    expect(c.client.text).toBe('10.2.200.11.63826');
    expect(c.server.text).toBe('10.2.200.140.8080');
    expect(c.rolesFrom).toBe('syn');
    expect(c).toMatchObject({
      clientIsn: 2153742604,
      serverIsn: 1007874094,
      clientWscale: 5,
      serverWscale: 5,
      windowScaling: 'on',
    });
    expect(c.mss).toEqual({ client: 1460, server: 1460 });
  });

  it('classifies each segment', () => {
    expect(s.map((x) => x.kinds)).toEqual([
      ['syn'],
      ['syn-ack'],
      ['handshake-ack'],
      ['window-update'],
      ['data'],
      ['pure-ack'],
      ['data'],
      ['pure-ack'],
      ['data'],
      ['pure-ack'],
      ['fin'],
      ['pure-ack'],
      ['fin'],
      ['pure-ack'],
    ]);
    expect(s.map((x) => x.from).join(',')).toBe(
      'client,server,client,server,client,server,server,client,server,client,client,server,server,client',
    );
  });

  it('the handshake: SYN-ACK acks ISN + 1, the third segment acks the server ISN + 1 (relative 1)', () => {
    expect(s[1]!.ack).toEqual({ printed: 2153742605, absolute: 2153742605, relative: 1, readAs: 'absolute' });
    expect(s[2]!.ack).toEqual({ printed: 1, absolute: 1007874095, relative: 1, readAs: 'relative' });
    expect(s[0]!.seqSpace).toBe(1); // the SYN consumes one sequence number
  });

  it('win 4117 after wscale 5 is 4117 << 5 = 131,744 bytes; the SYN windows are not scaled', () => {
    expect(s[2]!.window).toMatchObject({ raw: 4117, shift: 5, bytes: 131744 });
    expect(s[2]!.window!.why).toContain('131,744');
    expect(s[0]!.window).toMatchObject({ raw: 65535, bytes: 65535 });
    expect(s[0]!.window!.why).toMatch(/never scaled \(RFC 7323 §2\.2\)/);
    expect(s[1]!.window!.bytes).toBe(65535);
  });

  it('relative seq 1:404 is 403 bytes; absolute seq is ISN + 1', () => {
    const get = s[4]!;
    expect(get.payloadBytes).toBe(403);
    expect(get.payloadWhy).toBe(
      'relative seq 1:404 is 404 − 1 = 403 bytes (the range includes 1 and stops before 404).',
    );
    expect(get.seq).toEqual({ printed: 1, absolute: 2153742605, relative: 1, readAs: 'relative' });
    expect(get.seqEnd).toMatchObject({ absolute: 2153743008, relative: 404 });
    expect(get.flags.map((f) => f.name)).toEqual(['PSH', 'ACK']);
    expect(get.flags[0]!.meaning).toMatch(/promptly/);
    expect(get.flags[0]!.meaning).toMatch(/not mean urgent/);
    expect(get.why.join(' ')).toMatch(/not "urgent"/);
    expect(get.payloadText).toBe('HTTP: GET / HTTP/1.1');
  });

  it('the server sent 289 + 168 = 457 bytes in two segments', () => {
    expect(s[6]!.payloadBytes + s[8]!.payloadBytes).toBe(457);
    expect(s[9]!.ack?.relative).toBe(458);
  });

  it('infers seq for pure ACKs from the bytes already sent', () => {
    expect(s[5]!.seq).toEqual({ absolute: 1007874095, relative: 1, readAs: 'inferred' });
  });

  it('follows both sides through the RFC 9293 states, including the four-segment close', () => {
    expect(s.map((x) => `${x.stateAfter.client}/${x.stateAfter.server}`)).toEqual([
      'SYN-SENT/SYN-RECEIVED',
      'ESTABLISHED/SYN-RECEIVED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'ESTABLISHED/ESTABLISHED',
      'FIN-WAIT-1/CLOSE-WAIT',
      'FIN-WAIT-2/CLOSE-WAIT',
      'TIME-WAIT/LAST-ACK',
      'TIME-WAIT/CLOSED',
    ]);
    // The FIN consumes a sequence number: relative seq 404, ack 405.
    expect(s[10]!.seqSpace).toBe(1);
    expect(s[11]!.ack?.relative).toBe(405);
    expect(s[12]!.why.join(' ')).toMatch(/client: FIN-WAIT-2 → TIME-WAIT/);
  });

  it("explains every option with its size; the SYN's TCP header is 44 bytes", () => {
    const syn = s[0]!;
    expect(syn.options.map((o) => o.size)).toEqual([4, 1, 3, 1, 1, 10, 2, 1]);
    expect(syn.tcpHeaderBytes).toBe(44);
    expect(s[2]!.tcpHeaderBytes).toBe(32); // 20 + 12 for nop,nop,TS
    expect(syn.options[0]!.explanation).toMatch(/1500-byte Ethernet MTU − 20 IPv4 − 20 TCP/);
    expect(syn.options[2]!.rule).toBe('RFC 7323 §2.2–2.3');
    expect(syn.options[5]!.explanation).toMatch(/ecr 0 .*nothing to echo yet/);
  });

  it('gives times relative to the first segment', () => {
    expect(s[0]!.time).toBe(0);
    expect(s[1]!.time).toBe(0.000087);
    expect(s[1]!.delta).toBe(0.000087);
    expect(s[10]!.time).toBeCloseTo(30.208143, 6);
  });
});

describe('analyzeConversation: RST, SACK and other captures', () => {
  it('RST answering a SYN: the port was closed, connect() is refused', () => {
    const a = analyze(REFERENCE_RST);
    const rst = a.segments[1]!;
    expect(rst.kinds).toEqual(['rst']);
    expect(rst.seq).toMatchObject({ absolute: 0 });
    expect(rst.ack).toMatchObject({ absolute: 1663158266, relative: 1 });
    expect(rst.stateAfter).toEqual({ client: 'CLOSED', server: 'CLOSED' });
    expect(rst.why.join(' ')).toMatch(/connection refused/);
    expect(rst.why.join(' ')).toMatch(/RFC 9293 §3\.10\.7\.1/);
    // The SYN row's server state was an assumption; the RST corrects it.
    expect(a.segments[0]!.stateAfter).toEqual({ client: 'SYN-SENT', server: 'CLOSED' });
  });

  it('SACK block 61099:62547 is 1,448 bytes; scale unknown without the SYNs; roles from the ports', () => {
    const a = analyze(REFERENCE_SACK);
    const seg = a.segments[0]!;
    const sack = seg.options.find((o) => o.kind === 'sack')!;
    expect(sack.explanation).toContain('1,448 bytes');
    expect(sack.size).toBe(10);
    expect(seg.window).toMatchObject({ raw: 850 });
    expect(seg.window!.bytes).toBeUndefined();
    expect(a.connections[0]!.rolesFrom).toBe('port');
    expect(a.connections[0]!.server.portName).toBe('https');
    expect(seg.from).toBe('server');
  });

  it('the 18-byte WebSocket frame: seq 492:510', () => {
    const seg = analyze(REAL_WEBSOCKET_FRAME).segments[0]!;
    expect(seg.payloadBytes).toBe(18);
    expect(seg.stateAfter).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('Linux -v handshake with wscale 7 and a server ISN that wraps past 2^32', () => {
    const a = analyze(LINUX_VERBOSE_HANDSHAKE);
    expect(a.segments[2]!.window).toMatchObject({ raw: 512, shift: 7, bytes: 65536 });
    const data = a.segments[3]!;
    expect(data.seq).toMatchObject({ relative: 1, absolute: 4294967001, readAs: 'relative' });
    expect(data.seqEnd).toMatchObject({ relative: 501, absolute: 205 }); // wrapped
    expect(data.why.join(' ')).toMatch(/Checksum shown as incorrect/);
  });

  it('IPv6 loopback handshake', () => {
    const a = analyze(IPV6_LINES);
    expect(a.segments.map((x) => x.kinds[0])).toEqual(['syn', 'syn-ack', 'handshake-ack']);
    expect(a.segments[2]!.stateAfter).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('-S captures (absolute numbers everywhere) give the same relative numbers', () => {
    const absolute = REFERENCE_HTTP.replace('seq 1:404, ack 1,', 'seq 2153742605:2153743008, ack 1007874095,');
    const auto = analyze(absolute).segments[4]!;
    expect(auto.seq).toMatchObject({ relative: 1, readAs: 'absolute' });
    expect(auto.payloadBytes).toBe(403);
  });

  it('numbering "tcpdump" applies tcpdump\'s own rule', () => {
    const a = analyze(REFERENCE_HTTP, { numbering: 'tcpdump' });
    expect(a.segments[4]!.seq).toMatchObject({ relative: 1, absolute: 2153742605 });
  });
});

describe('analyzeConversation: retransmissions, duplicate ACKs, windows, keep-alive, wscale > 14', () => {
  const head = [
    'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 1000, win 65535, options [mss 1460,wscale 16], length 0',
    'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, win 65535, options [mss 1460,wscale 2], length 0',
    'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1, win 100, length 0',
  ];

  it('treats wscale 16 as 14 with a note (RFC 7323 §2.3)', () => {
    const a = analyze(head.join('\n'));
    expect(a.segments[2]!.window).toMatchObject({ raw: 100, shift: 14, bytes: 100 * 16384 });
    expect(a.segments[2]!.window!.why).toMatch(/larger than 14; RFC 7323 §2\.3/);
  });

  it('spots retransmission, duplicate ACKs (third one triggers fast retransmit), zero window and window update', () => {
    const lines = [
      ...head,
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], seq 1:1001, ack 1, win 100, length 1000',
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], seq 1001:2001, ack 1, win 100, length 1000',
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], seq 2001:3001, ack 1, win 100, length 1000',
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], seq 3001:4001, ack 1, win 100, length 1000',
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1001, win 100, length 0',
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1001, win 100, length 0',
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1001, win 100, length 0',
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1001, win 100, length 0',
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], seq 1001:2001, ack 1, win 100, length 1000',
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 4001, win 0, length 0',
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], seq 4001:4002, ack 1, win 100, length 1',
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 4001, win 50, length 0',
    ];
    const s = analyze(lines.join('\n')).segments;
    expect(s[7]!.kinds).toEqual(['pure-ack']);
    expect(s.slice(8, 11).map((x) => x.kinds)).toEqual([['duplicate-ack'], ['duplicate-ack'], ['duplicate-ack']]);
    expect(s[10]!.why[0]).toMatch(/Duplicate ACK #3.*fast retransmit \(RFC 5681 §3\.2\)/);
    expect(s[11]!.kinds).toEqual(['data', 'retransmission']);
    expect(s[11]!.label).toBe('Data (retransmission)');
    expect(s[12]!.kinds).toEqual(['pure-ack', 'zero-window']);
    expect(s[13]!.kinds).toEqual(['data', 'zero-window-probe']);
    expect(s[14]!.kinds).toEqual(['window-update']);
  });

  it('simultaneous close: the FINs cross (acks do not cover the other FIN) → CLOSING on both sides, then TIME-WAIT', () => {
    const lines = [
      ...head,
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, win 100, length 0',
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [F.], seq 1, ack 1, win 100, length 0',
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 2, win 100, length 0',
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], ack 2, win 100, length 0',
    ];
    const s = analyze(lines.join('\n')).segments;
    expect(s.slice(3).map((x) => `${x.stateAfter.client}/${x.stateAfter.server}`)).toEqual([
      'FIN-WAIT-1/CLOSE-WAIT',
      'CLOSING/CLOSING',
      'CLOSING/TIME-WAIT',
      'TIME-WAIT/TIME-WAIT',
    ]);
  });

  it("three-segment close: a FIN that also acks the peer's FIN sends the closer straight to TIME-WAIT", () => {
    const lines = [
      ...head,
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [F.], seq 1, ack 1, win 100, length 0',
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [F.], seq 1, ack 2, win 100, length 0',
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 2, win 100, length 0',
    ];
    const s = analyze(lines.join('\n')).segments;
    expect(s.slice(3).map((x) => `${x.stateAfter.client}/${x.stateAfter.server}`)).toEqual([
      'FIN-WAIT-1/CLOSE-WAIT',
      'TIME-WAIT/LAST-ACK',
      'TIME-WAIT/CLOSED',
    ]);
  });

  it('keep-alive: one byte at seq next − 1', () => {
    const lines = [
      ...head,
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [P.], seq 1:1001, ack 1, win 100, length 1000',
      'IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [.], ack 1001, win 100, length 0',
      'IP 10.0.0.2.80 > 10.0.0.1.40000: Flags [.], seq 1000:1001, ack 1, win 100, length 1',
    ];
    const s = analyze(lines.join('\n')).segments;
    expect(s[5]!.kinds).toEqual(['keep-alive']);
  });

  it('explainTcpdump parses and analyses in one call', () => {
    const r = explainTcpdump(`${REFERENCE_RST}\nnot a packet`);
    expect(r.segments).toHaveLength(2);
    expect(r.errors).toHaveLength(1);
    expect(r.analysis.segments[1]!.label).toBe('RST');
  });
});

describe('analyzeConversation: robustness', () => {
  it('property: any sequence of well-formed segments is analysed without throwing, with valid states', async () => {
    const fc = (await import('fast-check')).default;
    const { TCP_STATES } = await import('../../../src/protocol/tcp/types');
    const line = fc
      .record({
        fromClient: fc.boolean(),
        flags: fc.subarray(['F', 'S', 'R', 'P', '.'] as const),
        seq: fc.option(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { nil: undefined }),
        len: fc.integer({ min: 0, max: 3000 }),
        ack: fc.option(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { nil: undefined }),
        win: fc.integer({ min: 0, max: 65535 }),
        ws: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
      })
      .map(({ fromClient, flags, seq, len, ack, win, ws }) => {
        const [a, b] = fromClient ? ['10.0.0.1.5000', '10.0.0.2.80'] : ['10.0.0.2.80', '10.0.0.1.5000'];
        const f = flags.length ? flags.join('') : 'none';
        const s = seq === undefined ? '' : len > 0 ? `, seq ${seq}:${(seq + len) % 2 ** 32}` : `, seq ${seq}`;
        const k = ack === undefined ? '' : `, ack ${ack}`;
        const o = ws === undefined ? '' : `, options [mss 1460,wscale ${ws}]`;
        return `IP ${a} > ${b}: Flags [${f}]${s}${k}, win ${win}${o}, length ${seq === undefined ? 0 : len}`;
      });
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 25 }), (lines) => {
        const parsed = parseTcpdump(lines.join('\n'));
        if (parsed.errors.length) return false;
        const a = analyzeConversation(parsed.segments);
        return a.segments.every(
          (s) =>
            TCP_STATES.includes(s.stateAfter.client) &&
            TCP_STATES.includes(s.stateAfter.server) &&
            s.kinds.length > 0 &&
            s.why.length > 0,
        );
      }),
    );
  });
});
