/**
 * The link layer: which header a link type puts before the network packet, and which network
 * protocol follows. Each header is read by its own module; this one only dispatches.
 */
import { dissectEthernet, type EthernetHeader } from './ethernet';
import { dissectLoopback, type LoopbackHeader } from './loopback';
import { dissectSll, dissectSll2, type CookedHeader } from './sll';
import { LinkType } from './types';

export type LinkLayer =
  | { kind: 'ethernet'; header: EthernetHeader }
  | { kind: 'cooked'; header: CookedHeader }
  | { kind: 'loopback'; header: LoopbackHeader }
  | { kind: 'raw' };

export type LinkResult =
  | { ok: true; link: LinkLayer; network: 'ipv4' | 'ipv6' | 'other'; etherType?: number; payload: Uint8Array }
  | { ok: false; offset: number; message: string };

export const LINK_TYPE_NAMES: Readonly<Record<number, string>> = {
  [LinkType.Null]: 'BSD loopback',
  [LinkType.Ethernet]: 'Ethernet',
  [LinkType.Raw]: 'raw IP',
  12: 'raw IP',
  14: 'raw IP',
  [LinkType.Loop]: 'OpenBSD loopback',
  [LinkType.LinuxSll]: 'Linux cooked v1',
  [LinkType.Ipv4]: 'raw IPv4',
  [LinkType.Ipv6]: 'raw IPv6',
  [LinkType.LinuxSll2]: 'Linux cooked v2',
};

const byEtherType = (t: number): 'ipv4' | 'ipv6' | 'other' => (t === 0x0800 ? 'ipv4' : t === 0x86dd ? 'ipv6' : 'other');
const byVersion = (b: Uint8Array): 'ipv4' | 'ipv6' | 'other' => {
  const v = (b[0] ?? 0) >> 4;
  return v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : 'other';
};

export function dissectLink(linkType: number, data: Uint8Array): LinkResult {
  switch (linkType) {
    case LinkType.Ethernet: {
      const r = dissectEthernet(data);
      if (!r.ok) return r;
      return {
        ok: true,
        link: { kind: 'ethernet', header: r.header },
        network: byEtherType(r.header.etherType),
        etherType: r.header.etherType,
        payload: r.payload,
      };
    }
    case LinkType.LinuxSll:
    case LinkType.LinuxSll2: {
      const r = linkType === LinkType.LinuxSll ? dissectSll(data) : dissectSll2(data);
      if (!r.ok) return r;
      return {
        ok: true,
        link: { kind: 'cooked', header: r.header },
        network: byEtherType(r.header.protocol),
        etherType: r.header.protocol,
        payload: r.payload,
      };
    }
    case LinkType.Null:
    case LinkType.Loop: {
      const r = dissectLoopback(data, linkType === LinkType.Loop);
      if (!r.ok) return r;
      const v = r.header.ipVersion;
      return {
        ok: true,
        link: { kind: 'loopback', header: r.header },
        network: v === 4 ? 'ipv4' : v === 6 ? 'ipv6' : 'other',
        payload: r.payload,
      };
    }
    case LinkType.Raw:
    case 12:
    case 14:
      return { ok: true, link: { kind: 'raw' }, network: byVersion(data), payload: data };
    case LinkType.Ipv4:
      return { ok: true, link: { kind: 'raw' }, network: 'ipv4', payload: data };
    case LinkType.Ipv6:
      return { ok: true, link: { kind: 'raw' }, network: 'ipv6', payload: data };
    default:
      return {
        ok: false,
        offset: 0,
        message: `Link type ${linkType} is not one this reader knows (Ethernet, Linux cooked, BSD loopback, raw IP).`,
      };
  }
}

/**
 * The link type of a packet that came without one (pasted text): `tcpdump -X` starts at the IP
 * header, `-XX` at the link header. An IPv4 header whose total length matches, or an IPv6 header
 * whose payload length matches, is raw IP; an EtherType at bytes 12–13 is Ethernet; a cooked header
 * has its EtherType at 14–15 (v1) or 0–1 with two zero bytes after it (v2).
 */
export function sniffLinkType(b: Uint8Array): number {
  const v = (b[0] ?? 0) >> 4;
  if (v === 4 && b.length >= 20 && (b[0]! & 0x0f) >= 5 && ((b[2]! << 8) | b[3]!) === b.length) return LinkType.Raw;
  if (v === 6 && b.length >= 40 && ((b[4]! << 8) | b[5]!) + 40 === b.length) return LinkType.Raw;
  const isIpType = (t: number): boolean => t === 0x0800 || t === 0x86dd || t === 0x8100 || t === 0x0806;
  if (b.length >= 14 && isIpType((b[12]! << 8) | b[13]!)) return LinkType.Ethernet;
  if (b.length >= 20 && isIpType((b[0]! << 8) | b[1]!) && b[2] === 0 && b[3] === 0) return LinkType.LinuxSll2;
  if (b.length >= 16 && isIpType((b[14]! << 8) | b[15]!) && b[0] === 0 && b[1]! <= 4) return LinkType.LinuxSll;
  // A cut-short IP packet (tcpdump -X with a small -s) still starts with a plausible header.
  if (v === 4 && (b[0]! & 0x0f) >= 5) return LinkType.Raw;
  if (v === 6) return LinkType.Raw;
  return LinkType.Ethernet;
}
