// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InspectHandshake } from '../../../src/lab-protocol/messages';
import { encodeFrame, toHex } from '../../../src/protocol';
import LabConsole from '../../../src/widgets/lab-console/LabConsole';
import { FakeSocket, frameReport, serverFrameReport } from './fakes';

/** The upgrade request Chromium sent to the lab (shape of test/e2e/lab-inspect.test.ts), key from RFC 6455 §1.3. */
const HANDSHAKE: InspectHandshake = {
  lab: 'inspect',
  type: 'handshake',
  t: 0,
  receivedAt: 1_700_000_000_000,
  requestHead:
    'GET /lab/ws/inspect HTTP/1.1\r\nHost: 127.0.0.1:8787\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
    'Origin: http://127.0.0.1:8787\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
  exact: true,
  responseHead:
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n',
  remote: { address: '127.0.0.1', port: 50123 },
};

const KEY = Uint8Array.of(0x37, 0xfa, 0x21, 0x3d);
const factory = (url: string) => new FakeSocket(url);
const socket = (): FakeSocket => FakeSocket.all.at(-1)!;

beforeEach(() => {
  FakeSocket.all = [];
});
afterEach(() => cleanup());

function connectAndOpen(): FakeSocket {
  fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
  const s = socket();
  act(() => s.open());
  return s;
}

describe('LabConsole', () => {
  it('does not connect until the reader presses Connect', () => {
    render(<LabConsole socketFactory={factory} />);
    expect(FakeSocket.all).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toMatch(/Nothing is sent until you press Connect/);
    // Inside a disabled fieldset until a connection is open.
    expect(screen.getByRole('button', { name: 'Send text' }).matches(':disabled')).toBe(true);
  });

  it('proposes the page’s own origin first (the lab serves the page), and connects there', () => {
    render(<LabConsole socketFactory={factory} />);
    expect((screen.getByLabelText('Lab address') as HTMLInputElement).value).toBe(
      `ws://${location.host}/lab/ws/inspect`,
    );
    connectAndOpen();
    expect(socket().url).toBe(`ws://${location.host}/lab/ws/inspect`);
    expect(screen.getByRole('status').textContent).toMatch(/^ Connected to ws:/);
  });

  it('shows the browser’s upgrade request and its masked frame, decoded by the codec', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    fireEvent.click(screen.getByRole('button', { name: 'Send text' }));
    expect(s.sent).toEqual(['Hello']);
    act(() => {
      s.receive(JSON.stringify(HANDSHAKE));
      s.receive(JSON.stringify(frameReport(0)));
      s.receive(JSON.stringify(serverFrameReport(0, '810548656c6c6f')));
      s.receive('Hello');
    });
    expect(screen.getByLabelText('Request head').textContent).toContain('Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==');
    expect(screen.getByRole('link', { name: 'Check it step by step' }).getAttribute('href')).toBe(
      '/tools/accept-key/#key=dGhlIHNhbXBsZSBub25jZQ%3D%3D&accept=s3pPLMBiTxaQ9kYGzzhZRbK%2BxOo%3D',
    );
    const frame = screen.getByRole('article', { name: 'Frame 1 from your browser' });
    expect(within(frame).getByText(/Browser → lab, frame 1: Text frame, 5 bytes, masked/)).toBeTruthy();
    const bytes = within(frame).getByRole('group', { name: /Bytes of frame 1 from your browser/ });
    expect(Array.from(bytes.querySelectorAll('.wn-hex-byte'), (e) => e.textContent).join(' ')).toBe(
      '81 85 37 fa 21 3d 7f 9f 4d 51 58',
    );
    const payload = frame.querySelector('.wn-lab-payload')!;
    expect(payload.textContent).toBe('Mask key 37 fa 21 3d; payload unmasked: Hello');
    // The echo, as the bytes the lab reported writing: an unmasked frame.
    const echo = screen.getByRole('article', { name: 'Text message from the lab' });
    expect(within(echo).getByText(/bytes the lab wrote to its socket for this one/)).toBeTruthy();
    const echoBytes = within(echo).getByRole('group', { name: /Bytes of the lab’s frame/ });
    expect(Array.from(echoBytes.querySelectorAll('.wn-hex-byte'), (e) => e.textContent).join(' ')).toBe(
      '81 05 48 65 6c 6c 6f',
    );
    expect(echo.querySelector('.wn-lab-payload')!.textContent).toBe('Payload: Hello');
  });

  it('shows RSV1 and the inflated text of a compressed frame when permessage-deflate was accepted', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    // RFC 7692 §7.2.3.1's compressed "Hello" (f2 48 cd c9 c9 07 00), RSV1 set, masked with RFC 6455 §5.7's key.
    const compressedHello = 'c18737fa213dc5b2ecf4fefd21';
    act(() => {
      s.receive(JSON.stringify({ ...HANDSHAKE, extension: 'permessage-deflate' }));
      s.receive(JSON.stringify(frameReport(0, compressedHello)));
      s.receive(
        JSON.stringify({
          lab: 'inspect',
          type: 'message',
          seq: 0,
          opcode: 1,
          compressedLength: 7,
          length: 5,
          hex: '48656c6c6f',
          truncated: false,
          t: 2,
        }),
      );
    });
    expect(screen.getByText(/Extension accepted/).textContent).toContain('permessage-deflate');
    const frame = screen.getByRole('article', { name: 'Frame 1 from your browser' });
    expect(within(frame).getByText(/frame 1: Text frame, 7 bytes, RSV1 \(compressed\), masked/)).toBeTruthy();
    expect(within(frame).queryByText(/The decoder reports/)).toBeNull();
    expect(frame.querySelector('[data-inflated]')!.textContent).toMatch(
      /7 bytes on the wire → 5 bytes of text: Hello$/,
    );
  });

  it('without the extension the same frame is a violation (RSV1, RFC 6455 §5.2)', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    act(() => {
      s.receive(JSON.stringify(HANDSHAKE));
      s.receive(JSON.stringify(frameReport(0, 'c18737fa213dc5b2ecf4fefd21')));
    });
    const frame = screen.getByRole('article', { name: 'Frame 1 from your browser' });
    expect(within(frame).getByText(/The decoder reports/)).toBeTruthy();
    expect(frame.textContent).toContain('RSV1 is set, but no extension was negotiated');
  });

  it('shows the lab’s real bytes, not the message re-encoded: a fragmented or odd frame stays as reported', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    // A lab that wrote "Hello" with a 16-bit length (non-minimal, §5.2) is shown as it wrote it, broken rule and all.
    act(() => {
      s.receive(JSON.stringify(serverFrameReport(0, '817e000548656c6c6f')));
      s.receive('Hello');
    });
    const echo = screen.getByRole('article', { name: 'Text message from the lab' });
    const bytes = within(echo).getByRole('group', { name: /Bytes of the lab’s frame/ });
    expect(Array.from(bytes.querySelectorAll('.wn-hex-byte'), (e) => e.textContent).join(' ')).toBe(
      '81 7e 00 05 48 65 6c 6c 6f',
    );
    expect(within(echo).getByText(/The decoder reports/)).toBeTruthy();
  });

  it('says when the lab reported only the first bytes of a long frame', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    act(() => {
      s.receive(
        JSON.stringify({
          ...serverFrameReport(0, '827f0000000000011170' + '00'.repeat(100)),
          length: 70_010,
          truncated: true,
        }),
      );
      s.receive(new Uint8Array(70_000).fill(0xfe).buffer);
    });
    const echo = screen.getByRole('article', { name: 'Binary message from the lab' });
    expect(
      within(echo).getByText(
        /This frame is 70,010 bytes long; the lab reported its first 110 bytes: 69,900 more bytes not shown\./,
      ),
    ).toBeTruthy();
    // The payload as the page received it: its first 200 bytes shown, the rest counted.
    expect(echo.querySelector('.wn-lab-payload')!.textContent).toMatch(/^(fe ){199}fe … 69,800 bytes more$/);
  });

  it('asks the lab for a Ping, refusing data over 125 bytes, and shows the Ping and the browser’s own Pong', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    const data = screen.getByLabelText('Ping data (text)');
    fireEvent.change(data, { target: { value: 'é'.repeat(63) } });
    expect(data.getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getByText(
        /The ping data is 126 bytes of UTF-8; a Ping carries at most 125, like every control frame \(RFC 6455 §5\.5\)/,
      ),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send ping' })).toHaveProperty('disabled', true);
    fireEvent.change(data, { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send ping' }));
    expect(s.sent).toEqual(['{"lab":"inspect","command":"ping","data":"Hello"}']);
    act(() => {
      // The command travels as a masked text frame like any message (key of RFC 6455 §5.7).
      s.receive(
        JSON.stringify(
          frameReport(
            0,
            toHex(encodeFrame({ opcode: 1, payload: s.sent[0] as string, maskKey: KEY }), { separator: '' }),
          ),
        ),
      );
      s.receive(JSON.stringify(serverFrameReport(0, '890548656c6c6f', 'ping')));
      s.receive(JSON.stringify(frameReport(1, '8a8537fa213d7f9f4d5158')));
    });
    expect(screen.getByRole('article', { name: 'Frame 1 from your browser' }).textContent).toContain(
      'payload unmasked: {"lab":"inspect"',
    );
    const ping = screen.getByRole('article', { name: 'Frame 1 from the lab' });
    expect(within(ping).getByText(/Lab → browser: Ping, 5 bytes/)).toBeTruthy();
    expect(within(ping).getByText(/the Ping you asked for/)).toBeTruthy();
    const pong = screen.getByRole('article', { name: 'Frame 2 from your browser' });
    expect(within(pong).getByText(/Browser → lab, frame 2: Pong, 5 bytes, masked/)).toBeTruthy();
    expect(within(pong).getByText(/Your browser sent this Pong by itself/)).toBeTruthy();
    expect(pong.querySelector('.wn-lab-payload')!.textContent).toBe('Mask key 37 fa 21 3d; payload unmasked: Hello');
  });

  it('lists a command the lab refused', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    act(() =>
      s.receive(
        JSON.stringify({
          lab: 'inspect',
          type: 'command-error',
          t: 1,
          command: 'ping',
          message: 'The ping data is 126 bytes.',
        }),
      ),
    );
    expect(screen.getByText('The lab refused the “ping” command: The ping data is 126 bytes.')).toBeTruthy();
  });

  it('sends binary from hex, refusing bad hex with the bad character marked', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    const hex = screen.getByLabelText('Binary message (hex)');
    fireEvent.change(hex, { target: { value: '01 0g' } });
    expect(hex.getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector('.wn-bad-char')!.textContent).toBe('g');
    expect(screen.getByRole('button', { name: 'Send binary' })).toHaveProperty('disabled', true);
    fireEvent.change(hex, { target: { value: 'de ad be ef' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send binary' }));
    expect(s.sent).toEqual([Uint8Array.of(0xde, 0xad, 0xbe, 0xef)]);
  });

  it('checks the close code before the browser would throw, then closes', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    const code = screen.getByLabelText('Code');
    fireEvent.change(code, { target: { value: '1001' } });
    expect(
      screen.getByText(/1001 \(Going Away\) is valid on the wire, but a page may only send 1000 or 3000–4999/),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send close' })).toHaveProperty('disabled', true);
    fireEvent.change(code, { target: { value: '4000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send close' }));
    expect(s.closed).toEqual([[4000, 'done']]);
    act(() => s.end(4000, 'done'));
    expect(screen.getByText(/a clean closing handshake/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect' })).toHaveProperty('disabled', false);
  });

  it('lists frames oldest first, one folded row each, with the page’s notes and the lab command set apart', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    fireEvent.click(screen.getByRole('button', { name: 'Send text' }));
    fireEvent.click(screen.getByRole('button', { name: 'Send ping' }));
    act(() => {
      s.receive(JSON.stringify(frameReport(0)));
      s.receive(JSON.stringify(serverFrameReport(0, '810548656c6c6f')));
      s.receive('Hello');
      s.receive(
        JSON.stringify(
          frameReport(
            1,
            toHex(encodeFrame({ opcode: 1, payload: s.sent[1] as string, maskKey: KEY }), { separator: '' }),
          ),
        ),
      );
    });
    const rows = Array.from(document.querySelectorAll('.wn-lab-entries > li'), (li) => li.getAttribute('data-entry'));
    expect(rows).toEqual(['info', 'sent', 'sent', 'client-frame', 'server-message', 'client-frame']);
    // Each frame is one row: its bytes stay folded until the reader opens it.
    const first = screen.getByRole('article', { name: 'Frame 1 from your browser' });
    const fold = first.querySelector('details')!;
    expect(fold.open).toBe(false);
    fireEvent.click(fold.querySelector('summary')!);
    expect(fold.open).toBe(true);
    // Notes name who wrote them; the ping command is marked as addressed to the lab.
    const notes = Array.from(document.querySelectorAll('.wn-lab-entry.is-note .wn-lab-tag'), (t) => t.textContent);
    expect(notes).toEqual(['connection', 'page', 'page']);
    const command = screen.getByRole('article', { name: 'Frame 2 from your browser' });
    expect(command.classList.contains('is-command')).toBe(true);
    expect(within(command).getByText('lab command')).toBeTruthy();
    expect(first.classList.contains('is-command')).toBe(false);
  });

  it('shows the reader’s own Close as a frame from the browser', () => {
    render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    fireEvent.change(screen.getByLabelText('Code'), { target: { value: '4000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send close' }));
    const close = screen.getByRole('article', { name: 'Close frame from your browser' });
    expect(within(close).getByText('Browser → lab: Close with code 4000, reason “done”')).toBeTruthy();
    act(() => s.end(4000, 'done'));
    const rows = Array.from(document.querySelectorAll('.wn-lab-entries > li'), (li) => li.getAttribute('data-entry'));
    expect(rows).toEqual(['info', 'sent-close', 'closed']);
  });

  it('says how to start the lab when no address answers', () => {
    render(<LabConsole socketFactory={factory} />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    act(() => socket().refuse());
    act(() => socket().refuse());
    expect(FakeSocket.all.map((f) => f.url)).toEqual([
      `ws://${location.host}/lab/ws/inspect`,
      'ws://127.0.0.1:8787/lab/ws/inspect',
    ]);
    const help = screen.getByRole('alert');
    expect(help.textContent).toContain('No lab answered');
    expect(within(help).getByText('npm install && npm start')).toBeTruthy();
  });

  it('keeps only the last entries', () => {
    render(<LabConsole socketFactory={factory} maxEntries={3} />);
    const s = connectAndOpen();
    act(() => {
      for (let i = 0; i < 5; i++) s.receive(JSON.stringify(frameReport(i)));
    });
    expect(screen.getAllByRole('article')).toHaveLength(3);
    expect(screen.getByText(/3 older entries dropped: the console keeps the last 3/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(screen.queryAllByRole('article')).toHaveLength(0);
  });

  it('uses an explicit address when given one', () => {
    render(<LabConsole socketFactory={factory} url="ws://127.0.0.1:9999/lab/ws/inspect" />);
    connectAndOpen();
    expect(socket().url).toBe('ws://127.0.0.1:9999/lab/ws/inspect');
  });

  it('closes its socket when it goes away', () => {
    const { unmount } = render(<LabConsole socketFactory={factory} />);
    const s = connectAndOpen();
    unmount();
    expect(s.closed).toEqual([[1000, 'page closed the console']]);
  });
});
