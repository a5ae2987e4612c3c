import { describe, expect, it, vi } from 'vitest';
import { decodeFrames, parseHex } from '../../src/protocol';
import { EXAMPLE_MASK_KEY, EXAMPLES } from '../../src/widgets/frame-decoder/examples';
import {
  analyse,
  describeWaiting,
  FRAME_PAGE,
  neededText,
  parseAndDecode,
  summary,
  viewOf,
  VIOLATION_LIMIT,
} from '../../src/widgets/frame-decoder/model';

const example = (id: string) => EXAMPLES.find((e) => e.id === id)!;

describe('examples', () => {
  it('all parse; only the violation and truncation examples have problems', () => {
    for (const ex of EXAMPLES) {
      const { violations, needed } = decodeFrames(parseHex(ex.hex), { from: ex.from });
      if (ex.id === 'unmasked-client') expect(violations.map((v) => v.id)).toEqual(['UNMASKED_CLIENT_FRAME']);
      else expect(violations, ex.id).toEqual([]);
      expect(needed !== undefined, ex.id).toBe(ex.id === 'truncated');
    }
  });

  it('"hello, world" is 12 payload bytes masked with the fixed key: 18 bytes on the wire', () => {
    const bytes = parseHex(example('hello-world').hex);
    expect(bytes.length).toBe(18);
    const [frame] = decodeFrames(bytes, { from: 'client' }).frames;
    expect(Array.from(frame!.maskKey!)).toEqual(Array.from(EXAMPLE_MASK_KEY));
    expect(new TextDecoder().decode(frame!.payload)).toBe('hello, world');
  });

  it('close 1000 "bye" decodes to its code and reason', () => {
    const [frame] = decodeFrames(parseHex(example('close-bye').hex)).frames;
    expect([frame!.closeCode, frame!.closeReason]).toEqual([1000, 'bye']);
  });
});

describe('analyse', () => {
  it('is empty for blank input and a hex error with a marked snippet for bad input', () => {
    expect(analyse(' \n ', 'unknown')).toEqual({ kind: 'empty' });
    const a = analyse('81 05 48 65 6c 6c 6z', 'unknown');
    expect(a.kind).toBe('hex-error');
    if (a.kind !== 'hex-error') return;
    expect(a.position).toBe(19);
    expect(a.snippet.bad).toBe('z');
    expect(a.message).toContain('"z"');
  });

  it('cuts the frame list to a page and keeps totals for the summary', () => {
    // 60 RFC 6455 §5.7 unmasked Hellos, "sent by a client": one violation per frame.
    const a = analyse('810548656c6c6f'.repeat(60), 'client');
    expect(a.kind).toBe('decoded');
    if (a.kind !== 'decoded') return;
    expect(a.frames).toHaveLength(FRAME_PAGE);
    expect(a.frameCount).toBe(60);
    expect(a.violationCount).toBe(60);
    expect(a.violations.length).toBe(Math.max(VIOLATION_LIMIT, FRAME_PAGE));
    expect(summary(a)).toBe('420 bytes, 60 frames, 60 messages, 60 violations');
    const more = viewOf(parseAndDecode('810548656c6c6f'.repeat(60), 'client'), 2 * FRAME_PAGE);
    expect(more.kind === 'decoded' && more.frames.length).toBe(2 * FRAME_PAGE);
  });

  it('reports where decoding stopped when a violation ends it', () => {
    // 64-bit length with its most significant bit set (RFC 6455 §5.2): decoding cannot go on.
    const a = analyse('81 05 48 65 6c 6c 6f 82 7f 80 00 00 00 00 00 00 01 00', 'server');
    expect(a.kind === 'decoded' && [a.frameCount, a.undecodedFrom, a.needed]).toEqual([1, 7, undefined]);
  });
});

describe('truncation text', () => {
  it('names what the decoder waits for in each state', () => {
    const waiting = (hex: string) => {
      const r = decodeFrames(parseHex(hex));
      return `${neededText(r.needed!, r.partial)}: ${describeWaiting(r.partial!)}`;
    };
    expect(waiting('81')).toBe(
      'at least 1 more byte needed: the first 2 header bytes (FIN, RSV1–3, opcode, MASK, 7-bit length)',
    );
    expect(waiting('82 7e 01')).toMatch(/more bytes? needed: the 16-bit extended payload length/);
    expect(waiting('82 7f 00')).toMatch(/the 64-bit extended payload length/);
    expect(waiting('81 85 37 fa')).toBe('7 more bytes needed: the 4-byte masking key');
    expect(waiting('81 05 48 65')).toBe('3 more bytes needed: the rest of the payload (2 of 5 bytes arrived)');
  });
});

describe('decode worker', () => {
  it('answers a request with the bounded view, re-using its parse for "show more"', async () => {
    const replies: unknown[] = [];
    const fakeSelf: { onmessage: ((e: { data: unknown }) => void) | null; postMessage: (m: unknown) => void } = {
      onmessage: null,
      postMessage: (m) => replies.push(m),
    };
    vi.stubGlobal('self', fakeSelf);
    await import('../../src/widgets/frame-decoder/decode.worker');
    const text = '810548656c6c6f'.repeat(50);
    fakeSelf.onmessage!({ data: { id: 1, text, from: 'server', frameLimit: FRAME_PAGE } });
    fakeSelf.onmessage!({ data: { id: 2, text, from: 'server', frameLimit: 2 * FRAME_PAGE } });
    expect(replies).toEqual([
      { id: 1, analysis: analyse(text, 'server', FRAME_PAGE) },
      { id: 2, analysis: analyse(text, 'server', 2 * FRAME_PAGE) },
    ]);
    vi.unstubAllGlobals();
  });
});
