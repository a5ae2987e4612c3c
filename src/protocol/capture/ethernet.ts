/**
 * Ethernet II (IEEE 802.3, DIX framing): destination and source MAC, then the EtherType. 802.1Q
 * tags (TPID 0x8100, and 0x88A8 for QinQ, IEEE 802.1Q §9.6) insert 4 bytes each before the real
 * EtherType. The frame check sequence is not captured on Linux and is not expected here.
 */
export interface EthernetHeader {
  destination: string;
  source: string;
  /** VLAN ids of the 802.1Q tags, outermost first. */
  vlans: number[];
  etherType: number;
  headerLength: number;
}

export type LayerResult<T> =
  { ok: true; header: T; payload: Uint8Array } | { ok: false; offset: number; message: string };

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
// Called for every packet: string concatenation from a table, no arrays.
const mac = (b: Uint8Array, at: number): string =>
  `${HEX[b[at]!]}:${HEX[b[at + 1]!]}:${HEX[b[at + 2]!]}:${HEX[b[at + 3]!]}:${HEX[b[at + 4]!]}:${HEX[b[at + 5]!]}`;

export function dissectEthernet(b: Uint8Array): LayerResult<EthernetHeader> {
  if (b.length < 14)
    return { ok: false, offset: b.length, message: `An Ethernet header is 14 bytes; only ${b.length} captured.` };
  let at = 12;
  const vlans: number[] = [];
  let type = (b[at]! << 8) | b[at + 1]!;
  while ((type === 0x8100 || type === 0x88a8) && vlans.length < 4) {
    if (b.length < at + 6) return { ok: false, offset: b.length, message: 'The packet ends inside an 802.1Q tag.' };
    vlans.push(((b[at + 2]! << 8) | b[at + 3]!) & 0x0fff);
    at += 4;
    type = (b[at]! << 8) | b[at + 1]!;
  }
  const headerLength = at + 2;
  return {
    ok: true,
    header: { destination: mac(b, 0), source: mac(b, 6), vlans, etherType: type, headerLength },
    payload: b.subarray(headerLength),
  };
}
