/**
 * Numbers and strings the lesson prose states, each computed by the project's code (or read from a capture) when
 * the page is built: `<Fact name="len64Max" />`. A number typed into prose could drift from the codec; these cannot.
 */
import { decodeBase64, encodeBase64 } from '../../protocol/base64';
import { sha1Sync, WEBSOCKET_GUID } from '../../protocol/websocket/accept-key';
import { decodeFrames } from '../../protocol/websocket/decoder';
import { encodeClose, encodeFrame } from '../../protocol/websocket/encoder';
import { getHeader, validateHandshakeRequest } from '../../protocol/websocket/handshake';
import { Opcode } from '../../protocol/websocket/types';
import { parseHex, toHex } from '../../protocol/hex';
import { CHROMIUM_UPGRADE_REQUEST, HELLO_FRAME_HEX } from '../../../content/captures/chromium-loopback';
import { RFC_KEY } from '../../../content/captures/rfc6455-examples';
import { groupDigits, maxUnsigned } from '../../explain/format';
import { lengthLimits } from '../../explain/lengths';
import { utf8Budget } from '../../explain/utf8-budget';
import { utf8Length } from '../../protocol/utf8';
import { BITS_FACTS } from './bits/bits-lesson';
import { HTTP_FACTS } from './http/http-lesson';
import { NAGLE_FACTS } from './tcp/nagle-lesson';
import { TCP_FACTS } from './tcp/tcp-lesson';
import { WINDOW_FACTS } from './tcp/window-lesson';
import { LAB_CLOSE_TIMEOUT_MS, LAB_IDLE_TIMEOUT_MS } from '../../lab-protocol/defaults';

/** Largest n for which `ok(n)` holds, searching n = 0, 1, 2, … up to `limit` (ok must be true, then false). */
function largest(ok: (n: number) => boolean, limit: number): number {
  let n = -1;
  while (n + 1 <= limit && ok(n + 1)) n++;
  if (n === limit) throw new Error(`no upper bound below ${limit}`);
  return n;
}

function fitsControlFrame(n: number): boolean {
  const bytes = encodeFrame({ opcode: Opcode.Ping, payload: new Uint8Array(n) });
  return decodeFrames(bytes, { from: 'server' }).violations.length === 0;
}

function closeReasonFits(n: number): boolean {
  try {
    encodeClose(1000, 'a'.repeat(n));
    return true;
  } catch {
    return false;
  }
}

const limits = lengthLimits();

function capturedHeader(name: string): string {
  const value = getHeader(validateHandshakeRequest(CHROMIUM_UPGRADE_REQUEST).request, name);
  if (value === undefined) throw new Error(`the captured upgrade request has no ${name} header`);
  return value;
}

/** The example nickname of the framing lesson: 昵称, Chinese for "nickname". */
export const NICKNAME = '昵称';

/** Facts of the WebSocket lessons. */
export const WEBSOCKET_FACTS = {
  /** Largest payload length written in the 7-bit field itself. */
  len7Max: () => String(limits.max7),
  /** Largest 16-bit extended length. */
  len16Max: () => groupDigits(limits.max16),
  /** 2^63 − 1, the largest 64-bit length with the top bit 0. */
  len64Max: () => groupDigits(limits.max64),
  len64MaxHex: () => limits.max64Hex,
  /** 2^64 − 1, for the myth. */
  unsigned64Max: () => groupDigits(limits.unsigned64),
  /** Largest control-frame payload the decoder accepts without CONTROL_FRAME_TOO_LONG. */
  controlMax: () => String(largest(fitsControlFrame, 200)),
  /** Largest close reason, in bytes, after the 2-byte code. */
  closeReasonMax: () => String(closeReasonBytes()),
  /** How long a WebSocket client may be silent before the lab pings it (its default, src/lab-protocol/defaults.ts). */
  labIdleTimeout: () => `${LAB_IDLE_TIMEOUT_MS / 1000} seconds`,
  /** How long the lab waits for the peer's Close after sending its own (its default). */
  labCloseTimeout: () => `${LAB_CLOSE_TIMEOUT_MS / 1000} seconds`,
  /** Bytes in a Sec-WebSocket-Key nonce (the RFC's example key, decoded). */
  nonceBytes: () => String(decodeBase64(RFC_KEY).length),
  /** Characters of base64 for those bytes. */
  keyChars: () => String(encodeBase64(decodeBase64(RFC_KEY)).length),
  /** Bytes in a SHA-1 digest. */
  sha1Bytes: () => String(sha1Sync(new Uint8Array(0)).length),
  /** Characters of base64 for a SHA-1 digest: the length of every Sec-WebSocket-Accept. */
  acceptChars: () => String(encodeBase64(sha1Sync(new Uint8Array(0))).length),
  guid: () => WEBSOCKET_GUID,
  /** Size of the captured Chromium upgrade request, in bytes. */
  requestBytes: () => String(utf8Length(CHROMIUM_UPGRADE_REQUEST)),
  /** Header values of the captured Chromium upgrade request, as the handshake parser reads them. */
  capturedKey: () => capturedHeader('Sec-WebSocket-Key'),
  capturedOrigin: () => capturedHeader('Origin'),
  /** Largest value of one unsigned byte. */
  oneByteMax: () => String(maxUnsigned(8)),
  /** Largest value of two unsigned bytes. */
  twoByteMax: () => groupDigits(maxUnsigned(16)),
  /** How many 3-byte CJK characters fit in one length byte's worth of bytes. */
  cjkNameMax: () => String(utf8Budget(['昵'], maxUnsigned(8))[0]!.maxChars),
  /** UTF-8 bytes of one common CJK character (U+0800–U+FFFF take 3). */
  cjkBytesEach: () => String(utf8Budget(['昵'], maxUnsigned(8))[0]!.bytesPerChar),
  /** The masking key of the captured "Hello" frame. */
  helloKey: () => {
    const frame = decodeFrames(parseHex(HELLO_FRAME_HEX), { from: 'client' }).frames[0];
    if (!frame?.maskKey) throw new Error('the captured Hello frame is not masked');
    return toHex(frame.maskKey);
  },
  /** Shortest and longest frame header: 2 bytes; 2 + 8 (64-bit length) + 4 (masking key). */
  headerMin: () => String(encodeFrame({ opcode: Opcode.Text }).length),
  headerMax: () => {
    const bytes = encodeFrame({ opcode: Opcode.Binary, payload: new Uint8Array(0x10000), maskKey: new Uint8Array(4) });
    return String(decodeFrames(bytes, { from: 'client' }).frames[0]!.headerLength);
  },
  /** The example nickname 昵称 ("nickname"): its UTF-8 size and its JavaScript string length. */
  nicknameBytes: () => String(utf8Length(NICKNAME)),
  nicknameLength: () => String(NICKNAME.length),
  /** Length of the captured "Hello" frame: header + payload. */
  helloFrameBytes: () => String(parseHex(HELLO_FRAME_HEX).length),
} satisfies Record<string, () => string>;

/**
 * Every fact the lessons state, by name: one registry over the lessons' own modules, so `<Fact name="…" />` is the
 * one way prose prints a computed number. A name may live in one module only (a test checks it); a value is a
 * string or computed on first use.
 */
export const FACT_SOURCES = {
  websocket: WEBSOCKET_FACTS,
  bits: BITS_FACTS,
  tcp: TCP_FACTS,
  http: HTTP_FACTS,
  nagle: NAGLE_FACTS,
  window: WINDOW_FACTS,
} as const;

/** Largest close reason in bytes: what fits in a control frame after the 2-byte code (RFC 6455 §5.5.1). */
export function closeReasonBytes(): number {
  return largest(closeReasonFits, 200);
}

type Sources = typeof FACT_SOURCES;
export type FactName = { [S in keyof Sources]: keyof Sources[S] }[keyof Sources] & string;

/** The fact's text; throws at build time when it is missing or could not be computed. */
export function fact(name: FactName): string {
  for (const source of Object.values(FACT_SOURCES) as Array<Record<string, string | (() => string)>>) {
    const entry = source[name];
    if (entry === undefined) continue;
    const value = typeof entry === 'function' ? entry() : entry;
    if (value === '' || /NaN|undefined|Infinity/.test(value)) {
      throw new Error(`<Fact name="${name}">: could not be computed (got "${value}")`);
    }
    return value;
  }
  throw new Error(`<Fact name="${String(name)}">: no such fact`);
}
