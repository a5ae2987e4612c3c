/**
 * Pure helpers the progress UI uses: merging an imported file into stored progress, the export file, and the
 * "3 of 6 exercises done" wording. Storage access stays in store.ts.
 */
import { PROGRESS_VERSION, type ExerciseRecord, type Progress } from './store';

/**
 * Union of two progress records. When both solved the same exercise, the earlier solve wins (with its attempt
 * count): importing an old export never makes progress look newer or worse than it was.
 */
export function mergeProgress(a: Progress, b: Progress): Progress {
  const lessons: Progress['lessons'] = {};
  for (const source of [a, b]) {
    for (const [slug, exercises] of Object.entries(source.lessons)) {
      const merged: Record<string, ExerciseRecord> = { ...lessons[slug] };
      for (const [id, rec] of Object.entries(exercises)) {
        const existing = merged[id];
        if (!existing || Date.parse(rec.solvedAt) < Date.parse(existing.solvedAt)) merged[id] = { ...rec };
      }
      lessons[slug] = merged;
    }
  }
  return { version: PROGRESS_VERSION, lessons };
}

/** Solved exercises across all lessons, and how many lessons they are in. */
export function progressTotals(progress: Progress): { exercises: number; lessons: number } {
  let exercises = 0;
  let lessons = 0;
  for (const ex of Object.values(progress.lessons)) {
    const n = Object.keys(ex).length;
    exercises += n;
    if (n > 0) lessons += 1;
  }
  return { exercises, lessons };
}

export interface ExerciseRef {
  lesson: string;
  id: string;
}

/**
 * The exercises on a page from its `data-exercise-id` values, without duplicates. The exercise island writes
 * "<lesson>/<id>" (the store's keys); a bare "<id>" belongs to `pageLesson`. Empty ids are ignored.
 */
export function exercisesOnPage(pageLesson: string, domIds: readonly string[]): ExerciseRef[] {
  const seen = new Set<string>();
  const refs: ExerciseRef[] = [];
  for (const raw of domIds) {
    const slash = raw.indexOf('/');
    const ref = slash < 0 ? { lesson: pageLesson, id: raw } : { lesson: raw.slice(0, slash), id: raw.slice(slash + 1) };
    const key = `${ref.lesson}/${ref.id}`;
    if (ref.lesson === '' || ref.id === '' || seen.has(key)) continue;
    seen.add(key);
    refs.push(ref);
  }
  return refs;
}

/** How many of `refs` are solved in `progress`. */
export function solvedRefs(progress: Progress, refs: readonly ExerciseRef[]): number {
  return refs.filter((r) => Object.hasOwn(progress.lessons[r.lesson] ?? {}, r.id)).length;
}

/** The JSON written to an export file; `parseProgress` reads it back. */
export function serializeProgress(progress: Progress): string {
  return `${JSON.stringify(progress, null, 2)}\n`;
}

/** `wire-notebook-progress-2025-03-07.json` (UTC date, so the name does not depend on the reader's zone). */
export function exportFileName(now: Date): string {
  return `wire-notebook-progress-${now.toISOString().slice(0, 10)}.json`;
}

export type LessonStatus = 'none' | 'partial' | 'done';

export function lessonStatus(solved: number, total: number): LessonStatus {
  if (solved <= 0) return 'none';
  return total > 0 && solved >= total ? 'done' : 'partial';
}

/** "3 of 6 exercises done", "0 of 1 exercise done"; empty when a lesson has no exercises. */
export function exercisesLabel(solved: number, total: number): string {
  if (total <= 0) return '';
  return `${Math.min(solved, total)} of ${total} ${total === 1 ? 'exercise' : 'exercises'} done`;
}
