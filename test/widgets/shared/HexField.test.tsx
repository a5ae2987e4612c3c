// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { HexError, parseHex } from '../../../src/protocol';
import { HexField } from '../../../src/widgets/shared/HexField';

afterEach(() => cleanup());

/** A field that parses what is typed, as the widgets do: the count of bytes, or the codec's error. */
function Parsed({ initial, beside }: { initial: string; beside?: boolean }) {
  const [text, setText] = useState(initial);
  let problem: HexError | string | undefined;
  let count = 0;
  try {
    count = parseHex(text).length;
    if (count === 0) problem = 'Type some bytes.';
  } catch (error) {
    if (!(error instanceof HexError)) throw error;
    problem = error;
  }
  return (
    <HexField
      id="f"
      label="Bytes (hex)"
      value={text}
      onChange={setText}
      problem={problem}
      note={`${count} bytes.`}
      {...(beside ? { rowClassName: 'row', beside: <button type="button">Send</button> } : {})}
    />
  );
}

describe('HexField', () => {
  it('labels the input and describes it by the message line', () => {
    render(<Parsed initial="01 02" />);
    const input = screen.getByLabelText('Bytes (hex)');
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(input.getAttribute('aria-describedby')).toBe('f-msg');
    expect(document.getElementById('f-msg')!.textContent).toBe('2 bytes.');
  });

  it("marks the codec's bad character in place and says what is wrong", () => {
    render(<Parsed initial="01 02" />);
    const input = screen.getByLabelText('Bytes (hex)');
    fireEvent.change(input, { target: { value: '01 0g 03' } });
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const msg = document.getElementById('f-msg')!;
    expect(msg.className).toBe('wn-msg is-error');
    expect(msg.querySelector('.wn-bad-char')!.textContent).toBe('g');
    expect(screen.getByRole('alert').textContent).toMatch(/^Not valid hex:/);
  });

  it('shows a plain problem as it is, without a snippet', () => {
    render(<Parsed initial="" />);
    expect(screen.getByLabelText('Bytes (hex)').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('f-msg')!.textContent).toBe('Type some bytes.');
    expect(document.querySelector('.wn-bad-char')).toBeNull();
  });

  it('puts what goes beside the input on its row', () => {
    render(<Parsed initial="01" beside />);
    const row = document.querySelector('.row')!;
    expect(row.contains(screen.getByLabelText('Bytes (hex)'))).toBe(true);
    expect(row.contains(screen.getByRole('button', { name: 'Send' }))).toBe(true);
  });
});
