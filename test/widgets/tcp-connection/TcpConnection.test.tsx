// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import TcpConnection from '../../../src/widgets/tcp-connection/TcpConnection';

// Whole widgets render in jsdom; give them room on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

afterEach(cleanup);

const visibleArrows = () => document.querySelectorAll('svg .seq-row').length;
const stepBox = () => document.querySelector('.wn-conn-step') as HTMLElement;

describe('TcpConnection', () => {
  it('steps through the three-way handshake with buttons', () => {
    render(<TcpConnection />);
    expect(screen.getByText('Segment #0 (1 of 3)')).toBeTruthy();
    expect(visibleArrows()).toBe(1);
    expect(stepBox().textContent).toMatch(/#0 client → server: SYN/);
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(visibleArrows()).toBe(2);
    expect(stepBox().textContent).toMatch(/ack = client ISN \+ 1/);
    expect(stepBox().textContent).toMatch(/relative 1/);
    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(screen.getByText('Segment #2 (3 of 3)')).toBeTruthy();
    // At the end Next says it is unavailable but keeps focus (aria-disabled, not disabled), and does nothing.
    const next = screen.getByRole('button', { name: 'Next' });
    expect(next.getAttribute('aria-disabled')).toBe('true');
    expect((next as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(next);
    expect(screen.getByText('Segment #2 (3 of 3)')).toBeTruthy();
    expect(stepBox().textContent).toMatch(/both ISNs are now acknowledged/);
    expect(stepBox().textContent).toMatch(/connect\(\) returned/);
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    expect(visibleArrows()).toBe(0);
    expect(stepBox().textContent).toMatch(/client CLOSED.*server LISTEN/);
  });

  it('steps with the arrow keys on the diagram', () => {
    render(<TcpConnection step={0} />);
    const fig = screen.getByLabelText('Diagram: arrow keys step through the segments');
    fireEvent.keyDown(fig, { key: 'ArrowRight' });
    fireEvent.keyDown(fig, { key: 'ArrowRight' });
    expect(visibleArrows()).toBe(2);
    fireEvent.keyDown(fig, { key: 'ArrowLeft' });
    expect(visibleArrows()).toBe(1);
    fireEvent.keyDown(fig, { key: 'End' });
    expect(visibleArrows()).toBe(3);
  });

  it('loses a segment and shows the retransmission after the RTO', () => {
    render(<TcpConnection step="all" />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Lose segment 1 (SYN-ACK from the server)' }));
    expect(stepBox().textContent).toMatch(/lost/);
    expect(document.querySelector('svg .seq-row.is-dropped')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Next' }));
    // The client repeats its SYN or the server its SYN-ACK: whichever timer fires first; either way a retransmission.
    expect(stepBox().textContent).toMatch(/retransmission/);
    expect(stepBox().textContent).toMatch(/retransmission timer expired after 1 s/);
    expect(document.querySelector('svg')!.textContent).toContain('later');
  });

  it('shows TIME-WAIT after the four-segment close, with Linux’s 60 s on request', () => {
    render(<TcpConnection scenario="four-way-close" step="all" />);
    const svg = document.querySelector('svg')!;
    expect(svg.textContent).toMatch(/client TIME-WAIT 240 s → CLOSED/);
    expect(stepBox().textContent).toMatch(/Client in TIME-WAIT since/);
    fireEvent.change(screen.getByLabelText('TIME-WAIT'), { target: { value: 'linux' } });
    expect(document.querySelector('svg')!.textContent).toMatch(/client TIME-WAIT 60 s/);
  });

  it('switches scenario and tells its story', () => {
    render(<TcpConnection step="all" />);
    fireEvent.change(screen.getByLabelText('Scenario'), { target: { value: 'connection-refused' } });
    expect(screen.getByText(/Nothing listens on the port/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    expect(stepBox().textContent).toMatch(/ECONNREFUSED/);
  });

  it('reports an out-of-range round-trip time next to the field and keeps the last run', () => {
    render(<TcpConnection />);
    const rtt = screen.getByLabelText('Round-trip time');
    fireEvent.change(rtt, { target: { value: '0' } });
    expect(rtt.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('rttMs must be greater than 0, got 0.')).toBeTruthy();
    expect(visibleArrows()).toBe(1);
    fireEvent.change(rtt, { target: { value: '20' } });
    expect(rtt.getAttribute('aria-invalid')).toBeNull();
    expect(within(stepBox()).getByText(/arrives at 10 ms/)).toBeTruthy();
  });

  it('hides the scenario menu when the lesson fixes it', () => {
    render(<TcpConnection scenario="half-close" fixedScenario />);
    expect(screen.queryByLabelText('Scenario')).toBeNull();
    expect(screen.getByText(/shutdown\(SHUT_WR\)/)).toBeTruthy();
  });

  it('offers only the scenarios a lesson lists, and TIME-WAIT only when one of them ends in it', () => {
    const options = () =>
      within(screen.getByLabelText('Scenario'))
        .getAllByRole('option')
        .map((o) => o.textContent);
    render(<TcpConnection scenarios={['three-way-open', 'simultaneous-open', 'connection-refused']} />);
    expect(options()).toEqual([
      'Three-way handshake',
      'Simultaneous open',
      'Connection refused (RST from a closed port)',
    ]);
    expect(screen.queryByLabelText(/TIME-WAIT/)).toBeNull();
    cleanup();
    render(<TcpConnection scenario="four-way-close" scenarios={['four-way-close', 'half-close', 'abort']} />);
    expect(options()).toHaveLength(3);
    expect(screen.getByLabelText(/TIME-WAIT/)).toBeTruthy();
  });
});

describe('TcpConnection on a page with another', () => {
  const landmarkNames = () => screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'));

  it('names its landmarks after the scenario shown', () => {
    render(<TcpConnection />);
    expect(landmarkNames()).toEqual([
      'TCP connection diagram: Three-way handshake',
      'Segments of this run: Three-way handshake',
    ]);
  });

  it('two diagrams have distinct landmark names: by scenario, or by the title given', () => {
    render(
      <>
        <TcpConnection scenario="three-way-open" />
        <TcpConnection scenario="half-close" />
        <TcpConnection scenario="three-way-open" drop={[0]} title="Losing the SYN" fixedScenario />
      </>,
    );
    const names = landmarkNames();
    expect(names).toEqual([
      'TCP connection diagram: Three-way handshake',
      'Segments of this run: Three-way handshake',
      'TCP connection diagram: Half-close',
      'Segments of this run: Half-close',
      'TCP connection diagram: Losing the SYN',
      'Segments of this run: Losing the SYN',
    ]);
    expect(new Set(names).size).toBe(names.length);
  });
});
