import { execFileSync } from 'node:child_process';
import { captureInflaters } from '../../../src/protocol/capture/deflate';
import { pakoBackend } from '../../../src/protocol/websocket/pako-backend';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseCapture, type CaptureAnalysis } from '../../../src/protocol/capture/analyser';
import { createPcapReader } from '../../../src/protocol/capture/pcap';
import { decodePacket } from '../../../src/protocol/capture/packet';
import { LinkType } from '../../../src/protocol/capture/types';
import { computeAcceptKeySync } from '../../../src/protocol/websocket/handshake-response';
import { CAPTURES, captureBytes, ipv4Tcp, pcapFile } from './helpers';
import { HELLO_SUMMARY, HELLO_TCPDUMP_X, TEXT_FRAME_TCPDUMP_X } from '../../../content/captures/chromium-loopback';

const enc = new TextEncoder();
const summary = (a: CaptureAnalysis, id: number): string[] =>
  a.connections[id - 1]!.messages.map(
    (m) => `${m.from} ${m.type} ${m.length}${m.text !== undefined ? ` "${m.text.slice(0, 10)}"` : ''}`,
  );

const ECHO = [
  'client text 5 "Hello"',
  'server text 5 "Hello"',
  'client binary 6',
  'server binary 6',
  'client close 5',
  'server close 2',
];

describe('real Chromium captures', () => {
  for (const file of [
    'chromium-ipv4.pcap',
    'chromium-ipv4.pcapng',
    'chromium-ipv6.pcap',
    'chromium-any.pcap',
    'chromium-null.pcap',
  ]) {
    it(`${file}: one HTTP connection and one WebSocket, every message in both directions`, () => {
      const a = analyseCapture(captureBytes(file));
      expect(a.error).toBeUndefined();
      const ws = a.connections.filter((c) => c.kind === 'websocket');
      expect(ws).toHaveLength(1);
      const c = ws[0]!;
      expect(c.clientBy).toBe('syn');
      expect(c.websocket).toMatchObject({
        request: 'GET /lab/ws/echo HTTP/1.1',
        response: 'HTTP/1.1 101 Switching Protocols',
        acceptValid: true,
        requestProblems: [],
        responseProblems: [],
        upgraded: true,
        deflate: false,
      });
      expect(summary(a, c.id)).toEqual(ECHO);
      expect(c.messages.find((m) => m.type === 'close' && m.from === 'client')).toMatchObject({
        closeCode: 1000,
        closeReason: 'bye',
      });
      expect(c.violations).toEqual([]);
      expect(c.tcp).toMatchObject({ retransmissions: 0, outOfOrder: 0, gaps: 0 });
      expect(a.connections.some((x) => x.kind === 'http' && x.http[0]?.startLine === 'GET /lab/status HTTP/1.1')).toBe(
        true,
      );
    });
  }

  it('chromium-ipv4.pcap: each message names the packet tshark shows its frame in', () => {
    const a = analyseCapture(captureBytes('chromium-ipv4.pcap'));
    const c = a.connections.find((x) => x.kind === 'websocket')!;
    // tshark -r chromium-ipv4.pcap -Y websocket -T fields -e frame.number -e websocket.opcode
    let expected = '18 1\n19 1\n20 2\n21 2\n22 8\n23 8';
    try {
      expected = execFileSync(
        'tshark',
        [
          '-r',
          join(CAPTURES, 'chromium-ipv4.pcap'),
          '-Y',
          'websocket',
          '-T',
          'fields',
          '-e',
          'frame.number',
          '-e',
          'websocket.opcode',
        ],
        { encoding: 'utf8' },
      )
        .trim()
        .replace(/\t/g, ' ');
    } catch {
      // no tshark: the values above are what it printed when the file was made
    }
    const opcode = { text: 1, binary: 2, close: 8, ping: 9, pong: 10 };
    expect(c.messages.map((m) => `${m.packet} ${opcode[m.type]}`).join('\n')).toBe(expected);
  });

  it("keeps each message's first frame exactly as on the wire when asked (frameBytes)", () => {
    const file = captureBytes('chromium-ipv4.pcap');
    const c = analyseCapture(file, { frameBytes: 1024 }).connections.find((x) => x.kind === 'websocket')!;
    const reader = createPcapReader();
    const packets = [...reader.push(file).packets, ...reader.end().packets].map(decodePacket);
    for (const m of c.messages) {
      // Each of these frames came in a packet of its own: its TCP payload is the frame.
      const payload = packets[m.packet - 1]!.payload!;
      expect(m.frameHex).toBe(Array.from(payload, (x) => x.toString(16).padStart(2, '0')).join(''));
    }
    expect(analyseCapture(file).connections[1]!.messages[0]!.frameHex).toBeUndefined();
  });

  it('chromium-deflate.pcap: permessage-deflate negotiated with ws; messages marked compressed, wire bytes kept', () => {
    const a = analyseCapture(captureBytes('chromium-deflate.pcap'));
    const c = a.connections.find((x) => x.kind === 'websocket')!;
    expect(c.websocket).toMatchObject({ deflate: true, extensions: 'permessage-deflate', acceptValid: true });
    const texts = c.messages.filter((m) => m.type === 'text');
    // Chromium's deflated "Hello" is byte for byte the example of RFC 7692 §7.2.3.1.
    expect(texts.map((m) => [m.from, m.compressed, m.inflated, m.hex])).toEqual([
      ['client', true, false, 'f2 48 cd c9 c9 07 00'],
      ['server', true, false, 'f2 48 cd c9 c9 07 00'],
    ]);
    expect(c.violations).toEqual([]);
  });

  it('chromium-deflate.pcap inflated with the codec: the messages as the applications received them', () => {
    const a = analyseCapture(captureBytes('chromium-deflate.pcap'), { inflate: captureInflaters(pakoBackend) });
    const c = a.connections.find((x) => x.kind === 'websocket')!;
    const data = c.messages.filter((m) => m.type === 'text' || m.type === 'binary');
    expect(data.map((m) => [m.from, m.type, m.inflated, m.length, m.wireLength, m.text ?? m.hex])).toEqual([
      ['client', 'text', true, 5, 7, 'Hello'],
      ['server', 'text', true, 5, 7, 'Hello'],
      ['client', 'binary', true, 6, expect.any(Number), '00 01 02 03 fe ff'],
      ['server', 'binary', true, 6, expect.any(Number), '00 01 02 03 fe ff'],
    ]);
    expect(c.violations).toEqual([]);
  });

  it('chromium-deflate-context.pcap: a message compressed against the one before does not inflate alone', () => {
    const a = analyseCapture(captureBytes('chromium-deflate-context.pcap'), {
      inflate: captureInflaters(pakoBackend),
      frameBytes: 1024,
    });
    const c = a.connections.find((x) => x.kind === 'websocket')!;
    expect(c.websocket).toMatchObject({ deflate: true, extensions: 'permessage-deflate' });
    const data = c.messages.filter((m) => m.type !== 'close');
    expect(data.map((m) => [m.from, m.text ?? m.hex, m.inflatesAlone])).toEqual([
      ['client', 'Hello', true],
      ['server', 'Hello', true],
      ['client', 'Hello', false],
      ['server', 'Hello', false],
      ['client', '00 01 02 03 fe ff', true],
      ['server', '00 01 02 03 fe ff', true],
    ]);
    // ws's second "Hello" is byte for byte the context-takeover example of RFC 7692 §7.2.3.2.
    expect(data[3]!.frameHex).toBe('c105f200110000');
    expect(c.violations).toEqual([]);
    // Without frames kept for links, nothing extra is inflated and nothing is claimed.
    const plain = analyseCapture(captureBytes('chromium-deflate-context.pcap'), {
      inflate: captureInflaters(pakoBackend),
    });
    expect(plain.connections.find((x) => x.kind === 'websocket')!.messages.some((m) => 'inflatesAlone' in m)).toBe(
      false,
    );
  });

  it('a corrupt compressed message is reported, not inflated', () => {
    const broken = captureInflaters(pakoBackend)({ from: 'client', params: [] })!;
    const r = broken.inflate(Uint8Array.of(0xff, 0xff, 0xff), true);
    expect(r.ok).toBe(false);
    expect(
      captureInflaters(pakoBackend)({ from: 'client', params: [{ name: 'server_max_window_bits', value: '99' }] }),
    ).toBe(undefined);
  });

  it('chromium-large.pcap: a 3000-byte message over four segments, kept as a preview and its length', () => {
    const a = analyseCapture(captureBytes('chromium-large.pcap'), { previewBytes: 64 });
    const c = a.connections.find((x) => x.kind === 'websocket')!;
    const big = c.messages.filter((m) => m.length === 3000);
    expect(big.map((m) => m.from)).toEqual(['client', 'server']);
    expect(big[0]).toMatchObject({ packet: 22, wireLength: 3000, frames: 1, cut: true });
    expect(big[0]!.text).toBe('line 000 of a message bigger than one segment\nline 001 of a mess');
    const full = analyseCapture(captureBytes('chromium-large.pcap'), { previewBytes: Infinity });
    const text = full.connections.find((x) => x.kind === 'websocket')!.messages.find((m) => m.length === 3000)!.text!;
    expect(text).toHaveLength(3000);
    expect(text.split('\n')[40]).toBe('line 040 of a message bigger than one segment');
  });

  it('chromium-reordered.pcap: reordered and duplicated segments give the same messages, counted as such', () => {
    const plain = analyseCapture(captureBytes('chromium-large.pcap'), { previewBytes: Infinity });
    const a = analyseCapture(captureBytes('chromium-reordered.pcap'), { previewBytes: Infinity });
    const c = a.connections.find((x) => x.kind === 'websocket')!;
    const p = plain.connections.find((x) => x.kind === 'websocket')!;
    const key = (ms: typeof c.messages): string[] =>
      ms.map((m) => `${m.from} ${m.type} ${m.length} ${m.text ?? m.hex}`).sort();
    expect(key(c.messages)).toEqual(key(p.messages));
    expect(c.tcp).toMatchObject({ retransmissions: 1, outOfOrder: 1, gaps: 0 });
    expect(c.notes.filter((n) => n.kind === 'out-of-order' || n.kind === 'retransmission').map((n) => n.kind)).toEqual([
      'out-of-order',
      'retransmission',
    ]);
    expect(c.violations).toEqual([]);
  });

  it('chromium-large.pcap cut to a 600-byte snap length: packets reported cut, decoding goes on after them', () => {
    const reader = createPcapReader();
    const packets = [...reader.push(captureBytes('chromium-large.pcap')).packets, ...reader.end().packets];
    const cut = pcapFile(
      packets.map((p) => ({
        data: p.data.subarray(0, 600),
        seconds: p.seconds,
        fraction: p.nanoseconds / 1000,
        originalLength: p.originalLength,
      })),
      { snapLength: 600 },
    );
    const a = analyseCapture(cut);
    expect(a.cutPackets).toBeGreaterThan(0);
    const c = a.connections.find((x) => x.websocket !== null)!;
    expect(c.notes.some((n) => n.kind === 'snaplen')).toBe(true);
    // The 3000-byte message lost 466 bytes of each of its three 1000-byte segments (1066-byte packets cut
    // to 600), and the server's one 3070-byte packet lost 2470; lengths are known, so every frame after is read.
    expect(summary(a, c.id).map((s) => s.replace(/ ".*/, ''))).toEqual([
      'client text 5',
      'server text 5',
      'client binary 6',
      'server binary 6',
      'client text 3000',
      'server text 3000',
      'client close 5',
      'server close 2',
    ]);
    expect(c.messages.filter((m) => m.length === 3000).map((m) => m.missing)).toEqual([3 * 466, 2470]);
    expect(c.violations).toEqual([]);
  });
});

/** A hand-made conversation: sequence numbers computed, raw IP link type. */
function conversation(steps: Array<{ from: 'c' | 's'; flags?: number; payload?: string | Uint8Array }>): Uint8Array {
  const seq = { c: 1000, s: 5000 };
  const packets = steps.map((s) => {
    const payload = typeof s.payload === 'string' ? enc.encode(s.payload) : (s.payload ?? new Uint8Array(0));
    const flags = s.flags ?? 0x18;
    const other = s.from === 'c' ? 's' : 'c';
    const data = ipv4Tcp({
      src: s.from === 'c' ? '10.0.0.1' : '10.0.0.2',
      dst: s.from === 'c' ? '10.0.0.2' : '10.0.0.1',
      sport: s.from === 'c' ? 40000 : 80,
      dport: s.from === 'c' ? 80 : 40000,
      seq: seq[s.from],
      ack: seq[other],
      flags,
      payload,
    });
    seq[s.from] += payload.length + (flags & 0x02 ? 1 : 0) + (flags & 0x01 ? 1 : 0);
    return { data };
  });
  return pcapFile(packets, { linkType: LinkType.Raw });
}

const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const REQUEST = `GET /chat HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`;
const masked = (opcode: number, text: string): Uint8Array => {
  const p = enc.encode(text);
  return Uint8Array.from([0x80 | opcode, 0x80 | p.length, 0, 0, 0, 0, ...p]);
};

describe('the conversation analyser', () => {
  it('a capture that began after the upgrade: frames recognised by their shape, the masked side is the client', () => {
    // Two real Chromium packets pasted as tcpdump -X text (content/captures/chromium-loopback.ts).
    const text = `${HELLO_SUMMARY}\n${HELLO_TCPDUMP_X}\n${TEXT_FRAME_TCPDUMP_X}\n`;
    const a = analyseCapture(enc.encode(text));
    const c = a.connections[0]!;
    expect(c).toMatchObject({
      kind: 'websocket',
      clientBy: 'mask',
      client: '127.0.0.1:33834',
      server: '127.0.0.1:18932',
    });
    expect(c.websocket).toMatchObject({ handshakeSeen: false, request: null });
    expect(summary(a, 1)).toEqual(['client text 5 "Hello"', 'server text 19 "cafe dead "']);
    expect(c.violations).toEqual([]);
  });

  it('bytes that are neither HTTP, TLS nor frames stay "other"', () => {
    const a = analyseCapture(conversation([{ from: 'c', payload: 'SSH-2.0-OpenSSH_9.2\r\n' }]));
    expect(a.connections[0]!.kind).toBe('other');
  });

  it('names the packet and offset of each violation: an unmasked client frame', () => {
    const a = analyseCapture(
      conversation([
        { from: 'c', flags: 0x02 },
        { from: 's', flags: 0x12 },
        { from: 'c', payload: REQUEST },
        {
          from: 's',
          payload: `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${computeAcceptKeySync(KEY)}\r\n\r\n`,
        },
        { from: 'c', payload: masked(1, 'ok') },
        { from: 'c', payload: Uint8Array.from([0x81, 0x02, 0x68, 0x69]) },
      ]),
    );
    const c = a.connections[0]!;
    expect(c.websocket?.acceptValid).toBe(true);
    expect(c.violations).toMatchObject([
      { id: 'UNMASKED_CLIENT_FRAME', code: 1002, from: 'client', packet: 6, offset: REQUEST.length + 9 },
    ]);
    expect(summary(a, 1)).toEqual(['client text 2 "ok"', 'client text 2 "hi"']);
  });

  it('keeps every frame of a fragmented message that fits (frameBytes), and only a prefix otherwise', () => {
    // "Hel" + "lo" in two masked frames (RFC 6455 §5.4: text, then a final continuation), a ping between them.
    const first = Uint8Array.from([0x01, 0x83, 0, 0, 0, 0, ...enc.encode('Hel')]);
    const ping = Uint8Array.from([0x89, 0x80, 0, 0, 0, 0]);
    const last = Uint8Array.from([0x80, 0x82, 0, 0, 0, 0, ...enc.encode('lo')]);
    const file = conversation([
      { from: 'c', flags: 0x02 },
      { from: 's', flags: 0x12 },
      { from: 'c', payload: REQUEST },
      {
        from: 's',
        payload: `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${computeAcceptKeySync(KEY)}\r\n\r\n`,
      },
      { from: 'c', payload: first },
      { from: 'c', payload: ping },
      { from: 'c', payload: last },
    ]);
    const hexOf = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    const text = (frameBytes: number) =>
      analyseCapture(file, { frameBytes }).connections[0]!.messages.find((m) => m.type === 'text')!;
    expect(text(1024)).toMatchObject({
      frames: 2,
      framesInHex: 2,
      frameHex: hexOf(first) + hexOf(last),
      text: 'Hello',
    });
    expect(text(10)).toMatchObject({ frames: 2, framesInHex: 1, frameHex: hexOf(first) });
    expect(text(8).frameHex).toBeUndefined();
  });

  it('checks the 101: accept key, and an extension or subprotocol the client never offered', () => {
    const a = analyseCapture(
      conversation([
        { from: 'c', payload: REQUEST },
        {
          from: 's',
          payload:
            'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: AAAAAAAAAAAAAAAAAAAAAAAAAAA=\r\nSec-WebSocket-Extensions: permessage-deflate\r\nSec-WebSocket-Protocol: chat\r\n\r\n',
        },
      ]),
    );
    const c = a.connections[0]!;
    expect(c.clientBy).toBe('http');
    expect(c.websocket?.acceptValid).toBe(false);
    expect(c.websocket?.responseProblems.map((p) => p.id)).toEqual([
      'RESPONSE_ACCEPT_MISMATCH',
      'RESPONSE_EXTENSION_NOT_OFFERED',
      'RESPONSE_PROTOCOL_NOT_OFFERED',
    ]);
  });

  it('marks compressed messages and hands them to an inflater when one is given (the permessage-deflate seam)', () => {
    const req = REQUEST.replace(
      '\r\n\r\n',
      '\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n',
    );
    const steps = [
      { from: 'c' as const, payload: req },
      {
        from: 's' as const,
        payload: `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${computeAcceptKeySync(KEY)}\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n`,
      },
      // "Hello" deflated, as RFC 7692 §7.2.3.1 gives it: c1 07 f2 48 cd c9 c9 07 00
      { from: 's' as const, payload: Uint8Array.of(0xc1, 0x07, 0xf2, 0x48, 0xcd, 0xc9, 0xc9, 0x07, 0x00) },
    ];
    const plain = analyseCapture(conversation(steps)).connections[0]!;
    expect(plain.websocket?.deflate).toBe(true);
    expect(plain.messages[0]).toMatchObject({
      from: 'server',
      type: 'text',
      compressed: true,
      inflated: false,
      wireLength: 7,
      hex: 'f2 48 cd c9 c9 07 00',
    });
    const seen: string[] = [];
    const withHook = analyseCapture(conversation(steps), {
      inflate: ({ from, params }) => {
        seen.push(`${from} ${params.map((p) => p.name).join(',')}`);
        return { inflate: (_payload, final) => ({ ok: true, bytes: final ? enc.encode('Hello') : new Uint8Array(0) }) };
      },
    }).connections[0]!;
    expect(seen.sort()).toEqual(['client ', 'server ']);
    expect(withHook.messages[0]).toMatchObject({
      text: 'Hello',
      length: 5,
      wireLength: 7,
      compressed: true,
      inflated: true,
    });
  });

  it('chromium-wss.pcap: a real wss:// conversation is TLS, named with the version the ServerHello chose', () => {
    const a = analyseCapture(captureBytes('chromium-wss.pcap'));
    // tshark -r chromium-wss.pcap -Y tls.handshake.type==2 -T fields -e tls.handshake.extensions.supported_version
    // prints 0x0304 for both ServerHellos; the ClientHello records say 0x0301.
    expect(a.connections.map((c) => [c.kind, c.tls?.from, c.tls?.version, c.messages.length])).toEqual([
      ['tls', 'client', 'TLS 1.3', 0],
      ['tls', 'client', 'TLS 1.3', 0],
    ]);
    expect(a.connections.every((c) => c.websocket === null && c.violations.length === 0)).toBe(true);
  });

  it('recognises TLS and names it', () => {
    const hello = Uint8Array.from([0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x03]);
    const a = analyseCapture(
      conversation([
        { from: 'c', flags: 0x02 },
        { from: 's', flags: 0x12 },
        { from: 'c', payload: hello },
      ]),
    );
    expect(a.connections[0]).toMatchObject({ kind: 'tls', tls: { from: 'client', version: 'TLS 1.0', packet: 3 } });
  });

  it('reads HTTP bodies by Content-Length and chunked coding, then the next head', () => {
    const a = analyseCapture(
      conversation([
        { from: 'c', payload: 'POST /a HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /b HTTP/1.1\r\n\r\n' },
        {
          from: 's',
          payload:
            'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n',
        },
      ]),
    );
    expect(a.connections[0]!.http.map((h) => `${h.from}: ${h.startLine}`)).toEqual([
      'client: POST /a HTTP/1.1',
      'client: GET /b HTTP/1.1',
      'server: HTTP/1.1 200 OK',
      'server: HTTP/1.1 204 No Content',
    ]);
  });

  it('a refused upgrade stays HTTP', () => {
    const a = analyseCapture(
      conversation([
        { from: 'c', payload: REQUEST },
        { from: 's', payload: 'HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n' },
      ]),
    );
    expect(a.connections[0]).toMatchObject({
      kind: 'http',
      websocket: { upgraded: false, response: 'HTTP/1.1 400 Bad Request' },
    });
  });
});

describe('the analyser never throws', () => {
  it('on mutated real captures', async () => {
    const fc = (await import('fast-check')).default;
    const seed = Date.now() ^ (Math.random() * 0x7fffffff);
    console.log(`analyser fuzz seed ${seed}`);
    const files = ['chromium-ipv4.pcap', 'chromium-large.pcap'].map(captureBytes);
    fc.assert(
      fc.property(
        fc.nat(files.length - 1),
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 6 }),
        (which, edits) => {
          const b = files[which]!.slice();
          // Edits land past the file header, mostly in packet bytes.
          for (const [at, v] of edits) b[24 + (at % (b.length - 24))] = v;
          analyseCapture(b);
        },
      ),
      { seed, numRuns: 300 },
    );
  });
});
