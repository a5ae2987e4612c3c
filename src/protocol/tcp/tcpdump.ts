/**
 * Parse TCP lines as tcpdump prints them (print-tcp.c), so a reader can paste the output of
 * `tcpdump -i lo -n port 8787` and get every field explained (see analyze.ts).
 *
 * Accepted:
 * - `-n` or not (host names and service names such as `http-alt` are kept; known service names get their
 *   port number), IPv4 (`IP`) and IPv6 (`IP6 ::1.8787 > ::1.50000:`);
 * - `-v`: `IP (tos 0x0, ttl 64, …, length 60)` then the TCP part on the next, indented line — the two are
 *   joined; IPv6 `-v` keeps both on one line; `cksum 0x… (correct|incorrect -> 0x…)` is read;
 * - timestamps `10:02:36.123456` (default), `2024-05-01 10:02:36.123456` (`-tttt`), `1714557756.123456`
 *   (`-tt`), none (`-t`), and `-ttt` deltas `00:00:00.000087` (same shape as a clock; see analyze.ts);
 * - `-i any` prefixes (`lo In IP …`) and `-e` link-layer prefixes;
 * - `Flags [S.]` … `[SEW]`, `seq a` / `seq a:b`, `ack n`, `win n`, `urg n`, `options [...]`, `length n`
 *   and the protocol text after it (`: HTTP: GET / HTTP/1.1`);
 * - indented lines after a segment (`-X` hex dumps, `-A`/`-v` payload text) are attached to it.
 *
 * Numbers are kept exactly as printed: tcpdump prints *relative* seq/ack numbers after the first packets of
 * a connection unless run with `-S`; analyze.ts decides which is which.
 *
 * Never throws. Unreadable lines go to `errors` (with the unexpected token and its column); lines that
 * are readable but not TCP (ARP, UDP, ICMP, tcpdump's own status lines) go to `skipped`.
 */

import type { FlagName } from './types';

export interface Endpoint {
  /** Address as printed: `10.2.200.11`, `::1`, or a host name when tcpdump ran without -n. */
  address: string;
  /** Port number; for a service name tcpdump printed (`http-alt`) the well-known number when we know it. */
  port: number | undefined;
  /** The service name tcpdump printed instead of a number, if any. */
  portName?: string;
  /** `address.port` exactly as printed — the key that identifies this side. */
  text: string;
}

export interface Timestamp {
  text: string;
  /** Seconds: since midnight for `clock`, since the Unix epoch for `epoch` and `date`. */
  seconds: number;
  format: 'clock' | 'date' | 'epoch';
}

export type TcpOption =
  | { kind: 'mss'; value: number; text: string }
  | { kind: 'wscale'; shift: number; text: string }
  | { kind: 'sackOK'; text: string }
  | { kind: 'ts'; val: number; ecr: number; text: string }
  | { kind: 'nop'; text: string }
  | { kind: 'eol'; text: string }
  | { kind: 'sack'; blocks: Array<[number, number]>; text: string }
  | { kind: 'other'; text: string };

/** IP header fields tcpdump shows with -v. */
export interface IpInfo {
  ttl?: number;
  id?: number;
  /** IPv4 total length (header + TCP + payload), or IPv6 payload length. */
  length?: number;
  dontFragment?: boolean;
  tos?: string;
  text: string;
}

export interface Checksum {
  value: string;
  status: 'correct' | 'incorrect' | 'unverified' | 'not-shown';
  /** What the checksum should have been, when tcpdump says "incorrect -> 0x…". On loopback and with
   *  checksum offload this is normal: the kernel fills the checksum in later (or never, on lo). */
  expected?: string;
}

export interface Segment {
  /** 1-based input line where this segment starts. */
  line: number;
  /** The text parsed (two lines joined with a space for IPv4 -v output). */
  text: string;
  time?: Timestamp;
  ipVersion: 4 | 6;
  ip?: IpInfo;
  /** With `-i any`: interface and direction, e.g. `lo`, `In`. */
  iface?: { name: string; direction: string };
  src: Endpoint;
  dst: Endpoint;
  flags: FlagName[];
  /** The letters inside `Flags [...]`, e.g. `S.`. */
  flagsText: string;
  /** `seq a` or the `a` of `seq a:b`, as printed (relative or absolute). Absent for pure ACKs: tcpdump
   *  prints seq only when the segment has data or SYN/FIN/RST. */
  seq?: number;
  /** The `b` of `seq a:b` (a + payload length), as printed. */
  seqEnd?: number;
  ack?: number;
  /** The 16-bit window field as sent (unscaled). */
  window?: number;
  urgentPointer?: number;
  options: TcpOption[];
  /** Payload length (tcpdump's `length n`; the TCP payload, not the packet). */
  length: number;
  checksum?: Checksum;
  /** Text after `length n:` — tcpdump's guess at the protocol, e.g. `HTTP: GET / HTTP/1.1`. */
  payloadText?: string;
  /** Indented lines that followed (hex dump, payload text). */
  continuation?: string[];
  /** tcpdump printed `[|tcp]`: the capture was cut short (snap length). */
  truncated?: boolean;
}

export interface LineProblem {
  /** 1-based line number. */
  line: number;
  text: string;
  reason: string;
  /** 1-based column of the unexpected token, when known. */
  column?: number;
}

export interface TcpdumpParseResult {
  segments: Segment[];
  errors: LineProblem[];
  skipped: LineProblem[];
}

/** Service names tcpdump prints without -n (from /etc/services) and their ports. */
export const SERVICE_PORTS: Readonly<Record<string, number>> = {
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  http: 80,
  www: 80,
  pop3: 110,
  imap: 143,
  https: 443,
  submission: 587,
  imaps: 993,
  pop3s: 995,
  mysql: 3306,
  postgresql: 5432,
  'http-alt': 8080,
  webcache: 8080,
};

const FLAG_LETTERS: Readonly<Record<string, FlagName>> = {
  F: 'FIN',
  S: 'SYN',
  R: 'RST',
  P: 'PSH',
  '.': 'ACK',
  U: 'URG',
  E: 'ECE',
  W: 'CWR',
};

const MAX_U32 = 4294967295;

class LineError extends Error {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {
    super(reason);
  }
}

/** Parse everything tcpdump printed. */
export function parseTcpdump(text: string): TcpdumpParseResult {
  const result: TcpdumpParseResult = { segments: [], errors: [], skipped: [] };
  const lines = text.split(/\r\n|\r|\n/);
  let last: Segment | undefined; // the segment that indented lines attach to

  for (let i = 0; i < lines.length; i++) {
    const raw = (lines[i] ?? '').replace(/\s+$/, '');
    const lineNo = i + 1;
    if (raw.trim() === '') continue;
    const indented = /^\s/.test(raw);

    // Indented hex/ASCII dump lines always belong to the previous packet.
    if (indented && /^\s+0x[0-9a-fA-F]+:/.test(raw)) {
      if (last) (last.continuation ??= []).push(raw.trim());
      else result.skipped.push({ line: lineNo, text: raw, reason: 'hex dump line without a packet line before it' });
      continue;
    }

    const status = tcpdumpStatusLine(raw.trim());
    if (status) {
      result.skipped.push({ line: lineNo, text: raw, reason: status });
      last = undefined;
      continue;
    }

    // IPv4 -v prints the IP header on one line and the TCP part, indented, on the next: join them.
    let joined = raw;
    let consumed = 0;
    if (/\bIP \((?:[^()]|\([^)]*\))*\)$/.test(raw.trim())) {
      const next = lines[i + 1];
      // The TCP line is indented; accept it unindented too (pasting often strips leading blanks).
      if (next !== undefined && next.trim() !== '' && (/^\s/.test(next) || /^\S+ > \S+: /.test(next))) {
        joined = `${raw} ${next.trim()}`;
        consumed = 1;
      }
    }

    const outcome = parseLine(joined, lineNo);
    if (outcome.kind === 'segment') {
      result.segments.push(outcome.segment);
      last = outcome.segment;
      i += consumed;
    } else if (outcome.kind === 'skip') {
      result.skipped.push({ line: lineNo, text: joined, reason: outcome.reason });
      last = undefined;
      i += consumed;
    } else if (indented && last && outcome.notAPacket) {
      // Payload text printed under the packet (-A, or -v application decoding).
      (last.continuation ??= []).push(raw.trim());
    } else {
      result.errors.push({ line: lineNo, text: joined, reason: outcome.reason, column: outcome.column });
      last = undefined;
      i += consumed;
    }
  }
  return result;
}

/** tcpdump's own messages (stderr) that people paste along with the packets. */
function tcpdumpStatusLine(line: string): string | undefined {
  if (/^tcpdump: /.test(line)) return 'tcpdump status message, not a packet';
  if (/^listening on /.test(line)) return 'tcpdump status message ("listening on …"), not a packet';
  if (/^\d+ packets? (captured|received by filter|dropped by kernel|dropped by interface)/.test(line))
    return 'tcpdump summary line, not a packet';
  if (/^(reading from file|dropped privs)/.test(line)) return 'tcpdump status message, not a packet';
  return undefined;
}

type LineOutcome =
  | { kind: 'segment'; segment: Segment }
  | { kind: 'skip'; reason: string }
  | { kind: 'error'; reason: string; column?: number; notAPacket: boolean };

function parseLine(line: string, lineNo: number): LineOutcome {
  // Work on the line without leading blanks but remember the offset for column numbers.
  const lead = line.length - line.trimStart().length;
  const s = line.trimStart();
  let pos = 0;
  const col = (p: number) => lead + p + 1;

  // 1. Timestamp (optional).
  let time: Timestamp | undefined;
  const ts = parseTimestamp(s);
  if (ts) {
    time = ts.time;
    pos = ts.length;
  }

  // 2. `-i any`: interface and direction.
  let iface: Segment['iface'];
  const ifm = /^(\S+)\s+(In|Out|B|M|P)\s+/.exec(s.slice(pos));
  if (ifm && /^(IP6?|ARP)\b/.test(s.slice(pos + ifm[0].length))) {
    iface = { name: ifm[1] as string, direction: ifm[2] as string };
    pos += ifm[0].length;
  }

  // 3. `-e`: link-layer header, then the IP part without the "IP" keyword.
  let ipVersion: 4 | 6 | undefined;
  const eth =
    /^[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5} > [0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5}, ethertype (\S+) \(0x[0-9a-fA-F]+\), length \d+: /.exec(
      s.slice(pos),
    );
  if (eth) {
    const type = eth[1] as string;
    if (type === 'IPv4') ipVersion = 4;
    else if (type === 'IPv6') ipVersion = 6;
    else return { kind: 'skip', reason: `${type} packet, not TCP over IP` };
    pos += eth[0].length;
  }

  const rest0 = s.slice(pos);
  if (/^ARP\b/.test(rest0)) return { kind: 'skip', reason: 'ARP packet, not TCP' };

  // 4. IP / IP6 keyword and, with -v, the IP header in parentheses.
  let ip: IpInfo | undefined;
  const kw = /^(IP6?)(?= )/.exec(rest0);
  if (kw) {
    ipVersion = kw[1] === 'IP6' ? 6 : 4;
    pos += kw[0].length + 1;
    if (s[pos] === '(') {
      const close = matchBracket(s, pos, '(', ')');
      if (close < 0)
        return { kind: 'error', reason: 'unbalanced "(" in the -v IP header', column: col(pos), notAPacket: false };
      const inner = s.slice(pos + 1, close);
      ip = parseIpInfo(inner);
      const proto = /\b(?:proto|next-header) (\S+) \((\d+)\)/.exec(inner);
      if (proto && proto[2] !== '6')
        return { kind: 'skip', reason: `${proto[1]} packet (IP protocol ${proto[2]}), not TCP` };
      pos = close + 1;
      while (s[pos] === ' ') pos++;
      if (pos >= s.length)
        return {
          kind: 'error',
          reason: 'IP header (-v) without the TCP line that should follow it on the next, indented line',
          column: col(pos),
          notAPacket: false,
        };
    }
  } else if (ipVersion === undefined) {
    // Not "IP": either the second half of a -v pair pasted alone, or something else entirely.
    if (!/^\S+ > \S+: /.test(rest0)) {
      const token = firstToken(rest0);
      return {
        kind: 'error',
        reason:
          time === undefined
            ? `expected a timestamp or "IP"/"IP6" at the start of the line, found "${token}"`
            : `expected "IP" or "IP6" after the timestamp, found "${token}"`,
        column: col(pos),
        notAPacket: true,
      };
    }
  }

  // 5. `source > destination: `
  const addr = /^(\S+) > (\S+): /.exec(s.slice(pos));
  if (!addr) {
    const rest = s.slice(pos);
    if (/^\S+ > \S+:$/.test(rest))
      return { kind: 'error', reason: 'nothing after "destination:"', column: col(s.length), notAPacket: false };
    return {
      kind: 'error',
      reason: `expected "source.port > destination.port: " but found "${truncate(rest, 40)}"`,
      column: col(pos),
      notAPacket: false,
    };
  }
  const srcText = addr[1] as string;
  const dstText = addr[2] as string;
  const src = parseEndpoint(srcText);
  const dst = parseEndpoint(dstText);
  if (!src) return { kind: 'skip', reason: `no port in "${srcText}": not a TCP or UDP packet` };
  if (!dst)
    return {
      kind: 'error',
      reason: `no port in destination "${dstText}"`,
      column: col(pos + srcText.length + 3),
      notAPacket: false,
    };
  if (ipVersion === undefined) ipVersion = src.address.includes(':') ? 6 : 4;
  pos += addr[0].length;

  // 6. The TCP part.
  const body = s.slice(pos);
  if (!/^Flags \[/.test(body)) {
    if (/^tcp \d+/.test(body))
      return {
        kind: 'error',
        reason: 'quick output (tcpdump -q) has no flags, seq or ack; capture without -q',
        column: col(pos),
        notAPacket: false,
      };
    if (/^(?:flags|flag|Flag)\b/.test(body) || /\b(?:seq|ack|win) \d/.test(body))
      return {
        kind: 'error',
        reason: `expected "Flags [" but found "${firstToken(body)}"`,
        column: col(pos),
        notAPacket: false,
      };
    const proto = /^(UDP|ICMP6?|IGMP|GRE|ESP|SCTP)\b/.exec(body);
    return {
      kind: 'skip',
      reason: proto ? `${proto[1]} packet, not TCP` : `not a TCP segment (no "Flags [...]"): "${truncate(body, 30)}"`,
    };
  }

  try {
    const tcp = parseTcpPart(body);
    const segment: Segment = {
      line: lineNo,
      text: line.trim(),
      ipVersion,
      src,
      dst,
      ...tcp,
    };
    if (time) segment.time = time;
    if (ip) segment.ip = ip;
    if (iface) segment.iface = iface;
    return { kind: 'segment', segment };
  } catch (e) {
    if (e instanceof LineError)
      return { kind: 'error', reason: e.reason, column: col(pos + e.offset), notAPacket: false };
    throw e;
  }
}

function parseTimestamp(s: string): { time: Timestamp; length: number } | undefined {
  let m = /^(\d{4})-(\d{2})-(\d{2}) (\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))? +/.exec(s);
  if (m) {
    const days = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000;
    const seconds = days * 86400 + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]) + fraction(m[7]);
    return { time: { text: m[0].trim(), seconds, format: 'date' }, length: m[0].length };
  }
  m = /^(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))? +/.exec(s);
  if (m) {
    const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]) + fraction(m[4]);
    return { time: { text: m[0].trim(), seconds, format: 'clock' }, length: m[0].length };
  }
  m = /^(\d+)\.(\d{6}|\d{9}) +/.exec(s);
  if (m) {
    return {
      time: { text: m[0].trim(), seconds: Number(m[1]) + fraction(m[2]), format: 'epoch' },
      length: m[0].length,
    };
  }
  return undefined;
}

function fraction(digits: string | undefined): number {
  return digits ? Number(digits) / 10 ** digits.length : 0;
}

function parseIpInfo(inner: string): IpInfo {
  const info: IpInfo = { text: inner };
  const ttl = /\b(?:ttl|hlim) (\d+)/.exec(inner);
  if (ttl) info.ttl = Number(ttl[1]);
  const id = /\bid (\d+)/.exec(inner);
  if (id) info.id = Number(id[1]);
  const len = /\b(?:payload )?length:? (\d+)/.exec(inner);
  if (len) info.length = Number(len[1]);
  const tos = /\btos (0x[0-9a-fA-F]+)/.exec(inner);
  if (tos) info.tos = tos[1] as string;
  if (/flags \[[^\]]*DF[^\]]*\]/.test(inner)) info.dontFragment = true;
  return info;
}

/** `10.2.200.11.63826`, `::1.8787`, `host.example.com.https` → address and port (split at the last dot). */
export function parseEndpoint(text: string): Endpoint | undefined {
  const dot = text.lastIndexOf('.');
  if (dot <= 0 || dot === text.length - 1) return undefined;
  const address = text.slice(0, dot);
  const portText = text.slice(dot + 1);
  if (/^\d+$/.test(portText)) {
    const port = Number(portText);
    if (port > 65535) return undefined;
    return { address, port, text };
  }
  if (!/^[A-Za-z][\w-]*$/.test(portText)) return undefined;
  // A bare IPv4 address such as 10.2.200.11 has a numeric last label: handled above (→ port 11) only
  // when it is really followed by a port; tcpdump always prints the port for TCP.
  const port = SERVICE_PORTS[portText];
  return { address, port, portName: portText, text };
}

type TcpPart = Pick<
  Segment,
  | 'flags'
  | 'flagsText'
  | 'seq'
  | 'seqEnd'
  | 'ack'
  | 'window'
  | 'urgentPointer'
  | 'options'
  | 'length'
  | 'checksum'
  | 'payloadText'
  | 'truncated'
>;

/** Parse from `Flags [` to the end of the line. Throws LineError with the offset of the bad token. */
function parseTcpPart(body: string): TcpPart {
  const fm = /^Flags \[([^\]]*)\]/.exec(body);
  if (!fm) throw new LineError('expected "Flags [...]"', 0);
  const flagsText = fm[1] as string;
  const flags: FlagName[] = [];
  if (flagsText !== 'none') {
    for (let k = 0; k < flagsText.length; k++) {
      const ch = flagsText[k] as string;
      const f = FLAG_LETTERS[ch];
      if (!f) {
        throw new LineError(
          `unknown flag letter "${ch}" in Flags [${flagsText}] (tcpdump uses S . P F R U E W)`,
          7 + k,
        );
      }
      if (!flags.includes(f)) flags.push(f);
    }
  }
  const part: TcpPart = { flags, flagsText, options: [], length: 0 };
  let pos = fm[0].length;
  let sawLength = false;

  while (pos < body.length) {
    if (body.startsWith(' [|tcp]', pos) || body.startsWith('[|tcp]', pos)) {
      part.truncated = true;
      break;
    }
    if (!body.startsWith(', ', pos)) {
      throw new LineError(`expected ", " before the next field, found "${truncate(body.slice(pos), 20)}"`, pos);
    }
    pos += 2;
    const rest = body.slice(pos);
    const key = /^[A-Za-z[|]+/.exec(rest)?.[0] ?? '';
    let m: RegExpExecArray | null;
    switch (key) {
      case 'cksum': {
        m = /^cksum (0x[0-9a-fA-F]+)(?: \((correct|unverified|incorrect -> (0x[0-9a-fA-F]+))\))?/.exec(rest);
        if (!m) throw new LineError(`cannot read "${truncate(rest, 30)}" as "cksum 0x…"`, pos);
        const status =
          m[2] === undefined
            ? 'not-shown'
            : m[2].startsWith('incorrect')
              ? 'incorrect'
              : (m[2] as 'correct' | 'unverified');
        part.checksum = { value: m[1] as string, status };
        if (m[3]) part.checksum.expected = m[3];
        pos += m[0].length;
        break;
      }
      case 'seq': {
        m = /^seq (\d+)(?::(\d+))?/.exec(rest);
        if (!m) throw new LineError(`"seq" must be followed by a number or a:b, found "${truncate(rest, 20)}"`, pos);
        part.seq = u32(m[1] as string, 'seq', pos + 4);
        if (m[2] !== undefined) part.seqEnd = u32(m[2], 'seq end', pos + 5 + (m[1] as string).length);
        pos += m[0].length;
        break;
      }
      case 'ack': {
        m = /^ack (\d+)/.exec(rest);
        if (!m) throw new LineError(`"ack" must be followed by a number, found "${truncate(rest, 20)}"`, pos);
        part.ack = u32(m[1] as string, 'ack', pos + 4);
        pos += m[0].length;
        break;
      }
      case 'win': {
        m = /^win (\d+)/.exec(rest);
        if (!m) throw new LineError(`"win" must be followed by a number, found "${truncate(rest, 20)}"`, pos);
        const w = Number(m[1]);
        if (w > 65535) throw new LineError(`window ${w} does not fit the 16-bit window field (max 65535)`, pos + 4);
        part.window = w;
        pos += m[0].length;
        break;
      }
      case 'urg': {
        m = /^urg (\d+)/.exec(rest);
        if (!m) throw new LineError(`"urg" must be followed by a number`, pos);
        part.urgentPointer = Number(m[1]);
        pos += m[0].length;
        break;
      }
      case 'options': {
        if (!rest.startsWith('options [')) throw new LineError('expected "options [" ', pos);
        const open = pos + 'options '.length;
        const close = matchBracket(body, open, '[', ']');
        if (close < 0) throw new LineError('"options [" is never closed with "]"', open);
        part.options = parseOptions(body.slice(open + 1, close), open + 1);
        pos = close + 1;
        break;
      }
      case 'length': {
        m = /^length (\d+)/.exec(rest);
        if (!m) throw new LineError(`"length" must be followed by a number`, pos);
        part.length = Number(m[1]);
        sawLength = true;
        pos += m[0].length;
        const trailer = body.slice(pos);
        if (trailer.startsWith(' [|tcp]')) part.truncated = true;
        else if (trailer.startsWith(': ')) part.payloadText = trailer.slice(2).trim();
        else if (trailer.trim() !== '') part.payloadText = trailer.trim();
        pos = body.length;
        break;
      }
      default:
        throw new LineError(
          `unexpected "${firstToken(rest)}"; expected one of seq, ack, win, urg, options, length`,
          pos,
        );
    }
  }
  if (!sawLength && !part.truncated) {
    // tcpdump always ends a TCP line with ", length n" (unless truncated).
    throw new LineError('line ends before ", length n" (was it cut off?)', body.length);
  }
  if (part.seq !== undefined && part.seqEnd !== undefined) {
    const span = (part.seqEnd - part.seq + 4294967296) % 4294967296;
    if (span !== part.length && !part.truncated) {
      throw new LineError(
        `seq ${part.seq}:${part.seqEnd} covers ${span} bytes but length says ${part.length}`,
        body.indexOf('seq '),
      );
    }
  }
  return part;
}

function parseOptions(text: string, offset: number): TcpOption[] {
  const out: TcpOption[] = [];
  let p = 0;
  for (const item of text.split(',')) {
    const t = item.trim();
    const at = offset + p;
    p += item.length + 1;
    if (t === '') throw new LineError('empty option in options [...]', at);
    let m: RegExpExecArray | null;
    if ((m = /^mss (\d+)$/.exec(t))) out.push({ kind: 'mss', value: Number(m[1]), text: t });
    else if ((m = /^wscale (\d+)$/.exec(t))) out.push({ kind: 'wscale', shift: Number(m[1]), text: t });
    else if (t === 'sackOK') out.push({ kind: 'sackOK', text: t });
    else if ((m = /^TS val (\d+) ecr (\d+)$/.exec(t)))
      out.push({ kind: 'ts', val: Number(m[1]), ecr: Number(m[2]), text: t });
    else if (t === 'nop') out.push({ kind: 'nop', text: t });
    else if (t === 'eol') out.push({ kind: 'eol', text: t });
    else if ((m = /^sack (\d+) ((?:\{\d+:\d+\})*)$/.exec(t))) {
      const blocks: Array<[number, number]> = [];
      for (const b of (m[2] as string).matchAll(/\{(\d+):(\d+)\}/g)) blocks.push([Number(b[1]), Number(b[2])]);
      if (blocks.length !== Number(m[1]))
        throw new LineError(`"${t}" announces ${m[1]} SACK blocks but lists ${blocks.length}`, at);
      out.push({ kind: 'sack', blocks, text: t });
    } else if (/^(mss|wscale|TS|sack)\b/.test(t)) {
      throw new LineError(`cannot read option "${t}"`, at);
    } else out.push({ kind: 'other', text: t });
  }
  return out;
}

function u32(digits: string, what: string, offset: number): number {
  const n = Number(digits);
  if (!Number.isSafeInteger(n) || n > MAX_U32) {
    throw new LineError(`${what} ${digits} is larger than a 32-bit sequence number (max 4294967295)`, offset);
  }
  return n;
}

function matchBracket(s: string, open: number, o: string, c: string): number {
  let depth = 0;
  for (let k = open; k < s.length; k++) {
    if (s[k] === o) depth++;
    else if (s[k] === c) {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

function firstToken(s: string): string {
  return truncate(/^\S*/.exec(s)?.[0] || s, 30);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}
