/**
 * Values of the lesson "WebSocket messages and closing", computed when the page is built: how long one message
 * occupies a link (head-of-line blocking, RFC 6455 §5.4). Pure, for tests.
 */
import { LAB_MAX_MESSAGE_BYTES } from '../../../lab-protocol/defaults';
import { encodeFrameHeader } from '../../../protocol/websocket/encoder';
import { Opcode } from '../../../protocol/websocket/types';

/** Link rates in bits per second, with how the table heads them. */
export const BLOCKING_RATES = [
  { label: '1 Mbit/s', bitsPerSecond: 1e6 },
  { label: '10 Mbit/s', bitsPerSecond: 10e6 },
  { label: '100 Mbit/s', bitsPerSecond: 100e6 },
] as const;

export interface BlockingRow {
  label: string;
  payloadBytes: number;
  /** Header written by the encoder (one unmasked binary frame) plus the payload. */
  wireBytes: number;
  /** Seconds at each of BLOCKING_RATES, in order. */
  seconds: number[];
}

function sizeLabel(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** One row per message size; the last is the lab's largest accepted message. */
export function blockingRows(
  sizes: readonly number[] = [1024, 64 * 1024, 1024 * 1024, LAB_MAX_MESSAGE_BYTES],
): BlockingRow[] {
  return sizes.map((payloadBytes) => {
    const header = encodeFrameHeader({ opcode: Opcode.Binary, payloadLength: payloadBytes });
    const wireBytes = header.length + payloadBytes;
    return {
      label: sizeLabel(payloadBytes),
      payloadBytes,
      wireBytes,
      seconds: BLOCKING_RATES.map((r) => (wireBytes * 8) / r.bitsPerSecond),
    };
  });
}
