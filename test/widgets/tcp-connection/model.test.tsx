import { describe, expect, it } from 'vitest';
import { CONNECTION_SCENARIOS, LINUX_TIME_WAIT_MS, simulateConnection } from '../../../src/protocol';
import {
  connectionRows,
  eventsAfterLast,
  eventsBefore,
  footersFor,
  initialStates,
  runConnection,
  segmentLabel,
  timersAt,
  timeWaitSpans,
  toggleDrop,
} from '../../../src/widgets/tcp-connection/model';

const run = (
  scenario: Parameters<typeof runConnection>[0]['scenario'],
  drop: number[] = [],
  timeWait: 'rfc' | 'linux' = 'rfc',
) => {
  const r = runConnection({ scenario, drop, timeWait });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.run;
};

describe('connection view', () => {
  it('labels the three-way handshake with relative numbers', () => {
    const r = run('three-way-open');
    expect(r.segments.map(segmentLabel)).toEqual(['[S] seq 0', '[S.] seq 0 ack 1', '[.] seq 1 ack 1']);
  });

  it('starts from LISTEN on the server and CLOSED on the client, or both CLOSED when nothing listens', () => {
    expect(initialStates(run('three-way-open'))).toEqual({ client: 'CLOSED', server: 'LISTEN' });
    expect(initialStates(run('connection-refused'))).toEqual({ client: 'CLOSED', server: 'CLOSED' });
  });

  it('marks a lost segment, its retransmission and the pause before it', () => {
    const r = run('three-way-open', [0]);
    const rows = connectionRows(r);
    expect(rows[0]).toMatchObject({ dropped: true, tone: 'danger' });
    expect(rows[1]).toMatchObject({ tone: 'warn', label: '[S] seq 0 (again)' });
    expect(rows[1]!.gapBefore).toBe('1 s later');
  });

  it('shows TIME-WAIT from the row where it starts to its expiry', () => {
    const r = run('four-way-close');
    const spans = timeWaitSpans(r);
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ side: 'client', afterRow: 5 });
    expect(spans[0]!.to! - spans[0]!.from).toBe(r.timeWaitMs);
    expect(footersFor(r)).toEqual([
      { lane: 'left', afterRow: 5, text: expect.stringMatching(/^client TIME-WAIT 240 s → CLOSED at 240\.\d+ s$/) },
    ]);
    expect(timersAt(r, 5)).toEqual([]);
    expect(timersAt(r, 6)[0]).toMatch(/Client in TIME-WAIT since .* the timer runs 240 s/);
  });

  it('uses Linux’s fixed 60 s when asked', () => {
    const r = run('four-way-close', [], 'linux');
    expect(r.timeWaitMs).toBe(LINUX_TIME_WAIT_MS);
    expect(footersFor(r)[0]!.text).toMatch(/TIME-WAIT 60 s/);
  });

  it('gives both sides TIME-WAIT bars after a simultaneous close', () => {
    expect(
      footersFor(run('simultaneous-close'))
        .map((f) => f.lane)
        .sort(),
    ).toEqual(['left', 'right']);
  });

  it('lists the timer that fired before a retransmission, and the events after the last segment', () => {
    const r = run('three-way-open', [0]);
    expect(
      eventsBefore(r, 2)
        .map((e) => e.note)
        .join(' '),
    ).toMatch(/retransmission timer expired after 1 s/);
    const close = run('four-way-close');
    expect(
      eventsAfterLast(close)
        .map((e) => e.note)
        .join(' '),
    ).toMatch(/TIME-WAIT .* expires → CLOSED/);
  });

  it('keeps losses before the toggled segment and clears those after it', () => {
    expect(toggleDrop([], 3)).toEqual([3]);
    expect(toggleDrop([1, 3, 5], 3)).toEqual([1]);
    expect(toggleDrop([1, 5], 3)).toEqual([1, 3]);
  });

  it('returns the model’s message for an out-of-range round-trip time', () => {
    const r = runConnection({ scenario: 'three-way-open', drop: [], rttMs: -5, timeWait: 'rfc' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ field: 'rttMs', message: expect.stringMatching(/greater than 0/) });
  });

  it('lays out every scenario with one row per segment', () => {
    for (const s of CONNECTION_SCENARIOS) {
      const sim = simulateConnection({ scenario: s.id });
      expect(sim.ok).toBe(true);
      if (sim.ok) expect(connectionRows(sim.value)).toHaveLength(sim.value.segments.length);
    }
  });
});
