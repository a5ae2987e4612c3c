import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HexError, detectHexDumpFormat, formatHexDump, parseHex, toHex, tryParseHex } from '../../src/protocol/hex';
import {
  HELLO_FRAME_HEX,
  HELLO_SUMMARY,
  HELLO_TCPDUMP_X,
  HELLO_TCPDUMP_XX,
  HELLO_TCPDUMP_x,
  HELLO_TCPDUMP_xx,
  TEXT_FRAME_TCPDUMP_X,
  UPGRADE_TCPDUMP_X,
  CHROMIUM_UPGRADE_REQUEST,
} from '../../content/captures/chromium-loopback';

/** RFC 6455 §5.7: a single-frame masked text message "Hello" (mask key 37 fa 21 3d). */
const HELLO = Uint8Array.from([0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58]);

function hexOf(text: string): string {
  return toHex(parseHex(text));
}

function errorOf(text: string): HexError {
  try {
    parseHex(text);
  } catch (error) {
    if (error instanceof HexError) return error;
    throw error;
  }
  throw new Error(`parseHex(${JSON.stringify(text)}) did not throw`);
}

describe('parseHex: free-form hex (RFC 6455 §5.7 "Hello" frame)', () => {
  it.each([
    ['spaced', '81 85 37 fa 21 3d 7f 9f 4d 51 58'],
    ['upper case', '81 85 37 FA 21 3D 7F 9F 4D 51 58'],
    ['continuous', '818537fa213d7f9f4d5158'],
    ['0x with commas', '0x81,0x85,0x37,0xfa,0x21,0x3d,0x7f,0x9f,0x4d,0x51,0x58'],
    ['0x with comma and space', '0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58'],
    ['0x with spaces', '0x81 0x85 0x37 0xfa 0x21 0x3d 0x7f 0x9f 0x4d 0x51 0x58'],
    ['\\x escapes', '\\x81\\x85\\x37\\xfa\\x21\\x3d\\x7f\\x9f\\x4d\\x51\\x58'],
    ['Wireshark "Copy as Escaped String"', '"\\x81\\x85\\x37\\xfa\\x21\\x3d\\x7f\\x9f" \\\n"\\x4d\\x51\\x58"\n'],
    ['colon-separated', '81:85:37:fa:21:3d:7f:9f:4d:51:58'],
    ['groups of two bytes (xxd -p style grouping)', '8185 37fa 213d 7f9f 4d51 58'],
    ['over several lines, CRLF', '81 85 37 fa\r\n21 3d 7f 9f\r\n4d 51 58\r\n'],
    ['tabs and surrounding blank lines', '\n\t81\t85 37 fa 21 3d 7f 9f 4d 51 58\t\n\n'],
  ])('%s', (_name, text) => {
    expect(parseHex(text)).toEqual(HELLO);
  });

  it('reads a one-digit 0x byte in a byte list as that byte (0x5 → 05)', () => {
    expect(hexOf('[0x81, 0x5]'.slice(1, -1))).toBe('81 05');
  });

  it('gives an empty array for empty or blank input', () => {
    expect(parseHex('')).toEqual(new Uint8Array(0));
    expect(parseHex('  \n\t\r\n ')).toEqual(new Uint8Array(0));
  });
});

describe('parseHex: dumps', () => {
  // Real `xxd` (xxd 2022-01-14) output for the RFC 6455 §5.7 "Hello" frame, made on this machine.
  it('xxd', () => {
    expect(parseHex('00000000: 8185 37fa 213d 7f9f 4d51 58              ..7.!=..MQX')).toEqual(HELLO);
  });

  it('xxd -g1', () => {
    expect(parseHex('00000000: 81 85 37 fa 21 3d 7f 9f 4d 51 58                 ..7.!=..MQX')).toEqual(HELLO);
  });

  // Real `hexdump -C` output, including its closing line holding the total length.
  it('hexdump -C, with the extra space after the 8th byte and the final length line', () => {
    const dump = '00000000  81 85 37 fa 21 3d 7f 9f  4d 51 58                 |..7.!=..MQX|\n0000000b\n';
    expect(parseHex(dump)).toEqual(HELLO);
    expect(detectHexDumpFormat(dump)).toBe('wireshark');
  });

  // Laid out as Wireshark's "Copy → Bytes as Hex + ASCII Dump" (ui/qt/utils/data_printer.cpp:
  // "%04x  " then " %02x" per byte, three spaces, padding, ASCII). Constructed, not captured.
  const WIRESHARK_HELLO = '0000   81 85 37 fa 21 3d 7f 9f 4d 51 58                  ..7.!=..MQX';
  it('Wireshark "Copy as Hex + ASCII Dump"', () => {
    expect(parseHex(WIRESHARK_HELLO)).toEqual(HELLO);
    expect(parseHex(WIRESHARK_HELLO + '\n')).toEqual(HELLO);
  });

  it('Wireshark "…as Hex Dump" (no ASCII column) and tshark -x (two spaces after the offset)', () => {
    expect(parseHex('0000   81 85 37 fa 21 3d 7f 9f 4d 51 58\n')).toEqual(HELLO);
    expect(parseHex('0000  81 85 37 fa 21 3d 7f 9f 4d 51 58                    ..7.!=..MQX')).toEqual(HELLO);
  });

  it('formatHexDump produces exactly the Wireshark layout', () => {
    expect(formatHexDump(HELLO)).toBe(WIRESHARK_HELLO);
  });

  // ASCII columns that look like hex: real `xxd` and `hexdump -C` output of "cafe dead beef 0123 and more text!!".
  const CAFE = new TextEncoder().encode('cafe dead beef 0123 and more text!!');
  it('ignores an xxd ASCII column made of hex-looking words', () => {
    const dump = [
      '00000000: 6361 6665 2064 6561 6420 6265 6566 2030  cafe dead beef 0',
      '00000010: 3132 3320 616e 6420 6d6f 7265 2074 6578  123 and more tex',
      '00000020: 7421 21                                  t!!',
    ].join('\n');
    expect(parseHex(dump)).toEqual(CAFE);
  });

  it('ignores a hexdump -C ASCII column made of hex-looking words', () => {
    const dump = [
      '00000000  63 61 66 65 20 64 65 61  64 20 62 65 65 66 20 30  |cafe dead beef 0|',
      '00000010  31 32 33 20 61 6e 64 20  6d 6f 72 65 20 74 65 78  |123 and more tex|',
      '00000020  74 21 21                                          |t!!|',
      '00000023',
    ].join('\n');
    expect(parseHex(dump)).toEqual(CAFE);
  });

  it('ignores a Wireshark ASCII column with spaces between hex-looking words', () => {
    const dump = formatHexDump(CAFE);
    expect(dump.split('\n')[0]).toBe('0000   63 61 66 65 20 64 65 61 64 20 62 65 65 66 20 30   cafe dead beef 0');
    expect(parseHex(dump)).toEqual(CAFE);
  });

  it('reads Wireshark Follow-Stream style dumps (8-digit offset, indented server side)', () => {
    const dump = '    00000000  81 85 37 fa 21 3d 7f 9f  4d 51 58                 ..7.!=.. MQX';
    expect(parseHex(dump)).toEqual(HELLO);
  });

  // Real captures: Chromium 156 → Node server on loopback, tcpdump 4.99.3 (see the fixture file).
  describe('real tcpdump captures', () => {
    const frame = parseHex(HELLO_FRAME_HEX);

    it('tcpdump -X: IPv4 total length matches, the WebSocket frame is the last 11 bytes', () => {
      const packet = parseHex(HELLO_TCPDUMP_X);
      expect(packet.length).toBe(0x3f); // "4500 003f": IPv4 total length 63
      expect(packet[0]).toBe(0x45);
      expect(packet.subarray(packet.length - 11)).toEqual(frame);
      expect(detectHexDumpFormat(HELLO_TCPDUMP_X)).toBe('tcpdump');
    });

    it('tcpdump -x, -xx and -XX give the same packet (-xx/-XX with 14 link-layer bytes first)', () => {
      const packet = parseHex(HELLO_TCPDUMP_X);
      expect(parseHex(HELLO_TCPDUMP_x)).toEqual(packet);
      const withLink = parseHex(HELLO_TCPDUMP_XX);
      expect(withLink.length).toBe(14 + 0x3f);
      expect(withLink.subarray(14)).toEqual(packet);
      expect(parseHex(HELLO_TCPDUMP_xx)).toEqual(withLink);
    });

    it('tcpdump -X whose ASCII column reads "cafe.dead." and "beef.0123"', () => {
      const packet = parseHex(TEXT_FRAME_TCPDUMP_X);
      expect(packet.length).toBe(0x49);
      const frameBytes = packet.subarray(packet.length - 21);
      expect(toHex(frameBytes.subarray(0, 2))).toBe('81 13'); // FIN + text, 19 bytes, unmasked (server → client)
      expect(new TextDecoder().decode(frameBytes.subarray(2))).toBe('cafe dead beef 0123');
    });

    it('tcpdump -X of the upgrade request carries the exact request head after 52 header bytes', () => {
      const packet = parseHex(UPGRADE_TCPDUMP_X);
      expect(packet.length).toBe(0x229);
      const payload = packet.subarray(20 + 32); // IPv4 header 20 + TCP header 32 (with timestamps)
      expect(new TextDecoder('latin1').decode(payload)).toBe(CHROMIUM_UPGRADE_REQUEST);
    });

    it('refuses a tcpdump summary line pasted with the dump, pointing at it', () => {
      const error = errorOf(HELLO_SUMMARY + '\n' + HELLO_TCPDUMP_X);
      expect(error.position).toBe(0);
      expect(error.line).toBe(1);
      expect(error.message).toMatch(/Line 1 is not a line of the tcpdump -x\/-X dump on line 2/);
      expect(error.message).toMatch(/"0x0000:"/);
    });
  });

  it('reads several Wireshark packets in a row (offset 0 starts a new one)', () => {
    expect(hexOf('0000   81 85\n\n0000   37 fa\n')).toBe('81 85 37 fa');
  });

  it('reports a missing line through the offset column', () => {
    const error = errorOf(
      [
        '00000000: 6361 6665 2064 6561 6420 6265 6566 2030  cafe dead beef 0',
        '00000020: 7421 21                                  t!!',
      ].join('\n'),
    );
    expect(error.line).toBe(2);
    expect(error.column).toBe(1);
    expect(error.message).toMatch(/offset 0x20, but the lines before it end at 0x10.*line 1 held 16 bytes.*missing/);
  });

  it('points at a bad character inside the hex columns of a dump', () => {
    const error = errorOf('\t0x0000:  4500 003f 50dc 40g0 4006 ebda 7f00 0001  E..?P.@.@.......');
    expect(error.position).toBe(27);
    expect(error.message).toMatch(/"g"/);
  });

  it('points at the lone digit of an odd group inside a dump', () => {
    const error = errorOf('00000000: 8185 37f 213d  ..7');
    expect(error.position).toBe(17);
    expect(error.message).toMatch(/Odd number of hex digits.*"37f".*"f"/);
  });
});

describe('parseHex: errors', () => {
  it('names a bad character and its 0-based position', () => {
    const error = errorOf('81 85 3g');
    expect(error).toBeInstanceOf(HexError);
    expect(error.name).toBe('HexError');
    expect(error.position).toBe(7);
    expect(error.message).toMatch(/"g" at column 8 \(index 7\)/);
  });

  it('says line and column when the input has several lines', () => {
    const error = errorOf('81 85\n37 zz');
    expect(error.position).toBe(9);
    expect(error.line).toBe(2);
    expect(error.column).toBe(4);
    expect(error.message).toMatch(/line 2, column 4 \(index 9\)/);
  });

  it.each([
    ['81\u00a085', 2, /U\+00A0 no-break space/],
    ['81\u200b85', 2, /U\+200B zero-width space/],
    ['81\u300085', 2, /U\+3000 ideographic/],
    ['\ufeff8185', 0, /U\+FEFF zero-width no-break space \(byte order mark\)/],
    ['81，85', 2, /"，" \(U\+FF0C full-width comma\)/],
    ['81 ８5', 3, /"８" \(U\+FF18 full-width digit 8\)/],
    ['81\u000785', 2, /U\+0007 control character/],
  ])('describes invisible or look-alike characters: %j', (text, position, pattern) => {
    const error = errorOf(text);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(pattern);
  });

  it('counts columns in code points, so an emoji is one column', () => {
    const error = errorOf('😀 81');
    expect(error.position).toBe(0);
    expect(errorOf('81 😀').column).toBe(4);
    expect(error.message).toMatch(/"😀" \(U\+1F600\)/);
  });

  it.each([
    ['81 85 3', 6, '"3"'],
    ['8185373', 6, '"3"'],
    ['81 8 37', 3, '"8"'],
    ['0x81, 0x234', 10, '"4"'],
    ['\\x81\\x8', 6, '"8"'],
  ])('odd number of hex digits in %j points at the lone digit', (text, position, digit) => {
    const error = errorOf(text);
    expect(error.position).toBe(position);
    expect(error.message).toMatch(/Odd number of hex digits/);
    expect(error.message).toContain(`${digit} at`);
  });

  it('refuses hex digits glued to a \\x escape instead of guessing', () => {
    expect(errorOf('\\x8185').position).toBe(4);
  });

  it('says when the input ends too early', () => {
    const error = errorOf('0x81, 0x');
    expect(error.position).toBe(8);
    expect(error.message).toMatch(/The input ends at column 9 \(index 8\): "0x" must be followed by hex digits/);
  });
});

describe('toHex', () => {
  it('writes lowercase bytes separated by spaces by default', () => {
    expect(toHex(HELLO)).toBe('81 85 37 fa 21 3d 7f 9f 4d 51 58');
  });
  it('groups and separates as asked', () => {
    expect(toHex(HELLO, { group: 2 })).toBe('8185 37fa 213d 7f9f 4d51 58');
    expect(toHex(HELLO, { separator: '' })).toBe('818537fa213d7f9f4d5158');
    expect(toHex(HELLO.subarray(0, 3), { separator: ':' })).toBe('81:85:37');
  });
  it('rejects a group size that is not a positive whole number', () => {
    expect(() => toHex(HELLO, { group: 0 })).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties. Formatters below follow the tools' own source (tcpdump print-ascii.c
// hex_and_ascii_print_with_offset; xxd's default layout) and are checked against real output first.

function tcpdumpX(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const chunk = bytes.subarray(offset, offset + 16);
    let hex = '';
    for (let i = 0; i < chunk.length; i += 2) hex += ' ' + toHex(chunk.subarray(i, i + 2), { separator: '' });
    const ascii = Array.from(chunk, (b) => (b > 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`\t0x${offset.toString(16).padStart(4, '0')}: ${hex.padEnd(40)}  ${ascii}`);
  }
  return lines.join('\n');
}

function xxd(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const chunk = bytes.subarray(offset, offset + 16);
    const hex = toHex(chunk, { group: 2 });
    const ascii = Array.from(chunk, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${offset.toString(16).padStart(8, '0')}: ${hex.padEnd(39)}  ${ascii}`);
  }
  return lines.join('\n');
}

// Bytes whose printable form is hex digits and spaces make ASCII columns that look like hex.
const hexLookingBytes = fc.uint8Array({ maxLength: 80 }).chain((noise) =>
  fc
    .array(fc.constantFrom(...Array.from('0123456789abcdefABCDEF ', (c) => c.charCodeAt(0)), 0x00, 0xff), {
      maxLength: 80,
    })
    .map((codes) => Uint8Array.from([...codes, ...noise.subarray(0, 4)])),
);
const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 300 }), hexLookingBytes);

// Generous timeouts: the machine running the suite may be busy; speed is not what these check.
describe('parseHex properties', { timeout: 60_000 }, () => {
  it('the test formatters reproduce the real tcpdump -X and xxd output', () => {
    expect(tcpdumpX(parseHex(HELLO_TCPDUMP_X))).toBe(HELLO_TCPDUMP_X);
    expect(tcpdumpX(parseHex(TEXT_FRAME_TCPDUMP_X))).toBe(TEXT_FRAME_TCPDUMP_X);
    expect(xxd(HELLO)).toBe('00000000: 8185 37fa 213d 7f9f 4d51 58              ..7.!=..MQX');
  });

  it('parseHex(toHex(b)) === b, for any grouping and separator', () => {
    fc.assert(
      fc.property(
        anyBytes,
        fc.integer({ min: 1, max: 8 }),
        fc.constantFrom(' ', '', ':', ',', ', ', '\n', '\r\n', '\t'),
        (bytes, group, separator) => {
          expect(parseHex(toHex(bytes, { group, separator }))).toEqual(bytes);
        },
      ),
    );
  });

  it('parseHex(formatHexDump(b)) === b', () => {
    fc.assert(
      fc.property(anyBytes, fc.integer({ min: 1, max: 32 }), fc.boolean(), (bytes, bytesPerLine, ascii) => {
        expect(parseHex(formatHexDump(bytes, { bytesPerLine, ascii }))).toEqual(bytes);
      }),
    );
  });

  it('parseHex reads tcpdump -X and xxd dumps of any bytes, whatever their ASCII column says', () => {
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        expect(parseHex(tcpdumpX(bytes))).toEqual(bytes);
        expect(parseHex(xxd(bytes))).toEqual(bytes);
      }),
    );
  });

  it('on any text, parseHex returns bytes or throws a HexError pointing inside the text', () => {
    const pieces = [
      '0',
      '1',
      '8',
      'f',
      'F',
      'g',
      'x',
      '0x',
      '\\x',
      '\\',
      ' ',
      '  ',
      '   ',
      '\t',
      '\n',
      '\r\n',
      ':',
      ',',
      '"',
      '|',
      '.',
      '0000',
      '00000000:',
      '\t0x0000:',
      '\u00a0',
      '😀',
      '８',
    ];
    const texty = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), texty), (text) => {
        try {
          expect(parseHex(text)).toBeInstanceOf(Uint8Array);
        } catch (error) {
          expect(error).toBeInstanceOf(HexError);
          const e = error as HexError;
          expect(e.position).toBeGreaterThanOrEqual(0);
          expect(e.position).toBeLessThanOrEqual(text.length);
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('tryParseHex', () => {
  it('returns the bytes parseHex reads', () => {
    expect(tryParseHex('81 85 37 fa')).toEqual({ ok: true, bytes: Uint8Array.of(0x81, 0x85, 0x37, 0xfa) });
  });

  it('returns the HexError parseHex throws, position and all, instead of throwing', () => {
    const result = tryParseHex('81 8g');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(HexError);
    expect(result.error).toMatchObject({ position: 4, line: 1, column: 5 });
    expect(() => parseHex('81 8g')).toThrow(result.error.message);
  });

  it('agrees with parseHex on any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'0123456789abcdefxX:, \n\\g') }), (text) => {
        const result = tryParseHex(text);
        if (result.ok) expect(result.bytes).toEqual(parseHex(text));
        else expect(() => parseHex(text)).toThrow(result.error.message);
      }),
    );
  });
});
