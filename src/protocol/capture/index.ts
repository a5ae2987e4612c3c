/**
 * Captures: streaming readers for pcap, pcapng and pasted text, one dissector module per layer
 * (link, IPv4, IPv6, TCP), TCP reassembly, and the conversation analyser on top.
 */
export * from './types';
export { createCaptureReader, detectCaptureFormat } from './reader';
export { createPcapReader, isPcapMagic } from './pcap';
export { createPcapngReader, isPcapngMagic } from './pcapng';
export { createTextReader, looksLikePacketText } from './text';
export { dissectLink, sniffLinkType, LINK_TYPE_NAMES, type LinkLayer, type LinkResult } from './link';
export { dissectEthernet, type EthernetHeader, type LayerResult } from './ethernet';
export { dissectSll, dissectSll2, type CookedHeader } from './sll';
export { dissectLoopback, type LoopbackHeader } from './loopback';
export { dissectIpv4, type Ipv4Header } from './ipv4';
export { dissectIpv6, ipv6Address, type Ipv6Header } from './ipv6';
export { dissectTcp, type TcpHeader, type TcpOptionInfo } from './tcp';
export { decodePacket, type DecodedPacket, type PacketProblem } from './packet';
export { TcpStream, type StreamEvent, type StreamStats, type TcpSegmentIn, type TcpStreamOptions } from './reassembly';
export {
  CaptureAnalyser,
  analyseCapture,
  createCaptureAnalysis,
  type AnalyseOptions,
  type CaptureAnalysis,
  type ConnectionAnalysis,
  type ConnectionKind,
  type HttpHeadInfo,
  type TcpNote,
  type WebSocketInfo,
} from './analyser';
export {
  WebSocketSide,
  frameWireBytes,
  type InflaterFactory,
  type CaptureInflater,
  type MessageType,
  type SideViolation,
  type WebSocketMessage,
} from './websocket-side';
export { tcpdumpLine } from './tcpdump-line';
export { captureInflaters, CAPTURE_MAX_INFLATED } from './deflate';
export { connectionKey, clientOfSyn, clientByPort } from './roles';
export * from './segments';
