import { describe, expect, it } from 'vitest';
import { decodeFrames, parseHex } from '../../../src/protocol';
import { groupMessages, payloadPreview } from '../../../src/widgets/shared/payload-view';
import { errorSnippet } from '../../../src/widgets/shared/error-snippet';

const enc = (s: string) => new TextEncoder().encode(s);

describe('payloadPreview', () => {
  it('shows valid UTF-8 as text and always as hex', () => {
    expect(payloadPreview(enc('Hello'))).toEqual({ length: 5, text: 'Hello', hex: '48 65 6c 6c 6f', omitted: 0 });
  });

  it('does not show invalid UTF-8 as text, and says why (the codec validator)', () => {
    const p = payloadPreview(Uint8Array.of(0x48, 0xc0, 0x80));
    expect(p.text).toBeUndefined();
    expect(p.utf8Error).toMatch(/C0/i);
    expect(p.hex).toBe('48 c0 80');
  });

  it('cuts a long payload without splitting a character', () => {
    const bytes = enc('aé'.repeat(10)); // 'é' is 2 bytes: c3 a9
    const p = payloadPreview(bytes, 4); // a c3 a9 a | c3 a9 … → cut after "aéa"
    expect(p.text).toBe('aéa');
    expect(p.hex).toBe('61 c3 a9 61');
    expect(p.omitted).toBe(bytes.length - 4);
  });
});

describe('groupMessages', () => {
  it('reassembles RFC 6455 §5.7 "Hel" + "lo" around an interleaved ping', () => {
    // 01 03 Hel | 89 00 (empty ping, control frames may sit between fragments, §5.4) | 80 02 lo
    const { frames } = decodeFrames(parseHex('01 03 48 65 6c 89 00 80 02 6c 6f'));
    const { messages, count } = groupMessages(frames);
    expect(count).toBe(1);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.frames).toEqual([0, 2]);
    expect(messages[0]!.complete).toBe(true);
    expect(new TextDecoder().decode(messages[0]!.payload)).toBe('Hello');
  });

  it('marks a message without its final fragment incomplete and skips stray continuations', () => {
    const { frames } = decodeFrames(parseHex('80 01 41 01 03 48 65 6c'));
    const { messages } = groupMessages(frames);
    expect(messages).toEqual([{ opcode: 1, frames: [1], complete: false, payload: enc('Hel') }]);
  });

  it('counts every message but builds only the first `limit`', () => {
    // Three RFC 6455 §5.7 unmasked "Hello" frames.
    const { frames } = decodeFrames(parseHex(Array(3).fill('81 05 48 65 6c 6c 6f').join(' ')));
    const { messages, count } = groupMessages(frames, 2);
    expect(count).toBe(3);
    expect(messages.map((m) => m.frames)).toEqual([[0], [1]]);
  });
});

describe('errorSnippet', () => {
  it('marks the bad character in a window of the text', () => {
    const text = `${'81 '.repeat(30)}zz`;
    const s = errorSnippet(text, { position: 90, line: 1, column: 91 });
    expect(s.bad).toBe('z');
    expect(s.before.length).toBe(40);
    expect(s.cutBefore).toBe(true);
    expect(s.after).toBe('z');
    expect(s.cutAfter).toBe(false);
  });
  it('keeps an astral character whole', () => {
    expect(errorSnippet('81 😀', { position: 3, line: 1, column: 4 }).bad).toBe('😀');
  });
});
