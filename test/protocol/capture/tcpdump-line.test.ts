import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodePacket } from '../../../src/protocol/capture/packet';
import { tcpdumpLine } from '../../../src/protocol/capture/tcpdump-line';
import { parseTcpdump } from '../../../src/protocol/tcp/tcpdump';
import { CAPTURES, captureBytes, readAll } from './helpers';

const hasTcpdump = ((): boolean => {
  try {
    execFileSync('tcpdump', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    // CI installs it (.ci/run): there the comparison must run, not be skipped.
    if (process.env.CI)
      throw new Error('CI=true but no tcpdump on PATH: the comparison with it cannot be skipped in CI');
    return false;
  }
})();

describe('tcpdumpLine', () => {
  for (const file of ['chromium-ipv4.pcap', 'chromium-ipv6.pcap', 'chromium-large.pcap'])
    it.runIf(hasTcpdump)(`${file}: every line as tcpdump -n -S prints it (TZ=UTC)`, () => {
      const theirs = execFileSync('tcpdump', ['-r', join(CAPTURES, file), '-n', '-S'], {
        encoding: 'utf8',
        env: { ...process.env, TZ: 'UTC' },
        stdio: ['ignore', 'pipe', 'ignore'],
      })
        .trim()
        .split('\n');
      const ours = readAll(captureBytes(file)).packets.map((p) => tcpdumpLine(decodePacket(p)));
      expect(ours).toEqual(theirs);
    });

  it('lines the project tcpdump reader reads without a problem', () => {
    const lines = readAll(captureBytes('chromium-ipv4.pcap')).packets.map((p) => tcpdumpLine(decodePacket(p))!);
    const parsed = parseTcpdump(lines.join('\n'));
    expect(parsed.errors).toEqual([]);
    expect(parsed.skipped).toEqual([]);
    expect(parsed.segments).toHaveLength(lines.length);
  });
});
