import { describe, expect, it } from 'vitest';
import {
  buildHttpRequest,
  bytesOnTheWire,
  compareHttpVsWebSocket,
  websocketFrameSize,
  wireOptionProblems,
} from '../../../src/protocol/http/overhead';

describe('websocketFrameSize (RFC 6455 §5.2)', () => {
  it('"hello, world" from the client is an 18-byte frame (tcp-ip-through-tcpdump.zh.txt §11: "length 18")', () => {
    const f = websocketFrameSize(12, 'client');
    expect(f).toMatchObject({ headerBytes: 6, maskBytes: 4, lengthEncoding: 7, total: 18 });
    expect(f.why).toBe(
      '12 ≤ 125 fits the 7-bit length: 2 header bytes + 4-byte masking key (client frames are always masked, RFC 6455 §5.3): 6 + 12 = 18 bytes (RFC 6455 §5.2).',
    );
  });

  it('server frames are unmasked; 16- and 64-bit lengths at 126 and 65,536', () => {
    expect(websocketFrameSize(12, 'server').total).toBe(14);
    expect(websocketFrameSize(125, 'server').headerBytes).toBe(2);
    expect(websocketFrameSize(126, 'server').headerBytes).toBe(4);
    expect(websocketFrameSize(65535, 'client').headerBytes).toBe(8);
    expect(websocketFrameSize(65536, 'client').headerBytes).toBe(14);
    expect(websocketFrameSize(65536, 'server').lengthEncoding).toBe(64);
  });
});

describe('buildHttpRequest', () => {
  it('builds the literal request with CRLFs and counts every line', () => {
    const r = buildHttpRequest({
      method: 'POST',
      target: '/chat',
      headers: [{ name: 'Host', value: 'example.com' }],
      body: 'hello, world',
    });
    if (!r.ok) throw new Error('unexpected');
    const req = r.value;
    expect(req.text).toBe('POST /chat HTTP/1.1\r\nHost: example.com\r\nContent-Length: 12\r\n\r\nhello, world');
    expect(req.lines.map((l) => [l.kind, l.bytes])).toEqual([
      ['request-line', 21],
      ['header', 19],
      ['header', 20],
      ['blank', 2],
      ['body', 12],
    ]);
    expect(req.headBytes).toBe(62);
    expect(req.totalBytes).toBe(74);
    expect(req.bytes.length).toBe(74);
  });

  it('counts UTF-8 bytes, not characters', () => {
    const r = buildHttpRequest({ headers: [{ name: 'Host', value: 'x' }], body: '你好' });
    if (!r.ok) throw new Error('unexpected');
    expect(r.value.bodyBytes).toBe(6);
    expect(r.value.text).toContain('Content-Length: 6');
  });

  it('names the bad character in a header name or value', () => {
    const r = buildHttpRequest({
      headers: [
        { name: 'X Bad', value: 'ok' },
        { name: 'X-Ok', value: 'line\r\nbreak' },
      ],
      target: '/a b',
    });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => e.message)).toEqual([
      'target contains a space or control character at position 2 (RFC 9112 §3.2).',
      'headers[0].name has " " at position 1; a field name is a token (RFC 9110 §5.1).',
      'headers[1].value contains CR at position 4; field values cannot contain CR, LF or NUL (RFC 9110 §5.5).',
    ]);
  });
});

describe('bytesOnTheWire', () => {
  it('MTU 1500 → 1448 payload bytes per segment with timestamps, 1460 without', () => {
    expect(bytesOnTheWire(3000).mss).toBe(1448);
    expect(bytesOnTheWire(3000).segments).toBe(3);
    expect(bytesOnTheWire(3000, { timestamps: false }).mss).toBe(1460);
    expect(bytesOnTheWire(3000, { timestamps: false }).segments).toBe(3);
    expect(bytesOnTheWire(2920, { timestamps: false }).segments).toBe(2);
    expect(bytesOnTheWire(1000, { ipv6: true, timestamps: false }).mss).toBe(1440);
  });

  it('adds Ethernet 14 + IPv4 20 + TCP 32 per segment by default', () => {
    const w = bytesOnTheWire(18);
    expect(w.headerBytes).toBe(66);
    expect(w.total).toBe(84);
    expect(w.layersPerSegment.map((l) => l.bytes)).toEqual([32, 20, 14]);
  });
});

describe('bytesOnTheWire: a bad parameter is named in the error', () => {
  it('appBytes', () => {
    expect(() => bytesOnTheWire(-1)).toThrow(new RangeError('appBytes must be a whole number ≥ 0, got -1'));
    expect(() => bytesOnTheWire(2.5)).toThrow(/^appBytes must be a whole number/);
  });

  it('mss: not a whole number ≥ 1, and the MTU is not blamed', () => {
    expect(() => bytesOnTheWire(100, { mss: 0 })).toThrow(new RangeError('mss must be at least 1, got 0.'));
    expect(() => bytesOnTheWire(100, { mss: 536.5 })).toThrow(new RangeError('mss must be a whole number, got 536.5.'));
    expect(() => bytesOnTheWire(100, { mss: Number.NaN })).toThrow(
      new RangeError('mss must be a finite number, got NaN.'),
    );
  });

  it('mss: larger than the MTU leaves for payload (RFC 9293 §3.7.1)', () => {
    expect(() => bytesOnTheWire(100, { mss: 1449 })).toThrow(
      new RangeError(
        'mss 1449 does not fit in MTU 1500: after the headers (20 IP + 32 TCP with timestamps) there is room for 1448 bytes of payload (RFC 9293 §3.7.1).',
      ),
    );
    // The largest that fits is accepted, and the explanation says where it came from.
    const w = bytesOnTheWire(3000, { mss: 1448 });
    expect(w.segments).toBe(3);
    expect(w.why).toContain('of at most 1,448 (the MSS given)');
    expect(bytesOnTheWire(100, { mss: 1460, timestamps: false }).mss).toBe(1460);
  });

  it('mtu: too small for the headers, or not a whole number', () => {
    expect(() => bytesOnTheWire(100, { mtu: 52 })).toThrow(
      new RangeError(
        'MTU 52 leaves no room for payload after the headers (20 IP + 32 TCP with timestamps = 52 bytes); it must be at least 53.',
      ),
    );
    expect(bytesOnTheWire(100, { mtu: 53 }).mss).toBe(1);
    expect(() => bytesOnTheWire(100, { mtu: 60, ipv6: true, timestamps: false })).toThrow(
      /^MTU 60 leaves no room .*\(40 IP \+ 20 TCP = 60 bytes\); it must be at least 61\.$/,
    );
    expect(() => bytesOnTheWire(100, { mtu: 1500.5 })).toThrow(
      new RangeError('mtu must be a whole number, got 1500.5.'),
    );
  });

  it('lists every bad option with its field, and nothing for good ones', () => {
    expect(wireOptionProblems({})).toEqual([]);
    expect(wireOptionProblems({ mtu: 9000, mss: 8948 })).toEqual([]);
    expect(wireOptionProblems({ mtu: Number.NaN, mss: 0 }).map((p) => p.field)).toEqual(['mtu', 'mss']);
    // With an unusable MTU there is no room to compare a good MSS with: only the MTU is reported.
    expect(wireOptionProblems({ mtu: 40, mss: 100 }).map((p) => p.field)).toEqual(['mtu']);
  });
});

describe('compareHttpVsWebSocket', () => {
  it('reports bad wire options as errors under wire.*', () => {
    const r = compareHttpVsWebSocket('hello, world', { wire: { mss: 0 } });
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([{ field: 'wire.mss', value: 0, message: 'mss must be at least 1, got 0.' }]);
  });

  it('"hello, world": the WebSocket frame is 18 bytes; HTTP needs hundreds', () => {
    const r = compareHttpVsWebSocket('hello, world');
    if (!r.ok) throw new Error('unexpected');
    const c = r.value;
    expect(c.websocket.frame.total).toBe(18);
    expect(c.http.request.totalBytes).toBeGreaterThan(300);
    expect(c.rows.find((x) => x.label === 'Total on the wire')!.websocket).toBe(84);
    expect(c.http.request.text.endsWith('\r\n\r\nhello, world')).toBe(true);
  });

  it('uses the headers given', () => {
    const r = compareHttpVsWebSocket('hello, world', { headers: [{ name: 'Host', value: 'a' }], target: '/' });
    if (!r.ok) throw new Error('unexpected');
    // "POST / HTTP/1.1\r\n" 17 + "Host: a\r\n" 9 + "Content-Length: 12\r\n" 20 + "\r\n" 2 + 12
    expect(r.value.http.request.totalBytes).toBe(60);
  });
});
