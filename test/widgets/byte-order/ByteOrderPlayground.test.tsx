// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import ByteOrderPlayground from '../../../src/widgets/byte-order/ByteOrderPlayground';
import {
  encodeBoth,
  formatNumberValue,
  lengthFieldExamples,
  readAll,
  readingText,
} from '../../../src/widgets/byte-order/model';

afterEach(() => cleanup());

const bytesOf = (order: 'be' | 'le'): string =>
  Array.from(document.querySelectorAll(`.wn-bo-row[data-order="${order}"] .wn-bo-byte`), (e) => e.textContent).join(
    ' ',
  );
const cell = (type: string, order: 'be' | 'le'): string =>
  document.querySelector(
    `tr[data-type="${type}"] td[data-order="${order}"] .wn-bo-value, tr[data-type="${type}"] td[data-order="${order}"] .wn-muted`,
  )!.textContent ?? '';

describe('byte-order model', () => {
  it('encodes 258 as u16 both ways with the DataView call', () => {
    const v = encodeBoth('258', 'u16');
    if (!v.ok) throw new Error(v.message);
    expect(Array.from(v.be.bytes)).toEqual([0x01, 0x02]);
    expect(Array.from(v.le.bytes)).toEqual([0x02, 0x01]);
    expect(v.be.call).toBe('view.setUint16(0, 258, false)');
  });

  it('refuses a value that does not fit, with the core’s reason', () => {
    const v = encodeBoth('70000', 'u16');
    expect(v).toMatchObject({ ok: false, message: expect.stringContaining('too large for u16') });
    expect(encodeBoth('1.5', 'i32')).toMatchObject({ ok: false, position: 1 });
    expect(encodeBoth('', 'u8')).toMatchObject({ ok: false, message: expect.stringMatching(/^Type a number/) });
    expect(encodeBoth('pi', 'f64')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a decimal number'),
    });
  });

  it('reads bytes as every type, saying what is missing', () => {
    const r = readAll('01 00');
    if (!r.ok) throw new Error(r.message);
    const u16 = r.rows.find((row) => row.type === 'u16')!;
    expect(readingText(u16.be)).toBe('256');
    expect(readingText(u16.le!)).toBe('1');
    const u32 = r.rows.find((row) => row.type === 'u32')!;
    expect(readingText(u32.be)).toBe('needs 2 more bytes');
    expect(r.rows.find((row) => row.type === 'u8')!.le).toBeUndefined();
  });

  it('rejects bad hex with its position, and empty input', () => {
    expect(readAll('01 0g')).toMatchObject({ ok: false, kind: 'hex', error: { position: 4 } });
    expect(readAll('  ')).toMatchObject({ ok: false, kind: 'empty' });
  });

  it('reads the WebSocket extended lengths with the frame decoder: 126 + 01 00 = 256 (RFC 6455 §5.2)', () => {
    const [sixteen, sixtyFour] = lengthFieldExamples();
    expect(sixteen).toMatchObject({
      marker: 126,
      bits: 16,
      lengthBytes: '01 00',
      decodedLength: 256,
      littleEndianReading: '1',
    });
    expect(sixtyFour).toMatchObject({
      marker: 127,
      bits: 64,
      decodedLength: 65536,
      littleEndianReading: String(2 ** 40),
    });
  });

  it('formats −0 and BigInt without surprises', () => {
    expect(formatNumberValue(-0)).toBe('-0');
    expect(formatNumberValue(2n ** 63n)).toBe('9223372036854775808');
  });
});

describe('ByteOrderPlayground', () => {
  it('shows 258 as u16 big-endian 01 02 and little-endian 02 01', () => {
    render(<ByteOrderPlayground />);
    expect(bytesOf('be')).toBe('01 02');
    expect(bytesOf('le')).toBe('02 01');
    expect(screen.getByText('view.setUint16(0, 258, true)')).toBeTruthy();
  });

  it('changes type, and rounds an f32 with a note', () => {
    render(<ByteOrderPlayground value="0.1" type="f32" />);
    expect(bytesOf('be')).toBe('3d cc cc cd');
    expect(screen.getByText(/nearest f32 is 0\.10000000149011612/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Type'), { target: { value: 'f64' } });
    expect(bytesOf('be')).toBe('3f b9 99 99 99 99 99 9a');
  });

  it('explains a value that does not fit, keeping the last bytes dimmed', () => {
    render(<ByteOrderPlayground />);
    const value = screen.getByLabelText(/^Value/);
    fireEvent.change(value, { target: { value: '-1' } });
    expect(value.getAttribute('aria-invalid')).toBe('true');
    expect(
      screen.getByText(/-1 is negative, but u16 \(unsigned 16-bit, 0…65535\) has no negative values/),
    ).toBeTruthy();
    expect(bytesOf('be')).toBe('01 02');
    expect(document.querySelector('.wn-bo-orders')!.classList.contains('is-stale')).toBe(true);
  });

  it('reads bytes as every type in both orders', () => {
    render(<ByteOrderPlayground bytes="ff ff ff ff" />);
    expect(cell('u32', 'be')).toBe('4294967295');
    expect(cell('i32', 'le')).toBe('-1');
    expect(cell('f32', 'be')).toBe('NaN');
    expect(cell('u64', 'be')).toBe('needs 4 more bytes');
  });

  it('marks bad hex in the bytes field and says so for empty input', () => {
    render(<ByteOrderPlayground />);
    const hex = screen.getByLabelText('Bytes (hex)');
    fireEvent.change(hex, { target: { value: '01 0g' } });
    expect(document.querySelector('.wn-bad-char')!.textContent).toBe('g');
    fireEvent.change(hex, { target: { value: '' } });
    expect(screen.getByText(/Type some bytes in hex/)).toBeTruthy();
  });

  it('ties byte order to the WebSocket length field and loads its bytes', () => {
    render(<ByteOrderPlayground bytes="aa" />);
    expect(document.querySelector('[data-length="16"]')!.textContent).toBe('256');
    const note = screen.getByRole('region', { name: 'Network byte order in WebSocket' });
    fireEvent.click(within(note).getAllByRole('button')[0]!);
    expect((screen.getByLabelText('Bytes (hex)') as HTMLInputElement).value).toBe('01 00');
    expect(cell('u16', 'be')).toBe('256');
  });
});
