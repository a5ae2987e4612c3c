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

/**
 * Exercises that moved when a lesson was split: old lesson slug → exercise id → new lesson slug. Stored and imported
 * progress is read through it (parseProgress), so an exercise solved before the split stays solved at its new home.
 */
export const MOVED_EXERCISES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // "WebSocket framing" split in two: fragments, closing and compression went to "WebSocket messages and closing".
  'websocket-framing': {
    'first-fragment': 'websocket-messages',
    'server-close-frame': 'websocket-messages',
    'deflate-offer': 'websocket-messages',
    'deflate-rsv1': 'websocket-messages',
    'deflate-memory': 'websocket-messages',
  },
  // "TCP handshakes" split: closing, TIME-WAIT and keep-alive went to "Closing and resetting TCP connections".
  'tcp-handshakes': {
    'state-after': 'tcp-closing',
    'lost-segment': 'tcp-closing',
    'time-wait': 'tcp-closing',
    'time-wait-syn': 'tcp-closing',
    'keepalive-dead': 'tcp-closing',
  },
  // "Windows and congestion" split into "Receive windows" and "Congestion control"; the old slug is gone.
  'windows-and-congestion': {
    'bdp-buffer': 'receive-windows',
    'scaled-window': 'receive-windows',
    'next-ack': 'receive-windows',
    'syn-window': 'receive-windows',
    'scale-code': 'receive-windows',
    'send-window': 'congestion-control',
    'plot-cwnd': 'congestion-control',
    'next-cwnd': 'congestion-control',
    'cubic-ssthresh': 'congestion-control',
    'cubic-k': 'congestion-control',
    'partial-ack': 'congestion-control',
    'ecn-codepoint': 'congestion-control',
    'bbr-bdp': 'congestion-control',
    'rto-backoff': 'congestion-control',
  },
};

/** The lesson an exercise lives in now (its stored lesson unless it moved). */
export function currentLesson(lesson: string, exercise: string): string {
  return MOVED_EXERCISES[lesson]?.[exercise] ?? lesson;
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
    throw new Error(
      `Unsupported progress version ${String(record.version)} (this site reads version ${PROGRESS_VERSION}).`,
    );
  }
  if (typeof record.lessons !== 'object' || record.lessons === null)
    throw new Error('Progress data has no "lessons" object.');
  const lessons: Progress['lessons'] = {};
  for (const [slug, exercises] of Object.entries(record.lessons as Record<string, unknown>)) {
    if (typeof exercises !== 'object' || exercises === null) continue;
    for (const [id, rec] of Object.entries(exercises as Record<string, unknown>)) {
      const r = rec as Partial<ExerciseRecord>;
      if (typeof r?.solvedAt === 'string' && typeof r.attempts === 'number') {
        const home = (lessons[currentLesson(slug, id)] ??= {});
        // An exercise solved under both its old and its new lesson keeps the earlier record.
        const kept = home[id];
        if (kept === undefined || r.solvedAt < kept.solvedAt) home[id] = { solvedAt: r.solvedAt, attempts: r.attempts };
      }
    }
  }
  return { version: PROGRESS_VERSION, lessons };
}

export function withSolved(
  progress: Progress,
  lesson: string,
  exercise: string,
  attempts: number,
  now: Date,
): Progress {
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

/**
 * Fired on `window` after progress changes in this tab. Islands bundled separately (each with its own copy of this
 * module) still hear each other through it; an exercise may also dispatch it itself after writing storage.
 */
export const PROGRESS_EVENT = 'wire-notebook:progress';

/** Listeners outside a browser (unit tests under Node), where there is no window to carry the event. */
const listeners = new Set<(p: Progress) => void>();

function storage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // e.g. storage disabled by the browser
  }
}

function hasWindow(): boolean {
  return typeof window !== 'undefined' && typeof window.addEventListener === 'function';
}

export function loadProgress(): Progress {
  let raw: string | null | undefined;
  try {
    raw = storage()?.getItem(PROGRESS_KEY);
  } catch {
    return emptyProgress();
  }
  if (!raw) return emptyProgress();
  try {
    return parseProgress(raw);
  } catch {
    return emptyProgress();
  }
}

/** Stores `progress` and notifies subscribers. Throws if the browser refuses to store it (quota, privacy mode). */
export function saveProgress(progress: Progress): void {
  storage()?.setItem(PROGRESS_KEY, JSON.stringify(progress));
  if (hasWindow()) window.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: progress }));
  else for (const listener of listeners) listener(progress);
}

export function markSolved(lesson: string, exercise: string, attempts: number): Progress {
  const next = withSolved(loadProgress(), lesson, exercise, attempts, new Date());
  saveProgress(next);
  return next;
}

export function resetProgress(): void {
  saveProgress(emptyProgress());
}

/**
 * Calls `listener` with the stored progress after changes in this tab (the PROGRESS_EVENT) and in other tabs (the
 * storage event). Returns the unsubscribe function.
 */
export function subscribeProgress(listener: (p: Progress) => void): () => void {
  if (!hasWindow()) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }
  // Re-read storage rather than trusting event.detail: a dispatcher may send the event without one.
  const onChange = () => listener(loadProgress());
  const onStorage = (e: StorageEvent) => {
    if (e.key === PROGRESS_KEY || e.key === null) onChange();
  };
  window.addEventListener(PROGRESS_EVENT, onChange);
  window.addEventListener('storage', onStorage);
  return () => {
    window.removeEventListener(PROGRESS_EVENT, onChange);
    window.removeEventListener('storage', onStorage);
  };
}
