// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeFrames, parseHex } from '../../../src/protocol';
import FrameBuilder from '../../../src/widgets/frame-builder/FrameBuilder';
import {
  buildFrame,
  builderFromHash,
  builderHashValues,
  convertPayload,
  DEFAULT_BUILDER_STATE,
} from '../../../src/widgets/frame-builder/model';
import { formatHashParams, readHashParams } from '../../../src/widgets/shared/hash-params';
import { BUILDER_HASH_KEYS } from '../../../src/widgets/frame-builder/model';

/** RFC 6455 §5.7: a single-frame masked text message, "Hello", key 37 fa 21 3d. */
const RFC_MASKED_HELLO = '81 85 37 fa 21 3d 7f 9f 4d 51 58';

afterEach(() => cleanup());

/** The bytes as shown in the hex view (each byte is its own element). */
function shownBytes(): string {
  const view = screen.getByRole('group', { name: /Bytes of the built frame/ });
  return Array.from(view.querySelectorAll('.wn-hex-byte'), (e) => e.textContent).join(' ');
}
function payloadBox(): HTMLTextAreaElement {
  return screen.getByLabelText(/^Payload \(/);
}

describe('buildFrame (model)', () => {
  it('builds exactly the RFC 6455 §5.7 bytes for the masked Hello', () => {
    const built = buildFrame(DEFAULT_BUILDER_STATE);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.hex).toBe(RFC_MASKED_HELLO.replaceAll(' ', ''));
    expect(built.decoded.violations).toEqual([]);
    expect(built.lengthExplanation).toMatch(/^5 bytes: 0–125 fits in the 7-bit length field/);
  });

  it('reports a mask key that is not 4 bytes, and bad hex with its position', () => {
    const short = buildFrame({ ...DEFAULT_BUILDER_STATE, maskKey: '37 fa 21' });
    expect(short).toEqual({
      ok: false,
      problems: [{ field: 'maskKey', message: expect.stringContaining('exactly 4 bytes') }],
    });
    const bad = buildFrame({ ...DEFAULT_BUILDER_STATE, payloadMode: 'hex', payload: '48 6x' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems[0]!.where!.position).toBe(4);
  });

  it('converts the payload between text and hex, keeping the bytes', () => {
    expect(convertPayload('Hé', 'text', 'hex')).toBe('48 c3 a9');
    expect(convertPayload('48 c3 a9', 'hex', 'text')).toBe('Hé');
    expect(convertPayload('c0 80', 'hex', 'text')).toBe('c0 80'); // not UTF-8: left as typed
  });
});

describe('the builder in the URL fragment', () => {
  it('round-trips every field through the fragment', () => {
    const state = {
      ...DEFAULT_BUILDER_STATE,
      fin: false,
      rsv1: true,
      opcode: 0xa,
      maskKey: '01 02 03 04',
      payloadMode: 'hex' as const,
      payload: 'de ad',
      from: 'server' as const,
    };
    const hash = formatHashParams(builderHashValues(state));
    expect(hash).toBe('#fin=0&rsv=100&op=a&masked=1&key=01+02+03+04&mode=hex&payload=de+ad&from=server');
    expect({ ...DEFAULT_BUILDER_STATE, ...builderFromHash(readHashParams(hash, BUILDER_HASH_KEYS)) }).toEqual(state);
  });

  it('ignores values the form cannot hold instead of guessing', () => {
    expect(builderFromHash({ fin: 'yes', rsv: '12', op: '10', mode: 'base64', from: 'proxy' })).toEqual({});
  });

  it('restores a shared link on the tool page and writes the fragment as the reader edits', async () => {
    history.replaceState(
      null,
      '',
      '/tools/frame-builder/#fin=1&rsv=000&op=2&masked=0&mode=hex&payload=01%2002&from=server',
    );
    render(<FrameBuilder syncHash />);
    await waitFor(() => expect(shownBytes()).toBe('82 02 01 02'));
    fireEvent.change(payloadBox(), { target: { value: '01 02 03' } });
    await waitFor(() => expect(location.hash).toContain('payload=01+02+03'), { timeout: 2000 });
    history.replaceState(null, '', '/');
  });
});

describe('FrameBuilder', () => {
  it('shows exactly the RFC bytes for the masked Hello with key 37 fa 21 3d, and a clean bill', () => {
    render(<FrameBuilder />);
    expect(shownBytes()).toBe(RFC_MASKED_HELLO);
    expect(screen.getByText(/A conforming receiver accepts this frame from a client/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open in decoder' }).getAttribute('href')).toBe(
      '/tools/frame-decoder/#hex=818537fa213d7f9f4d5158&from=client',
    );
  });

  it('explains the 16-bit length once the payload passes 125 bytes', () => {
    render(<FrameBuilder />);
    fireEvent.change(payloadBox(), { target: { value: 'x'.repeat(200) } });
    expect(screen.getByText(/the 7-bit field holds 126/)).toBeTruthy();
    expect(shownBytes().startsWith('81 fe 00 c8 37 fa 21 3d')).toBe(true);
  });

  it('warns about a control frame with a 126-byte payload (decoded back by the codec)', () => {
    render(<FrameBuilder />);
    fireEvent.change(screen.getByLabelText('Opcode'), { target: { value: '9' } });
    fireEvent.change(payloadBox(), { target: { value: 'p'.repeat(126) } });
    const v = document.querySelector<HTMLElement>('[data-violation="CONTROL_FRAME_TOO_LONG"]')!;
    expect(v).not.toBeNull();
    expect(v.textContent).toContain('RFC 6455 §5.5');
    expect(v.textContent).toContain('close code 1002');
  });

  it('warns when a client does not mask', () => {
    render(<FrameBuilder />);
    fireEvent.click(screen.getByLabelText('Mask the payload'));
    expect(shownBytes()).toBe('81 05 48 65 6c 6c 6f');
    expect(document.querySelector('[data-violation="UNMASKED_CLIENT_FRAME"]')).not.toBeNull();
    fireEvent.click(screen.getByLabelText('server (must not mask)'));
    expect(document.querySelector('[data-violation]')).toBeNull();
  });

  it('keeps the last good bytes while the mask key is being typed, and says what is wrong', () => {
    render(<FrameBuilder />);
    fireEvent.change(screen.getByLabelText('Masking key'), { target: { value: '37 fa 21' } });
    expect(screen.getByRole('alert').textContent).toMatch(/exactly 4 bytes/);
    expect(shownBytes()).toBe(RFC_MASKED_HELLO);
    expect(screen.getByLabelText('Masking key').getAttribute('aria-invalid')).toBe('true');
  });

  it('marks a bad hex character in the payload', () => {
    render(<FrameBuilder />);
    fireEvent.click(screen.getByLabelText('hex bytes'));
    expect(payloadBox().value).toBe('48 65 6c 6c 6f');
    fireEvent.change(payloadBox(), { target: { value: '48 65 6q' } });
    const alert = screen.getByRole('alert');
    expect(alert.querySelector('mark')!.textContent).toBe('q');
  });

  it('draws a random masking key with crypto.getRandomValues', () => {
    const spy = vi
      .spyOn(globalThis.crypto, 'getRandomValues')
      .mockImplementation(<T extends ArrayBufferView | null>(a: T): T => {
        (a as unknown as Uint8Array).set([1, 2, 3, 4]);
        return a;
      });
    render(<FrameBuilder />);
    fireEvent.click(screen.getByRole('button', { name: 'Random key' }));
    expect((screen.getByLabelText('Masking key') as HTMLInputElement).value).toBe('01 02 03 04');
    const bytes = parseHex(shownBytes());
    expect(new TextDecoder().decode(decodeFrames(bytes).frames[0]!.payload)).toBe('Hello');
    spy.mockRestore();
  });

  it('copies the hex', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    render(<FrameBuilder />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy hex' }));
    expect(writeText).toHaveBeenCalledWith(RFC_MASKED_HELLO);
    await waitFor(() => expect(screen.getByText('Copied the hex to the clipboard.')).toBeTruthy());
  });

  it('highlights the length field bytes when its list item is focused', () => {
    render(<FrameBuilder />);
    const section = screen.getByRole('region', { name: 'Built frame' });
    fireEvent.focus(section.querySelector<HTMLElement>('li[data-field="len7"]')!);
    const lit = Array.from(section.querySelectorAll('.wn-hex-byte.is-highlighted'), (e) => e.textContent);
    expect(lit).toEqual(['85']);
    expect(within(section).getByText(/5 = the payload length itself/)).toBeTruthy();
  });
});

describe('field list keyboard', () => {
  it('is one tab stop; arrow keys, Home and End move between fields and highlight their bytes', () => {
    render(<FrameBuilder />);
    const section = screen.getByRole('region', { name: 'Built frame' });
    const items = Array.from(section.querySelectorAll<HTMLElement>('li[data-field]'));
    expect(items.map((li) => li.tabIndex).filter((t) => t === 0)).toHaveLength(1);
    items[0]!.focus();
    fireEvent.keyDown(items[0]!, { key: 'End' });
    expect(document.activeElement?.getAttribute('data-field')).toBe('payload');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowUp' });
    expect(document.activeElement?.getAttribute('data-field')).toBe('maskkey');
    const lit = Array.from(section.querySelectorAll('.wn-hex-byte.is-highlighted'), (e) => e.textContent);
    expect(lit).toEqual(['37', 'fa', '21', '3d']);
    expect(items.map((li) => li.tabIndex).filter((t) => t === 0)).toHaveLength(1);
  });
});
