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

  it('an empty capture prints an empty connections list', () => {
    const a = analyseCapture(bytes('chromium-ipv4.pcap').subarray(0, 24));
    expect(a.connections).toEqual([]);
    expect(jsonReport(a)).toBe(JSON.stringify({ format: 'pcap', packets: 0, connections: [] }, null, 2));
  });
});
