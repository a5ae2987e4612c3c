/**
 * The lab's deflate backend (Node zlib, one call per message with the window as a preset dictionary)
 * must produce one continuous permessage-deflate stream: the core's inflater (pako) and ws's
 * PerMessageDeflate read a sequence of its messages with context takeover.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MessageDeflater, MessageInflater } from '../../src/protocol/websocket/deflate';
import { pakoBackend } from '../../src/protocol/websocket/pako-backend';
import { labDeflateBackend } from '../../lab/websocket/zlib-deflate';

describe('labDeflateBackend', () => {
  it('round-trips sequences of messages through the core inflater, any window bits (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 15 }),
        fc.array(
          fc.oneof(
            fc.uint8Array({ maxLength: 5000 }),
            fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(s.repeat(20))),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        (bits, messages) => {
          const d = new MessageDeflater(labDeflateBackend, { windowBits: bits, noContextTakeover: false, level: 1 });
          const i = new MessageInflater(pakoBackend, {
            windowBits: bits,
            noContextTakeover: false,
            maxMessageBytes: 1 << 20,
          });
          for (const m of messages) {
            const r = i.push(d.compress(m), true, false);
            expect(r.ok && r.done && Buffer.from(r.message).equals(Buffer.from(m))).toBe(true);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('refers back into earlier messages (context takeover): the second copy of a text is far smaller', () => {
    const d = new MessageDeflater(labDeflateBackend, { windowBits: 15, noContextTakeover: false });
    const text = new TextEncoder().encode(Array.from({ length: 300 }, (_, k) => `line ${k * 7919}`).join('\n'));
    const first = d.compress(text).length;
    const second = d.compress(text).length;
    expect(second).toBeLessThan(first / 10);
    // …and without context takeover it is not.
    const fresh = new MessageDeflater(labDeflateBackend, { windowBits: 15, noContextTakeover: true });
    fresh.compress(text);
    expect(fresh.compress(text).length).toBe(first);
  });
});
