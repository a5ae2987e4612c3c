/**
 * Progress and reading position follow exercises and sections when a lesson is split: the framing lesson's
 * fragment, close and deflate exercises live in websocket-messages now; closing and TIME-WAIT left "TCP handshakes"
 * for tcp-closing; "Windows and congestion" became receive-windows and congestion-control.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MOVED_SECTIONS, parseReading, READING_VERSION } from '../../src/progress/reading';
import { MOVED_EXERCISES, parseProgress, PROGRESS_VERSION } from '../../src/progress/store';

const solved = (solvedAt: string, attempts = 1) => ({ solvedAt, attempts });

describe('moved exercises', () => {
  it('moves a solved exercise stored under the old lesson to its new one', () => {
    const stored = {
      version: PROGRESS_VERSION,
      lessons: {
        'websocket-framing': {
          opcode: solved('2026-01-01T00:00:00.000Z'),
          'deflate-rsv1': solved('2026-01-02T00:00:00.000Z', 3),
        },
      },
    };
    const p = parseProgress(JSON.stringify(stored));
    expect(p.lessons['websocket-framing']).toEqual({ opcode: solved('2026-01-01T00:00:00.000Z') });
    expect(p.lessons['websocket-messages']).toEqual({ 'deflate-rsv1': solved('2026-01-02T00:00:00.000Z', 3) });
  });

  it('keeps the earlier record when the exercise was solved under both lessons', () => {
    const stored = {
      version: PROGRESS_VERSION,
      lessons: {
        'websocket-messages': { 'first-fragment': solved('2026-03-01T00:00:00.000Z', 2) },
        'websocket-framing': { 'first-fragment': solved('2026-02-01T00:00:00.000Z', 5) },
      },
    };
    expect(parseProgress(JSON.stringify(stored)).lessons['websocket-messages']).toEqual({
      'first-fragment': solved('2026-02-01T00:00:00.000Z', 5),
    });
  });

  it('names only exercises that exist in the new lesson and no longer in the old one', async () => {
    const ids = async (slug: string) =>
      existsSync(`src/exercises/lessons/${slug}.ts`)
        ? Object.keys(((await import(`../../src/exercises/lessons/${slug}.ts`)) as { default: object }).default)
        : [];
    for (const [from, moves] of Object.entries(MOVED_EXERCISES)) {
      for (const [id, to] of Object.entries(moves)) {
        expect(await ids(to), `${from}/${id}`).toContain(id);
        expect(await ids(from), `${from}/${id}`).not.toContain(id);
      }
    }
  });

  it('moves every exercise of a lesson that no longer exists', () => {
    const stored = {
      version: PROGRESS_VERSION,
      lessons: {
        'windows-and-congestion': {
          'scale-code': solved('2026-01-01T00:00:00.000Z'),
          'cubic-k': solved('2026-01-03T00:00:00.000Z'),
        },
        'tcp-handshakes': {
          'flag-names': solved('2026-01-04T00:00:00.000Z'),
          'time-wait': solved('2026-01-05T00:00:00.000Z'),
        },
      },
    };
    const p = parseProgress(JSON.stringify(stored));
    expect(p.lessons['windows-and-congestion']).toBeUndefined();
    expect(p.lessons['receive-windows']).toEqual({ 'scale-code': solved('2026-01-01T00:00:00.000Z') });
    expect(p.lessons['congestion-control']).toEqual({ 'cubic-k': solved('2026-01-03T00:00:00.000Z') });
    expect(p.lessons['tcp-handshakes']).toEqual({ 'flag-names': solved('2026-01-04T00:00:00.000Z') });
    expect(p.lessons['tcp-closing']).toEqual({ 'time-wait': solved('2026-01-05T00:00:00.000Z') });
  });
});

describe('moved sections', () => {
  it('sends a stored "Continue" position in a moved section to the new lesson', () => {
    const r = parseReading(
      JSON.stringify({
        last: { slug: 'websocket-framing', title: 'WebSocket framing', section: 'closing', sectionTitle: 'Closing' },
        read: [],
      }),
    );
    expect(r.last).toEqual({
      slug: 'websocket-messages',
      title: 'WebSocket messages and closing',
      section: 'closing',
      sectionTitle: 'Closing',
    });
    const stays = parseReading(
      JSON.stringify({ last: { slug: 'websocket-framing', title: 'WebSocket framing', section: 'masking' }, read: [] }),
    );
    expect(stays.last?.slug).toBe('websocket-framing');
  });

  it('sends positions in a lesson that no longer exists to the part that has the section', () => {
    const at = (section?: string) =>
      parseReading(
        JSON.stringify({
          last: { slug: 'windows-and-congestion', title: 'Windows and congestion', section },
          read: [],
        }),
      ).last;
    expect(at('cubic')).toEqual({ slug: 'congestion-control', title: 'Congestion control', section: 'cubic' });
    expect(at('window-scaling')?.slug).toBe('receive-windows');
    expect(at(undefined)?.slug).toBe('receive-windows');
    expect(at('recap')?.slug).toBe('receive-windows');
  });

  it('counts the parts of a lesson read before its split as read', () => {
    const r = parseReading(JSON.stringify({ read: ['windows-and-congestion', 'tcp-handshakes', 'bits-and-bytes'] }));
    expect(r.read).toEqual([
      'receive-windows',
      'congestion-control',
      'tcp-handshakes',
      'tcp-closing',
      'bits-and-bytes',
    ]);
  });

  it('does not count a part as read when only the lesson that kept the old address was read after the split', () => {
    const r = parseReading(JSON.stringify({ version: READING_VERSION, read: ['tcp-handshakes'] }));
    expect(r.read).toEqual(['tcp-handshakes']);
  });

  it('lists only headings that the new lesson has and the old one lost', () => {
    const lessons = readdirSync('content/lessons');
    const source = (slug: string) =>
      readFileSync(`content/lessons/${lessons.find((f) => f.endsWith(`-${slug}.mdx`))!}`, 'utf8');
    const ids = (mdx: string) =>
      [...mdx.matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^\p{L}\p{N} _-]/gu, '')
          .replace(/ /g, '-'),
      );
    for (const [from, moves] of Object.entries(MOVED_SECTIONS)) {
      const gone = !lessons.some((f) => f.endsWith(`-${from}.mdx`));
      // A lesson that no longer exists must say where everything else goes; one that does must not.
      expect(
        moves.some((m) => m.rest === true),
        from,
      ).toBe(gone);
      for (const moved of moves) {
        for (const section of moved.sections) {
          expect(ids(source(moved.to)), `${from}#${section}`).toContain(section);
          if (!gone) expect(ids(source(from)), `${from}#${section}`).not.toContain(section);
        }
      }
    }
  });
});
