/**
 * Where the reader is: the last lesson opened and the section they reached in it, and the lessons read to the
 * end. Kept in localStorage beside the exercise progress (its own key, so the progress export format is
 * unchanged). Pure functions plus a thin storage adapter, like store.ts.
 */

export const READING_KEY = 'wire-notebook:reading';

export interface ReadingPosition {
  slug: string;
  /** The lesson's title, for "Continue: …" on pages that do not list lessons. */
  title: string;
  /** The id of the section heading last reached, if any. */
  section?: string;
  sectionTitle?: string;
}

export interface Reading {
  last?: ReadingPosition;
  /** Slugs of lessons read to the end, in the order they were finished. */
  read: string[];
}

/**
 * Sections that moved when a lesson was split: old slug → section id → the lesson that has it now. A "Continue"
 * link stored before the split then still leads to the section the reader had reached.
 */
export const MOVED_SECTIONS: Readonly<Record<string, { to: string; title: string; sections: readonly string[] }>> = {
  'websocket-framing': {
    to: 'websocket-messages',
    title: 'WebSocket messages and closing',
    sections: [
      'messages-in-pieces-fragmentation',
      'ping-and-pong',
      'closing',
      'close-codes',
      'text-must-be-utf-8',
      'compression-permessage-deflate',
      'how-it-is-negotiated',
      'rsv1-marks-a-compressed-message',
      'why-00-00-ff-ff-is-removed',
      'context-takeover-and-what-it-costs',
      'compression-next-to-secrets',
      'when-compression-is-not-worth-it',
    ],
  },
};

function movedPosition(p: ReadingPosition): ReadingPosition {
  const moved = MOVED_SECTIONS[p.slug];
  if (moved === undefined || p.section === undefined || !moved.sections.includes(p.section)) return p;
  return { ...p, slug: moved.to, title: moved.title };
}

/** Reads stored JSON; anything unexpected gives an empty record rather than half a state. */
export function parseReading(json: string | null | undefined): Reading {
  try {
    const data = JSON.parse(json ?? 'null') as Partial<Reading> | null;
    const read = Array.isArray(data?.read) ? data.read.filter((s): s is string => typeof s === 'string') : [];
    const l = data?.last;
    const last =
      l && typeof l.slug === 'string' && typeof l.title === 'string'
        ? {
            slug: l.slug,
            title: l.title,
            ...(typeof l.section === 'string' ? { section: l.section } : {}),
            ...(typeof l.sectionTitle === 'string' ? { sectionTitle: l.sectionTitle } : {}),
          }
        : undefined;
    return last ? { last: movedPosition(last), read } : { read };
  } catch {
    return { read: [] };
  }
}

export function withPosition(reading: Reading, position: ReadingPosition): Reading {
  return { ...reading, last: position };
}

export function withRead(reading: Reading, slug: string): Reading {
  return reading.read.includes(slug) ? reading : { ...reading, read: [...reading.read, slug] };
}

/** "Continue: TCP handshakes, at The three segments" and where it goes, or undefined with nothing to continue. */
export function continueLink(
  reading: Reading,
  lessonHref: (slug: string) => string,
): { href: string; text: string } | undefined {
  const last = reading.last;
  if (last === undefined) return undefined;
  const at = last.section !== undefined && last.sectionTitle ? `, at “${last.sectionTitle}”` : '';
  return {
    href: `${lessonHref(last.slug)}${last.section !== undefined ? `#${encodeURIComponent(last.section)}` : ''}`,
    text: `${last.title}${at}`,
  };
}

// ---- browser storage adapter ----

export function loadReading(): Reading {
  try {
    return parseReading(localStorage.getItem(READING_KEY));
  } catch {
    return { read: [] };
  }
}

export function saveReading(reading: Reading): void {
  try {
    localStorage.setItem(READING_KEY, JSON.stringify(reading));
  } catch {
    // Storage blocked (private mode, sandboxed frame): the page works, it just forgets where the reader was.
  }
}
