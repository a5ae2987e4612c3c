/**
 * The pure part of the lab-experiment island (src/widgets/lab-experiment/model.ts): the
 * URL it asks for, the Server-Sent Events reader (fed the lab's real event stream split at every byte), and the rows
 * each result is shown as.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  createSseReader,
  experimentUrl,
  messagesInRead,
  paramProblem,
  PARAM_INFO,
  progressOf,
  resultView,
  toExperimentEvent,
} from '../../../src/widgets/lab-experiment/model';
import type { BoundariesResult, RefusedResult } from '../../../src/lab-protocol/messages';

// What lab/http/sse.ts writes: a retry line, then `event:` + `data:` per event, a blank line after each.
const STREAM =
  'retry: 3600000\n\n' +
  'event: start\ndata: {"experiment":"refused","params":{"attempts":2},"adjusted":[]}\n\n' +
  'event: progress\ndata: {"attempt":1,"port":40001,"code":"ECONNREFUSED","errno":-111,"syscall":"connect","ms":0.4}\n\n' +
  'event: result\ndata: {"params":{"attempts":1},"attempts":[{"attempt":1,"port":40001,"code":"ECONNREFUSED","errno":-111,"syscall":"connect","ms":0.4}],"summary":{"n":1,"min":0.4,"p50":0.4,"p90":0.4,"p99":0.4,"max":0.4,"mean":0.4}}\n\n';

describe('experimentUrl and parameters', () => {
  it('writes booleans the way the lab reads them', () => {
    expect(experimentUrl('http://127.0.0.1:8787', 'boundaries', { writes: 10, noDelay: true })).toBe(
      'http://127.0.0.1:8787/lab/tcp/boundaries?writes=10&noDelay=1',
    );
    expect(experimentUrl('http://x', 'refused', {})).toBe('http://x/lab/tcp/refused');
  });
  it('names a parameter out of the lab’s range', () => {
    expect(paramProblem(PARAM_INFO.boundaries.writes!, 0)).toMatch(/at least 1/);
    expect(paramProblem(PARAM_INFO.boundaries.writes!, 2.5)).toMatch(/whole number/);
    expect(paramProblem(PARAM_INFO.boundaries.writes!, 50)).toBeUndefined();
  });
});

describe('createSseReader', () => {
  const expected = ['start', 'progress', 'result'];
  it('reads the lab’s stream in one piece', () => {
    const r = createSseReader();
    expect([...r.push(STREAM), ...r.end()].map((m) => m.event)).toEqual(expected);
  });
  it('reads the same events whatever the chunking (CRLF line ends too)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(STREAM.length), { maxLength: 12 }), fc.boolean(), (cuts, crlf) => {
        const text = crlf ? STREAM.replace(/\n/g, '\r\n') : STREAM;
        const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
        const r = createSseReader();
        const out = [];
        let from = 0;
        for (const p of [...points, text.length]) {
          out.push(...r.push(text.slice(from, p)));
          from = p;
        }
        out.push(...r.end());
        expect(out.map((m) => m.event)).toEqual(expected);
        expect(out.every((m) => toExperimentEvent(m) !== undefined)).toBe(true);
      }),
    );
  });
  it('ignores comments and unknown events', () => {
    const r = createSseReader();
    const out = r.push(': keep-alive\n\nevent: other\ndata: 1\n\n');
    expect(out).toEqual([{ event: 'other', data: '1' }]);
    expect(toExperimentEvent(out[0]!)).toBeUndefined();
    expect(toExperimentEvent({ event: 'result', data: '{not json' })).toBeUndefined();
  });
});

describe('result views', () => {
  it('says which messages a read holds, and where it cut one', () => {
    expect(messagesInRead(0, 16, 16)).toBe('0');
    expect(messagesInRead(0, 40, 16)).toBe('0 … 2 (part)');
    expect(messagesInRead(40, 8, 16)).toBe('2 (part)');
  });
  it('shows a boundaries result with its reads', () => {
    const result: BoundariesResult = {
      params: { writes: 3, size: 16, gapMs: 0, noDelay: true },
      totalBytes: 48,
      reads: [
        { offset: 0, bytes: 32, t: 0.1 },
        { offset: 32, bytes: 16, t: 0.2 },
      ],
      readCount: 2,
      readsEndingOnBoundary: 2,
      firstReadText: '<0>-------------<1>-------------',
    };
    const view = resultView('boundaries', result);
    expect(view.rows[1]).toEqual({ label: 'read() results on the server', value: '2' });
    expect(view.tables[0]!.rows[0]).toEqual(['1', '0', '32', '0 … 1', '0.10 ms']);
    expect(view.sample?.text).toContain('<1>');
  });
  it('shows a refused result, and progress with the fraction done', () => {
    const r = createSseReader();
    const events = r.push(STREAM).map(toExperimentEvent);
    const result = events.find((e) => e?.type === 'result')!.data as RefusedResult;
    expect(resultView('refused', result).rows[1]).toEqual({ label: 'Refused (ECONNREFUSED)', value: '1' });
    const progress = progressOf('refused', events[1]!.data, { attempts: 2 });
    expect(progress.fraction).toBe(0.5);
    expect(progress.text).toContain('ECONNREFUSED');
  });
});
