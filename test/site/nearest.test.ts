import { describe, expect, it } from 'vitest';
import { editDistance, nearestPath } from '../../src/site/nearest';

const KNOWN = [
  '/',
  '/lessons/',
  '/lessons/websocket-framing/',
  '/lessons/websocket-handshake/',
  '/lessons/tcp-handshakes/',
  '/tools/frame-decoder/',
  '/tools/tcpdump/',
  '/progress/',
];

describe('nearestPath', () => {
  it('counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it.each([
    ['/lessons/websocket-framming/', '/lessons/websocket-framing/'],
    ['/lessons/framing/', '/lessons/websocket-framing/'],
    ['/tools/frame-decoder', '/tools/frame-decoder/'],
    ['/tools/tcpdmp/', '/tools/tcpdump/'],
    ['/Progress/', '/progress/'],
  ])('%s → %s', (asked, expected) => {
    expect(nearestPath(asked, KNOWN)).toBe(expected);
  });

  it('suggests nothing for an address that resembles no page', () => {
    expect(nearestPath('/wp-admin/setup-config.php', KNOWN)).toBeUndefined();
  });
});
