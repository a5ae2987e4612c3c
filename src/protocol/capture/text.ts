/**
 * Packets pasted as text: `tcpdump -X`, `-x`, `-xx`, `-XX` output (a header line, then
 * `\t0x0000:  4500 0034 …` lines), Wireshark's "Copy → …as Hex Dump" (`0000   45 00 …`), or a bare hex
 * stream of one packet. The hex of each packet is read by `parseHex`, which checks the offset column.
 *
 * A new packet starts at a header line or where the offset column goes back to 0. Lines that are
 * neither (tcpdump's "listening on lo…", "5 packets captured") are skipped. Text holds no link type, so
 * each packet's first bytes tell it: `-X` starts at the IP header, `-XX` at the link header
 * (`sniffLinkType`). Offsets in errors count characters of the text.
 */
import { tryParseHex } from '../hex';
import { sniffLinkType } from './link';
import { MAX_PACKET, type CaptureError, type CaptureReader, type RawPacket, type ReadResult } from './types';

const TCPDUMP_LINE = /^[ \t]*0x([0-9a-fA-F]{4,8}):[ \t]/;
const WIRESHARK_LINE = /^[ \t]*([0-9a-fA-F]{4,8}) {2,}[0-9a-fA-F]{2}(?:[ \t]|$)/;
// tcpdump's clock (hh:mm:ss.frac, with -tttt a date before it) or -tt's epoch seconds.
const CLOCK = /^(?:(\d{4})-(\d{2})-(\d{2}) )?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\b/;
const EPOCH = /^(\d{9,11})\.(\d{1,9})\b/;

/** Whether text looks like packets: a dump line, or nothing but hex and separators. */
export function looksLikePacketText(text: string): boolean {
  for (const line of text.split('\n', 200)) if (TCPDUMP_LINE.test(line) || WIRESHARK_LINE.test(line)) return true;
  return /^[\s0-9a-fA-Fx:,]+$/.test(text.slice(0, 4096)) && /[0-9a-fA-F]{2}/.test(text);
}

interface Block {
  header?: string;
  /** Character offset of the block's first line. */
  start: number;
  lines: string[];
  lastOffset: number;
}

export function createTextReader(): CaptureReader {
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let consumed = 0; // characters before `pending`
  let block: Block | undefined;
  let headerOnly: { text: string; start: number } | undefined;
  let error: CaptureError | undefined;
  let count = 0;
  let sawDumpLine = false;
  /** Without any dump line, the whole input is one bare hex stream (bounded by the largest packet). */
  let bare = '';

  function finish(packets: RawPacket[]): void {
    const b = block;
    block = undefined;
    if (b === undefined || b.lines.length === 0 || error !== undefined) return;
    const parsed = tryParseHex(b.lines.join('\n'));
    if (!parsed.ok) {
      const offset = b.start + (b.header !== undefined ? b.header.length + 1 : 0) + parsed.error.position;
      error = { code: 'BAD_HEX', offset, message: `Packet ${count + 1}: ${parsed.error.message}` };
      return;
    }
    pushPacket(packets, parsed.bytes, b.header, b.start);
  }

  function pushPacket(packets: RawPacket[], data: Uint8Array, header: string | undefined, offset: number): void {
    count++;
    const time = header !== undefined ? parseTime(header) : { seconds: 0, nanoseconds: 0 };
    packets.push({
      number: count,
      linkType: sniffLinkType(data),
      interfaceId: 0,
      seconds: time.seconds,
      nanoseconds: time.nanoseconds,
      capturedLength: data.length,
      originalLength: data.length,
      data,
      offset,
    });
  }

  function line(text: string, start: number, packets: RawPacket[]): void {
    const t = text.replace(/\r$/, '');
    if (t.trim() === '') return;
    const m = TCPDUMP_LINE.exec(t) ?? WIRESHARK_LINE.exec(t);
    if (m === null) {
      if (!sawDumpLine) {
        bare += t + '\n';
        // A bare hex stream is one packet: at most MAX_PACKET bytes, three characters each with separators.
        if (bare.length > 3 * MAX_PACKET + 4096)
          error = {
            code: 'NOT_A_CAPTURE',
            offset: start,
            message: 'Not a capture: text without dump lines longer than one packet of hex.',
          };
      }
      finish(packets);
      headerOnly = { text: t.trim(), start };
      return;
    }
    sawDumpLine = true;
    const offset = parseInt(m[1] ?? '0', 16);
    if (block !== undefined && offset === 0) finish(packets);
    if (block === undefined) {
      block = { start: headerOnly?.start ?? start, lines: [], lastOffset: offset };
      if (headerOnly !== undefined) block.header = headerOnly.text;
      headerOnly = undefined;
    }
    block.lines.push(t);
    block.lastOffset = offset;
  }

  function feed(text: string, final: boolean): ReadResult {
    const packets: RawPacket[] = [];
    if (consumed === 0 && pending === '' && error === undefined) {
      // Text has no control characters but tab and line ends; a binary file is not pasted packets.
      const head = text.slice(0, 4096);
      let at = -1;
      for (let i = 0; i < head.length && at < 0; i++) {
        const c = head.charCodeAt(i);
        if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) || c === 0xfffd) at = i;
      }
      const bad = at < 0 ? null : { index: at, 0: head[at]! };
      if (bad !== null) {
        error = {
          code: 'NOT_A_CAPTURE',
          offset: bad.index,
          message: `Not a capture: expected a pcap or pcapng file (by its magic number) or text, but character ${bad.index} is binary (U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}).`,
        };
        return { packets, error };
      }
    }
    pending += text;
    let from = 0;
    for (;;) {
      const nl = pending.indexOf('\n', from);
      if (nl < 0) break;
      line(pending.slice(from, nl), consumed + from, packets);
      from = nl + 1;
      if (error !== undefined) break;
    }
    consumed += from;
    pending = pending.slice(from);
    if (pending.length > 3 * MAX_PACKET + 4096 && error === undefined)
      error = {
        code: 'NOT_A_CAPTURE',
        offset: consumed,
        message: `Not a capture: a line of over ${pending.length} characters.`,
      };
    if (final && error === undefined) {
      if (pending !== '') line(pending, consumed, packets);
      pending = '';
      finish(packets);
      if (!sawDumpLine && error === undefined) {
        const parsed = tryParseHex(bare);
        if (!parsed.ok) {
          error = {
            code: 'NOT_A_CAPTURE',
            offset: parsed.error.position,
            message: `Not a capture: expected a pcap or pcapng file, tcpdump -X / Wireshark hex dump text or hex bytes. ${parsed.error.message}`,
          };
        } else if (parsed.bytes.length > 0) pushPacket(packets, parsed.bytes, undefined, 0);
        else error = { code: 'NOT_A_CAPTURE', offset: 0, message: 'No packet bytes found in the text.' };
      }
    }
    return error !== undefined ? { packets, error } : { packets };
  }

  let reported = false;
  const result = (r: ReadResult): ReadResult => {
    if (r.error !== undefined) {
      if (reported) return { packets: r.packets };
      reported = true;
    }
    return r;
  };

  return {
    format: 'text',
    push(chunk) {
      if (error !== undefined) return { packets: [] };
      return result(feed(decoder.decode(chunk, { stream: true }), false));
    },
    end() {
      if (error !== undefined) return result({ packets: [], error });
      return result(feed(decoder.decode(), true));
    },
  };
}

function parseTime(header: string): { seconds: number; nanoseconds: number } {
  const e = EPOCH.exec(header);
  if (e) return { seconds: Number(e[1]), nanoseconds: Number((e[2] ?? '0').padEnd(9, '0')) };
  const m = CLOCK.exec(header);
  if (!m) return { seconds: 0, nanoseconds: 0 };
  const day = m[1] !== undefined ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 1000 : 0;
  return {
    seconds: day + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]),
    nanoseconds: Number((m[7] ?? '0').padEnd(9, '0')),
  };
}
