import { describe, expect, it } from 'vitest';
import {
  parseInspectCommand,
  type InspectCommandError,
  type InspectHandshake,
  type InspectViolation,
} from '../../../src/lab-protocol/messages';
import { connectLab } from '../../../src/widgets/lab-console/connection';
import { FakeSocket, frameReport, serverFrameReport } from './fakes';
import {
  checkCloseRequest,
  consoleReducer,
  INITIAL_CONSOLE,
  labSocketCandidates,
  truncationNote,
  type ConsoleEvent,
  type ConsoleState,
} from '../../../src/widgets/lab-console/model';

/** RFC 6455 §5.7: the unmasked Ping "Hello" a server sends, and the masked Pong a client answers with. */
const PING_HELLO_HEX = '890548656c6c6f';
const PONG_HELLO_HEX = '8a8537fa213d7f9f4d5158';

const run = (events: ConsoleEvent[], limit?: number): ConsoleState =>
  events.reduce((s, e) => consoleReducer(s, e, limit), INITIAL_CONSOLE);

describe('consoleReducer', () => {
  it('keeps the handshake report and decodes each reported client frame with the codec', () => {
    const handshake: InspectHandshake = {
      lab: 'inspect',
      type: 'handshake',
      t: 0,
      receivedAt: 0,
      requestHead: 'GET /lab/ws/inspect HTTP/1.1\r\n\r\n',
      exact: true,
      responseHead: 'HTTP/1.1 101 Switching Protocols\r\n\r\n',
      remote: { address: '127.0.0.1', port: 50000 },
    };
    const state = run([
      { type: 'connecting', url: 'ws://127.0.0.1:8787/lab/ws/inspect' },
      { type: 'open', url: 'ws://127.0.0.1:8787/lab/ws/inspect' },
      { type: 'message', data: JSON.stringify(handshake) },
      { type: 'message', data: JSON.stringify(frameReport(0)) },
    ]);
    expect(state.status).toBe('open');
    expect(state.handshake?.requestHead).toBe(handshake.requestHead);
    const entry = state.entries.at(-1)!;
    if (entry.kind !== 'client-frame') throw new Error(entry.kind);
    expect(entry.decoded.violations).toEqual([]);
    expect(entry.decoded.frames[0]).toMatchObject({ opcode: 1, masked: true, payloadLength: 5 });
    expect(new TextDecoder().decode(entry.decoded.frames[0]!.payload)).toBe('Hello');
  });

  it('gives the lab’s echo the bytes the lab reported writing for it, decoded as an unmasked frame', () => {
    const state = run([
      { type: 'message', data: JSON.stringify(serverFrameReport(0)) },
      { type: 'message', data: 'Hello' },
    ]);
    expect(state.entries).toHaveLength(1);
    expect(state.pendingEcho).toBeUndefined();
    const entry = state.entries[0]!;
    if (entry.kind !== 'server-message') throw new Error(entry.kind);
    // RFC 6455 §5.7: a single-frame unmasked text message "Hello" is 0x81 0x05 0x48 0x65 0x6c 0x6c 0x6f.
    expect(Array.from(entry.frame!.bytes)).toEqual([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
    expect(entry.frame!.decoded.violations).toEqual([]);
    expect(entry.frame!.decoded.frames[0]).toMatchObject({ opcode: 1, masked: false, payloadLength: 5 });
  });

  it('shows an echo without a report as a message only, and never invents its bytes', () => {
    const text = run([{ type: 'message', data: 'Hello' }]).entries[0]!;
    expect(text).toMatchObject({ kind: 'server-message', opcode: 1, length: 5 });
    expect(text).not.toHaveProperty('frame');
    const binary = run([{ type: 'message', data: new Uint8Array([1, 2, 3]).buffer }]).entries[0]!;
    expect(binary).toMatchObject({ kind: 'server-message', opcode: 2, length: 3 });
  });

  it('keeps at most 1 KiB of a large echo, copied out of the message', () => {
    const big = new Uint8Array(1 << 20);
    const entry = run([{ type: 'message', data: big.buffer }]).entries[0]!;
    if (entry.kind !== 'server-message') throw new Error(entry.kind);
    expect(entry.length).toBe(1 << 20);
    expect(entry.payload.buffer.byteLength).toBe(1024);
  });

  it('lists the lab’s control frames, and matches the browser’s Pong against the lab’s Ping (§5.5.3)', () => {
    const state = run([
      { type: 'message', data: JSON.stringify(serverFrameReport(0, PING_HELLO_HEX, 'ping')) },
      { type: 'message', data: JSON.stringify(frameReport(0, PONG_HELLO_HEX)) },
    ]);
    const [ping, pong] = state.entries;
    expect(ping).toMatchObject({ kind: 'server-frame', report: { cause: 'ping' } });
    if (ping?.kind !== 'server-frame') throw new Error(ping?.kind);
    expect(ping.decoded.frames[0]).toMatchObject({ opcode: 9, masked: false, payloadLength: 5 });
    expect(pong).toMatchObject({ kind: 'client-frame', answersPing: true });
    // Another Pong payload: not the answer to that Ping. A Pong with no Ping before: nothing to say.
    const other = consoleReducer(state, { type: 'message', data: JSON.stringify(frameReport(1, '8a8137fa213d56')) });
    expect(other.entries.at(-1)).toMatchObject({ kind: 'client-frame', answersPing: false });
    expect(
      run([{ type: 'message', data: JSON.stringify(frameReport(0, PONG_HELLO_HEX)) }]).entries[0],
    ).not.toHaveProperty('answersPing');
  });

  it('decodes a report cut at HEX_LIMIT to no frame, and says how much it left out', () => {
    const cut = { ...serverFrameReport(0, '827f0000000000011170', 'echo'), length: 70_010, truncated: true };
    const state = run([
      { type: 'message', data: JSON.stringify(cut) },
      { type: 'message', data: new Uint8Array(70_000).buffer },
    ]);
    const entry = state.entries[0]!;
    if (entry.kind !== 'server-message') throw new Error(entry.kind);
    expect(entry.frame!.decoded.frames).toEqual([]);
    expect(entry.frame!.decoded.needed).toBe(70_000);
    expect(truncationNote(70_010, 65_536)).toBe(
      'This frame is 70,010 bytes long; the lab reported its first 65,536 bytes: 4,474 more bytes not shown.',
    );
  });

  it('forgets a pending report and the last Ping on a new connection', () => {
    const state = run([
      { type: 'message', data: JSON.stringify(serverFrameReport(0, PING_HELLO_HEX, 'ping')) },
      { type: 'message', data: JSON.stringify(serverFrameReport(1)) },
      { type: 'connecting', url: 'ws://x' },
    ]);
    expect(state.pendingEcho).toBeUndefined();
    expect(state.lastPing).toBeUndefined();
  });

  it('lists a refused command', () => {
    const refused: InspectCommandError = {
      lab: 'inspect',
      type: 'command-error',
      t: 1,
      command: 'ping',
      message: 'too long',
    };
    expect(run([{ type: 'message', data: JSON.stringify(refused) }]).entries[0]).toMatchObject({
      kind: 'command-error',
      report: { message: 'too long' },
    });
  });

  it('lists the lab’s violation reports', () => {
    const violation: InspectViolation = {
      lab: 'inspect',
      type: 'violation',
      t: 3,
      id: 'UNMASKED_CLIENT_FRAME',
      code: 1002,
      rule: 'RFC 6455 §5.1',
      message: 'not masked',
      offset: 0,
    };
    expect(run([{ type: 'message', data: JSON.stringify(violation) }]).entries[0]).toMatchObject({
      kind: 'violation',
      report: { code: 1002 },
    });
  });

  it('keeps a bounded history and counts what it dropped', () => {
    const events: ConsoleEvent[] = Array.from({ length: 60 }, (_, i) => ({
      type: 'message',
      data: JSON.stringify(frameReport(i)),
    }));
    const state = run(events, 50);
    expect(state.entries).toHaveLength(50);
    expect(state.dropped).toBe(10);
    expect(state.entries[0]).toMatchObject({ kind: 'client-frame', report: { seq: 10 } });
    expect(consoleReducer(state, { type: 'clear' })).toMatchObject({ entries: [], dropped: 0 });
  });

  it('records the close event, and an unreachable lab', () => {
    const closed = run([{ type: 'close', code: 1000, reason: 'done', wasClean: true }]);
    expect(closed.status).toBe('closed');
    expect(closed.entries[0]).toMatchObject({ kind: 'closed', code: 1000, reason: 'done' });
    const down = run([{ type: 'unreachable', urls: ['ws://127.0.0.1:8787/lab/ws/inspect'] }]);
    expect(down).toMatchObject({
      status: 'unreachable',
      unreachable: { urls: ['ws://127.0.0.1:8787/lab/ws/inspect'] },
    });
  });
});

describe('where the lab is', () => {
  const page = (origin: string) => {
    const u = new URL(origin);
    return { protocol: u.protocol, hostname: u.hostname, origin: u.origin };
  };

  it('uses the page’s own origin when the lab serves it, then the default address', () => {
    expect(labSocketCandidates(page('http://127.0.0.1:4331'))).toEqual([
      'ws://127.0.0.1:4331/lab/ws/inspect',
      'ws://127.0.0.1:8787/lab/ws/inspect',
    ]);
    expect(labSocketCandidates(page('http://127.0.0.1:8787'))).toEqual(['ws://127.0.0.1:8787/lab/ws/inspect']);
  });

  it('goes straight to the default address from a public site, or to what the lab badge found', () => {
    expect(labSocketCandidates(page('https://notebook.example'))).toEqual(['ws://127.0.0.1:8787/lab/ws/inspect']);
    expect(labSocketCandidates(page('https://notebook.example'), 'http://localhost:9000')).toEqual([
      'ws://localhost:9000/lab/ws/inspect',
    ]);
    expect(labSocketCandidates(page('https://notebook.example'), null, 'ws://x/y')).toEqual(['ws://x/y']);
  });
});

describe('checkCloseRequest', () => {
  it('accepts what the WebSocket API sends: 1000 or 3000–4999, reason ≤ 123 bytes', () => {
    expect(checkCloseRequest('1000', 'done')).toEqual({ ok: true, code: 1000, reason: 'done' });
    expect(checkCloseRequest('4000', '')).toEqual({ ok: true, code: 4000 });
    expect(checkCloseRequest('', '')).toEqual({ ok: true });
    expect(checkCloseRequest('', 'bye')).toMatchObject({ ok: true, code: 1000, note: expect.stringContaining('1000') });
  });

  it('explains codes a page may not send, and over-long reasons', () => {
    expect(checkCloseRequest('1001', '')).toMatchObject({
      ok: false,
      message: expect.stringContaining('1001 (Going Away) is valid on the wire'),
    });
    expect(checkCloseRequest('1005', '')).toMatchObject({
      ok: false,
      message: expect.stringContaining('may not be sent at all'),
    });
    expect(checkCloseRequest('abc', '')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a status code'),
    });
    // 62 two-byte characters: 124 bytes.
    expect(checkCloseRequest('1000', 'é'.repeat(62))).toMatchObject({
      ok: false,
      message: expect.stringContaining('124 bytes'),
    });
    expect(checkCloseRequest('1000', 'é'.repeat(61) + 'a').ok).toBe(true);
  });
});

describe('connectLab', () => {
  it('tries the next address when one refuses, then reports unreachable', () => {
    FakeSocket.all = [];
    const events: ConsoleEvent[] = [];
    connectLab(
      ['ws://a/lab/ws/inspect', 'ws://b/lab/ws/inspect'],
      (url) => new FakeSocket(url),
      (e) => events.push(e),
    );
    FakeSocket.all[0]!.refuse();
    expect(FakeSocket.all.map((s) => s.url)).toEqual(['ws://a/lab/ws/inspect', 'ws://b/lab/ws/inspect']);
    FakeSocket.all[1]!.refuse();
    expect(events.map((e) => e.type)).toEqual(['connecting', 'connecting', 'unreachable']);
  });

  it('sends only when open, and turns API errors into events instead of throwing', () => {
    FakeSocket.all = [];
    const events: ConsoleEvent[] = [];
    const conn = connectLab(
      ['ws://a'],
      (url) => new FakeSocket(url),
      (e) => events.push(e),
    );
    conn.sendText('early');
    expect(events.at(-1)).toEqual({ type: 'error', text: 'Not connected: the text message was not sent.' });
    const socket = FakeSocket.all[0]!;
    socket.open();
    expect(socket.binaryType).toBe('arraybuffer');
    conn.sendText('Hello');
    conn.sendBinary(Uint8Array.of(1, 2));
    expect(socket.sent).toEqual(['Hello', Uint8Array.of(1, 2)]);
    socket.send = () => {
      throw new DOMException('boom', 'InvalidStateError');
    };
    conn.sendText('x');
    expect(events.at(-1)).toEqual({ type: 'error', text: 'the text message: boom' });
    conn.close(4000, 'bye');
    expect(socket.closed).toEqual([[4000, 'bye']]);
    socket.end(4000, 'bye');
    expect(events.at(-1)).toEqual({ type: 'close', code: 4000, reason: 'bye', wasClean: true });
  });

  it('sends the ping command as a text message the lab reads as one', () => {
    FakeSocket.all = [];
    const events: ConsoleEvent[] = [];
    const conn = connectLab(
      ['ws://a'],
      (url) => new FakeSocket(url),
      (e) => events.push(e),
    );
    const socket = FakeSocket.all[0]!;
    socket.open();
    conn.sendPing('Hello');
    expect(parseInspectCommand(socket.sent[0] as string)).toEqual({
      ok: true,
      command: { lab: 'inspect', command: 'ping', data: 'Hello' },
    });
    expect(events.at(-1)).toMatchObject({
      type: 'sent',
      text: expect.stringContaining('Ping carrying “Hello” (5 bytes)'),
    });
  });

  it('is silent after dispose', () => {
    FakeSocket.all = [];
    const events: ConsoleEvent[] = [];
    const conn = connectLab(
      ['ws://a'],
      (url) => new FakeSocket(url),
      (e) => events.push(e),
    );
    const socket = FakeSocket.all[0]!;
    socket.open();
    const count = events.length;
    conn.dispose();
    socket.receive('late');
    socket.end(1000, '');
    expect(events).toHaveLength(count);
    expect(socket.closed).toEqual([[1000, 'page closed the console']]);
  });
});
