import { describe, expect, it } from 'vitest';
import { continueLink, parseReading, withPosition, withRead } from '../../src/progress/reading';

const href = (slug: string) => `/lessons/${slug}/`;

describe('reading position', () => {
  it('continues at the last section reached, or at the lesson', () => {
    const r = withPosition(
      { read: [] },
      { slug: 'tcp-handshakes', title: 'TCP handshakes', section: 'time-wait', sectionTitle: 'TIME-WAIT' },
    );
    expect(continueLink(r, href)).toEqual({
      href: '/lessons/tcp-handshakes/#time-wait',
      text: 'TCP handshakes, at “TIME-WAIT”',
    });
    expect(continueLink(withPosition(r, { slug: 'start-here', title: 'Start here' }), href)).toEqual({
      href: '/lessons/start-here/',
      text: 'Start here',
    });
    expect(continueLink({ read: [] }, href)).toBeUndefined();
  });

  it('counts a lesson read once', () => {
    expect(withRead(withRead({ read: [] }, 'start-here'), 'start-here').read).toEqual(['start-here']);
  });

  it('reads back what it stored, and nothing from junk', () => {
    const r = withRead(withPosition({ read: [] }, { slug: 'a', title: 'A', section: 's', sectionTitle: 'S' }), 'a');
    expect(parseReading(JSON.stringify(r))).toEqual(r);
    expect(parseReading('not json')).toEqual({ read: [] });
    expect(parseReading('{"last":{"slug":3},"read":["x",4]}')).toEqual({ read: ['x'] });
    expect(parseReading(null)).toEqual({ read: [] });
  });
});
