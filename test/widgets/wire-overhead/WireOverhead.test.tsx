// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WireOverhead from '../../../src/widgets/wire-overhead/WireOverhead';

// Whole widgets render in jsdom; give them room on a busy machine.
vi.setConfig({ testTimeout: 20_000 });

afterEach(cleanup);

const compare = () => screen.getByRole('region', { name: 'HTTP request and WebSocket frame compared' });
const cell = (row: string, col: 1 | 2) =>
  within(compare()).getByRole('rowheader', { name: row }).parentElement!.children[col]!.textContent;

describe('WireOverhead', () => {
  it('compares "hello, world" as an HTTP request and as a WebSocket frame', () => {
    render(<WireOverhead />);
    expect(cell('Payload', 1)).toBe('12');
    expect(cell('TCP payload', 2)).toBe('18');
    expect(screen.getByText(/\+ 4-byte masking key/)).toBeTruthy();
    const lines = screen.getByRole('region', { name: 'The request, line by line' });
    expect(lines.textContent).toContain('POST /chat HTTP/1.1');
    expect(lines.textContent).toContain('Content-Length: 12');
    expect(document.querySelector('svg[role="img"]')!.getAttribute('aria-label')).toMatch(/WebSocket .*frame header 6/);
  });

  it('drops the mask for a server frame', () => {
    render(<WireOverhead />);
    fireEvent.click(screen.getByLabelText('server (unmasked)'));
    expect(cell('TCP payload', 2)).toBe('14');
  });

  it('counts bytes of the text as UTF-8', () => {
    render(<WireOverhead payload="héllo" />);
    expect(screen.getByText('6 bytes of UTF-8.')).toBeTruthy();
    expect(cell('Payload', 2)).toBe('6');
  });

  it('takes a size instead of text, and reports a bad one next to the field', () => {
    render(<WireOverhead size={3000} />);
    expect(cell('Segments (up to 1,448 payload bytes each)', 2)).toBe('3');
    const size = screen.getByLabelText('Payload size');
    fireEvent.change(size, { target: { value: '-4' } });
    expect(size.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/The size must be a whole number of bytes/)).toBeTruthy();
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
  });

  it('edits headers: a bad name gets the core’s message at its row; removing headers shrinks the request', () => {
    render(<WireOverhead headers="minimal" />);
    const before = Number(cell('Protocol framing (request line + headers / frame header)', 1));
    fireEvent.click(screen.getByRole('button', { name: 'Add a header' }));
    const name = screen.getByLabelText('Header 2 name');
    fireEvent.change(name, { target: { value: 'X Bad' } });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/headers\[1\]\.name has " " at position 1/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Remove header 2/ }));
    expect(Number(cell('Protocol framing (request line + headers / frame header)', 1))).toBe(before);
  });

  it('switches to IPv6 and to the whole Ethernet frame', () => {
    render(<WireOverhead />);
    const total = Number(cell('Total', 2));
    fireEvent.click(screen.getByLabelText('IPv6'));
    expect(Number(cell('Total', 2))).toBe(total + 20);
    fireEvent.change(screen.getByLabelText('Ethernet'), { target: { value: 'wire' } });
    expect(screen.getByText(/Inter-frame gap: 12 bytes/)).toBeTruthy();
  });

  it('reports an MTU with no room for payload', () => {
    render(<WireOverhead />);
    const mtu = screen.getByLabelText('MTU');
    fireEvent.change(mtu, { target: { value: '50' } });
    expect(mtu.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/MTU 50 leaves no room for payload/)).toBeTruthy();
  });

  it('reports a bad MSS at the MSS field, without blaming the MTU, and keeps the last result', () => {
    render(<WireOverhead />);
    const mss = screen.getByLabelText('Payload per segment');
    fireEvent.change(mss, { target: { value: '0' } });
    expect(mss.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('mss must be at least 1, got 0.')).toBeTruthy();
    expect(screen.getByLabelText('MTU').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByText(/leaves no room/)).toBeNull();
    expect(screen.getByText(/Showing the last valid result/)).toBeTruthy();
    fireEvent.change(mss, { target: { value: '536' } });
    expect(mss.getAttribute('aria-invalid')).toBeNull();
    expect(cell('Segments (up to 536 payload bytes each)', 2)).toBe('1');
  });
});
