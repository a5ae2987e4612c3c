/**
 * Shapes shared by the capture readers: a packet as a file stores it, and the error a reader reports
 * instead of throwing. Pure data; no layer here reads another layer's bytes.
 */

/** Link-layer header types (the LINKTYPE_ registry, https://www.tcpdump.org/linktypes.html). */
export const LinkType = {
  /** BSD loopback: a 4-byte address family in the host's byte order (macOS `lo0`). */
  Null: 0,
  Ethernet: 1,
  /** Raw IPv4 or IPv6, no link header (also DLT_RAW's value 12 on some systems, and 14). */
  Raw: 101,
  /** OpenBSD loopback: the address family in network byte order. */
  Loop: 108,
  /** Linux cooked capture v1 (`tcpdump -i any` before libpcap 1.10). */
  LinuxSll: 113,
  Ipv4: 228,
  Ipv6: 229,
  /** Linux cooked capture v2 (`tcpdump -i any`, libpcap 1.10 and later). */
  LinuxSll2: 276,
} as const;

/** Where a packet came from in its file: one record of a pcap, one block of a pcapng, one packet of a text dump. */
export interface RawPacket {
  /** 1-based, in file order, as Wireshark and tshark number them. */
  number: number;
  /** The link-layer header type of the packet's interface. */
  linkType: number;
  /** pcapng interface index (0 for pcap and text). */
  interfaceId: number;
  /** Whole seconds since the Unix epoch (or since midnight for a text dump without a date). */
  seconds: number;
  /** Nanoseconds within the second. */
  nanoseconds: number;
  /** Bytes stored in the file (caplen). */
  capturedLength: number;
  /** Bytes the packet had on the wire (len); more than `capturedLength` when the snap length cut it. */
  originalLength: number;
  /** The captured bytes. */
  data: Uint8Array;
  /** Byte offset of the record (or line for text) in the input. */
  offset: number;
}

/** Why a file could not be read (further): a stable code, the byte offset and plain words. */
export interface CaptureError {
  code:
    | 'NOT_A_CAPTURE'
    | 'UNSUPPORTED_VERSION'
    | 'TRUNCATED_HEADER'
    | 'TRUNCATED_RECORD'
    | 'RECORD_TOO_LONG'
    | 'BAD_BLOCK_LENGTH'
    | 'BLOCK_LENGTH_MISMATCH'
    | 'NO_SECTION_HEADER'
    | 'UNKNOWN_INTERFACE'
    | 'BAD_HEX';
  /** Byte offset in the input (a character offset for text) where the problem is. */
  offset: number;
  message: string;
}

/** What one call of a streaming reader's `push`/`end` produced. */
export interface ReadResult {
  packets: RawPacket[];
  /** Set once; after it the reader ignores further input (the packets before it stay valid). */
  error?: CaptureError;
}

/** A streaming reader: push chunks of any size; packets come out as soon as they are complete. */
export interface CaptureReader {
  readonly format: CaptureFormat;
  push(chunk: Uint8Array): ReadResult;
  end(): ReadResult;
}

export type CaptureFormat = 'pcap' | 'pcapng' | 'text';

/** Largest packet accepted, as in libpcap and Wireshark (MAXIMUM_SNAPLEN, WTAP_MAX_PACKET_SIZE_STANDARD). */
export const MAX_PACKET = 262144;
