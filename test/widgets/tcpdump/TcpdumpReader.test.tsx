// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import TcpdumpReader from '../../../src/widgets/tcpdump/TcpdumpReader';
import { BROKEN_LINES, LOOPBACK_NC, REFERENCE_RST } from '../../../src/widgets/tcpdump/examples';

// Whole widgets render in jsdom; give them room on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  history.replaceState(null, '', '/');
});

const textBox = () => screen.getByLabelText('tcpdump output') as HTMLTextAreaElement;
const bodyRows = () => document.querySelectorAll('.wn-tcpdump-table tbody tr');

describe('TcpdumpReader', () => {
  it('explains the reference capture: table, diagram and badges', () => {
    render(<TcpdumpReader />);
    expect(screen.getByText('14 segments read from 14 lines.')).toBeTruthy();
    expect(bodyRows()).toHaveLength(14);
    const svg = document.querySelector('svg[role="img"]')!;
    expect(svg.querySelector('title')!.textContent).toMatch(
      /client 10\.2\.200\.11:63826 → server 10\.2\.200\.140:8080/,
    );
    expect(svg.querySelectorAll('.seq-row')).toHaveLength(14);
    expect(svg.textContent).toContain('[P.] seq 1:404 ack 1 len 403');
    expect(svg.textContent).toContain('TIME-WAIT');
    // Handshake step 3: window 4117 scaled by 2^5.
    const third = bodyRows()[2] as HTMLElement;
    expect(third.textContent).toContain('4,117 → 131,744');
    const badges = (i: number) =>
      [...(bodyRows()[i] as HTMLElement).querySelectorAll('.wn-kind')].map((b) => b.textContent);
    expect(badges(2)).toEqual(['handshake 3/3']);
    expect(badges(4)).toEqual(['data']);
    expect(badges(5)).toEqual(['pure ACK']);
    expect(badges(10)).toEqual(['FIN']);
  });

  it('gives each flag its meaning as the description of a focusable term', () => {
    render(<TcpdumpReader />);
    const syn = within(bodyRows()[0] as HTMLElement).getByRole('button', { name: 'SYN' });
    const desc = document.getElementById(syn.getAttribute('aria-describedby')!)!;
    expect(desc.textContent).toMatch(/Synchronize sequence numbers/);
    fireEvent.focus(syn);
    expect(document.querySelector('.wn-tip-bubble')!.textContent).toMatch(/Synchronize/);
    fireEvent.keyDown(syn, { key: 'Escape' });
    expect(document.querySelector('.wn-tip-bubble')).toBeNull();
  });

  it('shows everything about a chosen segment', () => {
    render(<TcpdumpReader />);
    fireEvent.click(screen.getByRole('button', { name: 'Segment 3 (line 3): details' }));
    const details = document.querySelector('.wn-tcpdump-details') as HTMLElement;
    expect(within(details).getByText(/Segment 3 \(line 3\): Handshake ACK/)).toBeTruthy();
    expect(details.textContent).toMatch(/win 4,117 × 2\^5 = 131,744 bytes/);
    expect(details.textContent).toMatch(/three-way handshake is complete/);
    expect(details.textContent).toMatch(/States after itclient ESTABLISHED.*server ESTABLISHED/);
    expect(screen.getByRole('button', { name: 'Segment 3 (line 3): details' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('lists unreadable lines with line, column and reason, and still explains the rest', () => {
    render(<TcpdumpReader initial={BROKEN_LINES} />);
    expect(screen.getByText('2 segments read from 8 lines; 2 lines not readable; 4 skipped (not TCP).')).toBeTruthy();
    const problems = document.querySelector('.wn-tcpdump-problems') as HTMLElement;
    expect(problems.textContent).toMatch(/Line 4, column 122: "options \[" is never closed/);
    expect(problems.textContent).toMatch(/Line 7, column 67: unknown flag letter "X"/);
    expect(problems.textContent).toMatch(/Line 5: ARP packet, not TCP/);
    expect([...problems.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['[', 'X']);
    expect(bodyRows()).toHaveLength(2);
    expect(textBox().getAttribute('aria-invalid')).toBe('true');
  });

  it('says when nothing could be read', () => {
    render(<TcpdumpReader initial="hello world" />);
    expect(screen.getByText(/No TCP segment could be read/)).toBeTruthy();
    expect(document.querySelector('svg')).toBeNull();
  });

  it('loads an example from the menu and re-reads pasted text', async () => {
    render(<TcpdumpReader />);
    fireEvent.change(screen.getByLabelText('Example'), { target: { value: 'refused' } });
    expect(textBox().value).toBe(REFERENCE_RST);
    await waitFor(() => expect(bodyRows()).toHaveLength(2));
    expect((bodyRows()[1] as HTMLElement).querySelector('.wn-kind')!.textContent).toBe('RST');
    fireEvent.change(textBox(), { target: { value: LOOPBACK_NC } });
    await waitFor(() => expect(bodyRows()).toHaveLength(14));
    expect((screen.getByLabelText('Example') as HTMLSelectElement).value).toBe('');
  });

  it('reads the capture from the link and writes changes back', async () => {
    history.replaceState(null, '', `/tools/tcpdump/#${new URLSearchParams({ cap: REFERENCE_RST, num: 'absolute' })}`);
    render(<TcpdumpReader syncHash headingLevel={2} />);
    await waitFor(() => expect(textBox().value).toBe(REFERENCE_RST));
    expect((screen.getByLabelText('Sequence numbers') as HTMLSelectElement).value).toBe('absolute');
    vi.useFakeTimers();
    fireEvent.change(textBox(), { target: { value: LOOPBACK_NC } });
    act(() => {
      vi.advanceTimersByTime(400);
    });
    expect(new URLSearchParams(location.hash.slice(1)).get('cap')).toBe(LOOPBACK_NC);
  });

  it('opens on the segment a link names (seg, from 1), and writes a chosen segment back', async () => {
    history.replaceState(
      null,
      '',
      `/tools/tcpdump/#${new URLSearchParams({ cap: REFERENCE_RST, num: 'absolute', seg: '2' })}`,
    );
    render(<TcpdumpReader syncHash headingLevel={2} />);
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: /^Segment 2 \(line \d+\): details/ }).getAttribute('aria-pressed'),
      ).toBe('true'),
    );
    expect(screen.getByRole('button', { name: /^Segment 1 \(line \d+\): details/ }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    vi.useFakeTimers();
    fireEvent.click(screen.getByRole('button', { name: /^Segment 1 \(line \d+\): details/ }));
    act(() => {
      vi.advanceTimersByTime(400);
    });
    expect(new URLSearchParams(location.hash.slice(1)).get('seg')).toBe('1');
  });

  it('says when the capture is too long for the link, and removes it from the link', () => {
    vi.useFakeTimers();
    render(<TcpdumpReader syncHash />);
    fireEvent.change(textBox(), { target: { value: `${LOOPBACK_NC}\n`.repeat(6) } });
    act(() => {
      vi.advanceTimersByTime(400);
    });
    expect(screen.getByText(/too long to keep in the link/)).toBeTruthy();
    expect(new URLSearchParams(location.hash.slice(1)).get('cap')).toBeNull();
  });
});

describe('TcpdumpReader on a page with another', () => {
  const landmarkNames = () => screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'));

  it('keeps the plain name when placed without an example or title (the tool page)', () => {
    render(<TcpdumpReader />);
    expect(landmarkNames()).toEqual(['tcpdump reader', 'Segments read from the capture']);
  });

  it('two readers have distinct landmark names: by example, or by the title given, and keep them while used', () => {
    render(
      <>
        <TcpdumpReader example="nc" />
        <TcpdumpReader example="http" />
        <TcpdumpReader initial={LOOPBACK_NC} title="Your capture" />
      </>,
    );
    const names = landmarkNames();
    expect(names).toEqual([
      'tcpdump reader: nc on Linux loopback (the lab’s echo port 8788)',
      'Segments read from the capture: nc on Linux loopback (the lab’s echo port 8788)',
      'tcpdump reader: A whole HTTP connection (handshake, request, response, close)',
      'Segments read from the capture: A whole HTTP connection (handshake, request, response, close)',
      'tcpdump reader: Your capture',
      'Segments read from the capture: Your capture',
    ]);
    expect(new Set(names).size).toBe(names.length);
    // Loading the other example into the first reader does not make the two names equal.
    fireEvent.change(screen.getAllByLabelText('Example')[0]!, { target: { value: 'http' } });
    expect(landmarkNames()).toEqual(names);
  });
});
