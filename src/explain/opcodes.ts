/**
 * Opcodes in words (RFC 6455 §5.2): the short names the codec uses ("text"), the long ones the decoder's field
 * list uses ("text frame"), and the table of all sixteen with reserved ones folded into ranges.
 */
import { decodeFrames } from '../protocol/websocket/decoder';
import { encodeFrame } from '../protocol/websocket/encoder';
import { isControlOpcode, OPCODE_NAMES } from '../protocol/websocket/types';

/** "0x1" — opcodes are written as one hex digit, as in RFC 6455 §5.2. */
export function formatOpcode(opcode: number): string {
  return `0x${opcode.toString(16).toUpperCase()}`;
}

/** RFC 6455 §5.2 opcode names as a sentence names them; values not listed are reserved. */
const LONG_NAMES: Record<number, string> = {
  0x0: 'continuation frame',
  0x1: 'text frame',
  0x2: 'binary frame',
  0x8: 'connection close',
  0x9: 'ping',
  0xa: 'pong',
};

/** "text frame", "ping", "reserved non-control opcode"… (RFC 6455 §5.2). */
export function opcodeName(opcode: number): string {
  const known = LONG_NAMES[opcode];
  if (known !== undefined) return known;
  return isControlOpcode(opcode) ? 'reserved control opcode' : 'reserved non-control opcode';
}

export type OpcodeName = 'continuation' | 'text' | 'binary' | 'close' | 'ping' | 'pong';

/** "text" → 0x1, from the codec's Opcode table. */
export function opcodeByName(name: OpcodeName): number {
  const found = Object.entries(OPCODE_NAMES).find(([, n]) => n === name);
  if (found === undefined) throw new Error(`unknown opcode name "${name}"`);
  return Number(found[0]);
}

/** "0x1 text", "0x3 reserved". */
export function opcodeLabel(opcode: number): string {
  return `${formatOpcode(opcode)} ${OPCODE_NAMES[opcode] ?? 'reserved'}`;
}

export interface OpcodeRow {
  /** "0x1" or a range "0x3–0x7". */
  value: string;
  name: string;
  kind: 'data' | 'control';
  /** What the decoder says about a frame with this opcode (a violation id for reserved ones). */
  decoderVerdict?: string;
}

/**
 * All sixteen opcodes, reserved ones folded into ranges. Kind comes from the top bit (control = 0x8–0xF, §5.5);
 * "reserved" is decided by the decoder itself: a frame with that opcode draws a RESERVED_OPCODE violation.
 */
export function opcodeRows(): OpcodeRow[] {
  const rows: OpcodeRow[] = [];
  let run: { from: number; to: number; kind: 'data' | 'control' } | undefined;
  const flush = () => {
    if (!run) return;
    const value = run.from === run.to ? formatOpcode(run.from) : `${formatOpcode(run.from)}–${formatOpcode(run.to)}`;
    rows.push({ value, name: 'reserved', kind: run.kind, decoderVerdict: 'RESERVED_OPCODE' });
    run = undefined;
  };
  for (let op = 0; op <= 0xf; op++) {
    const kind = isControlOpcode(op) ? 'control' : 'data';
    const { violations } = decodeFrames(encodeFrame({ opcode: op }), { from: 'server' });
    const reserved = violations.some((v) => v.id === 'RESERVED_OPCODE');
    if (reserved) {
      if (run && run.kind === kind && run.to === op - 1) run.to = op;
      else {
        flush();
        run = { from: op, to: op, kind };
      }
      continue;
    }
    flush();
    rows.push({ value: formatOpcode(op), name: OPCODE_NAMES[op] ?? '?', kind });
  }
  flush();
  return rows;
}
