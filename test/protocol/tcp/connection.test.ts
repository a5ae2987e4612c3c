import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CONNECTION_SCENARIOS,
  LINUX_TIME_WAIT_MS,
  simulateConnection,
  type ConnectionParams,
  type ConnectionRun,
} from '../../../src/protocol/tcp/connection';
import { seqSub } from '../../../src/protocol/tcp/seq';

function run(p: ConnectionParams): ConnectionRun {
  const r = simulateConnection(p);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
const flagsOf = (r: ConnectionRun) => r.segments.map((s) => `${s.from[0]}:${s.flags.join('-')}`);
const statesOf = (r: ConnectionRun) => r.segments.map((s) => `${s.stateAfter.client}/${s.stateAfter.server}`);

describe('three-way handshake (RFC 9293 §3.5)', () => {
  const r = run({ scenario: 'three-way-open', clientIsn: 1000, serverIsn: 5000, rttMs: 100 });

  it('SYN, SYN-ACK, ACK with seq/ack arithmetic: the SYN consumes one sequence number', () => {
    expect(r.segments.map(({ flags, seq, ack }) => ({ flags, seq, ack }))).toEqual([
      { flags: ['SYN'], seq: 1000, ack: undefined },
      { flags: ['SYN', 'ACK'], seq: 5000, ack: 1001 },
      { flags: ['ACK'], seq: 1001, ack: 5001 },
    ]);
    expect(r.segments.map((s) => [s.relSeq, s.relAck])).toEqual([
      [0, undefined],
      [0, 1],
      [1, 1],
    ]);
  });

  it('states follow the RFC 9293 state machine', () => {
    expect(statesOf(r)).toEqual(['SYN-SENT/SYN-RECEIVED', 'ESTABLISHED/SYN-RECEIVED', 'ESTABLISHED/ESTABLISHED']);
    expect(r.stateChanges.map((c) => `${c.side}:${c.from}→${c.to}`)).toEqual([
      'server:CLOSED→LISTEN',
      'client:CLOSED→SYN-SENT',
      'server:LISTEN→SYN-RECEIVED',
      'client:SYN-SENT→ESTABLISHED',
      'server:SYN-RECEIVED→ESTABLISHED',
    ]);
  });

  it('each segment takes rtt/2', () => {
    expect(r.segments.map((s) => [s.t, s.arriveAt])).toEqual([
      [0, 50],
      [50, 100],
      [100, 150],
    ]);
  });

  it('ISNs come from the seed when not given, reproducibly', () => {
    const a = run({ scenario: 'three-way-open', seed: 7 });
    const b = run({ scenario: 'three-way-open', seed: 7 });
    const c = run({ scenario: 'three-way-open', seed: 8 });
    expect(a.clientIsn).toBe(b.clientIsn);
    expect(a.segments).toEqual(b.segments);
    expect(a.clientIsn).not.toBe(c.clientIsn);
  });

  it('wraps sequence numbers at 2^32: ISN 4294967295, SYN-ACK acks 0', () => {
    const w = run({ scenario: 'three-way-open', clientIsn: 4294967295, serverIsn: 0 });
    expect(w.segments[1]!.ack).toBe(0);
    expect(w.segments[2]!.seq).toBe(0);
    expect(w.segments[2]!.relSeq).toBe(1);
  });
});

describe('closing', () => {
  it('four-segment close: FIN, ACK, FIN, ACK; the FIN consumes one sequence number; TIME-WAIT = 2·MSL', () => {
    const r = run({ scenario: 'four-way-close', clientIsn: 1000, serverIsn: 5000 });
    expect(flagsOf(r).slice(3)).toEqual(['c:FIN-ACK', 's:ACK', 's:FIN-ACK', 'c:ACK']);
    const [fin1, ack1, fin2, ack2] = r.segments.slice(3);
    expect([fin1!.relSeq, ack1!.relAck, fin2!.relSeq, ack2!.relAck]).toEqual([1, 2, 1, 2]);
    expect(statesOf(r).slice(3)).toEqual([
      'FIN-WAIT-1/CLOSE-WAIT',
      'FIN-WAIT-2/CLOSE-WAIT',
      'TIME-WAIT/LAST-ACK',
      'TIME-WAIT/CLOSED',
    ]);
    // Default MSL is RFC 9293's 2 minutes: TIME-WAIT lasts 240 s after the client entered it.
    const tw = r.stateChanges.find((c) => c.side === 'client' && c.to === 'TIME-WAIT')!;
    const closed = r.stateChanges.find((c) => c.side === 'client' && c.from === 'TIME-WAIT')!;
    expect(closed.t - tw.t).toBe(240_000);
    expect(r.final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
  });

  it("TIME-WAIT follows MSL, or a fixed value such as Linux's 60 s", () => {
    const twLength = (p: Partial<ConnectionParams>) => {
      const r = run({ scenario: 'four-way-close', clientIsn: 1, serverIsn: 2, ...p });
      const tw = r.stateChanges.find((c) => c.to === 'TIME-WAIT')!;
      return r.stateChanges.find((c) => c.from === 'TIME-WAIT')!.t - tw.t;
    };
    expect(twLength({ mslMs: 30_000 })).toBe(60_000);
    expect(twLength({ timeWaitMs: LINUX_TIME_WAIT_MS })).toBe(60_000);
  });

  it('simultaneous close: both FIN-WAIT-1 → CLOSING → TIME-WAIT', () => {
    const r = run({ scenario: 'simultaneous-close', clientIsn: 1, serverIsn: 2 });
    expect(flagsOf(r).slice(3)).toEqual(['c:FIN-ACK', 's:FIN-ACK', 's:ACK', 'c:ACK']);
    const changes = r.stateChanges.map((c) => `${c.side}:${c.to}`);
    for (const side of ['client', 'server']) {
      expect(changes.filter((c) => c.startsWith(side)).slice(-4)).toEqual([
        `${side}:FIN-WAIT-1`,
        `${side}:CLOSING`,
        `${side}:TIME-WAIT`,
        `${side}:CLOSED`,
      ]);
    }
  });

  it('half-close: the server keeps sending in CLOSE-WAIT while the client is in FIN-WAIT-2', () => {
    const r = run({
      scenario: 'half-close',
      clientIsn: 0,
      serverIsn: 0,
      requestBytes: 100,
      responseBytes: 3000,
      mss: 1460,
    });
    const data = r.segments.filter((s) => s.from === 'server' && s.len > 0);
    expect(data.map((s) => [s.relSeq, s.len])).toEqual([
      [1, 1460],
      [1461, 1460],
      [2921, 80],
    ]);
    // Data was sent while the server was in CLOSE-WAIT (the client had already shut down its side).
    const closeWaitAt = r.stateChanges.find((c) => c.side === 'server' && c.to === 'CLOSE-WAIT')!.t;
    expect(data.every((s) => s.t >= closeWaitAt)).toBe(true);
    const fin = r.segments.find((s) => s.from === 'server' && s.flags.includes('FIN'))!;
    expect(fin.relSeq).toBe(3001);
    expect(r.segments.at(-1)!.relAck).toBe(3002);
    expect(r.appOutcomes.map((o) => o.text)).toContain('read() returned 0: end of stream (the peer sent FIN)');
  });
});

describe('resets', () => {
  it('connection refused: SYN to a closed port → <SEQ=0><ACK=ISN+1><CTL=RST,ACK> (RFC 9293 §3.10.7.1)', () => {
    const r = run({ scenario: 'connection-refused', clientIsn: 1663158265 });
    // Same numbers as the capture in tcp-ip-through-tcpdump.zh.txt §7: "Flags [R.], seq 0, ack 1663158266".
    expect(r.segments.map(({ flags, seq, ack }) => ({ flags, seq, ack }))).toEqual([
      { flags: ['SYN'], seq: 1663158265, ack: undefined },
      { flags: ['RST', 'ACK'], seq: 0, ack: 1663158266 },
    ]);
    expect(r.segments[1]!.relSeq).toBe(0);
    expect(r.final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
    expect(r.appOutcomes).toEqual([
      { t: 100, side: 'client', text: 'connect() failed: ECONNREFUSED (connection refused)' },
    ]);
  });

  it('abort: RST with seq = SND.NXT; the peer sees ECONNRESET', () => {
    const r = run({ scenario: 'abort', clientIsn: 10, serverIsn: 20, requestBytes: 100 });
    const rst = r.segments.at(-1)!;
    expect(rst.flags).toEqual(['RST']);
    expect(rst.relSeq).toBe(1);
    expect(r.final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
    expect(r.appOutcomes.at(-1)!.text).toMatch(/ECONNRESET/);
  });
});

describe('drops and retransmission (RFC 6298)', () => {
  it('a lost SYN is resent after 1 s; a second loss doubles the RTO to 2 s', () => {
    const r = run({ scenario: 'three-way-open', clientIsn: 1, serverIsn: 2, drop: [0, 1] });
    expect(r.segments.map((s) => [s.t, s.flags.join('-'), s.dropped, s.retransmission])).toEqual([
      [0, 'SYN', true, false],
      [1000, 'SYN', true, true],
      [3000, 'SYN', false, true],
      [3050, 'SYN-ACK', false, false],
      [3100, 'ACK', false, false],
    ]);
    expect(r.events.filter((e) => e.type === 'timer').map((e) => e.note)).toEqual([
      'client: retransmission timer expired after 1 s (RFC 6298 §5.4); RTO doubles to 2 s (§5.5).',
      'client: retransmission timer expired after 2 s (RFC 6298 §5.4); RTO doubles to 4 s (§5.5).',
    ]);
  });

  it('gives up after maxRetransmits: connect() fails with ETIMEDOUT', () => {
    const r = run({ scenario: 'three-way-open', clientIsn: 1, serverIsn: 2, drop: [0, 1, 2], maxRetransmits: 2 });
    expect(r.segments.map((s) => s.t)).toEqual([0, 1000, 3000]);
    expect(r.final.client).toBe('CLOSED');
    expect(r.appOutcomes.at(-1)).toEqual({
      t: 7000,
      side: 'client',
      text: 'connect() failed: ETIMEDOUT (connection timed out)',
    });
  });

  it("a lost SYN-ACK is resent by the server; the client's repeated SYN gets the SYN-ACK again", () => {
    const r = run({ scenario: 'three-way-open', clientIsn: 1, serverIsn: 2, drop: [1] });
    expect(flagsOf(r)).toEqual(['c:SYN', 's:SYN-ACK', 'c:SYN', 's:SYN-ACK', 's:SYN-ACK', 'c:ACK', 'c:ACK']);
    expect(r.final).toEqual({ client: 'ESTABLISHED', server: 'ESTABLISHED' });
  });

  it('losing the last ACK: the server resends its FIN, the client in TIME-WAIT ACKs again and restarts 2·MSL', () => {
    const base = run({ scenario: 'four-way-close', clientIsn: 1, serverIsn: 2, timeWaitMs: 60_000 });
    const lastAck = base.segments.at(-1)!.id;
    const r = run({ scenario: 'four-way-close', clientIsn: 1, serverIsn: 2, timeWaitMs: 60_000, drop: [lastAck] });
    const tail = r.segments.slice(lastAck);
    expect(tail.map((s) => `${s.from[0]}:${s.flags.join('-')}:${s.dropped ? 'lost' : 'ok'}`)).toEqual([
      'c:ACK:lost',
      's:FIN-ACK:ok',
      'c:ACK:ok',
    ]);
    expect(tail[1]!.retransmission).toBe(true);
    // The server's timer (RTO 1 s: RFC 6298 §2.4 minimum) started when it sent its FIN, 50 ms before the lost ACK left.
    expect(tail[1]!.t - tail[0]!.t).toBe(1000 - 50);
    expect(r.events.some((e) => /restart the TIME-WAIT timer/.test(e.note))).toBe(true);
    const twEnd = r.stateChanges.find((c) => c.side === 'client' && c.from === 'TIME-WAIT')!;
    expect(twEnd.t).toBe(tail[1]!.arriveAt! + 60_000);
    expect(r.final).toEqual({ client: 'CLOSED', server: 'CLOSED' });
  });

  it('property: with at most 5 drops anywhere, every scenario still finishes in its clean final state', () => {
    const finals: Record<string, string> = {
      'three-way-open': 'ESTABLISHED/ESTABLISHED',
      'four-way-close': 'CLOSED/CLOSED',
      'simultaneous-close': 'CLOSED/CLOSED',
      'half-close': 'CLOSED/CLOSED',
      'simultaneous-open': 'ESTABLISHED/ESTABLISHED',
    };
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(finals) as ConnectionParams['scenario'][])),
        fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { maxLength: 5 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (scenario, drop, clientIsn, serverIsn) => {
          const r = run({ scenario, drop, clientIsn, serverIsn, timeWaitMs: 1000 });
          const f = `${r.final.client}/${r.final.server}`;
          if (f !== finals[scenario]) return false;
          // relative numbers are the distance from the sender's ISN (a RST from a side without a
          // connection has no ISN to count from)
          return r.segments.every((s) => {
            if (s.flags.includes('RST')) return true;
            const isn = s.from === 'client' ? r.clientIsn : r.serverIsn;
            return (
              s.relSeq === seqSub(s.seq, isn) &&
              (s.dropped ? s.arriveAt === undefined : s.arriveAt === s.t + r.rttMs / 2)
            );
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('parameters', () => {
  it('lists every scenario with a story', () => {
    expect(CONNECTION_SCENARIOS.map((s) => s.id)).toHaveLength(7);
    for (const s of CONNECTION_SCENARIOS) expect(s.story.length).toBeGreaterThan(20);
  });

  it('rejects bad values with messages that name the field', () => {
    const r = simulateConnection({
      scenario: 'teardown' as never,
      clientIsn: 2 ** 32,
      rttMs: 0,
      drop: [-1, 1.5],
      maxRetransmits: 99,
    });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.field)).toEqual([
      'scenario',
      'clientIsn',
      'rttMs',
      'maxRetransmits',
      'drop[0]',
      'drop[1]',
    ]);
    expect(r.errors[1]!.message).toBe('clientIsn must be at most 4294967295, got 4294967296.');
    expect(r.errors[2]!.message).toBe('rttMs must be greater than 0, got 0.');
  });
});

describe("why TIME-WAIT must outlast the peer's retransmissions", () => {
  it('with a 0.5 s TIME-WAIT and the last ACK lost, the FIN resent after 1 s meets a closed port and is answered by RST', () => {
    const base = run({ scenario: 'four-way-close', clientIsn: 1, serverIsn: 2, timeWaitMs: 500 });
    const lastAck = base.segments.at(-1)!.id;
    const r = run({ scenario: 'four-way-close', clientIsn: 1, serverIsn: 2, timeWaitMs: 500, drop: [lastAck] });
    const [resentFin, rst] = r.segments.slice(-2);
    expect(resentFin!.flags).toEqual(['FIN', 'ACK']);
    expect(resentFin!.retransmission).toBe(true);
    expect(rst!.flags).toEqual(['RST']);
    expect(rst!.from).toBe('client');
    // With the default TIME-WAIT the same loss ends cleanly (see the test above).
  });
});
