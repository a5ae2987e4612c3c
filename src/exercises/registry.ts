/// <reference types="astro/client" />
/**
 * Finds exercise definitions by lesson slug. Each `lessons/<slug>.ts` file becomes its own lazily loaded
 * chunk, so a lesson page downloads only its own definitions (page budget, docs/architecture.md).
 *
 * The promises follow React's thenable protocol (`status`/`value`), so `use()` reads an already-loaded
 * lesson synchronously. On the server every lesson is loaded before rendering (top-level await below,
 * compiled out of the client build), so server HTML holds the full exercise; in the browser the island
 * suspends while the chunk loads and React keeps the server HTML meanwhile.
 */
import type { ExerciseDefinition, LessonExercises } from './types';

type LessonModule = { default: LessonExercises };

/** A promise that records its outcome on itself, as React's `use()` reads it. */
type Tracked<T> = Promise<T> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: T; reason?: unknown };

const loaders: Record<string, () => Promise<LessonModule>> = import.meta.glob<LessonModule>('./lessons/*.ts');

const bySlug = new Map<string, () => Promise<LessonModule>>(
  Object.entries(loaders).map(([path, load]) => [path.replace(/^.*\//, '').replace(/\.ts$/, ''), load]),
);

const cache = new Map<string, Tracked<LessonExercises>>();

/** Slugs that have a definitions file. */
export function lessonsWithExercises(): string[] {
  return [...bySlug.keys()].sort();
}

/** The definitions of one lesson, loaded once. Rejects with a message naming the missing file. */
export function loadLessonExercises(slug: string): Promise<LessonExercises> {
  const cached = cache.get(slug);
  if (cached) return cached;
  const load = bySlug.get(slug);
  const promise: Tracked<LessonExercises> = load
    ? load().then((m) => m.default)
    : Promise.reject(
        new Error(
          `No exercises for lesson "${slug}": expected a file src/exercises/lessons/${slug}.ts (have: ${lessonsWithExercises().join(', ')})`,
        ),
      );
  promise.status = 'pending';
  promise.then(
    (value) => {
      promise.status = 'fulfilled';
      promise.value = value;
    },
    (reason: unknown) => {
      promise.status = 'rejected';
      promise.reason = reason;
    },
  );
  cache.set(slug, promise);
  return promise;
}

/** The definitions of a lesson if they have already loaded (always, on the server), else undefined. */
export function loadedLessonExercises(slug: string): LessonExercises | undefined {
  const tracked = cache.get(slug) as Tracked<LessonExercises> | undefined;
  return tracked?.status === 'fulfilled' ? tracked.value : undefined;
}

/** Looks up one exercise; the error names the lesson file and the ids it does have. */
export function findExercise(exercises: LessonExercises, lesson: string, id: string): ExerciseDefinition {
  const def = exercises[id];
  if (def === undefined) {
    throw new Error(
      `No exercise "${id}" in src/exercises/lessons/${lesson}.ts (it defines: ${Object.keys(exercises).join(', ') || 'nothing'})`,
    );
  }
  return def;
}

if (import.meta.env.SSR) {
  // Settle every lesson before the first server render, so `use()` never suspends there.
  await Promise.allSettled(lessonsWithExercises().map((slug) => loadLessonExercises(slug)));
}
