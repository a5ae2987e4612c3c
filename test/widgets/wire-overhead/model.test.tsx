import { describe, expect, it } from 'vitest';
import {
  barParts,
  computeWire,
  DEFAULT_WIRE_FORM,
  headerRows,
  lineText,
  payloadOf,
  percent,
} from '../../../src/widgets/wire-overhead/model';

describe('wire-overhead view', () => {
  it('"hello, world" from the client: an 18-byte frame, as in the reference capture (length 18)', () => {
    const r = computeWire(DEFAULT_WIRE_FORM);
    expect(r.errors).toEqual({});
    expect(r.payloadBytes).toBe(12);
    expect(r.frame).toMatchObject({ headerBytes: 6, maskBytes: 4, total: 18 });
    expect(r.ws).toMatchObject({ tcpPayload: 18, framing: 6 });
    expect(r.http!.tcpPayload).toBe(r.request!.totalBytes);
    expect(r.http!.framing).toBe(r.request!.headBytes);
    expect(r.http!.wire.total).toBeGreaterThan(r.ws!.wire.total);
  });

  it('server frames carry no mask', () => {
    expect(computeWire({ ...DEFAULT_WIRE_FORM, from: 'server' }).frame).toMatchObject({ headerBytes: 2, total: 14 });
  });

  it('counts a payload given as a size, and refuses a bad one', () => {
    expect(computeWire({ ...DEFAULT_WIRE_FORM, mode: 'size', size: '70000' }).frame).toMatchObject({
      lengthEncoding: 64,
      headerBytes: 14,
    });
    expect(payloadOf({ ...DEFAULT_WIRE_FORM, mode: 'size', size: '-1' }).error).toMatch(/whole number of bytes/);
    expect(payloadOf({ ...DEFAULT_WIRE_FORM, mode: 'size', size: '20000000' }).error).toMatch(/up to 10,000,000 bytes/);
    expect(computeWire({ ...DEFAULT_WIRE_FORM, mode: 'size', size: '' }).errors.payload).toMatch(/got nothing/);
  });

  it('maps the core’s header errors to the header row', () => {
    const headers = [...headerRows('minimal'), { key: 9, name: 'Bad Name', value: 'x' }];
    const r = computeWire({ ...DEFAULT_WIRE_FORM, headers });
    expect(r.errors['headers[1].name']).toMatch(/has " " at position 3; a field name is a token \(RFC 9110 §5\.1\)/);
    expect(r.http).toBeUndefined();
  });

  it('reports an MTU or MSS that leaves no room at that field', () => {
    expect(computeWire({ ...DEFAULT_WIRE_FORM, mtu: '40' }).errors.mtu).toMatch(/leaves no room/);
    const r = computeWire({ ...DEFAULT_WIRE_FORM, mss: '0' });
    expect(r.errors.mss).toBe('mss must be at least 1, got 0.');
    expect(r.errors.mtu).toBeUndefined();
    expect(r.http).toBeUndefined();
    expect(r.ws).toBeUndefined();
    expect(computeWire({ ...DEFAULT_WIRE_FORM, mss: '2000' }).errors.mss).toMatch(/^mss 2000 does not fit in MTU 1500/);
    const both = computeWire({ ...DEFAULT_WIRE_FORM, mtu: '1500.5', mss: '-1' }).errors;
    expect([both.mtu, both.mss]).toEqual([
      'mtu must be a whole number, got 1500.5.',
      'mss must be at least 1, got -1.',
    ]);
  });

  it('splits a large request into segments of the MSS', () => {
    const r = computeWire({ ...DEFAULT_WIRE_FORM, mode: 'size', size: '3000', timestamps: true });
    expect(r.http!.wire.mss).toBe(1448);
    expect(r.ws!.wire.segments).toBe(3);
  });

  it('shows a generated body as a size, and shortens a long text body', () => {
    expect(lineText({ text: '\0\0', bytes: 2, kind: 'body', why: '' }, 'size')).toEqual({
      text: '',
      note: '2 bytes of payload',
    });
    expect(lineText({ text: 'x'.repeat(200), bytes: 200, kind: 'body', why: '' }, 'text').note).toBe(
      '… 200 bytes in all',
    );
    expect(lineText({ text: 'Host: a', bytes: 9, kind: 'header', why: '' }, 'size')).toEqual({ text: 'Host: a' });
  });

  it('stacks bars end to end on one scale', () => {
    const r = computeWire(DEFAULT_WIRE_FORM);
    const parts = barParts(r.http!, r.payloadBytes, r.http!.wire.total, 0, 1000);
    expect(parts.map((p) => p.part)).toEqual(['payload', 'framing', 'lower']);
    expect(parts[2]!.x + parts[2]!.width).toBeCloseTo(1000, 6);
    expect(percent(0.0345)).toBe('3.5%');
  });
});
