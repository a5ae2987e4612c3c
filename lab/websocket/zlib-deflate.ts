/**
 * The lab's DEFLATE backend: pako inflates (bounded, as in the core), Node's zlib (C) deflates the echoes.
 *
 * Node has no synchronous streaming zlib API, so each message is deflated in one call with the sender's
 * window handed over as a preset dictionary: the last 2^windowBits bytes of the messages compressed before
 * it. A sync flush ends the message on a byte boundary (RFC 7692 §7.2.1), so the receiver's inflater simply
 * continues with the next message's blocks, and every back-reference into the dictionary points into text
 * its window already holds: that is context takeover (§7.1.1) without keeping a zlib stream alive. Between
 * messages a connection keeps only that window (32 KiB at 15 bits), not zlib's 256 KiB of state.
 */
import { constants, deflateRawSync } from 'node:zlib';
import type { DeflateBackend, DeflateBackendOptions, RawDeflate } from '../../src/protocol/websocket/deflate';
import { pakoBackend } from '../../src/protocol/websocket/pako-backend';

class ZlibDeflate implements RawDeflate {
  private window: Buffer = Buffer.alloc(0);
  private readonly size: number;

  constructor(
    private readonly windowBits: number,
    private readonly options: DeflateBackendOptions,
  ) {
    this.size = 2 ** windowBits;
  }

  deflate(input: Uint8Array): Uint8Array {
    const out = deflateRawSync(input, {
      level: this.options.level ?? 6,
      memLevel: this.options.memLevel ?? 8,
      windowBits: this.windowBits,
      finishFlush: constants.Z_SYNC_FLUSH,
      ...(this.window.length > 0 ? { dictionary: this.window } : {}),
    });
    // The next message's dictionary: the last `size` bytes of everything compressed so far.
    if (input.length >= this.size) {
      this.window = Buffer.from(input.subarray(input.length - this.size));
    } else {
      const keep = Math.min(this.window.length, this.size - input.length);
      this.window = Buffer.concat([this.window.subarray(this.window.length - keep), input]);
    }
    return out;
  }

  reset(): void {
    this.window = Buffer.alloc(0);
  }

  close(): void {
    this.window = Buffer.alloc(0);
  }
}

export const labDeflateBackend: DeflateBackend = {
  name: 'pako inflate, Node zlib deflate',
  createInflate: (windowBits) => pakoBackend.createInflate(windowBits),
  createDeflate: (windowBits, options = {}) => new ZlibDeflate(windowBits, options),
};
