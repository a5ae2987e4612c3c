/**
 * Sec-WebSocket-Key and Sec-WebSocket-Accept (RFC 6455 §1.3, §4.1 item 7, §4.2.2 step 5.4).
 *
 * The server proves it read the client's handshake by returning
 * base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")). The key is used as the string the
 * client sent — it is never base64-decoded for this (§4.2.2, /key/).
 */

import { Base64Error, decodeBase64, encodeBase64, isCanonicalBase64 } from '../base64';

/** The GUID every WebSocket server appends to the client's key (RFC 6455 §1.3). */
export const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const encoder = new TextEncoder();

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

// ---------------------------------------------------------------------------------------------
// SHA-1

/**
 * SHA-1 (FIPS 180-4 §6.1) in plain TypeScript. `sha1` uses Web Crypto when it is there; this is the
 * fallback for pages where `crypto.subtle` is missing (browsers only expose it in secure contexts,
 * so a lesson opened over plain http from another machine has none).
 */
export function sha1Sync(message: Uint8Array): Uint8Array {
  const bitLength = message.length * 8;
  const padded = new Uint8Array((((message.length + 8) >> 6) + 1) << 6);
  padded.set(message);
  padded[message.length] = 0x80;
  const view = new DataView(padded.buffer);
  // Message length in bits as a 64-bit big-endian integer in the last 8 bytes.
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000), false);
  view.setUint32(padded.length - 4, bitLength >>> 0, false);

  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = new Uint32Array(80);
  for (let block = 0; block < padded.length; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4, false);
    for (let t = 16; t < 80; t++) {
      const x = (w[t - 3] ?? 0) ^ (w[t - 8] ?? 0) ^ (w[t - 14] ?? 0) ^ (w[t - 16] ?? 0);
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 80; t++) {
      let f: number;
      let k: number;
      if (t < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (t < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (t < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const temp = (((a << 5) | (a >>> 27)) + f + e + k + (w[t] ?? 0)) >>> 0;
      e = d;
      d = c;
      c = ((b << 30) | (b >>> 2)) >>> 0;
      b = a;
      a = temp;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
  }
  const out = new Uint8Array(20);
  const outView = new DataView(out.buffer);
  [h0, h1, h2, h3, h4].forEach((h, i) => outView.setUint32(i * 4, h, false));
  return out;
}

/** SHA-1 digest, through Web Crypto when available (browser and Node), else {@link sha1Sync}. */
export async function sha1(message: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) return sha1Sync(message);
  // Copy into a fresh ArrayBuffer-backed view: digest() takes a BufferSource, not a shared buffer.
  const digest = await subtle.digest('SHA-1', new Uint8Array(message));
  return new Uint8Array(digest);
}

// ---------------------------------------------------------------------------------------------
// Accept key

/** Sec-WebSocket-Accept for a Sec-WebSocket-Key (RFC 6455 §4.2.2 step 5.4). The key is used exactly as given. */
export async function computeAcceptKey(key: string): Promise<string> {
  return encodeBase64(await sha1(encoder.encode(key + WEBSOCKET_GUID)));
}

/** Every intermediate value of the accept-key computation, for the calculator widget. */
export interface AcceptKeySteps {
  /** The Sec-WebSocket-Key, as given. */
  key: string;
  /** The fixed GUID of RFC 6455 §1.3. */
  guid: string;
  /** key + GUID, the string that is hashed. */
  concatenated: string;
  /** Its bytes (UTF-8; ASCII for any valid key) — what SHA-1 actually reads. */
  concatenatedBytes: Uint8Array;
  /** The 20-byte SHA-1 digest. */
  sha1: Uint8Array;
  /** The digest as spaced lowercase hex, e.g. "b3 7a 4f 2c …". */
  sha1Hex: string;
  /** base64 of the digest: the Sec-WebSocket-Accept value. */
  accept: string;
  /** Whether the key itself is a valid client key (the computation runs either way). */
  keyCheck: ClientKeyCheck;
}

export async function acceptKeySteps(key: string): Promise<AcceptKeySteps> {
  const concatenated = key + WEBSOCKET_GUID;
  const concatenatedBytes = encoder.encode(concatenated);
  const digest = await sha1(concatenatedBytes);
  return {
    key,
    guid: WEBSOCKET_GUID,
    concatenated,
    concatenatedBytes,
    sha1: digest,
    sha1Hex: hex(digest),
    accept: encodeBase64(digest),
    keyCheck: isValidClientKey(key),
  };
}

// ---------------------------------------------------------------------------------------------
// Client key

export type ClientKeyCheck =
  | {
      valid: true;
      /** The 16 decoded nonce bytes. */
      bytes: Uint8Array;
      /** Set when the key is acceptable but unusual (non-zero pad bits). */
      note?: string;
    }
  | {
      valid: false;
      /** Plain-English reason, naming the character or the byte count. */
      reason: string;
      /** Where the rule is written. */
      rule: string;
      /** 0-based index of the offending character, when there is one. */
      position?: number;
    };

const KEY_RULE = 'RFC 6455 §4.1 item 7';

/**
 * Is `key` a valid Sec-WebSocket-Key: base64 (RFC 4648 §4) of exactly 16 bytes, i.e. 22 base64
 * characters and "==" (RFC 6455 §4.1 item 7, §4.2.1 item 5)? The check is strict: surrounding
 * whitespace is not part of a key (HTTP parsing removes it before the value is seen).
 */
export function isValidClientKey(key: string): ClientKeyCheck {
  if (key.length === 0) {
    return {
      valid: false,
      rule: KEY_RULE,
      reason: 'The key is empty; it must be a random 16-byte nonce in base64 (24 characters ending in "==").',
    };
  }
  const trimmed = key.trim();
  if (trimmed !== key) {
    const position = key.length - key.trimStart().length > 0 ? 0 : trimmed.length;
    return {
      valid: false,
      rule: KEY_RULE,
      position,
      reason: 'The key has whitespace around it; the key is only the 24 base64 characters.',
    };
  }
  let bytes: Uint8Array;
  try {
    bytes = decodeBase64(key);
  } catch (error) {
    if (error instanceof Base64Error) {
      return {
        valid: false,
        rule: KEY_RULE,
        position: error.position,
        reason: `The key is not valid base64: ${error.message}`,
      };
    }
    throw error;
  }
  if (bytes.length !== 16) {
    return {
      valid: false,
      rule: KEY_RULE,
      reason: `The key decodes to ${bytes.length} byte${bytes.length === 1 ? '' : 's'}; it must decode to exactly 16 (24 base64 characters ending in "==").`,
    };
  }
  if (!isCanonicalBase64(key)) {
    return {
      valid: true,
      bytes,
      note:
        `The last character's unused bits are not zero: a base64 encoder would write "${encodeBase64(bytes)}". ` +
        'Decoders may reject this (RFC 4648 §3.5); the example in RFC 6455 §4.1 item 7 has the same slip.',
    };
  }
  return { valid: true, bytes };
}

/**
 * A fresh Sec-WebSocket-Key: 16 random bytes in base64 (RFC 6455 §4.1 item 7: a new nonce for each
 * connection). Pass `random` for reproducible keys in lessons and tests.
 */
export function generateClientKey(random?: (n: number) => Uint8Array): string {
  let bytes: Uint8Array;
  if (random !== undefined) {
    bytes = random(16);
  } else {
    const c = globalThis.crypto;
    if (c === undefined || typeof c.getRandomValues !== 'function') {
      throw new Error('generateClientKey: no crypto.getRandomValues here; pass a random(n) function.');
    }
    bytes = c.getRandomValues(new Uint8Array(16));
  }
  if (!(bytes instanceof Uint8Array) || bytes.length !== 16) {
    throw new RangeError(
      `generateClientKey: random(16) must return 16 bytes, got ${bytes instanceof Uint8Array ? bytes.length : typeof bytes}.`,
    );
  }
  return encodeBase64(bytes);
}
