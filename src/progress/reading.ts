/**
 * Where the reader is: the last lesson opened and the section they reached in it, and the lessons read to the
 * end. Kept in localStorage beside the exercise progress (its own key, so the progress export format is
 * unchanged). Pure functions plus a thin storage adapter, like store.ts.
 */

export const READING_KEY = 'wire-notebook:reading';
/** Stored with each record. Version 2 came with the split of the two TCP lessons; earlier records carry none. */
export const READING_VERSION = 2;

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

/** Where some sections of a lesson went when it was split. */
export interface SectionMove {
  to: string;
  /** The new lesson's title, for "Continue: …". */
  title: string;
  /** Heading ids (as on the page) that now live in `to`. */
  sections: readonly string[];
  /** The old lesson no longer exists: a position in any other section (or none) goes to `to` as well. */
  rest?: boolean;
}

/**
 * Sections that moved when a lesson was split: old slug → where its sections are now. A "Continue" link stored
 * before the split then still leads to the section the reader had reached, and a lesson read to the end before the
 * split counts its new halves as read.
 */
export const MOVED_SECTIONS: Readonly<Record<string, readonly SectionMove[]>> = {
  'websocket-framing': [
    {
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
  ],
  // "TCP handshakes" became "Opening a TCP connection" (same URL) and "Closing and resetting TCP connections".
  'tcp-handshakes': [
    {
      to: 'tcp-closing',
      title: 'Closing and resetting TCP connections',
      sections: ['closing-fin-ack-fin-ack', 'half-close-and-close-wait', 'time-wait', 'so_reuseaddr'],
    },
  ],
  // "Windows and congestion" became "Receive windows" and "Congestion control"; its URL redirects to the first.
  'windows-and-congestion': [
    {
      to: 'receive-windows',
      title: 'Receive windows',
      sections: [
        'the-receive-window',
        'how-large-a-window-the-bandwidth-delay-product',
        'window-scaling',
        'the-sliding-window',
      ],
      rest: true,
    },
    {
      to: 'congestion-control',
      title: 'Congestion control',
      sections: [
        'the-congestion-window',
        'slow-start-and-congestion-avoidance',
        'when-a-segment-is-lost',
        'the-retransmission-timer-backs-off',
        'the-initial-window',
        'what-your-kernel-does',
        'cubic',
        'recovering-from-loss-today',
      ],
    },
  ],
};

/** The lesson (and its title) that has `section` of the old lesson `slug` now, or undefined if it did not move. */
export function movedSection(slug: string, section: string | undefined): SectionMove | undefined {
  const moves = MOVED_SECTIONS[slug] ?? [];
  return (
    (section === undefined ? undefined : moves.find((m) => m.sections.includes(section))) ??
    moves.find((m) => m.rest === true)
  );
}

function movedPosition(p: ReadingPosition): ReadingPosition {
  const moved = movedSection(p.slug, p.section);
  return moved === undefined ? p : { ...p, slug: moved.to, title: moved.title };
}

/** Lessons split when READING_VERSION became 2: in an older record, having read one means having read its parts. */
const SPLIT_IN_VERSION_2: readonly string[] = ['tcp-handshakes', 'windows-and-congestion'];

/**
 * A lesson read to the end before it was split counts its new parts as read (only in records written before the
 * split: after it, "tcp-handshakes" read means just its opening half); a slug that no longer exists is dropped.
 */
function movedRead(read: readonly string[], version: unknown): string[] {
  const out: string[] = [];
  for (const slug of read) {
    const moves = MOVED_SECTIONS[slug] ?? [];
    if (!moves.some((m) => m.rest === true)) out.push(slug);
    if (version !== READING_VERSION && SPLIT_IN_VERSION_2.includes(slug)) out.push(...moves.map((m) => m.to));
  }
  return [...new Set(out)];
}

/** Reads stored JSON; anything unexpected gives an empty record rather than half a state. */
export function parseReading(json: string | null | undefined): Reading {
  try {
    const data = JSON.parse(json ?? 'null') as (Partial<Reading> & { version?: unknown }) | null;
    const stored = Array.isArray(data?.read) ? data.read.filter((s): s is string => typeof s === 'string') : [];
    const read = movedRead(stored, data?.version);
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
    localStorage.setItem(READING_KEY, JSON.stringify({ version: READING_VERSION, ...reading }));
  } catch {
    // Storage blocked (private mode, sandboxed frame): the page works, it just forgets where the reader was.
  }
}
