/**
 * One direction of an upgraded connection: the project's incremental frame decoder over the
 * reassembled bytes, and the messages rebuilt from its frames (RFC 6455 §5.4). Memory stays bounded:
 * a message keeps a preview of its first bytes and its length, never the whole payload (unless the
 * caller asks for whole messages).
 */
import { createDecoder, type FrameDecoder } from '../websocket/decoder';
import { applyMask } from '../websocket/mask';
import { Opcode, type Frame, type Violation } from '../websocket/types';

export type MessageType = 'text' | 'binary' | 'close' | 'ping' | 'pong';

export interface WebSocketMessage {
  from: 'client' | 'server';
  type: MessageType;
  /** Bytes the application receives: after reassembly and (when an inflater is given) inflating. */
  length: number;
  /** Payload bytes on the wire, over all its frames. */
  wireLength: number;
  frames: number;
  /** The packet that carried the message's first byte. */
  packet: number;
  /** Offset of the first frame in this direction's stream (0 = the first byte after the SYN). */
  offset: number;
  /** RSV1 set on the first frame with permessage-deflate negotiated (RFC 7692 §6). */
  compressed: boolean;
  /** Whether `text`/`hex` show inflated bytes (an inflater was given) or the compressed wire bytes. */
  inflated: boolean;
  /** Text messages: the first `previewBytes` bytes decoded as UTF-8. */
  text?: string;
  /** Binary and control messages (and compressed ones not inflated): the first bytes as hex. */
  hex?: string;
  /** The preview holds fewer bytes than the message. */
  cut: boolean;
  /** The message never finished (the capture ended, or a gap or violation cut it). */
  incomplete?: boolean;
  closeCode?: number;
  closeReason?: string;
  /** An inflater error for this message. */
  inflateError?: string;
  /**
   * Payload bytes the capture did not hold (a gap or the snap length) inside frames whose length was
   * known, so decoding went on after them; they read as zero bytes in the preview.
   */
  missing?: number;
  /**
   * The message's frames exactly as on the wire (header, mask key, masked payload) as compact hex, from the first
   * on, as many as fit in `frameBytes` together; absent when that was not asked for or the first does not fit. For
   * linking to the frame decoder.
   */
  frameHex?: string;
  /** How many of the message's frames `frameHex` holds (all of them when it equals `frames`). */
  framesInHex?: number;
  /**
   * A compressed message sent in one frame whose `frameHex` was kept: whether that frame inflated with a fresh
   * window gives the same bytes. False when the message refers back to earlier messages' bytes (context
   * takeover, RFC 7692 §7.2.3.2), so a decoder given this frame alone cannot inflate it.
   */
  inflatesAlone?: boolean;
}

/** A decoded frame's bytes as they were on the wire: the header as sent (same length encoding) and the masked payload. */
export function frameWireBytes(f: Frame): Uint8Array {
  const h: number[] = [(f.fin ? 0x80 : 0) | (f.rsv1 ? 0x40 : 0) | (f.rsv2 ? 0x20 : 0) | (f.rsv3 ? 0x10 : 0) | f.opcode];
  const m = f.masked ? 0x80 : 0;
  const n = f.payloadLength;
  if (f.lengthEncoding === 7) h.push(m | n);
  else if (f.lengthEncoding === 16) h.push(m | 126, n >> 8, n & 0xff);
  else {
    const hi = Math.floor(n / 2 ** 32);
    const lo = n >>> 0;
    h.push(
      m | 127,
      hi >>> 24,
      (hi >>> 16) & 0xff,
      (hi >>> 8) & 0xff,
      hi & 0xff,
      lo >>> 24,
      (lo >>> 16) & 0xff,
      (lo >>> 8) & 0xff,
      lo & 0xff,
    );
  }
  if (f.masked && f.maskKey !== undefined) h.push(...f.maskKey);
  const out = new Uint8Array(h.length + f.payload.length);
  out.set(h);
  out.set(f.payload, h.length);
  if (f.masked && f.maskKey !== undefined) applyMask(out.subarray(h.length), f.maskKey);
  return out;
}

/**
 * The seam for permessage-deflate (RFC 7692): the analyser hands each compressed frame's payload
 * to an inflater made for one direction of one connection (its LZ77 window persists across messages
 * unless no_context_takeover was negotiated, §7.1.1). `final` is true on the message's last frame,
 * where the inflater appends 00 00 FF FF before inflating the tail (§7.2.2).
 */
export interface CaptureInflater {
  inflate(payload: Uint8Array, final: boolean): { ok: true; bytes: Uint8Array } | { ok: false; message: string };
}

/** Makes an inflater for one direction, given the parameters the 101 accepted. */
export type InflaterFactory = (context: {
  from: 'client' | 'server';
  params: ReadonlyArray<{ name: string; value?: string }>;
}) => CaptureInflater | undefined;

export interface SideViolation extends Violation {
  from: 'client' | 'server';
  packet: number;
}

interface Building {
  type: MessageType;
  packet: number;
  offset: number;
  length: number;
  wireLength: number;
  frames: number;
  compressed: boolean;
  inflated: boolean;
  /** The preview's storage: the side's scratch buffer for a data message (one is built at a time). */
  preview: Uint8Array;
  previewLength: number;
  inflateError?: string;
  missing: number;
  frameHex?: string;
  framesInHex?: number;
  /** Set once a frame did not fit in `frameBytes`: later frames are not kept either, so the hex stays a prefix. */
  hexFull?: boolean;
  closeCode?: number;
  closeReason?: string;
  inflatesAlone?: boolean;
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

const EMPTY = new Uint8Array(0);

/** One decoder for every preview: making a TextDecoder per message was a tenth of a large capture's time. */
const utf8 = new TextDecoder('utf-8');

/** A text preview; a cut one drops a character split at its end instead of showing U+FFFD for it. */
function previewText(b: Uint8Array, cut: boolean): string {
  if (!cut) return utf8.decode(b);
  const s = utf8.decode(b, { stream: true });
  utf8.decode(); // forget the split character's first bytes so the next preview starts clean
  return s;
}

export class WebSocketSide {
  private decoder: FrameDecoder;
  /** Stream offset where the current decoder's byte 0 is. */
  private base: number;
  /** Stream offsets where each delivered chunk starts, with its packet (pruned as frames complete). */
  private marks: Array<{ offset: number; packet: number }> = [];
  private building: Building | undefined;
  private readonly inflater: CaptureInflater | undefined;
  /** Filler bytes pushed for a gap inside the frame being read. */
  private filled = 0;
  /** Compressed messages begun in this direction: the first one starts with an empty window. */
  private compressedSeen = 0;
  /**
   * The preview of the data message being built. Only one is built at a time and its preview is turned into
   * text or hex when it is handed on, so one buffer serves every message (no allocation per message).
   */
  private scratch: Uint8Array;

  constructor(
    readonly from: 'client' | 'server',
    start: number,
    private readonly deflate: boolean,
    private readonly previewBytes: number,
    private readonly maxPayload: number,
    private readonly onMessage: (m: WebSocketMessage) => void,
    private readonly onViolation: (v: SideViolation) => void,
    inflater: CaptureInflater | undefined,
    /** Keep each message's first frame as hex when the whole frame is at most this many bytes (0: never). */
    private readonly frameBytes = 0,
    /** A new inflater for this direction, to tell whether a kept compressed frame inflates on its own. */
    private readonly freshInflater?: () => CaptureInflater | undefined,
  ) {
    this.base = start;
    this.scratch = new Uint8Array(Math.min(previewBytes, 4096));
    this.decoder = this.newDecoder();
    this.inflater = inflater;
  }

  private newDecoder(): FrameDecoder {
    return createDecoder({ from: this.from, allowRsv1: this.deflate, maxPayload: this.maxPayload });
  }

  /** The packet that carried stream byte `offset`. */
  packetAt(offset: number): number {
    let lo = 0;
    let hi = this.marks.length - 1;
    let found = this.marks[0]?.packet ?? 0;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = this.marks[mid]!;
      if (m.offset <= offset) {
        found = m.packet;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  push(offset: number, bytes: Uint8Array, packet: number): void {
    this.marks.push({ offset, packet });
    const r = this.decoder.push(bytes);
    for (const v of r.violations)
      this.onViolation({
        ...v,
        offset: v.offset + this.base,
        from: this.from,
        packet: this.packetAt(v.offset + this.base),
      });
    for (const f of r.frames) this.frame(f);
    // Keep only the marks the unfinished frame may still need.
    const keepFrom = this.base + (this.decoder.partial?.offset ?? this.decoder.position);
    let drop = 0;
    while (drop + 1 < this.marks.length && this.marks[drop + 1]!.offset <= keepFrom) drop++;
    if (drop > 0) this.marks.splice(0, drop);
  }

  /**
   * `length` bytes missing from the stream at `offset`. Inside a frame's payload whose length is known,
   * the frame boundaries are still known: filler bytes stand in for the missing ones (chosen so they
   * unmask to zeros) and decoding goes on. Anywhere else, where the next frame starts is unknown:
   * the message being read is reported incomplete and a new decoder starts after the gap.
   */
  gap(offset: number, length: number, packet: number): void {
    const p = this.decoder.partial;
    if (
      this.decoder.state === 'PAYLOAD' &&
      p !== undefined &&
      p.headerLength !== undefined &&
      this.decoder.needed >= length
    ) {
      const filler = new Uint8Array(length);
      const key = p.maskKey;
      if (key !== undefined) {
        const done = p.received - p.headerLength;
        for (let i = 0; i < length; i++) filler[i] = key[(done + i) & 3]!;
      }
      this.filled += length;
      this.push(offset, filler, packet);
      return;
    }
    this.finishIncomplete();
    this.base = offset + length;
    this.decoder = this.newDecoder();
    this.marks = [];
    this.filled = 0;
  }

  end(): void {
    this.finishIncomplete();
  }

  private finishIncomplete(): void {
    if (this.building !== undefined) {
      this.emit(this.building, true);
      this.building = undefined;
    }
  }

  private frame(f: Frame): void {
    const offset = f.offset + this.base;
    const missing = this.filled;
    this.filled = 0;
    if (f.opcode >= 0x8) {
      if (f.opcode > Opcode.Pong) return; // reserved: reported as a violation
      const type: MessageType = f.opcode === Opcode.Close ? 'close' : f.opcode === Opcode.Ping ? 'ping' : 'pong';
      const b: Building = {
        type,
        packet: this.packetAt(offset),
        offset,
        length: 0,
        wireLength: 0,
        frames: 0,
        compressed: false,
        inflated: false,
        preview: EMPTY,
        previewLength: 0,
        missing,
      };
      this.keepFrame(b, f);
      this.append(b, f.payload, f.payload);
      if (f.closeCode !== undefined) b.closeCode = f.closeCode;
      if (f.closeReason !== undefined) b.closeReason = f.closeReason;
      this.emit(b, false, true);
      return;
    }
    if (
      f.opcode === Opcode.Text ||
      f.opcode === Opcode.Binary ||
      (f.opcode === Opcode.Continuation && this.building === undefined)
    ) {
      this.finishIncomplete();
      this.building = {
        type: f.opcode === Opcode.Text ? 'text' : 'binary',
        packet: this.packetAt(offset),
        offset,
        length: 0,
        wireLength: 0,
        frames: 0,
        compressed: this.deflate && f.rsv1,
        inflated: false,
        preview: this.scratch,
        previewLength: 0,
        missing: 0,
      };
      this.keepFrame(this.building, f);
      if (this.building.compressed) this.compressedSeen++;
    } else if (f.opcode === Opcode.Continuation) this.keepFrame(this.building!, f);
    else return; // reserved data opcode
    const b = this.building!;
    b.missing += missing;
    let data = f.payload;
    if (b.compressed && this.inflater !== undefined && b.inflateError === undefined) {
      const r = this.inflater.inflate(f.payload, f.fin);
      if (r.ok) {
        data = r.bytes;
        b.inflated = true;
        if (b.frames === 0 && f.fin && b.frameHex !== undefined) b.inflatesAlone = this.inflatesAlone(f.payload, data);
      } else b.inflateError = r.message;
    }
    this.append(b, f.payload, data);
    if (f.fin) {
      this.emit(b, false);
      this.building = undefined;
    }
  }

  /** Whether `payload` inflates to `inflated` from an empty window, as a decoder given only this frame would. */
  private inflatesAlone(payload: Uint8Array, inflated: Uint8Array): boolean | undefined {
    if (this.compressedSeen === 1) return true; // the direction's first compressed message: nothing came before
    const fresh = this.freshInflater?.();
    if (fresh === undefined) return undefined;
    const r = fresh.inflate(payload, true);
    if (!r.ok || r.bytes.length !== inflated.length) return false;
    for (let i = 0; i < inflated.length; i++) if (r.bytes[i] !== inflated[i]) return false;
    return true;
  }

  /** Appends `f` as on the wire to the message's kept hex while the frames so far fit in `frameBytes` together. */
  private keepFrame(b: Building, f: Frame): void {
    if (this.frameBytes <= 0 || b.hexFull === true) return;
    const kept = (b.frameHex?.length ?? 0) / 2;
    if (kept + f.headerLength + f.payload.length > this.frameBytes) {
      b.hexFull = true;
      return;
    }
    let hex = '';
    for (const x of frameWireBytes(f)) hex += (x < 16 ? '0' : '') + x.toString(16);
    b.frameHex = (b.frameHex ?? '') + hex;
    b.framesInHex = (b.framesInHex ?? 0) + 1;
  }

  private append(b: Building, wire: Uint8Array, data: Uint8Array): void {
    b.frames++;
    b.wireLength += wire.length;
    b.length += data.length;
    const room = this.previewBytes - b.previewLength;
    if (room <= 0 || data.length === 0) return;
    const n = Math.min(room, data.length);
    if (b.previewLength === 0 && b.preview === EMPTY) {
      // A control frame is handed on at once: its payload can be its preview as it is.
      b.preview = n === data.length ? data : data.subarray(0, n);
      b.previewLength = n;
      return;
    }
    if (b.previewLength + n > b.preview.length) {
      // Whole messages (`previewBytes` Infinity or above 4 KiB): the buffer grows by doubling.
      const grown = new Uint8Array(Math.max(b.previewLength + n, b.preview.length * 2));
      grown.set(b.preview.subarray(0, b.previewLength));
      b.preview = grown;
      if (b.type === 'text' || b.type === 'binary') this.scratch = grown;
    }
    b.preview.set(n === data.length ? data : data.subarray(0, n), b.previewLength);
    b.previewLength += n;
  }

  private emit(b: Building, incomplete: boolean, control = false): WebSocketMessage {
    const preview = b.preview.subarray(0, b.previewLength);
    const m: WebSocketMessage = {
      from: this.from,
      type: b.type,
      length: b.length,
      wireLength: b.wireLength,
      frames: b.frames,
      packet: b.packet,
      offset: b.offset,
      compressed: b.compressed,
      inflated: b.inflated,
      cut: b.previewLength < b.length,
    };
    const readable = !b.compressed || b.inflated;
    if (b.type === 'text' && readable) m.text = previewText(preview, m.cut);
    else if (!control || b.type !== 'close' || preview.length > 0) m.hex = hex(preview);
    if (incomplete) m.incomplete = true;
    if (b.inflateError !== undefined) m.inflateError = b.inflateError;
    if (b.missing > 0) m.missing = b.missing;
    if (b.frameHex !== undefined) {
      m.frameHex = b.frameHex;
      m.framesInHex = b.framesInHex ?? 1;
    }
    if (b.closeCode !== undefined) m.closeCode = b.closeCode;
    if (b.closeReason !== undefined) m.closeReason = b.closeReason;
    if (b.inflatesAlone !== undefined) m.inflatesAlone = b.inflatesAlone;
    // A fragmented message inflates alone when nothing was compressed before it in this direction.
    else if (b.compressed && b.frames > 1 && this.compressedSeen === 1) m.inflatesAlone = true;
    // A whole large message (`--full`) does not keep its buffer once handed on.
    if (this.scratch.length > 1 << 16) this.scratch = new Uint8Array(4096);
    this.onMessage(m);
    return m;
  }
}
