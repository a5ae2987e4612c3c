import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseCapture } from '../../src/protocol/capture/analyser';
import { captureInflaters } from '../../src/protocol/capture/deflate';
import { pakoBackend } from '../../src/protocol/websocket/pako-backend';
import {
  jsonMessagePiece,
  jsonReport,
  MessageSpool,
  textMessagePiece,
  textReport,
  writeJsonReport,
  writeTextReport,
} from '../../scripts/capture-report';

const CAPTURES = join(import.meta.dirname, '../../content/captures');
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(CAPTURES, name)));
const text = (s: string | Uint8Array): string => (typeof s === 'string' ? s : Buffer.from(s).toString('utf8'));

describe('capture reports written from spooled messages', () => {
  // Real captures made by scripts/captures/make.ts: several connections, a 3000-byte message, compressed
  // messages, a close with a reason; the deflate capture has non-ASCII-free text, the large one cut previews.
  for (const name of ['chromium-large.pcap', 'chromium-deflate.pcap', 'chromium-merged.pcapng']) {
    it(`${name}: streaming through a spool that spills to disk prints the same bytes as JSON.stringify`, () => {
      const options = { inflate: captureInflaters(pakoBackend) };
      const whole = analyseCapture(bytes(name), options);
      expect(whole.connections.some((c) => c.messages.length > 1)).toBe(true);
      expect(jsonReport(whole)).toBe(
        JSON.stringify(
          JSON.parse(jsonReport(whole)), // the writer's own output re-printed by JSON.stringify
          null,
          2,
        ),
      );

      for (const mode of ['json', 'text'] as const) {
        // 2 KiB buffers, at most two held: messages go to the temporary file all the time, some on their own.
        const spool = new MessageSpool(2048, 2);
        try {
          const streamed = analyseCapture(bytes(name), {
            ...options,
            onMessage: (m, c) =>
              spool.add(c.id, mode === 'json' ? jsonMessagePiece(m, spool.count(c.id)) : textMessagePiece(m)),
          });
          expect(streamed.connections.every((c) => c.messages.length === 0)).toBe(true);
          let out = '';
          const write = (s: string | Uint8Array): void => void (out += text(s));
          if (mode === 'json') {
            writeJsonReport(streamed, write, (c) => spool.pieces(c.id));
            expect(out).toBe(jsonReport(whole));
          } else {
            writeTextReport(name, streamed, write, (c) => spool.pieces(c.id));
            expect(out).toBe(textReport(name, whole));
          }
        } finally {
          spool.close();
        }
      }
    });
  }

  it('ip-layers.pcap: the packets left out are counted by reason at the top of the JSON', () => {
    const json = JSON.parse(jsonReport(analyseCapture(bytes('ip-layers.pcap')))) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['format', 'packets', 'skipped', 'connections']);
    expect(json.skipped).toEqual({ 'an IP fragment (fragments are reported, not reassembled)': 4 });
  });

  it('a message that does not inflate says why, in JSON and text alike', () => {
    // chromium-deflate-context.pcap read as if both sides had agreed to drop their context (RFC 7692 §7.1.1):
    // each second "Hello" refers back to the first, which such an inflater no longer has.
    const real = captureInflaters(pakoBackend);
    const a = analyseCapture(bytes('chromium-deflate-context.pcap'), {
      inflate: ({ from, params }) =>
        real({
          from,
          params: [...params, { name: 'server_no_context_takeover' }, { name: 'client_no_context_takeover' }],
        }),
    });
    const c = a.connections.find((x) => x.kind === 'websocket')!;
    const failed = c.messages.filter((m) => m.inflateError !== undefined);
    // After the first failure the inflater is not trusted again, so the binary messages fail too.
    expect(failed.map((m) => [m.packet, m.hex])).toEqual([
      [20, expect.any(String)],
      [21, 'f2 00 11 00 00'],
      [22, expect.any(String)],
      [23, '62 60 64 62 fe f7 1f 00'],
    ]);
    const pieces = c.messages.map((m, i) => jsonMessagePiece(m, i)).join('');
    const json = JSON.parse(jsonReport(a)) as { connections: Array<{ messages: unknown[] }> };
    expect(pieces).toBe(
      JSON.stringify({ m: json.connections[c.id - 1]!.messages }, null, 2)
        .slice('{\n  "m": ['.length, -'\n  ]\n}'.length)
        .replaceAll('\n', '\n    '),
    );
    expect(textMessagePiece(failed[1]!)).toMatch(/not inflated: .*distance too far back/);
  });

  it('an empty capture prints an empty connections list', () => {
    const a = analyseCapture(bytes('chromium-ipv4.pcap').subarray(0, 24));
    expect(a.connections).toEqual([]);
    expect(jsonReport(a)).toBe(JSON.stringify({ format: 'pcap', packets: 0, connections: [] }, null, 2));
  });
});
