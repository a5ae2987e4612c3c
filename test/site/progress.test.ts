import { describe, expect, it } from 'vitest';
import {
  emptyProgress,
  parseProgress,
  PROGRESS_VERSION,
  solvedCount,
  subscribeProgress,
  saveProgress,
  withSolved,
  type Progress,
} from '../../src/progress/store';
import {
  exercisesLabel,
  exercisesOnPage,
  exportFileName,
  lessonStatus,
  mergeProgress,
  progressTotals,
  serializeProgress,
  solvedRefs,
} from '../../src/progress/summary';

const t0 = new Date('2025-03-07T10:00:00Z');
const t1 = new Date('2025-03-08T10:00:00Z');

function sample(): Progress {
  let p = emptyProgress();
  p = withSolved(p, 'framing', 'len-7', 2, t0);
  p = withSolved(p, 'framing', 'mask', 1, t1);
  p = withSolved(p, 'bits', 'xor', 3, t0);
  return p;
}

describe('parseProgress', () => {
  it('reads back what serializeProgress writes (export → import round trip)', () => {
    const p = sample();
    expect(parseProgress(serializeProgress(p))).toEqual(p);
  });

  it('explains why a file is rejected', () => {
    expect(() => parseProgress('not json {')).toThrow(/not JSON/);
    expect(() => parseProgress('[1]')).toThrow(/version/);
    expect(() => parseProgress('null')).toThrow(/JSON object/);
    expect(() => parseProgress('{"version":2,"lessons":{}}')).toThrow(/Unsupported progress version 2/);
    expect(() => parseProgress(`{"version":${PROGRESS_VERSION}}`)).toThrow(/no "lessons" object/);
  });

  it('drops malformed records instead of loading half-valid ones', () => {
    const json = JSON.stringify({
      version: PROGRESS_VERSION,
      lessons: {
        framing: { ok: { solvedAt: t0.toISOString(), attempts: 1 }, bad: { solvedAt: 5 }, worse: null },
        junk: 'text',
      },
    });
    expect(parseProgress(json)).toEqual({
      version: PROGRESS_VERSION,
      lessons: { framing: { ok: { solvedAt: t0.toISOString(), attempts: 1 } } },
    });
  });
});

describe('withSolved / solvedCount', () => {
  it('keeps the first solve: solving again does not change the record', () => {
    const p = sample();
    const again = withSolved(p, 'framing', 'len-7', 9, t1);
    expect(again).toBe(p);
    expect(solvedCount(p, 'framing')).toBe(2);
    expect(solvedCount(p, 'unknown')).toBe(0);
  });
});

describe('mergeProgress', () => {
  it('is the union of both, keeping the earlier solve of an exercise present in both', () => {
    let a = emptyProgress();
    a = withSolved(a, 'framing', 'len-7', 5, t1);
    let b = emptyProgress();
    b = withSolved(b, 'framing', 'len-7', 1, t0);
    b = withSolved(b, 'tcp', 'syn', 2, t1);
    const m = mergeProgress(a, b);
    expect(m.lessons.framing?.['len-7']).toEqual({ solvedAt: t0.toISOString(), attempts: 1 });
    expect(m.lessons.tcp?.syn).toEqual({ solvedAt: t1.toISOString(), attempts: 2 });
    expect(mergeProgress(b, a)).toEqual(m);
  });

  it('does not modify its inputs and merging with empty changes nothing', () => {
    const p = sample();
    const before = JSON.stringify(p);
    expect(mergeProgress(p, emptyProgress())).toEqual(p);
    expect(mergeProgress(emptyProgress(), p)).toEqual(p);
    expect(JSON.stringify(p)).toBe(before);
  });
});

describe('summaries and labels', () => {
  it('totals solved exercises and lessons with any', () => {
    expect(progressTotals(sample())).toEqual({ exercises: 3, lessons: 2 });
    expect(progressTotals(emptyProgress())).toEqual({ exercises: 0, lessons: 0 });
  });

  it('reads "<lesson>/<id>" DOM ids as written by the exercise island, and bare ids as the page\'s lesson', () => {
    const refs = exercisesOnPage('framing', [
      'framing/len-7',
      'bits/xor',
      'plain',
      'framing/len-7',
      'framing/',
      '/x',
      '',
    ]);
    expect(refs).toEqual([
      { lesson: 'framing', id: 'len-7' },
      { lesson: 'bits', id: 'xor' },
      { lesson: 'framing', id: 'plain' },
    ]);
    // sample(): framing/len-7 and bits/xor are solved, framing/plain is not.
    expect(solvedRefs(sample(), refs)).toBe(2);
    expect(solvedRefs(sample(), [{ lesson: 'framing', id: 'constructor' }])).toBe(0);
  });

  it('words the count', () => {
    expect(exercisesLabel(3, 6)).toBe('3 of 6 exercises done');
    expect(exercisesLabel(0, 1)).toBe('0 of 1 exercise done');
    expect(exercisesLabel(9, 6)).toBe('6 of 6 exercises done');
    expect(exercisesLabel(2, 0)).toBe('');
  });

  it('classifies a lesson as none, partial or done', () => {
    expect(lessonStatus(0, 4)).toBe('none');
    expect(lessonStatus(2, 4)).toBe('partial');
    expect(lessonStatus(4, 4)).toBe('done');
    expect(lessonStatus(1, 0)).toBe('partial');
  });

  it('names the export file by UTC date', () => {
    expect(exportFileName(new Date('2025-12-31T23:30:00-02:00'))).toBe('wire-notebook-progress-2026-01-01.json');
  });
});

describe('subscribeProgress outside a browser', () => {
  it('calls subscribers on save until they unsubscribe', () => {
    const seen: number[] = [];
    const stop = subscribeProgress((p) => seen.push(progressTotals(p).exercises));
    saveProgress(sample());
    stop();
    saveProgress(emptyProgress());
    expect(seen).toEqual([3]);
  });
});
