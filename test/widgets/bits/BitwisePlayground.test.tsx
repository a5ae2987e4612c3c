// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import BitwisePlayground from '../../../src/widgets/bits/BitwisePlayground';
import XorMaskDemo from '../../../src/widgets/bits/XorMaskDemo';

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

const exact = (): string => document.querySelector('[data-result="exact"]')!.textContent ?? '';
const js = (): string => document.querySelector('[data-result="js"]')!.textContent ?? '';
const operandA = (): HTMLInputElement => screen.getByLabelText(/^A \(/);
const operandB = (): HTMLInputElement => screen.getByLabelText(/^B( \(|:)/);
const bitsOf = (name: string): string =>
  Array.from(
    document.querySelectorAll(`[data-bits="${name}"] .wn-bit`),
    (e) => e.getAttribute('data-bit') ?? e.textContent,
  ).join('');

describe('BitwisePlayground', () => {
  it('XORs 0x37 and 0xfa by default, as 8-bit and as JavaScript', () => {
    render(<BitwisePlayground />);
    expect(exact()).toBe(String(0x37 ^ 0xfa));
    expect(js()).toBe(String(0x37 ^ 0xfa));
    expect(bitsOf('A')).toBe('00110111');
    expect(bitsOf('the result')).toBe('11001101');
  });

  it('takes serialisable props as a lesson would pass them', () => {
    render(<BitwisePlayground a="1" b="31" op="<<" width={32} signed />);
    expect(exact()).toBe('-2147483648');
    expect(js()).toBe('-2147483648');
    expect(screen.getByLabelText('B: shift count (0–255)')).toBeTruthy();
  });

  it('flips a bit when it is clicked, writing the value back in the radix that was typed', () => {
    render(<BitwisePlayground />);
    const bit7 = screen.getByRole('button', { name: 'bit 7 of A' });
    expect(bit7.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(bit7);
    expect(operandA().value).toBe('0xb7');
    expect(screen.getByRole('button', { name: 'bit 7 of A' }).getAttribute('aria-pressed')).toBe('true');
    expect(exact()).toBe(String(0xb7 ^ 0xfa));
    fireEvent.change(operandA(), { target: { value: '0b1' } });
    fireEvent.click(screen.getByRole('button', { name: 'bit 1 of A' }));
    expect(operandA().value).toBe('0b0000_0011');
  });

  it('moves between bits with the arrow keys, one tab stop per grid', () => {
    render(<BitwisePlayground />);
    const grid = screen.getByRole('group', { name: /^Bits of A/ });
    const tabbable = within(grid)
      .getAllByRole('button')
      .filter((b) => b.tabIndex === 0);
    expect(tabbable.map((b) => b.getAttribute('aria-label'))).toEqual(['bit 7 of A']);
    tabbable[0]!.focus();
    fireEvent.keyDown(tabbable[0]!, { key: 'ArrowRight' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('bit 6 of A');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement?.getAttribute('aria-label')).toBe('bit 0 of A');
  });

  it('says why a literal is bad for the width, keeping the last result in place (stale)', () => {
    render(<BitwisePlayground />);
    fireEvent.change(operandA(), { target: { value: '0x1ff' } });
    expect(operandA().getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/0x1ff has 9 significant bits, more than the 8 of u8/)).toBeTruthy();
    expect(exact()).toBe(String(0x37 ^ 0xfa));
    expect(document.querySelector('.wn-bits-results')!.classList.contains('is-stale')).toBe(true);
    // Wider type: now it fits.
    fireEvent.click(screen.getByLabelText(/^16 bits/));
    expect(operandA().getAttribute('aria-invalid')).toBe('false');
    expect(exact()).toBe(String(0x1ff ^ 0xfa));
    expect(bitsOf('A')).toHaveLength(16);
  });

  it('names the bad character of an operand, and asks for a number when empty', () => {
    render(<BitwisePlayground />);
    fireEvent.change(operandB(), { target: { value: '0xfg' } });
    expect(screen.getByText(/"g" at position 3 is not a hex digit/)).toBeTruthy();
    fireEvent.change(operandB(), { target: { value: '' } });
    expect(screen.getByText(/Type a number: decimal/)).toBeTruthy();
  });

  it('shows where JavaScript differs: ~5 in u8 is 250, but -6 in JavaScript, and how to mask it', () => {
    render(<BitwisePlayground a="5" op="~" />);
    expect(exact()).toBe('250');
    expect(js()).toBe('-6');
    expect(screen.getByText('differs')).toBeTruthy();
    expect(screen.getByText('(~5) & 0xff')).toBeTruthy();
  });

  it('does 64-bit with BigInt and explains that Numbers cannot', () => {
    render(<BitwisePlayground a="0x8000000000000000" b="0x1" op="|" width={64} />);
    expect(exact()).toBe('9223372036854775809');
    expect(screen.getByText(/Numbers cannot do 64-bit bitwise operations/)).toBeTruthy();
    expect(bitsOf('A')).toHaveLength(64);
  });

  it('reads and writes its state in the URL fragment, keeping other keys', async () => {
    history.replaceState(null, '', '/tools/bits/#v=300&op=%26&a=0xf0&w=16');
    render(<BitwisePlayground syncHash />);
    await waitFor(() => expect(operandA().value).toBe('0xf0'));
    expect(exact()).toBe(String(0xf0 & 0xfa));
    fireEvent.change(operandA(), { target: { value: '0x0f' } });
    await waitFor(() => expect(location.hash).toContain('a=0x0f'));
    expect(location.hash).toContain('v=300');
  });
});

describe('XorMaskDemo', () => {
  it('masks "Hello" as in RFC 6455 §5.7 and gets it back by XORing again', () => {
    render(<XorMaskDemo />);
    expect(document.querySelector('[data-line="masked"]')!.textContent).toBe('7f 9f 4d 51 58');
    expect(document.querySelector('[data-line="unmasked"]')!.textContent).toBe('48 65 6c 6c 6f');
    expect(screen.getByText('✓ every byte restored')).toBeTruthy();
  });

  it('marks the bad character of a key, and counts missing key bytes', () => {
    render(<XorMaskDemo />);
    const key = screen.getByLabelText(/^Masking key/);
    fireEvent.change(key, { target: { value: '37 fa zz 3d' } });
    expect(key.getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector('.wn-bad-char')!.textContent).toBe('z');
    fireEvent.change(key, { target: { value: '37 fa' } });
    expect(screen.getByText(/exactly 4 bytes \(RFC 6455 §5\.3\); this one has 2: 2 missing/)).toBeTruthy();
    // The last good result stays, dimmed.
    expect(document.querySelector('[data-line="masked"]')!.textContent).toBe('7f 9f 4d 51 58');
  });

  it('handles an empty text', () => {
    render(<XorMaskDemo text="" />);
    expect(screen.getByText('0 bytes.')).toBeTruthy();
    expect(document.querySelector('[data-line="masked"]')!.textContent).toBe('(none)');
  });

  it('draws a random key that still restores', () => {
    render(<XorMaskDemo text="abc" />);
    fireEvent.click(screen.getByRole('button', { name: 'Random key' }));
    expect((screen.getByLabelText(/^Masking key/) as HTMLInputElement).value).toMatch(/^[0-9a-f]{2}( [0-9a-f]{2}){3}$/);
    expect(screen.getByText('✓ every byte restored')).toBeTruthy();
  });
});
