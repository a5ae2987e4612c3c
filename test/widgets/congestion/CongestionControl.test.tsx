// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CongestionControl from '../../../src/widgets/congestion/CongestionControl';

// Whole widgets render in jsdom; give them room on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

afterEach(() => {
  cleanup();
  history.replaceState(null, '', '/');
});

const plot = () => screen.getByRole('group', { name: /cwnd and ssthresh per round/ });
const why = () => document.querySelector('.wn-cc-why') as HTMLElement;
const lossRounds = () => screen.queryAllByLabelText(/^Loss \d+: round$/).map((i) => (i as HTMLInputElement).value);

describe('CongestionControl', () => {
  it('loads CUBIC on first use and plots it on the same losses, explained beside Reno', async () => {
    render(<CongestionControl />);
    const svg = plot().querySelector('svg')!;
    expect(svg.querySelector('.cc-cubic')).toBeNull();
    fireEvent.click(screen.getByLabelText(/Plot CUBIC \(RFC 9438\) on the same losses/));
    await vi.waitFor(() => expect(svg.querySelector('.cc-cubic')).toBeTruthy());
    expect(svg.querySelectorAll('.cc-cubic-point')).toHaveLength(30);
    // Round 7's triple duplicate ACK: Reno halves the flight, CUBIC keeps 0.7 of it (RFC 9438 §4.6).
    for (let i = 0; i < 7; i++) fireEvent.keyDown(plot(), { key: 'ArrowRight' });
    expect(why().textContent).toMatch(/Reno: .*FlightSize\/2/);
    expect(why().textContent).toMatch(/CUBIC: .*FlightSize·β/);
    expect(svg.querySelector('desc')!.textContent).toMatch(/CUBIC's cwnd on the same losses peaks/);
    expect(screen.getByRole('link', { name: 'Link to this setup' }).getAttribute('href')).toContain('cc-cubic=1');
  });

  it('draws the default run: phases, losses, rwnd and a table of rounds', () => {
    render(<CongestionControl />);
    const svg = plot().querySelector('svg')!;
    expect(svg.querySelectorAll('.cc-band')).toHaveLength(30);
    expect(svg.querySelectorAll('.cc-band.phase-fast-recovery')).toHaveLength(1);
    expect(svg.querySelectorAll('.cc-loss')).toHaveLength(2);
    expect(svg.querySelector('.cc-rwnd')).toBeTruthy();
    expect(svg.querySelector('desc')!.textContent).toMatch(/round 7: triple duplicate ACK, round 18: timeout/);
    const table = screen.getByRole('region', { name: 'Rounds' });
    expect(table.querySelectorAll('tbody tr')).toHaveLength(30);
    expect(screen.getByText(/RFC 5681 §3\.1: SMSS 1,460 in \(1095, 2190\] → IW = 3·SMSS = 4,380 bytes/)).toBeTruthy();
    expect(screen.getByText(/After 30 rounds/)).toBeTruthy();
  });

  it('explains the round under focus, moved with the arrow keys', () => {
    render(<CongestionControl />);
    expect(why().textContent).toMatch(/Round 0.*slow start/);
    fireEvent.keyDown(plot(), { key: 'End' });
    expect(why().textContent).toMatch(/Round 29/);
    for (let i = 0; i < 4; i++) fireEvent.keyDown(plot(), { key: 'PageDown' });
    fireEvent.keyDown(plot(), { key: 'ArrowLeft' });
    fireEvent.keyDown(plot(), { key: 'ArrowLeft' });
    expect(why().textContent).toMatch(/Round 7.*triple duplicate ACK/);
    expect(why().textContent).toMatch(/fast retransmit \(RFC 5681 §3\.2\)/);
    expect(why().textContent).toMatch(/send window = min\(cwnd, rwnd\)/);
  });

  it('places and removes a loss with Enter on the plot', () => {
    render(<CongestionControl />);
    fireEvent.keyDown(plot(), { key: 'Home' });
    fireEvent.keyDown(plot(), { key: 'ArrowRight' });
    fireEvent.keyDown(plot(), { key: 'ArrowRight' });
    fireEvent.keyDown(plot(), { key: 'Enter' });
    expect(lossRounds()).toEqual(['2', '7', '18']);
    expect(why().textContent).toMatch(/Round 2.*triple duplicate ACK/);
    fireEvent.keyDown(plot(), { key: 'Enter' });
    expect(lossRounds()).toEqual(['7', '18']);
  });

  it('places a timeout by clicking when that kind is chosen', () => {
    render(<CongestionControl />);
    fireEvent.change(screen.getByLabelText('Clicking the plot places'), { target: { value: 'timeout' } });
    const svg = plot().querySelector('svg')!;
    // jsdom has no layout: a zero-width box maps the click through the fallback width (640 px).
    fireEvent.click(svg, { clientX: 46 + 5 });
    expect(lossRounds()).toEqual(['0', '7', '18']);
    expect((screen.getAllByLabelText(/^Loss \d+: kind$/)[0] as HTMLSelectElement).value).toBe('timeout');
  });

  it('edits the list: add, change, remove', () => {
    render(<CongestionControl losses={[]} />);
    expect(screen.getByText(/No losses/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add a loss' }));
    expect(lossRounds()).toEqual(['0']);
    fireEvent.change(screen.getByLabelText('Loss 1: round'), { target: { value: '12' } });
    expect(plot().querySelector('desc')!.textContent).toMatch(/round 12: triple duplicate ACK/);
    fireEvent.click(screen.getByRole('button', { name: 'Remove loss 1' }));
    expect(lossRounds()).toEqual([]);
  });

  it('shows the model’s message next to an out-of-range loss round and a bad parameter', () => {
    render(<CongestionControl />);
    const round = screen.getByLabelText('Loss 2: round');
    fireEvent.change(round, { target: { value: '45' } });
    expect(round.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('losses[1].round must be at most 29, got 45.')).toBeTruthy();
    expect(screen.getByText(/Showing the last valid run/)).toBeTruthy();
    expect(plot().querySelectorAll('.cc-band')).toHaveLength(30);
    fireEvent.change(round, { target: { value: '7' } });
    expect(screen.getByText('round 7 already has a loss; place at most one loss per round.')).toBeTruthy();
    fireEvent.change(round, { target: { value: '18' } });
    const mss = screen.getByLabelText('MSS');
    fireEvent.change(mss, { target: { value: '0' } });
    expect(screen.getByText('mss must be at least 1, got 0.')).toBeTruthy();
    expect(mss.getAttribute('aria-invalid')).toBe('true');
  });

  it('offers a link with the setup and reads a shared one', () => {
    history.replaceState(null, '', '/lessons/windows/#cc-loss=3t&cc-n=12');
    render(<CongestionControl />);
    expect(lossRounds()).toEqual(['3']);
    expect(plot().querySelectorAll('.cc-band')).toHaveLength(12);
    const link = screen.getByRole('link', { name: 'Link to this setup' });
    expect(link.getAttribute('href')).toBe('#cc-n=12&cc-loss=3t');
  });

  it('switches the initial window rule', () => {
    render(<CongestionControl />);
    fireEvent.change(screen.getByLabelText('Initial window'), { target: { value: 'rfc6928' } });
    expect(screen.getByText(/RFC 6928: min\(10·MSS, max\(2·MSS, 14600\)\) = 14,600 bytes/)).toBeTruthy();
    const first = within(screen.getByRole('region', { name: 'Rounds' })).getAllByRole('row')[1]!;
    expect(first.textContent).toContain('14,600');
  });
});
