/**
 * Lesson navigation data: ordering, previous/next, URLs and exercise counts.
 * Pure functions over plain objects so the sidebar, home page and progress page agree, and tests can cover them.
 */
import { sitePath } from './base';

/** What the shell needs to know about one lesson (derived from a content-collection entry). */
export interface LessonSummary {
  slug: string;
  title: string;
  summary: string;
  order: number;
  minutes: number;
  /** Exercises found in the lesson source at build time (see `countExercises`). */
  exercises: number;
}

/** The subset of an Astro content entry this module reads; keeps the helpers testable without Astro. */
export interface LessonEntryLike {
  id: string;
  body?: string | undefined;
  data: { title: string; summary: string; order: number; minutes: number; draft?: boolean | undefined };
}

export function toLessonSummary(entry: LessonEntryLike): LessonSummary {
  return {
    slug: entry.id,
    title: entry.data.title,
    summary: entry.data.summary,
    order: entry.data.order,
    minutes: entry.data.minutes,
    exercises: countExercises(entry.body ?? ''),
  };
}

/** Published lessons in curriculum order (`order`, then slug so equal orders still sort the same way every build). */
export function orderLessons<T extends LessonEntryLike>(entries: readonly T[]): LessonSummary[] {
  return entries
    .filter((e) => !e.data.draft)
    .map(toLessonSummary)
    .sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
}

/** Orders used by more than one lesson, with the slugs that share them (empty when every order is unique). */
export function duplicateOrders(
  lessons: readonly { slug: string; order: number }[],
): { order: number; slugs: string[] }[] {
  const byOrder = new Map<number, string[]>();
  for (const l of lessons) byOrder.set(l.order, [...(byOrder.get(l.order) ?? []), l.slug]);
  return [...byOrder]
    .filter(([, slugs]) => slugs.length > 1)
    .map(([order, slugs]) => ({ order, slugs }))
    .sort((a, b) => a.order - b.order);
}

export interface Neighbours<T> {
  prev?: T;
  next?: T;
}

/** The lessons before and after `slug` in an already ordered list; a slug not in the list has no neighbours. */
export function prevNext<T extends { slug: string }>(ordered: readonly T[], slug: string): Neighbours<T> {
  const i = ordered.findIndex((l) => l.slug === slug);
  if (i < 0) return {};
  const result: Neighbours<T> = {};
  const prev = ordered[i - 1];
  const next = ordered[i + 1];
  if (prev) result.prev = prev;
  if (next) result.next = next;
  return result;
}

/** URL of a lesson page; the site uses trailing slashes (`trailingSlash: 'always'` in astro.config.mjs). */
export function lessonHref(slug: string): string {
  return sitePath(`/lessons/${encodeURIComponent(slug)}/`);
}

/**
 * Counts exercise components in a lesson's MDX source: `<Exercise …>` and any `<SomethingExercise …>`,
 * ignoring fenced code blocks and inline code, where such a tag is only being shown.
 * The lesson page also counts `[data-exercise-id]` elements in the DOM; this build-time count lets the home and
 * progress pages show totals without loading every lesson.
 */
export function countExercises(mdxSource: string): number {
  const withoutFences = mdxSource.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  const withoutInlineCode = withoutFences.replace(/`[^`\n]*`/g, '');
  const withoutComments = withoutInlineCode.replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
  return withoutComments.match(/<(?:[A-Z][A-Za-z0-9]*)?Exercise(?![A-Za-z0-9_.])/g)?.length ?? 0;
}

/**
 * `orderLessons`, failing the build when two published lessons share an `order` (the sidebar would be ambiguous).
 * Pages call it with `await getCollection('lessons')`.
 */
export function lessonsInOrder<T extends LessonEntryLike>(entries: readonly T[]): LessonSummary[] {
  const lessons = orderLessons(entries);
  const dupes = duplicateOrders(lessons);
  if (dupes.length > 0) {
    const list = dupes.map((d) => `order ${d.order}: ${d.slugs.join(', ')}`).join('; ');
    throw new Error(`Lessons share an order (${list}); give each lesson its own "order" in its frontmatter.`);
  }
  return lessons;
}
