import { describe, expect, it } from 'vitest';
import { firstFrameDelayMs, setupPlan, SETUP_PATHS } from '../../../src/protocol/websocket/round-trips';

describe('round trips before the first frame', () => {
  it('counts TCP, TLS and the upgrade as the RFCs define them', () => {
    const counts = Object.fromEntries(SETUP_PATHS.map((p) => [p, setupPlan(p).roundTrips]));
    expect(counts).toEqual({
      ws: 2,
      'wss-tls13': 3,
      'wss-tls12-false-start': 3,
      'wss-tls12': 4,
      'h2-reused': 1,
    });
  });

  it('multiplies by the round-trip time, and refuses a negative or missing one', () => {
    expect(firstFrameDelayMs('wss-tls13', 40)).toBe(120);
    expect(() => firstFrameDelayMs('ws', -1)).toThrow(RangeError);
    expect(() => firstFrameDelayMs('ws', Number.NaN)).toThrow(RangeError);
  });
});
