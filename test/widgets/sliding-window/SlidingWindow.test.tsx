// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import SlidingWindow from '../../../src/widgets/sliding-window/SlidingWindow';

// Whole widgets render in jsdom; give them room on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const slider = () => screen.getByLabelText('Tick') as HTMLInputElement;
const events = () => screen.getByRole('region', { name: /What happens in tick/ });

describe('SlidingWindow', () => {
  it('shows tick 0: the first window’s worth sent', () => {
    render(<SlidingWindow />);
    expect(slider().value).toBe('0');
    expect(events().textContent).toMatch(/Sender sends bytes 0–999/);
    const svg = document.querySelector('svg[role="img"]')!;
    expect(svg.textContent).toContain('send window 8,000');
  });

  it('reaches a zero window while the reader pauses, and probes it', () => {
    render(<SlidingWindow />);
    fireEvent.change(slider(), { target: { value: '8' } });
    expect(document.querySelector('svg[role="img"]')!.textContent).toContain('zero window');
    expect(screen.getByText(/— zero window/)).toBeTruthy();
    fireEvent.change(slider(), { target: { value: '10' } });
    expect(events().textContent).toMatch(/Persist timer fires: the sender probes the zero window with 1 byte/);
    expect(document.querySelector('.sw-seg.is-probe')).toBeTruthy();
  });

  it('steps with Previous and Next', () => {
    render(<SlidingWindow tick={5} />);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(slider().value).toBe('6');
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    fireEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(slider().value).toBe('4');
  });

  it('plays only when asked, and stops at the end', () => {
    vi.useFakeTimers();
    render(<SlidingWindow ticks={5} />);
    act(() => {
      vi.advanceTimersByTime(3000);
    });
    expect(slider().value).toBe('0');
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    for (let i = 0; i < 6; i++) {
      act(() => {
        vi.advanceTimersByTime(800);
      });
    }
    expect(slider().value).toBe('4');
    expect(screen.getByRole('button', { name: 'Play' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('gives the model’s message next to an out-of-range field and keeps the last run', () => {
    render(<SlidingWindow />);
    const buf = screen.getByLabelText('Receive buffer');
    fireEvent.change(buf, { target: { value: '-3' } });
    expect(buf.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('receiveBuffer must be at least 1, got -3.')).toBeTruthy();
    expect(screen.getByText(/Showing the last valid run/)).toBeTruthy();
    expect(document.querySelector('svg[role="img"]')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Read again from tick'), { target: { value: '2' } });
    fireEvent.change(buf, { target: { value: '8000' } });
    expect(screen.getByText('readPauses[0]: "to" (2) must be greater than "from" (4).')).toBeTruthy();
  });

  it('asks for both ends of a pause', () => {
    render(<SlidingWindow />);
    fireEvent.change(screen.getByLabelText('Read again from tick'), { target: { value: '' } });
    expect(screen.getByText('Give both ticks of the pause, or leave both empty for no pause.')).toBeTruthy();
  });

  it('never closes the window when the reader keeps up', () => {
    render(<SlidingWindow pause={null} readRate={8000} />);
    for (const v of ['3', '10', '20']) {
      fireEvent.change(slider(), { target: { value: v } });
      expect(document.querySelector('svg[role="img"]')!.textContent).not.toContain('zero window');
    }
    expect(screen.getByText('ticks with a zero window').nextElementSibling!.textContent).toBe('0');
  });
});
