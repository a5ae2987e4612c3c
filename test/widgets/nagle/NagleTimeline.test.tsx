// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import NagleTimeline from '../../../src/widgets/nagle/NagleTimeline';

// Whole widgets render in jsdom; give them room on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

afterEach(cleanup);

const latency = () => screen.getByRole('region', { name: 'Latency of each write' });
const combos = () => screen.getByRole('region', { name: 'Write-write-read under the four settings' });

describe('NagleTimeline', () => {
  it('shows the write-write-read stall with Nagle and delayed ACK both on', () => {
    render(<NagleTimeline />);
    expect(screen.getByText('read() returns after 80 ms')).toBeTruthy();
    const w2 = within(latency()).getByRole('rowheader', { name: 'w2' }).closest('tbody')!;
    expect(w2.textContent).toMatch(/w2.*60 ms.*Nagle held it/);
    const svg = document.querySelector('svg[role="img"]')!;
    expect(svg.querySelectorAll('.nt-bar.is-nagle')).toHaveLength(1);
    expect(svg.querySelectorAll('.nt-bar.is-delayed-ack').length).toBeGreaterThan(0);
    expect(svg.getAttribute('aria-label')).toMatch(/w2 held by Nagle for 60 ms/);
  });

  it('turning Nagle off removes the stall', () => {
    render(<NagleTimeline />);
    fireEvent.click(screen.getByLabelText(/Nagle’s algorithm/));
    expect(screen.getByText('read() returns after 20 ms')).toBeTruthy();
    expect(document.querySelectorAll('svg .nt-bar.is-nagle')).toHaveLength(0);
  });

  it('summarises the four combinations and marks the current one', () => {
    render(<NagleTimeline />);
    const groups = () => [...combos().querySelectorAll('tbody')];
    expect(groups().map((g) => g.querySelector('td:nth-child(3)')!.textContent)).toEqual([
      '80 ms',
      '40 ms',
      '20 ms',
      '20 ms',
    ]);
    expect(groups()[0]!.textContent).toMatch(/Each waits for the other/);
    expect(groups().map((g) => g.className)).toEqual(['is-current', '', '', '']);
    fireEvent.click(screen.getByLabelText('Delayed ACK'));
    expect(groups().map((g) => g.className)).toEqual(['', 'is-current', '', '']);
  });

  it('follows the delayed-ACK timer: 200 ms makes the stall longer', () => {
    render(<NagleTimeline />);
    fireEvent.change(screen.getByLabelText('Delayed-ACK timer'), { target: { value: '200' } });
    expect(screen.getByText('read() returns after 240 ms')).toBeTruthy();
  });

  it('gives the model’s message for an out-of-range timer, and keeps the last run', () => {
    render(<NagleTimeline />);
    const timer = screen.getByLabelText('Delayed-ACK timer');
    fireEvent.change(timer, { target: { value: '600' } });
    expect(timer.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/delayedAckMs must be less than 500, got 600\. RFC 1122 §4\.2\.3\.2/)).toBeTruthy();
    expect(screen.getByText(/Showing the last valid run/)).toBeTruthy();
    expect(screen.getByText('read() returns after 80 ms')).toBeTruthy();
  });

  it('edits the writes: add one, report a write out of time order, remove it', () => {
    render(<NagleTimeline />);
    fireEvent.click(screen.getByRole('button', { name: 'Add a write' }));
    const t3 = screen.getByLabelText('w3 at');
    expect((t3 as HTMLInputElement).value).toBe('10');
    fireEvent.change(t3, { target: { value: '-1' } });
    expect(screen.getByText('writes[2].t must be at least 0, got -1.')).toBeTruthy();
    expect(t3.getAttribute('aria-invalid')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Remove write 3' }));
    expect(screen.queryByLabelText('w3 at')).toBeNull();
    expect((screen.getByLabelText('Scenario') as HTMLSelectElement).value).toBe('');
  });

  it('loads the typing preset: Nagle gathers keystrokes', () => {
    render(<NagleTimeline />);
    fireEvent.change(screen.getByLabelText('Scenario'), { target: { value: 'typing' } });
    expect(screen.getAllByLabelText(/^w\d+ at$/)).toHaveLength(8);
    const dataSegments = document.querySelectorAll('svg .nt-seg.is-data').length;
    fireEvent.click(screen.getByLabelText(/Nagle’s algorithm/));
    expect(document.querySelectorAll('svg .nt-seg.is-data').length).toBeGreaterThan(dataSegments);
  });

  it('can hide the summary', () => {
    render(<NagleTimeline showCombinations={false} preset="bulk" />);
    expect(screen.queryByRole('region', { name: 'Write-write-read under the four settings' })).toBeNull();
    expect(within(latency()).getAllByRole('rowheader')).toHaveLength(1);
  });
});
