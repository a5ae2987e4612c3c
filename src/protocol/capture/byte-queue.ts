/**
 * The bytes a streaming reader has received but not yet consumed. Chunks are kept as they came and
 * only the bytes a read straddles are copied, so a file is never held whole: memory is bounded by the
 * largest record plus one chunk.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  private head = 0; // bytes of chunks[0] already consumed
  private size = 0;
  /** Offset in the whole input of the next unread byte. */
  position = 0;

  get length(): number {
    return this.size;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  /** The next `n` bytes without consuming them (a view when they lie in one chunk). Caller checks `length`. */
  peek(n: number): Uint8Array {
    const first = this.chunks[0];
    if (first !== undefined && first.length - this.head >= n) return first.subarray(this.head, this.head + n);
    const out = new Uint8Array(n);
    let filled = 0;
    let skip = this.head;
    for (const c of this.chunks) {
      const take = Math.min(c.length - skip, n - filled);
      out.set(c.subarray(skip, skip + take), filled);
      filled += take;
      skip = 0;
      if (filled === n) break;
    }
    return out;
  }

  /** Consume `n` bytes and return them. */
  read(n: number): Uint8Array {
    const out = this.peek(n);
    this.skip(n);
    return out;
  }

  skip(n: number): void {
    this.size -= n;
    this.position += n;
    let left = n;
    while (left > 0) {
      const first = this.chunks[0];
      if (first === undefined) break;
      const avail = first.length - this.head;
      if (avail > left) {
        this.head += left;
        return;
      }
      left -= avail;
      this.chunks.shift();
      this.head = 0;
    }
  }
}

/** Reads unsigned integers in a byte order chosen at run time. */
export function u16(b: Uint8Array, i: number, little: boolean): number {
  return little ? (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) : ((b[i] ?? 0) << 8) | (b[i + 1] ?? 0);
}

export function u32(b: Uint8Array, i: number, little: boolean): number {
  const x = little
    ? (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8) | ((b[i + 2] ?? 0) << 16) | ((b[i + 3] ?? 0) << 24)
    : ((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
  return x >>> 0;
}
