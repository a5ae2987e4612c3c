/**
 * The numbers and figures of the lessons "Sockets and layers" and the two TCP connection lessons (src/components/lesson/tcp/tcp-lesson.ts):
 * every fact computes, and the computed values agree with the captures (reference article, Linux loopback) and with
 * the numbers the standards give.
 */
import { describe, expect, it } from 'vitest';
import {
  boundariesPrediction,
  captureLines,
  encapsulation,
  helloPacket,
  ladderRows,
  mssRows,
  optionRows,
  readIpv4Tcp,
  referenceHandshake,
  refusedPrediction,
  runConnection,
  segmentRows,
} from '../../../../src/components/lesson/tcp/tcp-lesson';
import { fact } from '../../../../src/components/lesson/facts';

describe('TCP facts', () => {
  it('states the standards’ numbers', () => {
    expect(fact('mss1500')).toBe('1,460'); // RFC 9293 §3.7.1: 1500 − 20 − 20
    expect(fact('mss1500Timestamps')).toBe('1,448'); // 12 bytes of timestamp option (RFC 7323 §3)
    expect(fact('defaultMssIpv4')).toBe('536'); // RFC 9293 §3.7.1: 576 − 40
    expect(fact('tcpOptionsMax')).toBe('40'); // 4-bit data offset: 60-byte header at most
    expect(fact('twoMslSeconds')).toBe('240'); // RFC 9293 §3.4.2: MSL = 2 minutes
    expect(fact('linuxTimeWaitSeconds')).toBe('60'); // TCP_TIMEWAIT_LEN
  });

  it('reads the reference handshake as the article printed it', () => {
    // Lines 1–3 of the article: SYN seq 2153742604, SYN-ACK seq 1007874094 ack 2153742605, ACK ack 1 (relative).
    expect(fact('refClientIsn')).toBe('2153742604');
    expect(fact('refServerIsn')).toBe('1007874094');
    expect(fact('refSynAckAck')).toBe('2153742605');
    expect(fact('refAckAck')).toBe('1007874095');
    expect(fact('refWinScaled')).toBe('131,744'); // 4117 << 5
    expect(fact('refWinField')).toBe('4117'); // as tcpdump prints it: "win 4117"
    expect(fact('refSynWinField')).toBe('65535');
    expect(fact('refFinAck')).toBe('405'); // FIN at 404 takes one number
    expect(fact('refRstAck')).toBe('1663158266'); // RFC 9293 §3.5.2: SYN's seq + 1
  });

  it('draws the handshake figure from the model, with the capture’s numbers', () => {
    const h = referenceHandshake();
    expect(h.segments.map((s) => [s.flags.join(','), s.seq, s.ack])).toEqual([
      ['SYN', 2153742604, undefined],
      ['SYN,ACK', 1007874094, 2153742605],
      ['ACK', 2153742605, 1007874095],
    ]);
    expect(h.segments[2]!.stateAfter).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('explains the loopback MSS by the 16-bit IPv4 total length', () => {
    expect(fact('loopbackMss')).toBe(fact('loopbackMssComputed'));
  });
});

describe('readIpv4Tcp', () => {
  it('splits the captured Hello packet into its headers', () => {
    const p = helloPacket();
    expect(p.ipHeaderLength).toBe(20);
    expect(p.tcpHeaderLength).toBe(32);
    expect(p.payloadLength).toBe(11); // the 11-byte masked "Hello" frame
    expect(p.ttl).toBe(64);
    const ports = p.fields.filter((f) => f.name.endsWith('port')).map((f) => f.value);
    expect(ports).toEqual(['33834', '18932']); // the summary line: 127.0.0.1.33834 > 127.0.0.1.18932
  });

  it('refuses what is not IPv4 carrying TCP, or a truncated packet', () => {
    const p = helloPacket().bytes;
    const v6 = p.slice();
    v6[0] = 0x60;
    expect(() => readIpv4Tcp(v6)).toThrow(/IPv4/);
    const udp = p.slice();
    udp[9] = 17;
    expect(() => readIpv4Tcp(udp)).toThrow(/TCP/);
    expect(() => readIpv4Tcp(p.slice(0, 40))).toThrow(/total length/);
  });
});

describe('figures', () => {
  it('lays out one frame outermost first, its ranges adding up', () => {
    const e = encapsulation(6, 12);
    expect(e.rows.map((r) => r.name)).toEqual(['Ethernet header', 'IPv4 header', 'TCP header', 'Payload']);
    expect(e.rows.at(-1)!.end).toBe(e.total);
    expect(e.total).toBe(14 + 20 + 32 + 6);
  });

  it('gives a 1,514-byte frame for a full segment on Ethernet, with or without timestamps', () => {
    for (const r of mssRows([{ mtu: 1500 }, { mtu: 1500, timestamps: true }, { mtu: 1500, ipv6: true }]))
      expect(r.frame).toBe(1514);
  });

  it('rows of a capture carry the analyser’s numbers and states', () => {
    const [syn, synAck, ack] = segmentRows('http', 1, 3);
    expect(syn).toMatchObject({ flags: 'S', space: 1, client: 'SYN-SENT' });
    expect(synAck?.ack).toEqual({ absolute: 2153742605, relative: 1 });
    expect(ack).toMatchObject({ space: 0, client: 'ESTABLISHED', server: 'ESTABLISHED' });
    expect(segmentRows('http', 11, 14).map((r) => r.flags)).toEqual(['F.', '.', 'F.', '.']);
  });

  it('lists the SYN options with sizes that fill the header', () => {
    const total = optionRows('http', 1).reduce((n, o) => n + (o.size ?? 0), 0);
    expect(total).toBe(23); // padded to 24: a 44-byte header
    expect(optionRows('nc', 1).map((o) => o.kind)).toEqual(['mss', 'sackOK', 'ts', 'nop', 'wscale']);
  });

  it('returns capture lines by number and refuses a range outside the capture', () => {
    expect(captureLines('http', 1, 1)[0]).toContain('Flags [S]');
    expect(() => captureLines('refused', 1, 3)).toThrow(/2 lines/);
  });

  it('shows a lost segment and its retransmission in the ladder', () => {
    const rows = ladderRows(runConnection({ scenario: 'four-way-close', clientIsn: 1000, serverIsn: 5000, drop: [6] }));
    expect(rows[6]).toMatchObject({ dropped: true, flags: '.' });
    expect(rows.find((r) => r.retransmission)).toMatchObject({ from: 'server', flags: 'F.' });
  });

  it('predicts the lab experiments from the models', () => {
    expect(boundariesPrediction(100, 16)[0]!.value).toContain('1,600');
    expect(refusedPrediction()[0]!.value).toMatch(/^R\. /);
  });
});
