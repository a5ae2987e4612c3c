import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { simulateNagle, writeWriteRead, type NagleParams, type NagleRun } from '../../../src/protocol/tcp/nagle';
import { mssForMtu, perPacketOverhead } from '../../../src/protocol/tcp/packet-overhead';

function run(p: NagleParams): NagleRun {
  const r = simulateNagle(p);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}
function wwr(nagle: boolean, delayedAck: boolean, extra: object = {}) {
  const r = writeWriteRead({ nagle, delayedAck, rttMs: 20, delayedAckMs: 40, ...extra });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('write-write-read: the stall needs both Nagle and delayed ACK', () => {
  it('both on: 2 RTT + the delayed-ACK timer (2·20 + 40 = 80 ms)', () => {
    const r = wwr(true, true);
    expect(r.totalMs).toBe(80);
    expect(r.extraMs).toBe(60);
    expect(r.writes.map((w) => w.heldMs)).toEqual([0, 60]);
    expect(r.segments.map((s) => `${s.t} ${s.from} ${s.kind} ${s.bytes}`)).toEqual([
      '0 client data 200',
      '50 server ack 0', // the delayed-ACK timer fired at 10 + 40
      '60 client data 100', // released when the ACK arrived
      '70 server data 100', // the response carries the ACK
      '120 client ack 0', // the client's own delayed ACK for the response
    ]);
    expect(r.why).toMatch(/Each waits for the other until the 40 ms delayed-ACK timer fires/);
  });

  it('the stall follows the timer: 200 ms on stacks that use 200 ms', () => {
    expect(wwr(true, true, { delayedAckMs: 200 }).totalMs).toBe(240);
  });

  it('Nagle only: two round trips, no timer', () => {
    expect(wwr(true, false).totalMs).toBe(40);
  });

  it('delayed ACK only (TCP_NODELAY): one round trip; the response carries the ACK', () => {
    const r = wwr(false, true);
    expect(r.totalMs).toBe(20);
    expect(r.writes.map((w) => w.heldMs)).toEqual([0, 0]);
    expect(r.segments.filter((s) => s.from === 'server').map((s) => s.kind)).toEqual(['data']);
  });

  it('neither: one round trip', () => {
    expect(wwr(false, false).totalMs).toBe(20);
  });

  it('explains the hold and the timer', () => {
    const r = wwr(true, true);
    const texts = r.events.map((e) => e.text);
    expect(texts).toContain(
      'Nagle: 100 bytes wait in the send buffer — 200 bytes sent earlier are unacknowledged and this is less than a full segment (RFC 896; RFC 1122 §4.2.3.4).',
    );
    expect(texts.some((t) => /the request is incomplete \(200 bytes of 300 bytes\)/.test(t))).toBe(true);
    expect(r.segments[2]!.why).toBe('Released: everything sent earlier is acknowledged, so Nagle lets 100 bytes go.');
  });

  it('says what kind each event is, so code need not read the text', () => {
    expect(wwr(true, true).events.map((e) => [e.t, e.side, e.kind])).toEqual([
      [0, 'client', 'write'],
      [0, 'client', 'write'],
      [0, 'client', 'nagle-hold'],
      [10, 'server', 'delayed-ack'],
      [50, 'server', 'delayed-ack-timer'],
      [70, 'server', 'request-complete'],
      [80, 'client', 'response-complete'],
      [80, 'client', 'delayed-ack'],
      [120, 'client', 'delayed-ack-timer'],
    ]);
    // Without delayed ACK and Nagle nothing waits: only the writes and the two completions remain.
    expect(wwr(false, false).events.map((e) => e.kind)).toEqual([
      'write',
      'write',
      'request-complete',
      'response-complete',
    ]);
  });
});

describe('Nagle details', () => {
  it('a full segment goes out even with data outstanding; the small tail waits', () => {
    const r = run({
      writes: [
        { t: 0, bytes: 10 },
        { t: 1, bytes: 3010 },
      ],
      mss: 1000,
      rttMs: 20,
      nagle: true,
      delayedAck: false,
    });
    expect(r.segments.filter((s) => s.from === 'client').map((s) => [s.t, s.bytes])).toEqual([
      [0, 10],
      [1, 1000],
      [1, 1000],
      [1, 1000],
      [21, 10], // the 10-byte tail waited until everything sent before it was acknowledged
    ]);
    expect(r.writes[1]!.heldMs).toBe(20);
  });

  it('the receiver ACKs at once after two full-sized segments (RFC 1122 §4.2.3.2)', () => {
    const r = run({
      writes: [{ t: 0, bytes: 2000 }],
      mss: 1000,
      rttMs: 20,
      nagle: true,
      delayedAck: true,
      delayedAckMs: 200,
    });
    const acks = r.segments.filter((s) => s.from === 'server');
    expect(acks).toHaveLength(1);
    expect(acks[0]!.t).toBe(10);
    expect(acks[0]!.why).toMatch(/Two full-sized segments/);
  });

  it('property: with Nagle off no write is ever held', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 50 }), bytes: fc.integer({ min: 1, max: 5000 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.boolean(),
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 100, max: 1500 }),
        (ws, delayedAck, rttMs, mss) => {
          let t = 0;
          const writes = ws.map((w) => ({ t: (t += w.dt), bytes: w.bytes }));
          const r = run({ writes, nagle: false, delayedAck, rttMs, mss, response: { bytes: 10 } });
          return r.writes.every((w) => w.heldMs === 0);
        },
      ),
    );
  });

  it('property: with Nagle on, at most one small segment is unacknowledged at any time', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ dt: fc.integer({ min: 0, max: 50 }), bytes: fc.integer({ min: 1, max: 3000 }) }), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.boolean(),
        (ws, delayedAck) => {
          let t = 0;
          const writes = ws.map((w) => ({ t: (t += w.dt), bytes: w.bytes }));
          const mss = 1000;
          const r = run({ writes, nagle: true, delayedAck, rttMs: 30, mss });
          const client = r.segments.filter((s) => s.from === 'client' && s.kind === 'data');
          const acks = r.segments.filter((s) => s.from === 'server');
          // For each small segment, the previous data must have been acknowledged by an ACK that arrived by then.
          return client.every((s) => {
            if (s.bytes >= mss) return true;
            const start = s.range![0];
            if (start === 0) return true;
            return acks.some((a) => a.arriveAt <= s.t && a.ack >= start);
          });
        },
      ),
    );
  });

  it('rejects bad parameters', () => {
    const r = simulateNagle({
      writes: [
        { t: 5, bytes: 1 },
        { t: 1, bytes: 0 },
      ],
      nagle: true,
      delayedAck: true,
      delayedAckMs: 600,
    });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.field)).toEqual(['writes[1].bytes', 'writes[1].t', 'delayedAckMs']);
    expect(r.errors[2]!.message).toBe(
      'delayedAckMs must be less than 500, got 600. RFC 1122 §4.2.3.2: an ACK must not be delayed 0.5 seconds or more.',
    );
    expect(simulateNagle({ writes: [], nagle: true, delayedAck: false }).errors[0]!.field).toBe('writes');
  });
});

describe('per-packet overhead', () => {
  it('a 1-byte write over IPv4 with timestamps costs 53 bytes of IP packet: 1.9 % payload', () => {
    const o = perPacketOverhead(1, { tcpOptionsBytes: 12 });
    expect(o.total).toBe(53);
    expect(o.overhead).toBe(52);
    expect(o.efficiency).toBeCloseTo(1 / 53, 10);
    expect(o.layers.map((l) => [l.name, l.bytes])).toEqual([
      ['TCP header', 32],
      ['IPv4 header', 20],
    ]);
  });

  it('counts Ethernet as tcpdump shows it, as a frame (FCS + padding to 64), and on the wire', () => {
    expect(perPacketOverhead(1, { ethernet: true }).total).toBe(1 + 20 + 20 + 14);
    const frame = perPacketOverhead(1, { ethernet: 'frame' });
    expect(frame.total).toBe(64); // 41-byte IP packet padded to the 46-byte minimum
    expect(frame.layers.find((l) => l.name === 'Ethernet padding')!.bytes).toBe(5);
    expect(perPacketOverhead(1460, { ethernet: 'wire' }).total).toBe(1460 + 40 + 14 + 4 + 8 + 12);
    expect(perPacketOverhead(0, { ipv6: true }).total).toBe(60);
  });

  it('MSS for an MTU of 1500: 1460, 1448 with timestamps, 1440 over IPv6', () => {
    expect(mssForMtu(1500)).toBe(1460);
    expect(mssForMtu(1500, { timestamps: true })).toBe(1448);
    expect(mssForMtu(1500, { ipv6: true })).toBe(1440);
  });

  it('rejects impossible option lengths', () => {
    expect(() => perPacketOverhead(10, { tcpOptionsBytes: 13 })).toThrow(/multiple of 4 between 0 and 40/);
    expect(() => perPacketOverhead(-1)).toThrow(/whole number/);
  });
});

describe('delayed-ACK timer bound', () => {
  it('refuses 500 ms: RFC 1122 §4.2.3.2 says the delay MUST be less than 0.5 s', () => {
    const r = simulateNagle({ writes: [{ t: 0, bytes: 1 }], nagle: true, delayedAck: true, delayedAckMs: 500 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/less than 500/);
    expect(simulateNagle({ writes: [{ t: 0, bytes: 1 }], nagle: true, delayedAck: true, delayedAckMs: 499 }).ok).toBe(
      true,
    );
  });
});
