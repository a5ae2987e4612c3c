// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import BitwisePlayground from '../../../src/widgets/bits/BitwisePlayground';
import ByteOrderPlayground from '../../../src/widgets/byte-order/ByteOrderPlayground';
import { HASH_DEBOUNCE_MS, useHashParams } from '../../../src/widgets/shared/use-hash-params';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
  vi.restoreAllMocks();
  vi.useRealTimers();
});

async function afterDebounce(): Promise<void> {
  await act(async () => {
    vi.advanceTimersByTime(HASH_DEBOUNCE_MS + 10);
  });
}

const params = (): Record<string, string> => Object.fromEntries(new URLSearchParams(location.hash.slice(1)));

describe('useHashParams: two widgets on one page', () => {
  it("restores both from one link and writes each one's change without erasing the other's keys", async () => {
    history.replaceState(null, '', '/tools/bits/#a=0xf0&toc&bytes=01+02+03+04');
    const replace = vi.spyOn(history, 'replaceState');
    const entries = history.length;
    vi.useFakeTimers();
    render(
      <>
        <BitwisePlayground syncHash />
        <ByteOrderPlayground syncHash />
      </>,
    );
    const operandA = screen.getByLabelText<HTMLInputElement>(/^A \(/);
    const bytes = screen.getByLabelText<HTMLInputElement>('Bytes (hex)');
    expect(operandA.value).toBe('0xf0');
    expect(bytes.value).toBe('01 02 03 04');

    fireEvent.change(operandA, { target: { value: '0x0f' } });
    fireEvent.change(bytes, { target: { value: 'ff fe' } });
    expect(replace).not.toHaveBeenCalled(); // debounced
    await afterDebounce();
    expect(params()).toEqual({ a: '0x0f', toc: '', bytes: 'ff fe' });
    expect(location.hash.split('&')[1]).toBe('toc'); // someone else's part, untouched and in place
    expect(location.pathname).toBe('/tools/bits/');
    expect(history.length).toBe(entries); // replaced, no history entry per change

    // Back to a default: the key leaves the link, the other widget's stays.
    fireEvent.change(operandA, { target: { value: '0x37' } });
    await afterDebounce();
    expect(params()).toEqual({ toc: '', bytes: 'ff fe' });
  });

  it('reads its keys again when the reader edits the fragment', async () => {
    history.replaceState(null, '', '/tools/bits/');
    render(
      <>
        <BitwisePlayground syncHash />
        <ByteOrderPlayground syncHash />
      </>,
    );
    history.replaceState(null, '', '/tools/bits/#a=0x11&v=300');
    act(() => {
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect(screen.getByLabelText<HTMLInputElement>(/^A \(/).value).toBe('0x11');
    expect(screen.getByLabelText<HTMLInputElement>(/^Value/).value).toBe('300');
  });
});

/** The smallest widget that keeps a number in the fragment under key `n`. */
function Counter({ name, prefix }: { name: string; prefix?: string }) {
  const [n, setN] = useState(0);
  useHashParams(true, { n: n === 0 ? undefined : String(n) }, (p) => p.n !== undefined && setN(Number(p.n)), prefix);
  return (
    <button type="button" onClick={() => setN((x) => x + 1)}>
      {name} {n}
    </button>
  );
}

describe('useHashParams: prefixes', () => {
  it('lets two copies of one widget share a page, each under its prefix', async () => {
    history.replaceState(null, '', '/page/#l-n=4&r-n=7');
    vi.useFakeTimers();
    render(
      <>
        <Counter name="left" prefix="l-" />
        <Counter name="right" prefix="r-" />
      </>,
    );
    expect(screen.getByRole('button', { name: 'left 4' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'right 7' }));
    await afterDebounce();
    expect(location.hash).toBe('#l-n=4&r-n=8');
  });

  it('warns while developing when two widgets write the same key', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { unmount } = render(
      <>
        <Counter name="left" />
        <Counter name="right" />
      </>,
    );
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"n"'));
    unmount();
    warn.mockClear();
    render(<Counter name="alone" />);
    expect(warn).not.toHaveBeenCalled();
  });

  it('leaves the fragment alone when disabled', async () => {
    function Off() {
      useHashParams(false, { n: '1' }, () => {
        throw new Error('read while disabled');
      });
      return null;
    }
    history.replaceState(null, '', '/lessons/x/#n=5');
    vi.useFakeTimers();
    render(<Off />);
    await afterDebounce();
    expect(location.hash).toBe('#n=5');
  });
});
