// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InspectHandshake } from '../../src/lab-client/messages';
import LabConsole from '../../src/widgets/lab-console/LabConsole';
import { FakeSocket, frameReport } from './lab-console-fakes';

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
    expect((screen.getByLabelText('Lab address') as HTMLInputElement).value).toBe(`ws://${location.host}/lab/ws/inspect`);
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
      s.receive('Hello');
    });
    expect(screen.getByLabelText('Request head').textContent).toContain('Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==');
    expect(screen.getByRole('link', { name: 'Check it step by step' }).getAttribute('href')).toBe(
      '/tools/accept-key/#key=dGhlIHNhbXBsZSBub25jZQ%3D%3D&accept=s3pPLMBiTxaQ9kYGzzhZRbK%2BxOo%3D',
    );
    const frame = screen.getByRole('article', { name: 'Frame 1 from your browser' });
    expect(within(frame).getByText(/Browser → lab, frame 1: Text frame, 5 bytes, masked/)).toBeTruthy();
    const bytes = within(frame).getByRole('group', { name: /Bytes of frame 1 from your browser/ });
    expect(Array.from(bytes.querySelectorAll('.wn-hex-byte'), (e) => e.textContent).join(' ')).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58');
    const payload = frame.querySelector('.wn-lab-payload')!;
    expect(payload.textContent).toBe('Mask key 37 fa 21 3d; payload unmasked: Hello');
    // The echo, as the lab's unmasked frame.
    const echo = screen.getByRole('article', { name: 'Text message from the lab' });
    const echoBytes = within(echo).getByRole('group', { name: /Bytes of the lab’s frame/ });
    expect(Array.from(echoBytes.querySelectorAll('.wn-hex-byte'), (e) => e.textContent).join(' ')).toBe('81 05 48 65 6c 6c 6f');
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
    expect(screen.getByText(/1001 \(Going Away\) is valid on the wire, but a page may only send 1000 or 3000–4999/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Send close' })).toHaveProperty('disabled', true);
    fireEvent.change(code, { target: { value: '4000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send close' }));
    expect(s.closed).toEqual([[4000, 'done']]);
    act(() => s.end(4000, 'done'));
    expect(screen.getByText(/a clean closing handshake/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connect' })).toHaveProperty('disabled', false);
  });

  it('says how to start the lab when no address answers', () => {
    render(<LabConsole socketFactory={factory} />);
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    act(() => socket().refuse());
    act(() => socket().refuse());
    expect(FakeSocket.all.map((f) => f.url)).toEqual([`ws://${location.host}/lab/ws/inspect`, 'ws://127.0.0.1:8787/lab/ws/inspect']);
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
