/**
 * Progress and reading position follow exercises and sections when a lesson is split: the framing lesson's
 * fragment, close and deflate exercises live in websocket-messages now.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import framing from '../../src/exercises/lessons/websocket-framing';
import messages from '../../src/exercises/lessons/websocket-messages';
import { MOVED_SECTIONS, parseReading } from '../../src/progress/reading';
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

  it('names only exercises that exist in the new lesson and no longer in the old one', () => {
    for (const [from, moves] of Object.entries(MOVED_EXERCISES)) {
      expect(from).toBe('websocket-framing');
      for (const [id, to] of Object.entries(moves)) {
        expect(to).toBe('websocket-messages');
        expect(Object.keys(messages)).toContain(id);
        expect(Object.keys(framing)).not.toContain(id);
      }
    }
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

  it('lists only headings that the new lesson has and the old one lost', () => {
    const lessons = readdirSync('content/lessons');
    const source = (slug: string) =>
      readFileSync(`content/lessons/${lessons.find((f) => f.endsWith(`-${slug}.mdx`))!}`, 'utf8');
    const ids = (mdx: string) =>
      [...mdx.matchAll(/^#{2,3} (.+)$/gm)].map((m) =>
        m[1]!
          .toLowerCase()
          .replace(/[^\p{L}\p{N} -]/gu, '')
          .replace(/ /g, '-'),
      );
    for (const [from, moved] of Object.entries(MOVED_SECTIONS)) {
      for (const section of moved.sections) {
        expect(ids(source(moved.to))).toContain(section);
        expect(ids(source(from))).not.toContain(section);
      }
    }
  });
});
