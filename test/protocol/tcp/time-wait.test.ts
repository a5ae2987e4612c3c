import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { synInTimeWait } from '../../../src/protocol/tcp/time-wait';
import { seqAdd } from '../../../src/protocol/tcp/seq';

const u32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });

describe('a SYN in TIME-WAIT (RFC 6191 §2)', () => {
  it('honours a newer timestamp whatever the sequence number, and drops an older one', () => {
    fc.assert(
      fc.property(u32, u32, u32, fc.integer({ min: 1, max: 2 ** 31 - 1 }), (lastSeq, synSeq, ts, step) => {
        expect(synInTimeWait({ lastTsVal: ts, synTsVal: seqAdd(ts, step), lastSeq, synSeq }).accept).toBe(true);
        expect(synInTimeWait({ lastTsVal: ts, synTsVal: seqAdd(ts, -step), lastSeq, synSeq }).accept).toBe(false);
      }),
    );
  });
  it('with an equal timestamp, or none, falls back to the sequence number', () => {
    expect(synInTimeWait({ lastTsVal: 500, synTsVal: 500, lastSeq: 1000, synSeq: 1001 }).accept).toBe(true);
    expect(synInTimeWait({ lastTsVal: 500, synTsVal: 500, lastSeq: 1000, synSeq: 1000 }).accept).toBe(false);
    expect(synInTimeWait({ lastTsVal: 500, lastSeq: 1000, synSeq: 999 }).accept).toBe(false);
    expect(synInTimeWait({ lastSeq: 1000, synSeq: 2000 }).accept).toBe(true);
    expect(synInTimeWait({ lastSeq: 1000, synSeq: 1000 }).accept).toBe(false);
  });
  it('compares modulo 2^32: a sequence number just past the wrap is higher', () => {
    expect(synInTimeWait({ lastSeq: 4294967290, synSeq: 5 }).accept).toBe(true);
    expect(synInTimeWait({ lastTsVal: 4294967000, synTsVal: 100, lastSeq: 0, synSeq: 0 }).accept).toBe(true);
  });
  it('accepts any SYN with timestamps when the old connection had none', () => {
    fc.assert(
      fc.property(u32, u32, u32, (lastSeq, synSeq, ts) => {
        expect(synInTimeWait({ synTsVal: ts, lastSeq, synSeq }).accept).toBe(true);
      }),
    );
  });
});
