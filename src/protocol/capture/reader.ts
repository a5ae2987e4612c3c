/**
 * Opens any capture: the first bytes say whether it is pcap, pcapng or text, and the matching
 * streaming reader takes over.
 */
import { createPcapReader, isPcapMagic } from './pcap';
import { createPcapngReader, isPcapngMagic } from './pcapng';
import { createTextReader } from './text';
import type { CaptureFormat, CaptureReader, ReadResult } from './types';

/** Which reader these first bytes (at least 4) call for. */
export function detectCaptureFormat(first: Uint8Array): CaptureFormat {
  if (isPcapngMagic(first)) return 'pcapng';
  if (isPcapMagic(first)) return 'pcap';
  return 'text';
}

/** A reader that picks its format from the first 4 bytes it is given. */
export function createCaptureReader(): CaptureReader & { readonly detected: CaptureFormat | undefined } {
  let inner: CaptureReader | undefined;
  let head = new Uint8Array(0);
  const open = (): CaptureReader => {
    const format = detectCaptureFormat(head);
    inner = format === 'pcapng' ? createPcapngReader() : format === 'pcap' ? createPcapReader() : createTextReader();
    return inner;
  };
  return {
    get format(): CaptureFormat {
      return inner?.format ?? 'text';
    },
    get detected() {
      return inner?.format;
    },
    push(chunk): ReadResult {
      if (inner !== undefined) return inner.push(chunk);
      const joined = new Uint8Array(head.length + chunk.length);
      joined.set(head);
      joined.set(chunk, head.length);
      head = joined;
      if (head.length < 4) return { packets: [] };
      const r = open().push(head);
      head = new Uint8Array(0);
      return r;
    },
    end(): ReadResult {
      if (inner === undefined) {
        const r = open();
        const a = r.push(head);
        const b = r.end();
        return b.error !== undefined || a.error !== undefined
          ? { packets: [...a.packets, ...b.packets], error: (a.error ?? b.error)! }
          : { packets: [...a.packets, ...b.packets] };
      }
      return inner.end();
    },
  };
}
