/** The tool pages (`/tools/<name>/`): one list so the header, home page and tools index agree. */
import { sitePath } from './base';

export interface ToolInfo {
  name: 'frame-decoder' | 'frame-builder' | 'accept-key' | 'bits' | 'tcpdump' | 'capture';
  title: string;
  description: string;
}

export const TOOLS: readonly ToolInfo[] = [
  {
    name: 'frame-decoder',
    title: 'WebSocket frame decoder',
    description:
      'Paste hex, a byte array or base64 from a capture or code and see every frame field, the unmasked payload and any rule it breaks.',
  },
  {
    name: 'frame-builder',
    title: 'WebSocket frame builder',
    description: 'Choose opcode, payload and mask key and get the exact bytes, with the length encoding explained.',
  },
  {
    name: 'accept-key',
    title: 'Sec-WebSocket-Accept calculator',
    description: 'Turn a Sec-WebSocket-Key into the server’s accept value, showing the GUID, SHA-1 and base64 steps.',
  },
  {
    name: 'bits',
    title: 'Bits and byte order playground',
    description: 'Try & | ^ ~ << >> >>> on a bit grid and read numbers as big- or little-endian with DataView.',
  },
  {
    name: 'tcpdump',
    title: 'tcpdump line reader',
    description: 'Paste tcpdump output and get flags, relative sequence numbers, window scaling and options explained.',
  },
  {
    name: 'capture',
    title: 'Capture reader',
    description:
      'Open a pcap or pcapng file, or paste tcpdump -X text: each connection reassembled, the upgrade and every message explained.',
  },
];

export function toolHref(name: ToolInfo['name']): string {
  return sitePath(`/tools/${name}/`);
}
