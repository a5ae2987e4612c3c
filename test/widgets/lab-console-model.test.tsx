import { describe, expect, it } from 'vitest';
import type { InspectHandshake, InspectViolation } from '../../src/lab-client/messages';
import { connectLab } from '../../src/widgets/lab-console/connection';
import { FakeSocket, frameReport } from './lab-console-fakes';
import {
  checkCloseRequest,
  consoleReducer,
  INITIAL_CONSOLE,
  labSocketCandidates,
  unreachableHelp,
  type ConsoleEvent,
  type ConsoleState,
} from '../../src/widgets/lab-console/model';


const run = (events: ConsoleEvent[], limit?: number): ConsoleState => events.reduce((s, e) => consoleReducer(s, e, limit), INITIAL_CONSOLE);

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

  it('treats text that is not a report as the lab’s echo, and re-encodes it as the lab’s unmasked frame', () => {
    const state = run([{ type: 'message', data: 'Hello' }]);
    const entry = state.entries[0]!;
    if (entry.kind !== 'server-message') throw new Error(entry.kind);
    // RFC 6455 §5.7: a single-frame unmasked text message "Hello" is 0x81 0x05 0x48 0x65 0x6c 0x6c 0x6f.
    expect(Array.from(entry.frame!.bytes)).toEqual([0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f]);
    expect(entry.frame!.decoded.violations).toEqual([]);
    const binary = run([{ type: 'message', data: new Uint8Array([1, 2, 3]).buffer }]).entries[0]!;
    expect(binary).toMatchObject({ kind: 'server-message', opcode: 2, length: 3 });
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
    expect(run([{ type: 'message', data: JSON.stringify(violation) }]).entries[0]).toMatchObject({ kind: 'violation', report: { code: 1002 } });
  });

  it('keeps a bounded history and counts what it dropped', () => {
    const events: ConsoleEvent[] = Array.from({ length: 60 }, (_, i) => ({ type: 'message', data: JSON.stringify(frameReport(i)) }));
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
    expect(down).toMatchObject({ status: 'unreachable', unreachable: { urls: ['ws://127.0.0.1:8787/lab/ws/inspect'] } });
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
    expect(labSocketCandidates(page('https://notebook.example'), 'http://localhost:9000')).toEqual(['ws://localhost:9000/lab/ws/inspect']);
    expect(labSocketCandidates(page('https://notebook.example'), null, 'ws://x/y')).toEqual(['ws://x/y']);
  });

  it('says how to start the lab, and how to allow a page from another origin', () => {
    const fromLab = unreachableHelp(['ws://127.0.0.1:4331/lab/ws/inspect'], 'http://127.0.0.1:4331');
    expect(fromLab.start).toBe('npm install && npm start');
    expect(fromLab.allowOrigin).toBeUndefined();
    const fromSite = unreachableHelp(['ws://127.0.0.1:8787/lab/ws/inspect'], 'https://notebook.example');
    expect(fromSite.allowOrigin).toBe('npm start -- --allow-origin https://notebook.example');
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
    expect(checkCloseRequest('1001', '')).toMatchObject({ ok: false, message: expect.stringContaining('1001 (Going Away) is valid on the wire') });
    expect(checkCloseRequest('1005', '')).toMatchObject({ ok: false, message: expect.stringContaining('may not be sent at all') });
    expect(checkCloseRequest('abc', '')).toMatchObject({ ok: false, message: expect.stringContaining('not a status code') });
    // 62 two-byte characters: 124 bytes.
    expect(checkCloseRequest('1000', 'é'.repeat(62))).toMatchObject({ ok: false, message: expect.stringContaining('124 bytes') });
    expect(checkCloseRequest('1000', 'é'.repeat(61) + 'a').ok).toBe(true);
  });
});

describe('connectLab', () => {
  it('tries the next address when one refuses, then reports unreachable', () => {
    FakeSocket.all = [];
    const events: ConsoleEvent[] = [];
    connectLab(['ws://a/lab/ws/inspect', 'ws://b/lab/ws/inspect'], (url) => new FakeSocket(url), (e) => events.push(e));
    FakeSocket.all[0]!.refuse();
    expect(FakeSocket.all.map((s) => s.url)).toEqual(['ws://a/lab/ws/inspect', 'ws://b/lab/ws/inspect']);
    FakeSocket.all[1]!.refuse();
    expect(events.map((e) => e.type)).toEqual(['connecting', 'connecting', 'unreachable']);
  });

  it('sends only when open, and turns API errors into events instead of throwing', () => {
    FakeSocket.all = [];
    const events: ConsoleEvent[] = [];
    const conn = connectLab(['ws://a'], (url) => new FakeSocket(url), (e) => events.push(e));
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

  it('is silent after dispose', () => {
    FakeSocket.all = [];
    const events: ConsoleEvent[] = [];
    const conn = connectLab(['ws://a'], (url) => new FakeSocket(url), (e) => events.push(e));
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
