/**
 * Reads the WebSocket test vectors in ./vectors/*.md and renders decoder output in the same
 * notation, so a vector reads as a specification and a failure shows a line-by-line diff.
 *
 * A vector is a fenced block tagged `vector`, under a `##` heading, with a `Source:` line saying
 * where the bytes come from:
 *
 *     ## Masked text "Hello"
 *     Source: RFC 6455 §5.7.
 *     ```vector
 *     from: client                  # options: from, maxPayload, allowRsv1
 *     input:
 *       81 85 37 fa 21 3d           # hex bytes; `ab*256` repeats a byte; "text" is UTF-8
 *       7f 9f 4d 51 58
 *     expect:
 *       frame @0 fin text mask=37fa213d len=5 payload="Hello"
 *       violation UNMASKED_CLIENT_FRAME 1002 @1
 *       needed 3                    # input ended inside a frame, 3 bytes short
 *       stopped                     # decoder state FAILED
 *     ```
 *
 * Frame lines: `frame @<offset> fin|more <op> [rsv1] [rsv2] [rsv3] [mask=<hex>] len=<n> [ext16|ext64]
 * payload=<"text"|hex:<hex>|<hh>*<n>> [close=<code>] [reason="<text>"]`, where <op> is cont, text,
 * binary, close, ping, pong or op0xN for reserved opcodes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isValidUtf8 } from '../../../src/protocol/utf8';
import { createDecoder } from '../../../src/protocol/websocket/decoder';
import type { DecodeOptions, DecodeResult, Frame } from '../../../src/protocol/websocket/types';

export interface Vector {
  file: string;
  title: string;
  source: string;
  options: DecodeOptions;
  input: Uint8Array;
  expect: string[];
}

/** Hex bytes, `hh*n` repetitions and "quoted UTF-8", with `#` comments. */
export function parseInputBytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const line of text.split('\n')) {
    for (const token of line.match(/"[^"]*"|\S+/g) ?? []) {
      if (token.startsWith('#')) break;
      if (token.startsWith('"')) {
        out.push(...new TextEncoder().encode(token.slice(1, -1)));
        continue;
      }
      const rep = /^([0-9a-f]{2})\*(\d+)$/i.exec(token);
      if (rep) {
        const b = parseInt(rep[1]!, 16);
        for (let i = 0; i < Number(rep[2]); i++) out.push(b);
        continue;
      }
      if (!/^([0-9a-f]{2})+$/i.test(token)) throw new Error(`bad input token ${JSON.stringify(token)}`);
      for (let i = 0; i < token.length; i += 2) out.push(parseInt(token.slice(i, i + 2), 16));
    }
  }
  return Uint8Array.from(out);
}

export function parseVectorFile(file: string, markdown: string): Vector[] {
  const vectors: Vector[] = [];
  const lines = markdown.split('\n');
  let title = '';
  let source = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) {
      title = line.slice(3).trim();
      source = '';
    } else if (line.startsWith('Source:')) {
      source = line.slice(7).trim();
    } else if (line.trim() === '```vector') {
      const body: string[] = [];
      for (i++; i < lines.length && lines[i]!.trim() !== '```'; i++) body.push(lines[i]!);
      vectors.push(parseVectorBody(file, title, source, body));
    }
  }
  return vectors;
}

function parseVectorBody(file: string, title: string, source: string, body: string[]): Vector {
  const options: DecodeOptions = {};
  let section: 'options' | 'input' | 'expect' = 'options';
  const input: string[] = [];
  const expect: string[] = [];
  for (const raw of body) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    if (line === 'input:') section = 'input';
    else if (line === 'expect:') section = 'expect';
    else if (section === 'input') input.push(raw);
    else if (section === 'expect') expect.push(line.replace(/\s+/g, ' '));
    else {
      const m = /^(\w+):\s*(.*)$/.exec(line);
      if (!m) throw new Error(`${file} "${title}": bad option line ${line}`);
      if (m[1] === 'from') options.from = m[2] as DecodeOptions['from'];
      else if (m[1] === 'maxPayload') options.maxPayload = Number(m[2]);
      else if (m[1] === 'allowRsv1') options.allowRsv1 = m[2] === 'true';
      else throw new Error(`${file} "${title}": unknown option ${m[1]}`);
    }
  }
  return { file, title, source, options, input: parseInputBytes(input.join('\n')), expect };
}

const OPS: Record<number, string> = { 0: 'cont', 1: 'text', 2: 'binary', 8: 'close', 9: 'ping', 10: 'pong' };
const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

function renderPayload(p: Uint8Array): string {
  if (p.length <= 64 && isValidUtf8(p)) {
    const s = new TextDecoder().decode(p);
    if (!/["\\\p{Cc}]/u.test(s)) return `"${s}"`;
  }
  if (p.length >= 8 && p.every((b) => b === p[0])) return `${toHex(p.subarray(0, 1))}*${p.length}`;
  return `hex:${toHex(p)}`;
}

export function renderFrame(f: Frame): string {
  const parts = [
    `frame @${f.offset}`,
    f.fin ? 'fin' : 'more',
    OPS[f.opcode] ?? `op0x${f.opcode.toString(16).toUpperCase()}`,
  ];
  if (f.rsv1) parts.push('rsv1');
  if (f.rsv2) parts.push('rsv2');
  if (f.rsv3) parts.push('rsv3');
  if (f.masked) parts.push(`mask=${toHex(f.maskKey!)}`);
  parts.push(`len=${f.payloadLength}`);
  if (f.lengthEncoding !== 7) parts.push(`ext${f.lengthEncoding}`);
  parts.push(`payload=${renderPayload(f.payload)}`);
  if (f.closeCode !== undefined) parts.push(`close=${f.closeCode}`);
  if (f.closeReason !== undefined && f.closeReason !== '') parts.push(`reason="${f.closeReason}"`);
  return parts.join(' ');
}

/** Frames and violations in input order (a frame before the violations found inside it). */
export function renderResult(r: DecodeResult, stopped: boolean): string[] {
  const items: { at: number; rank: number; text: string }[] = [
    ...r.frames.map((f) => ({ at: f.offset, rank: 0, text: renderFrame(f) })),
    ...r.violations.map((v) => ({ at: v.offset, rank: 1, text: `violation ${v.id} ${v.code} @${v.offset}` })),
  ];
  // Stable sort keeps the decoder's order among equals.
  items.sort((a, b) => a.at - b.at || a.rank - b.rank);
  const out = items.map((x) => x.text);
  if (r.needed !== undefined) out.push(`needed ${r.needed}`);
  if (stopped) out.push('stopped');
  return out;
}

const dir = join(import.meta.dirname, 'vectors');
/** Every vector of every file in ./vectors, in file order. */
export const VECTORS: Vector[] = readdirSync(dir)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .flatMap((f) => parseVectorFile(f, readFileSync(join(dir, f), 'utf8')));

/** Options as decodeFrames applies them (no size limit unless the vector sets one). */
export function streamOptions(v: Vector, zeroCopy = false): DecodeOptions {
  return { ...v.options, maxPayload: v.options.maxPayload ?? Number.MAX_SAFE_INTEGER, zeroCopy };
}

/** Pushes `input` cut at `cuts` (ascending offsets) and renders everything that came out. */
export function replay(input: Uint8Array, cuts: number[], opts: DecodeOptions): string[] {
  const d = createDecoder(opts);
  const all: DecodeResult = { frames: [], violations: [] };
  let from = 0;
  for (const to of [...cuts, input.length]) {
    const r = d.push(input.subarray(from, to));
    all.frames.push(...r.frames);
    all.violations.push(...r.violations);
    from = to;
  }
  const end = d.end();
  if (end.needed !== undefined) all.needed = end.needed;
  return renderResult(all, d.state === 'FAILED');
}
