import { describe, expect, it } from 'vitest';
import { analyseCapture } from '../../../src/protocol/capture/analyser';
import { clientByPort, clientOfSyn, connectionKey } from '../../../src/protocol/capture/roles';
import { analyzeConversation } from '../../../src/protocol/capture/segments';
import { parseTcpdump } from '../../../src/protocol/tcp/tcpdump';
import { captureBytes } from './helpers';

describe('client and server, one rule for packets and for tcpdump lines', () => {
  it('keys a connection by its endpoints in either order', () => {
    expect(connectionKey('10.0.0.1:5', '10.0.0.2:80')).toBe(connectionKey('10.0.0.2:80', '10.0.0.1:5'));
    expect(connectionKey('a', 'b')).not.toBe(connectionKey('a', 'c'));
  });

  it('a SYN names its sender, a SYN-ACK its receiver', () => {
    expect(clientOfSyn(0, false)).toBe(0);
    expect(clientOfSyn(1, false)).toBe(1);
    expect(clientOfSyn(0, true)).toBe(1);
    expect(clientOfSyn(1, true)).toBe(0);
  });

  it('without a SYN the higher port is the client; equal or unknown ports decide nothing', () => {
    expect(clientByPort(54321, 8787)).toBe(0);
    expect(clientByPort(8787, 54321)).toBe(1);
    expect(clientByPort(8787, 8787)).toBeUndefined();
    expect(clientByPort(undefined, 80)).toBeUndefined();
  });

  it('the segment explainer and the analyser agree on a real capture (chromium-ipv4.pcap, its tcpdump -n lines)', () => {
    const packets = analyseCapture(captureBytes('chromium-ipv4.pcap'), { tcpdumpLines: 1000 });
    expect(packets.connections.length).toBeGreaterThan(0);
    for (const c of packets.connections) {
      const lines = analyzeConversation(parseTcpdump(c.tcpdump.join('\n')).segments);
      expect(lines.connections).toHaveLength(1);
      const info = lines.connections[0]!;
      // tcpdump writes address.port; the analyser address:port.
      expect(`${info.client.text.replace(/\.(\d+)$/, ':$1')}`).toBe(c.client);
      expect(`${info.server.text.replace(/\.(\d+)$/, ':$1')}`).toBe(c.server);
    }
  });
});
