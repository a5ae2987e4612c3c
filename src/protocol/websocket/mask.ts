/**
 * Masking (RFC 6455 §5.3): payload byte i is XORed with maskKey[i mod 4]. XOR twice restores the
 * original, so masking and unmasking are the same operation. Masking is not encryption — the key is
 * sent in the clear right before the payload; it exists so a client cannot choose the bytes that
 * appear on the wire, which protects confused intermediaries from cache poisoning (RFC 6455 §10.3).
 */

/** True on little-endian hosts (all common ones); decides how the 4 key bytes pack into a word. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/**
 * Below this length the byte loop wins: creating the Uint32Array view costs more than it saves
 * (Node 20, x64: the two break even around 48–64 bytes; at 1 MiB the word loop is ~10x faster).
 */
const WORD_LOOP_MIN = 64;

/**
 * XORs `bytes` with the masking key, in place, and returns `bytes`.
 *
 * `offset` is the position of `bytes[0]` within the whole payload, so a payload that arrives in
 * pieces can be unmasked piece by piece: `applyMask(piece, key, bytesSoFar)`.
 *
 * Throws a RangeError when `maskKey` is not 4 bytes or `offset` is not a non-negative integer.
 */
export function applyMask(bytes: Uint8Array, maskKey: ArrayLike<number>, offset = 0): Uint8Array {
  if (maskKey.length !== 4) {
    throw new RangeError(`a masking key is exactly 4 bytes (RFC 6455 §5.3), got ${maskKey.length}`);
  }
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new RangeError(`offset must be a non-negative integer (a payload position), got ${offset}`);
  }
  const n = bytes.length;
  if (n === 0) return bytes;

  // Rotate the key so that k0 applies to bytes[0]. `offset % 4` is exact for every safe integer.
  const r = offset % 4;
  const k0 = maskKey[r & 3]! & 0xff;
  const k1 = maskKey[(r + 1) & 3]! & 0xff;
  const k2 = maskKey[(r + 2) & 3]! & 0xff;
  const k3 = maskKey[(r + 3) & 3]! & 0xff;

  if (n < WORD_LOOP_MIN) {
    maskBytes(bytes, 0, n, k0, k1, k2, k3);
    return bytes;
  }

  // Unaligned head: bytes before the first 4-byte-aligned address of the underlying buffer.
  const head = (4 - (bytes.byteOffset & 3)) & 3;
  maskBytes(bytes, 0, head, k0, k1, k2, k3);

  // Aligned middle, one 32-bit word at a time. The word's first byte in memory is payload position
  // (offset + head), so the key is rotated by `head` and packed in the host's byte order.
  const words = (n - head) >>> 2;
  const a = head === 0 ? k0 : head === 1 ? k1 : head === 2 ? k2 : k3;
  const b = head === 0 ? k1 : head === 1 ? k2 : head === 2 ? k3 : k0;
  const c = head === 0 ? k2 : head === 1 ? k3 : head === 2 ? k0 : k1;
  const d = head === 0 ? k3 : head === 1 ? k0 : head === 2 ? k1 : k2;
  const key = LITTLE_ENDIAN
    ? (a | (b << 8) | (c << 16) | (d << 24)) >>> 0
    : ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  const view = new Uint32Array(bytes.buffer, bytes.byteOffset + head, words);
  let w = 0;
  // Unrolled by four: fewer loop checks on megabyte payloads.
  const unrolled = words & ~3;
  for (; w < unrolled; w += 4) {
    view[w] = view[w]! ^ key;
    view[w + 1] = view[w + 1]! ^ key;
    view[w + 2] = view[w + 2]! ^ key;
    view[w + 3] = view[w + 3]! ^ key;
  }
  for (; w < words; w++) view[w] = view[w]! ^ key;

  // Tail: the last 0..3 bytes. Position `head + 4 * words` is again `head` mod 4 after the words.
  const tail = head + words * 4;
  if (tail < n) maskBytes(bytes, tail, n, a, b, c, d);
  return bytes;
}

/** The plain loop: bytes[i] ^= key[(i - from) mod 4], with the key already rotated. */
function maskBytes(bytes: Uint8Array, from: number, to: number, k0: number, k1: number, k2: number, k3: number): void {
  let i = from;
  const end4 = from + ((to - from) & ~3);
  for (; i < end4; i += 4) {
    bytes[i] = bytes[i]! ^ k0;
    bytes[i + 1] = bytes[i + 1]! ^ k1;
    bytes[i + 2] = bytes[i + 2]! ^ k2;
    bytes[i + 3] = bytes[i + 3]! ^ k3;
  }
  if (i < to) bytes[i] = bytes[i]! ^ k0;
  if (i + 1 < to) bytes[i + 1] = bytes[i + 1]! ^ k1;
  if (i + 2 < to) bytes[i + 2] = bytes[i + 2]! ^ k2;
}
