// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeFrame, toHex } from '../../../src/protocol';
import FrameDecoder, { FRAME_PAGE } from '../../../src/widgets/frame-decoder/FrameDecoder';
import { HELLO_TCPDUMP_X } from '../../../content/captures/chromium-loopback';
import { HASH_DEBOUNCE_MS } from '../../../src/widgets/shared/use-hash-params';

/** RFC 6455 §5.7: a single-frame masked text message, "Hello". */
const MASKED_HELLO = '81 85 37 fa 21 3d 7f 9f 4d 51 58';
/** RFC 6455 §5.7: a single-frame unmasked text message, "Hello". */
const UNMASKED_HELLO = '81 05 48 65 6c 6c 6f';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
  vi.useRealTimers();
});

function input(): HTMLTextAreaElement {
  return screen.getByRole('textbox', { name: 'Bytes (hex)' });
}
function type(text: string): void {
  fireEvent.change(input(), { target: { value: text } });
}
function frameSections(): HTMLElement[] {
  return Array.from(document.querySelectorAll<HTMLElement>('section.wn-frame'));
}

describe('FrameDecoder', () => {
  it('takes a huge paste straight into its state, past the text box', () => {
    render(<FrameDecoder initialHex="" />);
    // 20,000 RFC 6455 §5.7 unmasked Hellos (140,000 bytes).
    const big = '81 05 48 65 6c 6c 6f '.repeat(20_000);
    fireEvent.paste(input(), { clipboardData: { getData: () => big } });
    expect(screen.queryByRole('textbox', { name: 'Bytes (hex)' })).toBeNull(); // no text box any more
    expect(screen.getByRole('status').textContent).toBe(
      '140,000 bytes, 20,000 frames, 20,000 messages, no violations.',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show in a text box anyway' }));
    expect(input().value).toBe(big);
    fireEvent.change(input(), { target: { value: `${big}81` } }); // typing keeps the box
    expect(input().value.endsWith('81')).toBe(true);
    expect(screen.getByRole('status').textContent).toContain('at least 1 more byte needed');
  }, 60_000);

  it('clears a huge input with one button', () => {
    render(<FrameDecoder initialHex={'81 05 48 65 6c 6c 6f '.repeat(20_000)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(input().value).toBe('');
    expect(screen.getByRole('status').textContent).toMatch(/Paste or type/);
  }, 60_000);

  it('lets an ordinary paste through to the text box', () => {
    render(<FrameDecoder initialHex="" />);
    const ev = fireEvent.paste(input(), { clipboardData: { getData: () => '81 05' } });
    expect(ev).toBe(true); // not prevented: the browser inserts it
  });

  it('decodes the RFC 6455 §5.7 masked Hello: fields, unmasked payload, no violations', () => {
    render(<FrameDecoder initialHex={MASKED_HELLO} from="client" />);
    const [frame] = frameSections();
    expect(frame).toBeDefined();
    const f = within(frame!);
    expect(f.getByRole('heading').textContent).toMatch(/Frame 1: text frame, 5 bytes, masked/);
    expect(f.getByText(/opcode 0x1 = text frame \(RFC 6455 §5\.2\)/)).toBeTruthy();
    expect(f.getByText('Hello')).toBeTruthy(); // the payload, unmasked, as text
    expect(f.getByText('48 65 6c 6c 6f')).toBeTruthy(); // … and as hex
    expect(screen.getByRole('status').textContent).toBe('11 bytes, 1 frame, 1 message, no violations.');
    expect(document.querySelector('.wn-violations')).toBeNull();
  });

  it('reads a JavaScript byte array and base64 too, and says which it read', () => {
    render(
      <FrameDecoder
        initialHex="new Uint8Array([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58])"
        from="client"
      />,
    );
    expect(screen.getByRole('status').textContent).toBe(
      '11 bytes, 1 frame, 1 message, no violations. Read as a byte array (JavaScript, C or Python).',
    );
    type('gYU3+iE9f59NUVg=');
    expect(screen.getByRole('status').textContent).toBe('11 bytes, 1 frame, 1 message, no violations. Read as base64.');
    expect(within(frameSections()[0]!).getByText('Hello')).toBeTruthy();
  });

  it('peels a pasted tcpdump -X packet and decodes its TCP payload', async () => {
    // content/captures/chromium-loopback.ts: Chromium's masked "Hello" as tcpdump -i lo -n -X printed it.
    render(<FrameDecoder initialHex={HELLO_TCPDUMP_X} from="client" />);
    // The capture layers load on first use, then the input is decoded again.
    expect((await screen.findByText(/This is a captured packet/)).textContent).toMatch(
      /IPv4 127\.0\.0\.1:33834 → 127\.0\.0\.1:18932, TCP flags \[P\.\].*first 52 bytes/,
    );
    expect(screen.getByRole('status').textContent).toBe('11 bytes, 1 frame, 1 message, no violations.');
    expect(within(frameSections()[0]!).getByText('Hello')).toBeTruthy();
  });

  it('sends several tcpdump packets to the capture reader', () => {
    render(
      <FrameDecoder
        initialHex={`12:00:00.000001 IP 127.0.0.1.1 > 127.0.0.1.2: Flags [P.]\n${HELLO_TCPDUMP_X}\n12:00:00.000002 IP 127.0.0.1.2 > 127.0.0.1.1: Flags [.]\n`}
      />,
    );
    expect(screen.getByRole('link', { name: 'capture reader' }).getAttribute('href')).toBe('/tools/capture/');
  });

  it('names a bad element of a byte array with its position', () => {
    render(<FrameDecoder initialHex={MASKED_HELLO} />);
    type('[0x81, 0x185]');
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toMatch(/Not valid as a byte array/);
    expect(alert.textContent).toMatch(/0x185 at position 7 does not fit in a byte/);
    expect(alert.querySelector('mark')!.textContent).toBe('0');
  });

  it('names the bad character and its position, and marks it in place', () => {
    render(<FrameDecoder initialHex={MASKED_HELLO} />);
    type('81 85 3g fa');
    const alert = screen.getByRole('alert');
    // '81 85 3g fa': the 'g' is at index 7 (column 8).
    expect(alert.textContent).toMatch(/"g"/);
    expect(alert.textContent).toMatch(/index 7/);
    expect(alert.querySelector('mark')!.textContent).toBe('g');
    expect(input().getAttribute('aria-invalid')).toBe('true');
  });

  it('says how many bytes a truncated frame still needs and what it waits for', () => {
    render(<FrameDecoder initialHex="81 85 37" />);
    // Header says: masked, 5 bytes of payload → 2 + 4 + 5 = 11 bytes; 3 arrived.
    expect(screen.getByRole('status').textContent).toContain('8 more bytes needed');
    const truncated = document.querySelector('.wn-truncated')!;
    expect(truncated.textContent).toContain('waiting for the 4-byte masking key');
    // The fields read so far, and the one being read marked incomplete.
    expect(truncated.querySelector('li[data-field="opcode"]')!.textContent).toContain('opcode 0x1 = text frame');
    expect(truncated.querySelector('li[data-field="maskkey"]')!.textContent).toContain('1 of 4 bytes');
    expect(truncated.querySelector('li[data-field="payload"]')).toBeNull();
  });

  it('shows invalid UTF-8 in a text frame as hex only, with the 1007 violation', () => {
    // A text frame whose payload C0 80 is an overlong NUL: never valid UTF-8 (RFC 3629).
    render(<FrameDecoder initialHex="81 02 c0 80" from="server" />);
    const frame = frameSections()[0]!;
    expect(frame.textContent).toMatch(/not valid UTF-8/);
    expect(within(frame).getByText('c0 80')).toBeTruthy();
    const v = document.querySelector('[data-violation="INVALID_UTF8"]')!;
    expect(v.textContent).toContain('close code 1007');
  });

  it('lists a violation with its rule, close code and a link to the lesson section', () => {
    render(<FrameDecoder initialHex={UNMASKED_HELLO} from="client" />);
    const v = document.querySelector<HTMLElement>('[data-violation="UNMASKED_CLIENT_FRAME"]')!;
    expect(v.textContent).toContain('RFC 6455 §5.1');
    expect(v.textContent).toContain('close code 1002 (Protocol Error)');
    const link = within(v).getByRole('link');
    expect(link.getAttribute('href')).toBe('/lessons/websocket-framing/#unmasked_client_frame');
    // Named in words, not by the violation's id.
    expect(link.textContent).toBe('The rule in the framing lesson: client frame not masked');
    // The same bytes from a server are fine.
    fireEvent.click(screen.getByLabelText('server → client'));
    expect(document.querySelector('[data-violation]')).toBeNull();
  });

  it('keeps the output area when the input is emptied, with a prompt instead of frames', () => {
    render(<FrameDecoder initialHex={MASKED_HELLO} />);
    type('   ');
    expect(frameSections()).toHaveLength(0);
    expect(screen.getByRole('status').textContent).toMatch(/Paste or type the bytes/);
    expect(document.querySelector('.wn-output')).not.toBeNull();
  });

  it("shows a close frame's code name and reason (example built by the encoder)", () => {
    render(<FrameDecoder />);
    fireEvent.click(screen.getByRole('button', { name: 'Close 1000 "bye"' }));
    const frame = frameSections()[0]!;
    expect(frame.textContent).toContain('Normal Closure');
    expect(within(frame).getByText('bye')).toBeTruthy();
    expect(input().value).toBe(toHex(encodeFrame({ opcode: 8, payload: Uint8Array.of(0x03, 0xe8, 0x62, 0x79, 0x65) })));
  });

  it('reassembles a fragmented message (RFC 6455 §5.7 "Hel" + "lo")', () => {
    render(<FrameDecoder initialHex="01 03 48 65 6c 80 02 6c 6f" from="server" />);
    const messages = screen.getByRole('region', { name: 'Messages' });
    expect(messages.textContent).toContain('text message, 5 bytes, from frames 1, 2');
    expect(within(messages).getByText('Hello')).toBeTruthy();
    // Field explanations: unfolded for the first frame, folded for the rest.
    expect(frameSections().map((f) => f.querySelector('details')!.open)).toEqual([true, false]);
  });

  it("highlights a field's bytes when the field is focused, and the field when a byte is selected", () => {
    render(<FrameDecoder initialHex={MASKED_HELLO} from="client" />);
    const frame = frameSections()[0]!;
    const keyItem = frame.querySelector<HTMLElement>('li[data-field="maskkey"]')!;
    fireEvent.focus(keyItem);
    const lit = Array.from(frame.querySelectorAll('.wn-hex-byte.is-highlighted')).map((e) =>
      e.getAttribute('data-offset'),
    );
    expect(lit).toEqual(['2', '3', '4', '5']);
    fireEvent.blur(keyItem);
    expect(frame.querySelectorAll('.wn-hex-byte.is-highlighted')).toHaveLength(0);

    // Keyboard on the hex view: End goes to the last byte (payload), Home to byte 0 (opcode).
    const hex = within(frame).getByRole('group', { name: /Bytes of frame 1/ });
    fireEvent.keyDown(hex, { key: 'End' });
    expect(frame.querySelector('li[data-field="payload"]')!.className).toContain('is-highlighted');
    expect(hex.parentElement!.textContent).toContain('Byte 10: 0x58, payload');
    fireEvent.keyDown(hex, { key: 'Home' });
    expect(frame.querySelector('li[data-field="opcode"]')!.className).toContain('is-highlighted');
  });

  it('restores its state from the URL fragment and writes it back, debounced, with replaceState', async () => {
    history.replaceState(null, '', '/tools/frame-decoder/#hex=810548656c6c6f&from=client');
    const replace = vi.spyOn(history, 'replaceState');
    vi.useFakeTimers();
    render(<FrameDecoder syncHash />);
    expect(input().value).toBe(UNMASKED_HELLO);
    expect((screen.getByLabelText('client → server') as HTMLInputElement).checked).toBe(true);
    expect(document.querySelector('[data-violation="UNMASKED_CLIENT_FRAME"]')).not.toBeNull();

    type('89 00');
    type('89 00 8a 00');
    expect(replace).not.toHaveBeenCalled();
    await act(async () => {
      vi.advanceTimersByTime(HASH_DEBOUNCE_MS + 10);
    });
    expect(replace).toHaveBeenCalledTimes(1);
    expect(location.hash).toBe('#hex=89008a00&from=client');
    expect(location.pathname).toBe('/tools/frame-decoder/');
  });

  it('leaves the URL alone when embedded (no syncHash)', async () => {
    history.replaceState(null, '', '/lessons/x/#intro');
    render(<FrameDecoder initialHex={MASKED_HELLO} />);
    type('89 00');
    await new Promise((r) => setTimeout(r, HASH_DEBOUNCE_MS + 50));
    expect(location.hash).toBe('#intro');
    expect(input().value).toBe('89 00');
  });

  it('keeps the DOM bounded for a 1 MiB paste: first frames, a summary and "show more"', () => {
    // 150,000 copies of RFC 6455 §5.7's unmasked Hello = 1,050,000 bytes, pasted as 2.1 M hex digits.
    const one = '810548656c6c6f';
    render(<FrameDecoder initialHex={one.repeat(150_000)} from="server" />);
    expect(screen.getByRole('status').textContent).toBe(
      '1,050,000 bytes, 150,000 frames, 150,000 messages, no violations.',
    );
    // The text is not put in a text box (Chromium takes seconds per keystroke in a 2-million-character one).
    expect(screen.queryByRole('textbox', { name: 'Bytes (hex)' })).toBeNull();
    expect(screen.getByRole('group', { name: 'Bytes (hex)' }).textContent).toContain('2,100,000 characters');
    expect(frameSections()).toHaveLength(FRAME_PAGE);
    expect(document.querySelectorAll('*').length).toBeLessThan(6000);
    fireEvent.click(screen.getByRole('button', { name: `Show ${FRAME_PAGE} more frames` }));
    expect(frameSections()).toHaveLength(2 * FRAME_PAGE);
  }, 60_000);

  it('inflates compressed messages when "permessage-deflate negotiated" is on, and restores it from a link', async () => {
    vi.useFakeTimers();
    // RFC 7692 §7.2.3.2: "Hello" twice from a server, the second using the first as context.
    history.replaceState(null, '', '/#hex=c107f248cdc9c90700c105f200110000&from=server');
    render(<FrameDecoder syncHash />);
    await act(async () => {});
    expect(screen.getByRole('status').textContent).toMatch(/4 violations/); // RSV1 and UTF-8, twice
    fireEvent.click(screen.getByRole('checkbox', { name: /permessage-deflate negotiated/ }));
    // pako is imported on first use: let that import settle.
    await act(async () => {
      await import('../../../src/protocol/websocket/pako-backend');
    });
    expect(screen.getByRole('status').textContent).toBe(
      '16 bytes, 2 frames, 2 messages (2 compressed), no violations.',
    );
    const messages = screen.getByRole('region', { name: 'Messages' });
    expect(messages.textContent).toMatch(/5 bytes inflated from 7 compressed bytes.*“?Hello/);
    const answer = screen.getByRole('textbox', { name: 'The server’s Sec-WebSocket-Extensions answer' });
    fireEvent.change(answer, { target: { value: 'permessage-deflate; server_no_context_takeover' } });
    expect(screen.getByRole('status').textContent).toMatch(/1 violation\b/);
    expect(messages.textContent).toMatch(/it does not inflate: .*too far back.*close code 1007/);
    fireEvent.change(answer, { target: { value: 'permessage-deflate; bogus' } });
    expect(screen.getByText(/Not a permessage-deflate answer: unknown parameter "bogus"/)).toBeTruthy();
    expect(answer.getAttribute('aria-invalid')).toBe('true');
    await act(async () => {
      vi.advanceTimersByTime(HASH_DEBOUNCE_MS + 50);
    });
    expect(new URLSearchParams(location.hash.slice(1)).get('pmd')).toBe('permessage-deflate; bogus');
  });
});
