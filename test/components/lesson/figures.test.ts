/**
 * The lesson figures' computations (src/components/lesson/figures.ts, facts.ts). Expected values here are the
 * RFC's own examples (RFC 6455 §5.2, §5.7, §1.3) and the real Chromium capture, so a figure that drifts from the
 * codec or the standard fails here before it reaches a page.
 */
import { describe, expect, it } from 'vitest';
import { HELLO_FRAME_HEX, CHROMIUM_UPGRADE_REQUEST } from '../../../content/captures/chromium-loopback';
import {
  RFC_BINARY_256_HEADER,
  RFC_BINARY_64K_HEADER,
  RFC_MASKED_HELLO,
} from '../../../content/captures/rfc6455-examples';
import { fact, FACTS, type FactName } from '../../../src/components/lesson/facts';
import {
  buildFrame,
  citationParts,
  frameAnatomy,
  headLines,
  lengthRows,
  maskRows,
  msbSetExample,
  nonMinimalExample,
  opcodeRows,
  showFrames,
  utf8Budget,
  withHeader,
  withMethod,
} from '../../../src/components/lesson/figures';
import { parseHex, toHex } from '../../../src/protocol/hex';
import { validateHandshakeRequest } from '../../../src/protocol/websocket/handshake';
import { VIOLATION_RULES } from '../../../src/protocol/websocket/violations';
import { HANDSHAKE_RULES } from '../../../src/protocol/websocket/handshake';
import { CLOSE_CODES } from '../../../src/protocol/websocket/close-codes';

describe('citationParts', () => {
  it('links a single section', () => {
    expect(citationParts('RFC 6455 §5.1')).toEqual([
      { text: 'RFC 6455 §5.1', href: 'https://www.rfc-editor.org/rfc/rfc6455#section-5.1' },
    ]);
  });

  it('carries the RFC number over to a bare §, keeps items and separators', () => {
    expect(citationParts('RFC 6455 §4.2.1 item 5, §4.1 item 7')).toEqual([
      { text: 'RFC 6455 §4.2.1 item 5', href: 'https://www.rfc-editor.org/rfc/rfc6455#section-4.2.1' },
      { text: ', ' },
      { text: '§4.1 item 7', href: 'https://www.rfc-editor.org/rfc/rfc6455#section-4.1' },
    ]);
  });

  it('switches RFC after a semicolon and keeps surrounding text', () => {
    expect(citationParts('RFC 6455 §4.2.1 item 2; RFC 9112 §3.2').map((p) => p.href)).toEqual([
      'https://www.rfc-editor.org/rfc/rfc6455#section-4.2.1',
      undefined,
      'https://www.rfc-editor.org/rfc/rfc9112#section-3.2',
    ]);
    const iana = citationParts('IANA WebSocket Close Code Number Registry (RFC 6455 §11.7)');
    expect(iana.map((p) => p.text).join('')).toBe('IANA WebSocket Close Code Number Registry (RFC 6455 §11.7)');
    expect(iana.filter((p) => p.href).map((p) => p.href)).toEqual([
      'https://www.rfc-editor.org/rfc/rfc6455#section-11.7',
    ]);
  });

  it('links every rule of the core tables the lessons render', () => {
    const rules = [
      ...VIOLATION_RULES.map((r) => r.rule),
      ...Object.values(HANDSHAKE_RULES).map((r) => r.rule),
      ...CLOSE_CODES.map((c) => c.source),
    ];
    for (const rule of rules) {
      const parts = citationParts(rule);
      expect(parts.map((p) => p.text).join(''), rule).toBe(rule);
      expect(
        parts.some((p) => p.href),
        rule,
      ).toBe(true);
    }
  });
});

describe('frames', () => {
  it('builds the RFC 6455 §5.7 masked "Hello" byte for byte', () => {
    expect(toHex(buildFrame({ opcode: 'text', text: 'Hello', maskKey: '37fa213d' }))).toBe(RFC_MASKED_HELLO);
  });

  it('pairs each frame of a stream with its own bytes', () => {
    const bytes = parseHex('01 03 48 65 6c 89 00 80 02 6c 6f');
    const shown = showFrames(bytes, 'server');
    expect(shown.frames.map((f) => f.hex)).toEqual(['01 03 48 65 6c', '89 00', '80 02 6c 6f']);
    expect(shown.frames[0]!.summary).toBe('FIN 0 · 0x1 text · not masked · 3 bytes: “Hel”');
    expect(shown.violations).toEqual([]);
  });

  it('refuses bytes that end inside a frame', () => {
    expect(() => showFrames(parseHex('81 05 48'), 'server')).toThrow(/4 bytes missing/);
  });

  it('takes the captured Hello frame apart', () => {
    const { rows } = frameAnatomy(parseHex(HELLO_FRAME_HEX), 'client');
    expect(rows.map((r) => [r.field, r.raw, r.value])).toEqual([
      ['FIN', '1', '1'],
      ['RSV1–3', '000', '0 0 0'],
      ['opcode', '0001', '0x1'],
      ['MASK', '1', '1'],
      ['payload len', '0000101', '5'],
      ['masking key', '0b 4c de 23', '4 bytes'],
      ['payload', '43 29 b2 4f 64', '5 bytes'],
    ]);
    expect(rows.at(-1)!.meaning).toBe('unmasked: “Hello”');
  });

  it('unmasks byte by byte', () => {
    const { rows } = maskRows(parseHex(RFC_MASKED_HELLO));
    expect(rows.map((r) => r.char).join('')).toBe('Hello');
    expect(rows[4]).toEqual({ i: 4, j: 0, masked: '58', key: '37', plain: '6f', char: 'o' });
  });
});

describe('opcodes and lengths', () => {
  it('lists the six defined opcodes and folds the reserved ones into two ranges', () => {
    expect(opcodeRows().map((r) => `${r.value} ${r.name} ${r.kind}`)).toEqual([
      '0x0 continuation data',
      '0x1 text data',
      '0x2 binary data',
      '0x3–0x7 reserved data',
      '0x8 close control',
      '0x9 ping control',
      '0xA pong control',
      '0xB–0xF reserved control',
    ]);
  });

  it('writes the headers of RFC 6455 §5.7 for 256 bytes and 64 KiB', () => {
    const rows = lengthRows([5, 125, 126, 256, 65535, 65536]);
    expect(rows.map((r) => r.encoding)).toEqual([7, 7, 16, 16, 16, 64]);
    expect(rows[3]!.header).toBe(RFC_BINARY_256_HEADER);
    expect(rows[5]!.header).toBe(RFC_BINARY_64K_HEADER);
  });

  it('shows the decoder refusing non-minimal and top-bit lengths', () => {
    expect(nonMinimalExample().violation?.id).toBe('NON_MINIMAL_LENGTH');
    expect(msbSetExample()).toMatchObject({
      hex: '82 7f 80 00 00 00 00 00 00 00',
      violation: { id: 'LENGTH_MSB_SET' },
    });
  });
});

describe('utf8Budget', () => {
  it('fits 255 ASCII, 127 two-byte, 85 three-byte and 63 four-byte characters in 255 bytes', () => {
    expect(utf8Budget(['a', 'é', '昵', '😀'], 255).map((r) => [r.bytesPerChar, r.maxChars])).toEqual([
      [1, 255],
      [2, 127],
      [3, 85],
      [4, 63],
    ]);
    expect(utf8Budget(['称'], 255)[0]).toMatchObject({ codePoint: 'U+79F0', utf8: 'e7 a7 b0' });
  });
});

describe('heads', () => {
  it('replaces, adds and removes header fields and keeps the head well-formed', () => {
    const v8 = withHeader(CHROMIUM_UPGRADE_REQUEST, 'sec-websocket-version', '8');
    expect(headLines(v8)).toContain('Sec-WebSocket-Version: 8');
    expect(validateHandshakeRequest(v8).status).toBe(426);
    const noUpgrade = withHeader(CHROMIUM_UPGRADE_REQUEST, 'Upgrade', null);
    expect(headLines(noUpgrade).some((l) => l.startsWith('Upgrade:'))).toBe(false);
    expect(validateHandshakeRequest(noUpgrade).status).toBe(400);
    const withProtocol = withHeader(CHROMIUM_UPGRADE_REQUEST, 'Sec-WebSocket-Protocol', 'chat, superchat');
    expect(validateHandshakeRequest(withProtocol).request.protocols).toEqual(['chat', 'superchat']);
    expect(withProtocol.endsWith('\r\n\r\n')).toBe(true);
    expect(validateHandshakeRequest(withMethod(CHROMIUM_UPGRADE_REQUEST, 'POST')).status).toBe(400);
  });
});

describe('facts', () => {
  it('computes the numbers the lessons state', () => {
    const expected: Partial<Record<FactName, string>> = {
      len7Max: '125',
      len16Max: '65,535',
      len64Max: '9,223,372,036,854,775,807',
      len64MaxHex: '7f ff ff ff ff ff ff ff',
      unsigned64Max: '18,446,744,073,709,551,615',
      controlMax: '125',
      closeReasonMax: '123',
      nonceBytes: '16',
      keyChars: '24',
      sha1Bytes: '20',
      acceptChars: '28',
      guid: '258EAFA5-E914-47DA-95CA-C5AB0DC85B11',
      requestBytes: '501',
      oneByteMax: '255',
      cjkNameMax: '85',
      cjkBytesEach: '3',
      helloKey: '0b 4c de 23',
      helloFrameBytes: '11',
    };
    for (const [name, value] of Object.entries(expected)) expect(fact(name as FactName), name).toBe(value);
    for (const name of Object.keys(FACTS)) expect(fact(name as FactName).length, name).toBeGreaterThan(0);
  });
});
