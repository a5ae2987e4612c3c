/**
 * Broken client bytes over a raw socket: for each rule the lab must send the close code the codec
 * names and close the TCP connection (RFC 6455 §7.1.7). The bytes are written out by hand so they do
 * not depend on the encoder under test. Mask key 37 fa 21 3d is the one of RFC 6455 §5.7's example.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInspectReport, type InspectFrame } from '../../src/lab-protocol/messages';
import type { RunningLab } from '../../lab/server';
import { clientFrame, RawClient, startTestLab } from './helpers';

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ''), 'hex');
const MASK = '37 fa 21 3d';

let lab: RunningLab;
beforeAll(async () => {
  lab = await startTestLab({ maxMessageBytes: 1024 });
});
afterAll(() => lab.close());

interface Case {
  name: string;
  bytes: Buffer;
  code: number;
  id: string;
}

const cases: Case[] = [
  // RFC 6455 §5.7: "A single-frame unmasked text message" — fine from a server, forbidden from a client (§5.1).
  { name: 'unmasked client frame', bytes: hex('81 05 48 65 6c 6c 6f'), code: 1002, id: 'UNMASKED_CLIENT_FRAME' },
  // §5.7's masked "Hello" with RSV1 set (0xc1) although no extension was negotiated (§5.2).
  { name: 'RSV1 without an extension', bytes: hex(`c1 85 ${MASK} 7f 9f 4d 51 58`), code: 1002, id: 'RSV_BITS_SET' },
  // Opcode 0x3 is reserved for future data frames (§5.2).
  { name: 'reserved opcode 0x3', bytes: hex(`83 80 ${MASK}`), code: 1002, id: 'RESERVED_OPCODE' },
  // A ping announcing 126 bytes: control frames carry at most 125 (§5.5).
  {
    name: 'control frame over 125 bytes',
    bytes: Buffer.concat([hex(`89 fe 00 7e ${MASK}`), Buffer.alloc(126)]),
    code: 1002,
    id: 'CONTROL_FRAME_TOO_LONG',
  },
  // A ping with FIN = 0: control frames must not be fragmented (§5.5).
  { name: 'fragmented ping', bytes: hex(`09 80 ${MASK}`), code: 1002, id: 'FRAGMENTED_CONTROL_FRAME' },
  // Length 5 in the 16-bit field: lengths must be minimally encoded (§5.2).
  {
    name: 'non-minimal length',
    bytes: hex(`81 fe 00 05 ${MASK} 7f 9f 4d 51 58`),
    code: 1002,
    id: 'NON_MINIMAL_LENGTH',
  },
  // 64-bit length with its most significant bit set (§5.2).
  {
    name: '64-bit length with MSB set',
    bytes: hex(`82 ff 80 00 00 00 00 00 00 01 ${MASK}`),
    code: 1002,
    id: 'LENGTH_MSB_SET',
  },
  // A final continuation frame with no message to continue (§5.4).
  {
    name: 'continuation without a message',
    bytes: hex(`80 85 ${MASK} 7f 9f 4d 51 58`),
    code: 1002,
    id: 'UNEXPECTED_CONTINUATION',
  },
  // Text with FIN 0, then a new text frame instead of a continuation (§5.4).
  {
    name: 'new message inside a fragmented one',
    bytes: Buffer.concat([clientFrame(0x1, 'abc', { fin: false }), clientFrame(0x1, 'def')]),
    code: 1002,
    id: 'EXPECTED_CONTINUATION',
  },
  // A Close with a 1-byte body (§5.5.1: empty, or a 2-byte code first).
  {
    name: 'close body of one byte',
    bytes: clientFrame(0x8, Buffer.from([0x03])),
    code: 1002,
    id: 'CLOSE_PAYLOAD_ONE_BYTE',
  },
  // Close code 1005 must never be sent on the wire (§7.4.1).
  {
    name: 'close code 1005 on the wire',
    bytes: clientFrame(0x8, Buffer.from([0x03, 0xed])),
    code: 1002,
    id: 'INVALID_CLOSE_CODE',
  },
  // "\xc3\x28": a 2-byte lead followed by "(" — not UTF-8 (§8.1).
  { name: 'invalid UTF-8 in text', bytes: clientFrame(0x1, Buffer.from([0xc3, 0x28])), code: 1007, id: 'INVALID_UTF8' },
  // "€" is e2 82 ac; the message ends after e2 82 in the final fragment (§8.1, checked across fragments).
  {
    name: 'text message ending inside a character, across fragments',
    bytes: Buffer.concat([
      clientFrame(0x1, Buffer.from([0x61, 0xe2]), { fin: false }),
      clientFrame(0x0, Buffer.from([0x82])),
    ]),
    code: 1007,
    id: 'INVALID_UTF8',
  },
  // Close 1000 with reason byte 0xff (§5.5.1: the reason is UTF-8).
  {
    name: 'invalid UTF-8 in a close reason',
    bytes: clientFrame(0x8, Buffer.from([0x03, 0xe8, 0xff])),
    code: 1007,
    id: 'INVALID_UTF8_CLOSE_REASON',
  },
  // This lab instance allows 1024-byte messages; a frame announcing 2000 is refused before its payload.
  { name: 'frame over the size limit', bytes: hex(`82 fe 07 d0 ${MASK}`), code: 1009, id: 'PAYLOAD_TOO_BIG' },
  // Two 600-byte fragments: each frame fits, the message does not.
  {
    name: 'fragmented message over the size limit',
    bytes: Buffer.concat([clientFrame(0x2, Buffer.alloc(600), { fin: false }), clientFrame(0x0, Buffer.alloc(600))]),
    code: 1009,
    id: 'PAYLOAD_TOO_BIG',
  },
];

describe("a violation fails the connection with the codec's close code (RFC 6455 §7.1.7)", () => {
  it.each(cases)('$name → $code', async ({ bytes, code, id }) => {
    const client = await RawClient.open(lab.port);
    client.write(bytes);
    const close = await client.readClose();
    expect(close.code).toBe(code);
    expect(close.reason.startsWith(id)).toBe(true);
    expect(Buffer.byteLength(close.reason)).toBeLessThanOrEqual(123);
    await client.waitClosed(); // the lab closed TCP without waiting for our Close
    client.destroy();
  });

  it('handles the frames before the violation, and none after', async () => {
    const client = await RawClient.open(lab.port);
    client.write(Buffer.concat([clientFrame(0x1, 'before'), hex('81 05 48 65 6c 6c 6f'), clientFrame(0x1, 'after')]));
    const echo = await client.readFrame();
    expect(echo.payload.toString()).toBe('before');
    const next = await client.readFrame();
    expect(next.opcode).toBe(0x8);
    expect(next.payload.readUInt16BE(0)).toBe(1002);
    await client.waitClosed();
    expect(client.received.length).toBe(0); // no echo of "after"
  });

  it('reports the violation on /lab/ws/inspect before closing', async () => {
    const client = await RawClient.open(lab.port, '/lab/ws/inspect');
    await client.readFrame(); // handshake report
    client.write(clientFrame(0x1, Buffer.from([0xff])));
    const frameReport = parseInspectReport((await client.readFrame()).payload.toString());
    const violationReport = parseInspectReport((await client.readFrame()).payload.toString());
    expect(frameReport?.type).toBe('frame');
    expect(violationReport).toMatchObject({ type: 'violation', id: 'INVALID_UTF8', code: 1007, rule: 'RFC 6455 §8.1' });
    expect((await client.readClose()).code).toBe(1007);
  });
});

describe('frames split anywhere still work', () => {
  it('a frame written one byte at a time arrives in many reads and is echoed', async () => {
    const client = await RawClient.open(lab.port, '/lab/ws/inspect');
    client.socket.setNoDelay(true);
    await client.readFrame(); // handshake report
    const frame = clientFrame(0x1, 'Hello, bytes');
    for (const byte of frame) {
      client.write(Buffer.from([byte]));
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    const report = parseInspectReport((await client.readFrame()).payload.toString()) as InspectFrame;
    expect(report.hex).toBe(frame.toString('hex'));
    expect(report.reads).toBeGreaterThan(1); // the 2-byte header and mask key were split across reads
    expect(parseInspectReport((await client.readFrame()).payload.toString())).toMatchObject({
      type: 'server-frame',
      cause: 'echo',
    });
    expect((await client.readFrame()).payload.toString()).toBe('Hello, bytes');
    client.destroy();
  });

  it('property: any split of a stream of frames gives the same echoes', async () => {
    const message = fc.oneof(
      fc.string({ maxLength: 200 }).map((s) => ({ opcode: 0x1, payload: Buffer.from(s, 'utf8') })),
      fc.uint8Array({ maxLength: 400 }).map((b) => ({ opcode: 0x2, payload: Buffer.from(b) })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(message, { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        async (messages, cuts) => {
          const stream = Buffer.concat(messages.map((m) => clientFrame(m.opcode, m.payload)));
          const points = [...new Set(cuts.map((c) => c % stream.length))].sort((a, b) => a - b);
          const client = await RawClient.open(lab.port);
          client.socket.setNoDelay(true);
          let from = 0;
          for (const point of [...points, stream.length]) {
            client.write(stream.subarray(from, point));
            from = point;
            await new Promise((resolve) => setTimeout(resolve, 1));
          }
          for (const m of messages) {
            const echo = await client.readFrame();
            expect(echo.opcode).toBe(m.opcode);
            expect(Buffer.compare(echo.payload, m.payload)).toBe(0);
          }
          client.destroy();
        },
      ),
      { numRuns: 25 },
    );
  }, 30_000);
});
