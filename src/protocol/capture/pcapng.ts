/**
 * pcapng files (Wireshark's default, `editcap -F pcapng`): a sequence of blocks, each
 * `type (4) · total length (4) · body · total length (4)`, in the byte order its section chose
 * (draft-ietf-opsawg-pcapng §3–§4). Read here: the Section Header Block (§4.1), Interface Description
 * Blocks (§4.2, with if_tsresol and if_tsoffset), Enhanced (§4.3) and Simple (§4.4) Packet Blocks and
 * the obsolete Packet Block (Appendix A). Every other block is skipped by its length, as §3.1 asks.
 */
import { ByteQueue, u16, u32 } from './byte-queue';
import { MAX_PACKET, type CaptureError, type CaptureReader, type RawPacket, type ReadResult } from './types';

const SHB = 0x0a0d0d0a;
const IDB = 0x00000001;
const PB = 0x00000002;
const SPB = 0x00000003;
const EPB = 0x00000006;
const BYTE_ORDER_MAGIC = 0x1a2b3c4d;
/** Larger blocks are refused rather than buffered (a packet is at most MAX_PACKET; options are small). */
const MAX_BLOCK = MAX_PACKET + 64 * 1024;

interface Interface {
  linkType: number;
  snapLength: number;
  /** Timestamp units per second. */
  unitsPerSecond: bigint;
  /** if_tsoffset: seconds added to every timestamp (§4.2). */
  offsetSeconds: number;
}

/** Whether these first bytes open a pcapng Section Header Block. */
export function isPcapngMagic(b: Uint8Array): boolean {
  return b.length >= 4 && u32(b, 0, false) === SHB;
}

export function createPcapngReader(): CaptureReader {
  const q = new ByteQueue();
  let little = false;
  let inSection = false;
  let interfaces: Interface[] = [];
  let error: CaptureError | undefined;
  let count = 0;
  /** Bytes of an unknown block still to skip as they arrive. */
  let skipping = 0;

  const fail = (e: CaptureError, packets: RawPacket[]): ReadResult => {
    error = e;
    return { packets, error: e };
  };

  function readOptions(body: Uint8Array, from: number, visit: (code: number, value: Uint8Array) => void): void {
    let i = from;
    while (i + 4 <= body.length) {
      const code = u16(body, i, little);
      const len = u16(body, i + 2, little);
      if (code === 0 || i + 4 + len > body.length) return; // opt_endofopt, or a malformed option list
      visit(code, body.subarray(i + 4, i + 4 + len));
      i += 4 + ((len + 3) & ~3);
    }
  }

  function interfaceFromIdb(body: Uint8Array): Interface {
    const iface: Interface = {
      linkType: u16(body, 0, little),
      snapLength: u32(body, 4, little),
      unitsPerSecond: 1000000n,
      offsetSeconds: 0,
    };
    readOptions(body, 8, (code, value) => {
      if (code === 9 && value.length >= 1) {
        // if_tsresol: MSB 0 → 10^-n seconds, MSB 1 → 2^-n seconds (§4.2).
        const r = value[0] ?? 6;
        const n = BigInt(r & 0x7f);
        iface.unitsPerSecond = r & 0x80 ? 1n << n : 10n ** n;
      } else if (code === 14 && value.length >= 8) {
        iface.offsetSeconds = Number(
          BigInt.asIntN(
            64,
            (BigInt(u32(value, little ? 4 : 0, little)) << 32n) | BigInt(u32(value, little ? 0 : 4, little)),
          ),
        );
      }
    });
    return iface;
  }

  function timestamp(iface: Interface, high: number, low: number): { seconds: number; nanoseconds: number } {
    const units = (BigInt(high) << 32n) | BigInt(low);
    const seconds = units / iface.unitsPerSecond;
    const rest = units % iface.unitsPerSecond;
    return {
      seconds: Number(seconds) + iface.offsetSeconds,
      nanoseconds: Number((rest * 1000000000n) / iface.unitsPerSecond),
    };
  }

  function drain(): ReadResult {
    const packets: RawPacket[] = [];
    if (error !== undefined) return { packets };
    for (;;) {
      if (skipping > 0) {
        const n = Math.min(skipping, q.length);
        q.skip(n);
        skipping -= n;
        if (skipping > 0) return { packets };
      }
      if (q.length < 8) return { packets };
      const offset = q.position;
      const head = q.peek(q.length >= 12 ? 12 : 8);
      const type = u32(head, 0, false);
      if (type === SHB) {
        if (head.length < 12) return { packets };
        const magic = u32(head, 8, false);
        if (magic === BYTE_ORDER_MAGIC) little = false;
        else if (u32(head, 8, true) === BYTE_ORDER_MAGIC) little = true;
        else
          return fail(
            {
              code: 'NOT_A_CAPTURE',
              offset: offset + 8,
              message: `The section header at offset ${offset} has byte-order magic 0x${magic.toString(16).padStart(8, '0')}, expected 1a2b3c4d in either byte order.`,
            },
            packets,
          );
      } else if (!inSection) {
        return fail(
          {
            code: offset === 0 ? 'NOT_A_CAPTURE' : 'NO_SECTION_HEADER',
            offset,
            message: `Expected a pcapng Section Header Block (0a0d0d0a) at offset ${offset}.`,
          },
          packets,
        );
      }
      const blockType = u32(head, 0, little);
      const length = u32(head, 4, little);
      if (length < 12 || length % 4 !== 0)
        return fail(
          {
            code: 'BAD_BLOCK_LENGTH',
            offset: offset + 4,
            message: `The block at offset ${offset} says its length is ${length}; a block is at least 12 bytes and a multiple of 4.`,
          },
          packets,
        );
      const known =
        blockType === SHB || blockType === IDB || blockType === EPB || blockType === SPB || blockType === PB;
      if (!known) {
        q.skip(8);
        skipping = length - 8;
        continue;
      }
      if (length > MAX_BLOCK)
        return fail(
          {
            code: 'RECORD_TOO_LONG',
            offset: offset + 4,
            message: `The block at offset ${offset} says it is ${length} bytes long, more than any packet block can be (${MAX_BLOCK}).`,
          },
          packets,
        );
      if (q.length < length) return { packets };
      const block = q.read(length);
      const trailer = u32(block, length - 4, little);
      if (trailer !== length)
        return fail(
          {
            code: 'BLOCK_LENGTH_MISMATCH',
            offset: offset + length - 4,
            message: `The block at offset ${offset} starts with length ${length} but ends with ${trailer}; the file is corrupt.`,
          },
          packets,
        );
      const body = block.subarray(8, length - 4);
      if (blockType === SHB) {
        const major = u16(body, 4, little);
        if (major !== 1)
          return fail(
            {
              code: 'UNSUPPORTED_VERSION',
              offset: offset + 12,
              message: `pcapng section version ${major}.${u16(body, 6, little)} at offset ${offset + 12}; only 1.x is defined.`,
            },
            packets,
          );
        inSection = true;
        interfaces = []; // interface ids are per section (§4.2)
        continue;
      }
      if (blockType === IDB) {
        if (body.length < 8)
          return fail(
            {
              code: 'BAD_BLOCK_LENGTH',
              offset: offset + 4,
              message: `The interface block at offset ${offset} is too short (${length} bytes).`,
            },
            packets,
          );
        interfaces.push(interfaceFromIdb(body));
        continue;
      }
      let interfaceId: number;
      let seconds = 0;
      let nanoseconds = 0;
      let caplen: number;
      let len: number;
      let dataAt: number;
      if (blockType === SPB) {
        // The Simple Packet Block belongs to interface 0 and has no timestamp (§4.4).
        if (body.length < 4)
          return fail(
            {
              code: 'BAD_BLOCK_LENGTH',
              offset: offset + 4,
              message: `The simple packet block at offset ${offset} is too short.`,
            },
            packets,
          );
        interfaceId = 0;
        len = u32(body, 0, little);
        const iface = interfaces[0];
        caplen = Math.min(
          len,
          body.length - 4,
          iface !== undefined && iface.snapLength > 0 ? iface.snapLength : Infinity,
        );
        dataAt = 4;
      } else {
        if (body.length < 20)
          return fail(
            {
              code: 'BAD_BLOCK_LENGTH',
              offset: offset + 4,
              message: `The packet block at offset ${offset} is too short (${length} bytes).`,
            },
            packets,
          );
        interfaceId = blockType === PB ? u16(body, 0, little) : u32(body, 0, little);
        caplen = u32(body, 12, little);
        len = u32(body, 16, little);
        dataAt = 20;
        if (caplen > body.length - 20)
          return fail(
            {
              code: 'TRUNCATED_RECORD',
              offset: offset + 20,
              message: `The packet block at offset ${offset} says it holds ${caplen} bytes but has room for ${body.length - 20}.`,
            },
            packets,
          );
      }
      const iface = interfaces[interfaceId];
      if (iface === undefined)
        return fail(
          {
            code: 'UNKNOWN_INTERFACE',
            offset: offset + 8,
            message: `The packet block at offset ${offset} names interface ${interfaceId}, but only ${interfaces.length} interface(s) were described before it.`,
          },
          packets,
        );
      if (blockType !== SPB) ({ seconds, nanoseconds } = timestamp(iface, u32(body, 4, little), u32(body, 8, little)));
      count++;
      packets.push({
        number: count,
        linkType: iface.linkType,
        interfaceId,
        seconds,
        nanoseconds,
        capturedLength: caplen,
        originalLength: Math.max(len, caplen),
        data: body.subarray(dataAt, dataAt + caplen),
        offset,
      });
    }
  }

  return {
    format: 'pcapng',
    push(chunk) {
      if (error !== undefined) return { packets: [] };
      q.push(chunk);
      return drain();
    },
    end() {
      const result = drain();
      if (error !== undefined || result.error !== undefined) return result;
      if (skipping > 0 || q.length > 0) {
        const offset = q.position;
        return fail(
          {
            code: 'TRUNCATED_RECORD',
            offset,
            message:
              skipping > 0
                ? `The file ends inside a block: ${skipping} more bytes were announced.`
                : `The file ends in the middle of the block at offset ${offset} (${q.length} bytes present).`,
          },
          result.packets,
        );
      }
      if (!inSection)
        return fail(
          {
            code: 'TRUNCATED_HEADER',
            offset: 0,
            message: 'The file ends before its pcapng section header is complete.',
          },
          result.packets,
        );
      return result;
    },
  };
}
