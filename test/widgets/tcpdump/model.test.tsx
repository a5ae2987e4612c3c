import { describe, expect, it } from 'vitest';
import { explainTcpdump } from '../../../src/protocol';
import {
  BROKEN_LINES,
  CAPTURE_EXAMPLES,
  LOOPBACK_NC,
  REFERENCE_HTTP,
  REFERENCE_RST,
} from '../../../src/widgets/tcpdump/examples';
import {
  arrowLabel,
  badgesFor,
  captureFromHash,
  captureHash,
  diagramRows,
  MAX_LINK_CHARS,
  numberText,
  readCapture,
  timeText,
  toneFor,
  windowText,
} from '../../../src/widgets/tcpdump/model';

describe('examples', () => {
  it('every example but the broken one reads without errors', () => {
    for (const ex of CAPTURE_EXAMPLES) {
      const r = explainTcpdump(ex.text);
      if (ex.id === 'broken') {
        expect(r.errors.length).toBeGreaterThan(0);
      } else {
        expect(r.errors, ex.id).toEqual([]);
        expect(r.segments.length, ex.id).toBeGreaterThan(0);
      }
    }
  });
});

describe('reader view', () => {
  it('labels arrows the way tcpdump prints flags, with relative numbers', () => {
    const view = readCapture(REFERENCE_HTTP);
    const labels = view.segments.map(arrowLabel);
    expect(labels[0]).toBe('[S] seq 0');
    expect(labels[1]).toBe('[S.] seq 0 ack 1');
    expect(labels[2]).toBe('[.] ack 1');
    expect(labels[4]).toBe('[P.] seq 1:404 ack 1 len 403');
    expect(labels[10]).toBe('[F.] seq 404 ack 458');
  });

  it('gives diagram rows with client on the left and both states', () => {
    const view = readCapture(LOOPBACK_NC);
    const rows = diagramRows(view, 0);
    expect(rows).toHaveLength(14);
    expect(rows[0]).toMatchObject({ from: 'left', leftState: 'SYN-SENT', rightState: 'SYN-RECEIVED' });
    expect(rows[1]).toMatchObject({ from: 'right', leftState: 'ESTABLISHED' });
    expect(rows[13]).toMatchObject({ leftState: 'TIME-WAIT', rightState: 'CLOSED' });
  });

  it('shows the scaled window only when scaling applies', () => {
    const view = readCapture(LOOPBACK_NC);
    expect(windowText(view.segments[0]!)).toEqual({ raw: '65,495' }); // SYN: never scaled
    expect(windowText(view.segments[2]!)).toEqual({ raw: '64', scaled: '65,536' }); // 64 << 10
    const http = readCapture(REFERENCE_HTTP);
    expect(windowText(http.segments[2]!)).toEqual({ raw: '4,117', scaled: '131,744' }); // 4117 << 5
  });

  it('maps kinds to badges with the core’s meanings', () => {
    const view = readCapture(REFERENCE_RST);
    const badges = badgesFor(view.segments[1]!.kinds);
    expect(badges.map((b) => b.label)).toContain('RST');
    expect(badges.find((b) => b.kind === 'rst')?.meaning).toMatch(/aborted, or was refused/);
    expect(toneFor(view.segments[1]!.kinds)).toBe('danger');
    expect(toneFor(['pure-ack'])).toBe('muted');
    expect(toneFor([])).toBe('default');
  });

  it('formats numbers and times', () => {
    expect(timeText(undefined)).toBe('—');
    expect(timeText(0.038546)).toBe('0.038546 s');
    expect(numberText(undefined)).toEqual({ main: '—' });
    expect(numberText({ printed: 1, absolute: 2153742605, relative: 1, readAs: 'relative' })).toEqual({
      main: '1',
      sub: '2153742605',
      readAs: 'relative',
    });
  });

  it('keeps readable segments when other lines are broken', () => {
    const view = readCapture(BROKEN_LINES);
    expect(view.segments.length).toBe(2);
    expect(view.errors.map((e) => e.line)).toEqual([4, 7]);
    expect(view.skipped.map((e) => e.line)).toEqual([1, 2, 5, 8]);
    expect(view.nonEmptyLines).toBe(8);
  });
});

describe('link state', () => {
  it('leaves the default text out of the link', () => {
    expect(captureHash(REFERENCE_HTTP, 'auto', REFERENCE_HTTP)).toMatchObject({
      cap: undefined,
      num: undefined,
      tooLong: false,
    });
  });
  it('puts other text in and reads it back', () => {
    const h = captureHash(REFERENCE_RST, 'absolute', REFERENCE_HTTP);
    expect(h.cap).toBe(REFERENCE_RST);
    expect(h.num).toBe('absolute');
    const params = Object.fromEntries(new URLSearchParams({ cap: h.cap!, num: h.num! }));
    expect(captureFromHash(params)).toEqual({ text: REFERENCE_RST, numbering: 'absolute' });
  });
  it('refuses text whose link would be longer than the limit, and says how long it would be', () => {
    const long = `${REFERENCE_HTTP}\n`.repeat(5);
    const h = captureHash(long, 'auto', '');
    expect(h.tooLong).toBe(true);
    expect(h.cap).toBeUndefined();
    expect(h.length).toBeGreaterThan(MAX_LINK_CHARS);
  });
  it('ignores an unknown numbering in the link', () => {
    expect(captureFromHash({ num: 'sideways' })).toEqual({});
  });
});
