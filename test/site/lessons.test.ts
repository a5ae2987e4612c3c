import { describe, expect, it } from 'vitest';
import {
  countExercises,
  duplicateOrders,
  lessonHref,
  lessonsInOrder,
  orderLessons,
  prevNext,
  type LessonEntryLike,
} from '../../src/site/lessons';
import { lessonSlug } from '../../src/lessons/slug';

function entry(id: string, order: number, extra: Partial<LessonEntryLike['data']> = {}, body = ''): LessonEntryLike {
  return { id, body, data: { title: `T ${id}`, summary: `Summary of ${id}`, order, minutes: 5, ...extra } };
}

describe('orderLessons', () => {
  it('sorts by order, not by file or collection order', () => {
    const out = orderLessons([entry('framing', 8), entry('start-here', 0), entry('bits', 1)]);
    expect(out.map((l) => l.slug)).toEqual(['start-here', 'bits', 'framing']);
  });

  it('leaves drafts out', () => {
    const out = orderLessons([entry('a', 0), entry('b', 1, { draft: true }), entry('c', 2, { draft: false })]);
    expect(out.map((l) => l.slug)).toEqual(['a', 'c']);
  });

  it('breaks ties by slug so the result does not depend on input order', () => {
    const a = orderLessons([entry('zeta', 1), entry('alpha', 1)]);
    const b = orderLessons([entry('alpha', 1), entry('zeta', 1)]);
    expect(a.map((l) => l.slug)).toEqual(['alpha', 'zeta']);
    expect(b).toEqual(a);
  });

  it('carries title, summary, minutes and the exercise count', () => {
    const [l] = orderLessons([entry('x', 3, { minutes: 12 }, '<Exercise id="a" />\n<Exercise id="b" />')]);
    expect(l).toEqual({ slug: 'x', title: 'T x', summary: 'Summary of x', order: 3, minutes: 12, exercises: 2 });
  });
});

describe('duplicateOrders', () => {
  it('is empty when every order is unique', () => {
    expect(
      duplicateOrders([
        { slug: 'a', order: 0 },
        { slug: 'b', order: 1 },
      ]),
    ).toEqual([]);
  });
  it('names the lessons that share an order', () => {
    expect(
      duplicateOrders([
        { slug: 'a', order: 2 },
        { slug: 'b', order: 1 },
        { slug: 'c', order: 2 },
      ]),
    ).toEqual([{ order: 2, slugs: ['a', 'c'] }]);
  });
});

describe('lessonsInOrder', () => {
  it('orders like orderLessons when orders are unique', () => {
    const entries = [entry('b', 1), entry('a', 0)];
    expect(lessonsInOrder(entries)).toEqual(orderLessons(entries));
  });
  it('fails with the clashing slugs when two published lessons share an order', () => {
    expect(() => lessonsInOrder([entry('a', 1), entry('b', 1)])).toThrow(/order 1: a, b/);
  });
  it('lets a draft share an order with a published lesson (drafts are not listed)', () => {
    expect(lessonsInOrder([entry('a', 1), entry('b', 1, { draft: true })]).map((l) => l.slug)).toEqual(['a']);
  });
});

describe('prevNext', () => {
  const list = [{ slug: 'a' }, { slug: 'b' }, { slug: 'c' }];
  it('gives both neighbours in the middle', () => {
    expect(prevNext(list, 'b')).toEqual({ prev: { slug: 'a' }, next: { slug: 'c' } });
  });
  it('has no prev on the first lesson and no next on the last', () => {
    expect(prevNext(list, 'a')).toEqual({ next: { slug: 'b' } });
    expect(prevNext(list, 'c')).toEqual({ prev: { slug: 'b' } });
  });
  it('has neither for a single lesson or an unknown slug', () => {
    expect(prevNext([{ slug: 'a' }], 'a')).toEqual({});
    expect(prevNext(list, 'nope')).toEqual({});
  });
});

describe('lessonHref and lessonSlug', () => {
  it('drops the ordering number from the file name and ends the URL with a slash', () => {
    expect(lessonSlug('08-websocket-framing.mdx')).toBe('websocket-framing');
    expect(lessonSlug('nested/dir/00_start-here.md')).toBe('start-here');
    expect(lessonSlug('no-number.mdx')).toBe('no-number');
    expect(lessonHref('websocket-framing')).toBe('/lessons/websocket-framing/');
  });
});

describe('countExercises', () => {
  it('counts Exercise tags, self-closing or with children, and *Exercise variants', () => {
    const src = [
      "import Exercise from '../../src/exercises/Exercise.tsx';",
      '<Exercise id="len-7" kind="value" />',
      '<Exercise',
      '  id="len-16"',
      '>',
      'prompt',
      '</Exercise>',
      '<HexExercise id="mask" />',
      '<Exercise client:visible id="x"/>',
    ].join('\n');
    expect(countExercises(src)).toBe(4);
  });

  it('ignores tags shown in code fences, inline code and MDX comments', () => {
    const src = [
      'Write `<Exercise id="demo" />` in a lesson:',
      '```mdx',
      '<Exercise id="shown-not-used" />',
      '```',
      '~~~',
      '<Exercise id="also-shown" />',
      '~~~',
      '{/* <Exercise id="commented-out" /> */}',
      '<Exercise id="real" />',
    ].join('\n');
    expect(countExercises(src)).toBe(1);
  });

  it('does not count components whose names merely start with Exercise', () => {
    expect(countExercises('<ExerciseList />\n<Exercises />\n<Exercise.Hint />')).toBe(0);
    expect(countExercises('')).toBe(0);
  });
});
