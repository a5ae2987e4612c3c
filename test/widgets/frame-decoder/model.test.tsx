import { deflateRawSync } from 'node:zlib';
import { pakoBackend } from '../../../src/protocol/websocket/pako-backend';
import { describe, expect, it, vi } from 'vitest';
import { decodeFrames, parseHex } from '../../../src/protocol';
import { EXAMPLE_MASK_KEY, EXAMPLES } from '../../../src/widgets/frame-decoder/examples';
import {
  analyse,
  describeWaiting,
  FRAME_PAGE,
  neededText,
  parseAndDecode,
  readDeflateOption,
  summary,
  viewOf,
  VIOLATION_LIMIT,
} from '../../../src/widgets/frame-decoder/model';

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
    await import('../../../src/widgets/frame-decoder/decode.worker');
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

describe('permessage-deflate option (RFC 7692)', () => {
  // RFC 7692 §7.2.3.2: "Hello" twice from a server with context takeover; the second refers back to the first.
  const TWO_HELLOS = 'c1 07 f2 48 cd c9 c9 07 00 c1 05 f2 00 11 00 00';
  const option = (answer: string) => {
    const o = readDeflateOption(answer);
    if (!o.ok) throw new Error(o.message);
    return { params: o.params, backend: pakoBackend };
  };
  const texts = (a: ReturnType<typeof analyse>) =>
    a.kind === 'decoded' ? a.messages.map((m) => new TextDecoder().decode(m.payload)) : [];

  it('without the option RSV1 is a violation (RFC 6455 §5.2)', () => {
    const a = analyse(TWO_HELLOS, 'server');
    // …and the compressed bytes, read as the text they are not, break UTF-8 too.
    expect(a.kind === 'decoded' && a.violations.map((v) => v.id)).toEqual([
      'RSV_BITS_SET',
      'INVALID_UTF8',
      'RSV_BITS_SET',
      'INVALID_UTF8',
    ]);
  });

  it('inflates a stream with context takeover, and says how big each message was on the wire', () => {
    const a = analyse(TWO_HELLOS, 'server', FRAME_PAGE, option('permessage-deflate'));
    if (a.kind !== 'decoded') throw new Error(a.kind);
    expect(a.violations).toEqual([]);
    expect(texts(a)).toEqual(['Hello', 'Hello']);
    expect(a.messages.map((m) => m.inflation?.compressedLength)).toEqual([7, 5]);
    expect(summary(a)).toBe('16 bytes, 2 frames, 2 messages (2 compressed), no violations');
  });

  it('with server_no_context_takeover the second message cannot refer back: a violation, 1007', () => {
    const a = analyse(TWO_HELLOS, 'server', FRAME_PAGE, option('permessage-deflate; server_no_context_takeover'));
    if (a.kind !== 'decoded') throw new Error(a.kind);
    expect(a.violations).toHaveLength(1);
    expect(a.violations[0]).toMatchObject({ id: 'DEFLATE_STREAM_INVALID', code: 1007, offset: 11 });
    expect(a.messages[1]?.inflation?.violation?.message).toMatch(/too far back/);
  });

  it('keeps RSV1 on a continuation a violation with the option on (RFC 7692 §6.1)', () => {
    const a = analyse('41 07 f2 48 cd c9 c9 07 00 c0 00', 'server', FRAME_PAGE, option('permessage-deflate'));
    expect(a.kind === 'decoded' && a.violations.map((v) => v.id)).toEqual(['RSV_BITS_SET']);
  });

  it('stops a pasted bomb at 16 MiB with 1009', () => {
    const bomb = deflateRawSync(Buffer.alloc(32 * 1024 * 1024), { level: 9, finishFlush: 2 });
    const payload = bomb.subarray(0, bomb.length - 4);
    // ~32 KiB of DEFLATE (about 1,030:1): a 16-bit extended length.
    expect(payload.length).toBeLessThan(65536);
    const header = Buffer.from([0xc2, 126, 0, 0]);
    header.writeUInt16BE(payload.length, 2);
    const a = analyse(
      Buffer.concat([header, payload]).toString('hex'),
      'server',
      FRAME_PAGE,
      option('permessage-deflate'),
    );
    expect(a.kind === 'decoded' && a.violations.map((v) => [v.id, v.code])).toEqual([['INFLATED_TOO_BIG', 1009]]);
  });

  it('reads the server’s answer with the core’s rules', () => {
    expect(option('permessage-deflate; server_max_window_bits=10').params).toMatchObject({ serverMaxWindowBits: 10 });
    expect(readDeflateOption('permessage-deflate; client_max_window_bits')).toMatchObject({ ok: false });
    expect(readDeflateOption('permessage-deflate, permessage-deflate')).toMatchObject({ ok: false });
    expect(readDeflateOption('x-foo')).toMatchObject({ ok: false });
  });
});
