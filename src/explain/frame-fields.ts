/**
 * View model of one decoded WebSocket frame: which bits and bytes each header field occupies, its value,
 * and a sentence explaining it (RFC 6455 §5.2). Pure: the widgets render these lists, tests check them.
 *
 * Values (fin, opcode, length…) come from the codec's `Frame`; the raw bits shown in the diagram are read
 * from the input at the positions the codec reported, so the picture is exactly what was on the wire.
 */
import { isControlOpcode, type Frame, type PartialFrame } from '../protocol/websocket/types';
import { bitsOf, hexByte, plural } from './format';
import { formatOpcode, opcodeName } from './opcodes';

export type FieldKey = 'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'mask' | 'len7' | 'extlen' | 'maskkey' | 'payload';

export interface FrameField {
  key: FieldKey;
  /** Short label for the diagram, e.g. "FIN", "opcode". */
  name: string;
  /** First bit of the field, counted from the frame's first bit (bit 0 = most significant bit of byte 0). */
  bitStart: number;
  /** Number of bits (0 for an empty payload). */
  bitLength: number;
  /** Byte range in the whole input, end exclusive (a 1-bit field covers its whole byte). */
  byteStart: number;
  byteEnd: number;
  /** The field's bits as on the wire ('' for the payload, which is shown as bytes instead). */
  bits: string;
  /** The value in a compact form: "1", "0x1", "126", "37 fa 21 3d", "5 bytes". */
  value: string;
  /** One sentence: what this value means here, with the RFC section. */
  explanation: string;
}

function bytesToBits(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(2).padStart(8, '0')).join('');
}

/** Number of bytes taken by the extended payload length field (RFC 6455 §5.2). */
export function extendedLengthBytes(frame: Pick<Frame, 'lengthEncoding'>): 0 | 2 | 8 {
  return frame.lengthEncoding === 16 ? 2 : frame.lengthEncoding === 64 ? 8 : 0;
}

/**
 * Why the length is encoded the way it is, in one sentence (RFC 6455 §5.2): ≤125 fits the 7-bit field,
 * ≤65535 takes 126 + 16 bits, anything larger 127 + 64 bits. Mentions a non-minimal choice.
 */
export function lengthEncodingExplanation(frame: Pick<Frame, 'lengthEncoding' | 'payloadLength'>): string {
  const n = frame.payloadLength;
  const bytes = plural(n, 'byte');
  const minimal = n <= 125 ? 7 : n <= 0xffff ? 16 : 64;
  const nonMinimal =
    frame.lengthEncoding === minimal
      ? ''
      : ` That is not the shortest form: ${n} fits in ${minimal === 7 ? 'the 7-bit field' : `${minimal} bits`}, and RFC 6455 §5.2 requires the minimal number of bytes.`;
  switch (frame.lengthEncoding) {
    case 7:
      return `${bytes}: 0–125 fits in the 7-bit length field itself (RFC 6455 §5.2).${nonMinimal}`;
    case 16:
      return `${bytes}: the 7-bit field holds 126, and the length follows as a 16-bit big-endian number, used for 126–65535 bytes (RFC 6455 §5.2).${nonMinimal}`;
    case 64:
      return `${bytes}: the 7-bit field holds 127, and the length follows as a 64-bit big-endian number (most significant bit 0), used above 65535 bytes (RFC 6455 §5.2).${nonMinimal}`;
  }
}

function opcodeExplanation(opcode: number): string {
  const name = opcodeName(opcode);
  const op = formatOpcode(opcode);
  if (opcodeName(opcode).startsWith('reserved')) {
    return `opcode ${op} = ${name}: no meaning is defined, so a receiver fails the connection with 1002 (RFC 6455 §5.2).`;
  }
  const control = isControlOpcode(opcode)
    ? ' It is a control frame: payload at most 125 bytes and never fragmented (RFC 6455 §5.5).'
    : opcode === 0x0
      ? ' It carries the next piece of a fragmented message (RFC 6455 §5.4).'
      : '';
  return `opcode ${op} = ${name} (RFC 6455 §5.2).${control}`;
}

function len7Explanation(len7: number): string {
  if (len7 === 126) return '126 → the real length follows in the next 2 bytes, big-endian (RFC 6455 §5.2).';
  if (len7 === 127) return '127 → the real length follows in the next 8 bytes, big-endian (RFC 6455 §5.2).';
  return `${len7} = the payload length itself; 0–125 fit in these 7 bits (RFC 6455 §5.2).`;
}

/**
 * Every field of `frame`, in wire order. `input` is the byte stream the frame was decoded from
 * (frame.offset indexes it); header bytes missing from it are shown as zero bits.
 */
export function frameFields(frame: Frame, input: Uint8Array): FrameField[] {
  const at = (i: number): number => input[frame.offset + i] ?? 0;
  const b0 = at(0);
  const b1 = at(1);
  const start = frame.offset;
  const fields: FrameField[] = [];

  const flag = (key: FieldKey, name: string, bit: number, set: boolean, explanation: string): void => {
    fields.push({
      key,
      name,
      bitStart: bit,
      bitLength: 1,
      byteStart: start,
      byteEnd: start + 1,
      bits: bitsOf(b0, bit, 1),
      value: set ? '1' : '0',
      explanation,
    });
  };

  flag(
    'fin',
    'FIN',
    0,
    frame.fin,
    frame.fin
      ? 'FIN 1 = this is the final fragment of its message (RFC 6455 §5.2).'
      : 'FIN 0 = more fragments of this message follow in continuation frames (RFC 6455 §5.4).',
  );
  const rsvText = (n: number, set: boolean): string =>
    set
      ? `RSV${n} 1 = set: only allowed when an extension negotiated in the handshake defines it (e.g. permessage-deflate uses RSV1, RFC 7692); otherwise the receiver fails the connection with 1002 (RFC 6455 §5.2).`
      : `RSV${n} 0 = reserved for extensions; must be 0 unless a negotiated extension gives it a meaning (RFC 6455 §5.2); permessage-deflate defines only RSV1.`;
  flag('rsv1', 'RSV1', 1, frame.rsv1, rsvText(1, frame.rsv1));
  flag('rsv2', 'RSV2', 2, frame.rsv2, rsvText(2, frame.rsv2));
  flag('rsv3', 'RSV3', 3, frame.rsv3, rsvText(3, frame.rsv3));
  fields.push({
    key: 'opcode',
    name: 'opcode',
    bitStart: 4,
    bitLength: 4,
    byteStart: start,
    byteEnd: start + 1,
    bits: bitsOf(b0, 4, 4),
    value: formatOpcode(frame.opcode),
    explanation: opcodeExplanation(frame.opcode),
  });
  fields.push({
    key: 'mask',
    name: 'MASK',
    bitStart: 8,
    bitLength: 1,
    byteStart: start + 1,
    byteEnd: start + 2,
    bits: bitsOf(b1, 0, 1),
    value: frame.masked ? '1' : '0',
    explanation: frame.masked
      ? 'MASK 1 = the payload is masked with the 4-byte key that follows; every client-to-server frame must be (RFC 6455 §5.1, §5.3).'
      : 'MASK 0 = the payload is sent as is; a server must not mask, a client always must (RFC 6455 §5.1).',
  });
  const len7 = b1 & 0x7f;
  fields.push({
    key: 'len7',
    name: 'payload len',
    bitStart: 9,
    bitLength: 7,
    byteStart: start + 1,
    byteEnd: start + 2,
    bits: bitsOf(b1, 1, 7),
    value: String(len7),
    explanation: len7Explanation(len7),
  });

  let pos = 2;
  const ext = extendedLengthBytes(frame);
  if (ext > 0) {
    const raw = input.subarray(start + pos, start + pos + ext);
    fields.push({
      key: 'extlen',
      name: `extended len (${ext * 8} bits)`,
      bitStart: pos * 8,
      bitLength: ext * 8,
      byteStart: start + pos,
      byteEnd: start + pos + ext,
      bits: bytesToBits(raw),
      value: String(frame.payloadLength),
      explanation: `0x${Array.from(raw, hexByte).join('')} = ${plural(frame.payloadLength, 'byte')} of payload, as a ${ext * 8}-bit big-endian number (RFC 6455 §5.2).`,
    });
    pos += ext;
  }

  if (frame.masked) {
    const key = frame.maskKey ?? input.subarray(start + pos, start + pos + 4);
    const keyHex = Array.from(key, hexByte).join(' ');
    fields.push({
      key: 'maskkey',
      name: 'masking key',
      bitStart: pos * 8,
      bitLength: 32,
      byteStart: start + pos,
      byteEnd: start + pos + 4,
      bits: bytesToBits(key),
      value: keyHex,
      explanation: `Masking key ${keyHex}: payload byte i is XORed with key byte i mod 4; XOR again restores it (RFC 6455 §5.3). It is sent in the clear, so it hides nothing from an observer (RFC 6455 §10.3).`,
    });
    pos += 4;
  }

  const n = frame.payloadLength;
  fields.push({
    key: 'payload',
    name: 'payload',
    bitStart: pos * 8,
    bitLength: n * 8,
    byteStart: start + frame.headerLength,
    byteEnd: start + frame.headerLength + n,
    bits: '',
    value: plural(n, 'byte'),
    explanation:
      n === 0
        ? 'No payload (RFC 6455 §5.2 allows a length of 0).'
        : frame.masked
          ? `${plural(n, 'byte')} of payload, masked on the wire: XOR with the key gives the data back (RFC 6455 §5.3).`
          : `${plural(n, 'byte')} of payload, as sent (RFC 6455 §5.2).`,
  });
  return fields;
}

/** One piece of a field inside a single byte-row of the diagram (fields never straddle a byte boundary
 * except the byte-aligned multi-byte ones, which are cut per byte so the grid can wrap at any 8 bits). */
export interface DiagramSegment {
  key: FieldKey;
  /** Label shown on the segment: the field name on its first piece, '' on the rest. */
  label: string;
  /** Bits of this piece, most significant first. */
  bits: string;
  /** Byte of the frame this piece sits in (0 = first header byte). */
  byteIndex: number;
  /** True on the field's first piece. */
  first: boolean;
}

/** The header fields cut into per-byte pieces, for a bit grid whose width is any multiple of 8 columns. */
export function diagramSegments(fields: readonly FrameField[]): DiagramSegment[] {
  const out: DiagramSegment[] = [];
  for (const f of fields) {
    if (f.key === 'payload') continue;
    let bit = f.bitStart;
    const end = f.bitStart + f.bitLength;
    while (bit < end) {
      const byteIndex = Math.floor(bit / 8);
      const pieceEnd = Math.min(end, (byteIndex + 1) * 8);
      out.push({
        key: f.key,
        label: bit === f.bitStart ? f.name : '',
        bits: f.bits.slice(bit - f.bitStart, pieceEnd - f.bitStart),
        byteIndex,
        first: bit === f.bitStart,
      });
      bit = pieceEnd;
    }
  }
  return out;
}

/** The fields covering byte `offset` of the input (byte 0 of a frame holds FIN, RSV1–3 and the opcode). */
export function fieldsAtByte(fields: readonly FrameField[], offset: number): FieldKey[] {
  return fields.filter((f) => offset >= f.byteStart && offset < f.byteEnd).map((f) => f.key);
}

/**
 * The field whose colour a byte takes in the hex view. Bytes 0 and 1 hold several fields; they take the
 * colour of the widest (opcode, payload length) and highlight for all of them.
 */
export function primaryFieldAtByte(fields: readonly FrameField[], offset: number): FieldKey | undefined {
  let best: FrameField | undefined;
  for (const f of fields) {
    if (offset >= f.byteStart && offset < f.byteEnd && (best === undefined || f.bitLength > best.bitLength)) best = f;
  }
  return best?.key;
}

const FIRST_TWO_BYTES: readonly FieldKey[] = ['fin', 'rsv1', 'rsv2', 'rsv3', 'opcode', 'mask', 'len7'];

/**
 * The fields of a frame whose bytes have not all arrived (the codec's PartialFrame): the ones read so
 * far, and the one being read marked incomplete. Empty until the first 2 header bytes are in.
 */
export function partialFrameFields(p: PartialFrame, input: Uint8Array): FrameField[] {
  if (p.fin === undefined || p.opcode === undefined || p.masked === undefined) return [];
  const lengthKnown = p.payloadLength !== undefined && p.headerLength !== undefined && p.lengthEncoding !== undefined;
  const frame: Frame = {
    fin: p.fin,
    rsv1: p.rsv1 ?? false,
    rsv2: p.rsv2 ?? false,
    rsv3: p.rsv3 ?? false,
    opcode: p.opcode,
    masked: p.masked,
    ...(p.maskKey !== undefined ? { maskKey: p.maskKey } : {}),
    payloadLength: p.payloadLength ?? 0,
    headerLength: p.headerLength ?? 2,
    offset: p.offset,
    lengthEncoding: p.lengthEncoding ?? 7,
    payload: new Uint8Array(0),
  };
  const end = Math.min(input.length, p.offset + p.received);
  return frameFields(frame, input)
    .filter((f) =>
      lengthKnown ? f.byteStart < end || (f.key === 'payload' && f.byteStart === end) : FIRST_TWO_BYTES.includes(f.key),
    )
    .map((f) => {
      if (f.byteEnd <= end) return f;
      const got = Math.max(0, end - f.byteStart);
      const total = f.byteEnd - f.byteStart;
      return {
        ...f,
        byteEnd: Math.max(f.byteStart, end),
        bits: f.bits.slice(0, got * 8),
        value: `${got} of ${total} bytes`,
        explanation: `Incomplete: ${got} of the ${total} bytes of the ${f.name} have arrived.`,
      };
    });
}

/**
 * What byte `offset` of the input is, in words, for a figure's live bytes: every field it holds with its value
 * ("FIN 1 · RSV1 0 · RSV2 0 · RSV3 0 · opcode 0x1 (text frame)"), or its place in a multi-byte field
 * ("masking key, byte 2 of 4"; "payload byte 3 of 5, masked: 0x6c 'l' after XOR"). `frame` is the decoded frame
 * holding the byte and `fields` its frameFields.
 */
export function byteFieldName(frame: Frame, fields: readonly FrameField[], input: Uint8Array, offset: number): string {
  const here = fields.filter((f) => offset >= f.byteStart && offset < f.byteEnd);
  const first = here[0];
  if (first === undefined) return 'not part of this frame';
  if (here.length > 1 || first.byteEnd - first.byteStart === 1) {
    return here
      .map((f) => {
        if (f.key === 'opcode') return `opcode ${f.value} (${opcodeName(frame.opcode)})`;
        if (f.key === 'payload') return `payload byte 1 of 1${payloadByteNote(frame, input, offset)}`;
        return `${f.name} ${f.value}`;
      })
      .join(' · ');
  }
  const k = offset - first.byteStart + 1;
  const of = first.byteEnd - first.byteStart;
  switch (first.key) {
    case 'extlen':
      return `${first.name}, byte ${k} of ${of} (big-endian): length ${first.value}`;
    case 'maskkey':
      return `masking key, byte ${k} of ${of}: ${hexByte(input[offset] ?? 0)}`;
    case 'payload':
      return `payload byte ${k} of ${of}${payloadByteNote(frame, input, offset)}`;
    default:
      return `${first.name}, byte ${k} of ${of}`;
  }
}

/** ", masked: 0x6c 'l' after XOR" or ": 'l'": the data byte the decoder read, as text when it is printable ASCII. */
function payloadByteNote(frame: Frame, input: Uint8Array, offset: number): string {
  const i = offset - frame.offset - frame.headerLength;
  const data = frame.payload[i];
  if (data === undefined) return '';
  const shown = data >= 0x20 && data < 0x7f ? ` '${String.fromCharCode(data)}'` : '';
  return frame.masked
    ? `, masked (${hexByte(input[offset] ?? 0)} XOR key byte ${i % 4}): 0x${hexByte(data)}${shown}`
    : `: 0x${hexByte(data)}${shown}`;
}
