import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCapture } from '../../scripts/capture';
import { HELLO_SUMMARY, HELLO_TCPDUMP_X } from '../../content/captures/chromium-loopback';

const CAPTURES = join(import.meta.dirname, '../../content/captures');

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCapture(
    args,
    (s) => (out += typeof s === 'string' ? s : Buffer.from(s).toString('utf8')),
    (s) => (err += s + '\n'),
  );
  return { code, out, err };
}

describe('npm run capture', () => {
  it('--json prints the documented shape for a real capture', async () => {
    const r = await run(join(CAPTURES, 'chromium-ipv4.pcap'), '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { connections: Array<Record<string, unknown>> };
    const ws = json.connections.find((c) => c.websocket !== null)!;
    expect(ws).toMatchObject({
      tcp: { retransmissions: 0, outOfOrder: 0, gaps: 0 },
      websocket: {
        request: 'GET /lab/ws/echo HTTP/1.1',
        response: 'HTTP/1.1 101 Switching Protocols',
        acceptValid: true,
        extensions: null,
      },
      violations: [],
    });
    expect(ws.messages).toEqual([
      { from: 'client', type: 'text', length: 5, wireLength: 5, compressed: false, text: 'Hello', packet: 18 },
      { from: 'server', type: 'text', length: 5, wireLength: 5, compressed: false, text: 'Hello', packet: 19 },
      {
        from: 'client',
        type: 'binary',
        length: 6,
        wireLength: 6,
        compressed: false,
        hex: '00 01 02 03 fe ff',
        packet: 20,
      },
      {
        from: 'server',
        type: 'binary',
        length: 6,
        wireLength: 6,
        compressed: false,
        hex: '00 01 02 03 fe ff',
        packet: 21,
      },
      {
        from: 'client',
        type: 'close',
        length: 5,
        wireLength: 5,
        hex: '03 e8 62 79 65',
        closeCode: 1000,
        closeReason: 'bye',
        packet: 22,
      },
      { from: 'server', type: 'close', length: 2, wireLength: 2, hex: '03 e8', closeCode: 1000, packet: 23 },
    ]);
  });

  it('cuts text to 256 characters unless --full', async () => {
    const cut = JSON.parse((await run(join(CAPTURES, 'chromium-large.pcap'), '--json')).out) as {
      connections: Array<{ messages: Array<{ length: number; text?: string; cut?: boolean }> }>;
    };
    const big = cut.connections[1]!.messages.find((m) => m.length === 3000)!;
    expect(big.text).toHaveLength(256);
    expect(big.cut).toBe(true);
    const full = JSON.parse((await run(join(CAPTURES, 'chromium-large.pcap'), '--json', '--full')).out) as typeof cut;
    expect(full.connections[1]!.messages.find((m) => m.length === 3000)!.text).toHaveLength(3000);
  });

  it('prints readable text by default, also for pasted tcpdump -X text', async () => {
    const r = await run(join(CAPTURES, 'chromium-reordered.pcap'));
    expect(r.out).toContain('upgrade: GET /lab/ws/echo HTTP/1.1');
    expect(r.out).toContain('TCP: 1 retransmission, 1 out of order, 0 gaps');
    const dir = mkdtempSync(join(tmpdir(), 'capture-'));
    writeFileSync(join(dir, 'hello.txt'), `${HELLO_SUMMARY}\n${HELLO_TCPDUMP_X}\n`);
    const t = await run(join(dir, 'hello.txt'));
    expect(t.code).toBe(0);
    expect(t.out).toContain('text, 1 packet, 1 TCP connection');
  });

  it('a file that is not a capture exits 1 with one plain line, no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'capture-'));
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'just some notes\n');
    const r = spawnSync('npx', ['tsx', join(import.meta.dirname, '../../scripts/capture.ts'), file], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `capture: ${file} is not a capture I can read: expected a pcap or pcapng file, or tcpdump -X / Wireshark hex dump text`,
    ]);
  });

  it('a missing file exits 1', async () => {
    const r = await run('/nonexistent/file.pcap');
    expect(r.code).toBe(1);
    expect(r.err).toBe('capture: cannot read /nonexistent/file.pcap: no such file\n');
  });
});
