/**
 * libpcap files (`tcpdump -w`): a 24-byte file header, then records of a 16-byte header and the
 * captured bytes (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html §4–§5).
 *
 * The magic number 0xA1B2C3D4 (microsecond timestamps) or 0xA1B23C4D (nanoseconds) is written in the
 * writer's byte order, so reading it tells both the byte order and the resolution.
 */
import { ByteQueue, u16, u32 } from './byte-queue';
import { MAX_PACKET, type CaptureError, type CaptureReader, type RawPacket, type ReadResult } from './types';

const MAGIC_MICRO = 0xa1b2c3d4;
const MAGIC_NANO = 0xa1b23c4d;
const FILE_HEADER = 24;
const RECORD_HEADER = 16;

/** Whether these first bytes are a libpcap file header's magic, in either byte order. */
export function isPcapMagic(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const be = u32(b, 0, false);
  const le = u32(b, 0, true);
  return be === MAGIC_MICRO || be === MAGIC_NANO || le === MAGIC_MICRO || le === MAGIC_NANO;
}

export function createPcapReader(): CaptureReader {
  const q = new ByteQueue();
  let header: { little: boolean; nano: boolean; linkType: number; snapLength: number } | undefined;
  let error: CaptureError | undefined;
  let count = 0;

  const fail = (e: CaptureError, packets: RawPacket[]): ReadResult => {
    error = e;
    return { packets, error: e };
  };

  function drain(): ReadResult {
    const packets: RawPacket[] = [];
    if (error !== undefined) return { packets };
    if (header === undefined) {
      if (q.length < FILE_HEADER) return { packets };
      const h = q.read(FILE_HEADER);
      const be = u32(h, 0, false);
      const le = u32(h, 0, true);
      const little = le === MAGIC_MICRO || le === MAGIC_NANO;
      if (!little && be !== MAGIC_MICRO && be !== MAGIC_NANO)
        return fail(
          {
            code: 'NOT_A_CAPTURE',
            offset: 0,
            message: `Not a pcap file: the magic number at offset 0 is 0x${be.toString(16).padStart(8, '0')}, expected a1b2c3d4 or a1b23c4d in either byte order.`,
          },
          packets,
        );
      const major = u16(h, 4, little);
      if (major !== 2)
        return fail(
          {
            code: 'UNSUPPORTED_VERSION',
            offset: 4,
            message: `pcap version ${major}.${u16(h, 6, little)} at offset 4; only version 2.x exists.`,
          },
          packets,
        );
      header = {
        little,
        nano: (little ? le : be) === MAGIC_NANO,
        snapLength: u32(h, 16, little),
        // The upper bits of this field describe the FCS; the link type is the low 28 bits (draft §4).
        linkType: u32(h, 20, little) & 0x0fffffff,
      };
    }
    const { little, nano, linkType, snapLength } = header;
    const limit = Math.max(MAX_PACKET, snapLength);
    while (q.length >= RECORD_HEADER) {
      const offset = q.position;
      const r = q.peek(RECORD_HEADER);
      const caplen = u32(r, 8, little);
      const len = u32(r, 12, little);
      if (caplen > limit)
        return fail(
          {
            code: 'RECORD_TOO_LONG',
            offset: offset + 8,
            message: `The record at offset ${offset} says it holds ${caplen} bytes, more than the largest packet a capture holds (${limit}); the file is corrupt or not a pcap.`,
          },
          packets,
        );
      if (q.length < RECORD_HEADER + caplen) break;
      q.skip(RECORD_HEADER);
      const data = q.read(caplen);
      const frac = u32(r, 4, little);
      count++;
      packets.push({
        number: count,
        linkType,
        interfaceId: 0,
        seconds: u32(r, 0, little),
        nanoseconds: nano ? frac : frac * 1000,
        capturedLength: caplen,
        originalLength: Math.max(len, caplen),
        data,
        offset,
      });
    }
    return { packets };
  }

  return {
    format: 'pcap',
    push(chunk) {
      if (error !== undefined) return { packets: [] };
      q.push(chunk);
      return drain();
    },
    end() {
      const result = drain();
      if (error !== undefined || result.error !== undefined) return result;
      if (header === undefined)
        return fail(
          {
            code: 'TRUNCATED_HEADER',
            offset: q.position + q.length,
            message: `The file ends after ${q.length} bytes, inside the 24-byte pcap file header.`,
          },
          result.packets,
        );
      if (q.length > 0) {
        const offset = q.position;
        const detail =
          q.length < RECORD_HEADER
            ? `inside its 16-byte record header (${q.length} bytes present)`
            : `${q.length - RECORD_HEADER} of its ${u32(q.peek(RECORD_HEADER), 8, header.little)} packet bytes present`;
        return fail(
          {
            code: 'TRUNCATED_RECORD',
            offset,
            message: `The file ends in the middle of the record at offset ${offset}: ${detail}.`,
          },
          result.packets,
        );
      }
      return result;
    },
  };
}
