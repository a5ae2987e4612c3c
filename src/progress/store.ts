/**
 * Reader progress, kept in localStorage in a versioned format so a future change can migrate old data.
 * Pure data functions plus a thin storage adapter; the browser-only parts check for `localStorage`.
 */

export const PROGRESS_KEY = 'wire-notebook:progress';
export const PROGRESS_VERSION = 1;

export interface ExerciseRecord {
  /** ISO time of the first correct answer. */
  solvedAt: string;
  /** Attempts before (and including) the correct one. */
  attempts: number;
}

export interface Progress {
  version: typeof PROGRESS_VERSION;
  /** lesson slug → exercise id → record */
  lessons: Record<string, Record<string, ExerciseRecord>>;
}

export function emptyProgress(): Progress {
  return { version: PROGRESS_VERSION, lessons: {} };
}

/** Parses stored or imported JSON; anything unreadable gives a clear error instead of half-loaded state. */
export function parseProgress(json: string): Progress {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    throw new Error('This file is not JSON, so it is not a Wire Notebook progress export.');
  }
  if (typeof data !== 'object' || data === null) throw new Error('Progress data must be a JSON object.');
  const record = data as { version?: unknown; lessons?: unknown };
  if (record.version !== PROGRESS_VERSION) {
    throw new Error(`Unsupported progress version ${String(record.version)} (this site reads version ${PROGRESS_VERSION}).`);
  }
  if (typeof record.lessons !== 'object' || record.lessons === null) throw new Error('Progress data has no "lessons" object.');
  const lessons: Progress['lessons'] = {};
  for (const [slug, exercises] of Object.entries(record.lessons as Record<string, unknown>)) {
    if (typeof exercises !== 'object' || exercises === null) continue;
    lessons[slug] = {};
    for (const [id, rec] of Object.entries(exercises as Record<string, unknown>)) {
      const r = rec as Partial<ExerciseRecord>;
      if (typeof r?.solvedAt === 'string' && typeof r.attempts === 'number') {
        lessons[slug][id] = { solvedAt: r.solvedAt, attempts: r.attempts };
      }
    }
  }
  return { version: PROGRESS_VERSION, lessons };
}

export function withSolved(progress: Progress, lesson: string, exercise: string, attempts: number, now: Date): Progress {
  if (progress.lessons[lesson]?.[exercise]) return progress;
  return {
    ...progress,
    lessons: {
      ...progress.lessons,
      [lesson]: { ...progress.lessons[lesson], [exercise]: { solvedAt: now.toISOString(), attempts } },
    },
  };
}

export function solvedCount(progress: Progress, lesson: string): number {
  return Object.keys(progress.lessons[lesson] ?? {}).length;
}

// ---- browser storage adapter ----

const listeners = new Set<(p: Progress) => void>();

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // e.g. storage disabled by the browser
  }
}

export function loadProgress(): Progress {
  const raw = storage()?.getItem(PROGRESS_KEY);
  if (!raw) return emptyProgress();
  try {
    return parseProgress(raw);
  } catch {
    return emptyProgress();
  }
}

export function saveProgress(progress: Progress): void {
  storage()?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  for (const listener of listeners) listener(progress);
}

export function markSolved(lesson: string, exercise: string, attempts: number): Progress {
  const next = withSolved(loadProgress(), lesson, exercise, attempts, new Date());
  saveProgress(next);
  return next;
}

export function resetProgress(): void {
  saveProgress(emptyProgress());
}

/** Calls `listener` on changes from this tab and from other tabs (the storage event). */
export function subscribeProgress(listener: (p: Progress) => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === PROGRESS_KEY) listener(loadProgress());
  };
  if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
  };
}
