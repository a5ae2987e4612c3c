// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { isValidClientKey } from '../../../src/protocol';
import AcceptKeyCalculator from '../../../src/widgets/accept-key/AcceptKeyCalculator';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

const keyBox = (): HTMLTextAreaElement => screen.getByLabelText(/^Sec-WebSocket-Key, or a whole upgrade request/);
const acceptOutput = (): HTMLElement => document.querySelector('[data-step="accept"]')!;

describe('AcceptKeyCalculator', () => {
  it('computes the RFC 6455 §1.3 example, showing every step', async () => {
    render(<AcceptKeyCalculator />);
    await waitFor(() => expect(acceptOutput().textContent).toBe('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='));
    expect(document.querySelector('[data-step="concatenated"]')!.textContent).toBe(
      'dGhlIHNhbXBsZSBub25jZQ==258EAFA5-E914-47DA-95CA-C5AB0DC85B11',
    );
    // SHA-1 of the 60 bytes, as listed in RFC 6455 §1.3 (0xb3 0x7a 0x4f 0x2c …).
    expect(document.querySelector('[data-step="sha1"]')!.textContent).toBe(
      'b3 7a 4f 2c c0 62 4f 16 90 f6 46 06 cf 38 59 45 b2 be c4 ea',
    );
    expect(screen.getByText(/the sample nonce/)).toBeTruthy();
    expect(screen.getByText(/60 bytes of ASCII/)).toBeTruthy();
  });

  it('generates a valid 16-byte key and computes its accept value', async () => {
    render(<AcceptKeyCalculator />);
    fireEvent.click(screen.getByRole('button', { name: 'Generate a key' }));
    const key = keyBox().value;
    expect(key).not.toBe('dGhlIHNhbXBsZSBub25jZQ==');
    expect(isValidClientKey(key).valid).toBe(true);
    await waitFor(() => expect(acceptOutput().textContent).toMatch(/^Sec-WebSocket-Accept: [A-Za-z0-9+/]{27}=$/));
  });

  it('explains a bad key, marking the bad character, and still computes', async () => {
    render(<AcceptKeyCalculator initialKey="dGhlIHNhbXBsZS*ub25jZQ==" />);
    expect(screen.getByText(/Not a valid key:/)).toBeTruthy();
    expect(screen.getByText(/RFC 6455 §4\.1 item 7/)).toBeTruthy();
    expect(document.querySelector('.wn-bad-char')!.textContent).toBe('*');
    expect(keyBox().getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(acceptOutput().textContent).toMatch(/^Sec-WebSocket-Accept: /));
  });

  it('says how many bytes a short key decodes to', () => {
    render(<AcceptKeyCalculator initialKey="AAAA" />);
    expect(screen.getByText(/decodes to 3 bytes; it must decode to exactly 16/)).toBeTruthy();
  });

  it('asks for a key when the input is empty, with no accept value', () => {
    render(<AcceptKeyCalculator initialKey="" />);
    expect(screen.getByText(/Type or paste a key/)).toBeTruthy();
    expect(acceptOutput().textContent).toBe('—');
  });

  it('checks a pasted request head and lists its problems with rule and severity', async () => {
    render(<AcceptKeyCalculator />);
    const head =
      'POST /chat HTTP/1.1\nHost: a.example\nUpgrade: websocket\nConnection: keep-alive\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13';
    fireEvent.change(keyBox(), { target: { value: head } });
    expect(screen.getByText('400 Bad Request')).toBeTruthy();
    const problems = screen.getByRole('list', { name: 'Problems found' });
    expect(problems.querySelector('[data-problem="METHOD_NOT_GET"]')!.textContent).toMatch(
      /^error RFC 6455 §4\.2\.1 item 1/,
    );
    expect(problems.querySelector('[data-problem="CONNECTION_NOT_UPGRADE"]')).toBeTruthy();
    // The key is still extracted and answered.
    await waitFor(() => expect(acceptOutput().textContent).toBe('Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo='));
  });

  it('says when a request has no key at all', () => {
    render(
      <AcceptKeyCalculator
        initialKey={'GET / HTTP/1.1\nHost: a\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Version: 13'}
      />,
    );
    expect(screen.getByText(/no Sec-WebSocket-Key header field, so there is nothing to compute/)).toBeTruthy();
    expect(
      screen.getByRole('list', { name: 'Problems found' }).querySelector('[data-problem="MISSING_KEY"]'),
    ).toBeTruthy();
  });

  it('checks a given accept value', async () => {
    render(<AcceptKeyCalculator />);
    const accept = screen.getByLabelText(/Check a Sec-WebSocket-Accept/);
    await waitFor(() => expect(acceptOutput().textContent).toContain('s3pP'));
    fireEvent.change(accept, { target: { value: 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=' } });
    expect(screen.getByText(/Matches: a client accepts this response/)).toBeTruthy();
    fireEvent.change(accept, { target: { value: 's3pPLMBiTxaQ9kYGzzhZRbK+xOA=' } });
    expect(screen.getByText(/Does not match\. It differs from character 27/)).toBeTruthy();
    expect(accept.getAttribute('aria-invalid')).toBe('true');
  });

  it('restores its state from the URL fragment on the tool page', async () => {
    history.replaceState(null, '', '/tools/accept-key/#key=AQIDBAUGBwgJCgsMDQ4PEA%3D%3D');
    render(<AcceptKeyCalculator syncHash />);
    await waitFor(() => expect(keyBox().value).toBe('AQIDBAUGBwgJCgsMDQ4PEA=='));
    await waitFor(() => expect(acceptOutput().textContent).toMatch(/^Sec-WebSocket-Accept: /));
  });
});
