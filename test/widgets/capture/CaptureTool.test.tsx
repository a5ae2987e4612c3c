// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import CaptureTool from '../../../src/widgets/capture/CaptureTool';
import { decoderLink, summaryOf, tcpdumpSegmentLinks, timelineOf } from '../../../src/widgets/capture/model';
import { analyseCapture } from '../../../src/protocol/capture/analyser';
import { captureInflaters } from '../../../src/protocol/capture/deflate';
import { pakoBackend } from '../../../src/protocol/websocket/pako-backend';
import { parseAndDecode, readDeflateOption } from '../../../src/widgets/frame-decoder/model';
import { parseDecoderHash } from '../../../src/widgets/shared/decoder-hash';
import { HELLO_SUMMARY, HELLO_TCPDUMP_X } from '../../../content/captures/chromium-loopback';

const CAPTURES = join(import.meta.dirname, '../../../content/captures');
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(CAPTURES, name)));

afterEach(cleanup);

describe('capture tool model', () => {
  it('puts a real conversation in packet order: handshake, upgrade, 101, messages, FIN', () => {
    const c = analyseCapture(bytes('chromium-ipv4.pcap')).connections.find((x) => x.kind === 'websocket')!;
    const t = timelineOf(c).map((i) => `${i.packet} ${i.kind} ${i.title}`);
    expect(t).toEqual([
      '11 tcp SYN: handshake step 1',
      '12 tcp SYN-ACK: handshake step 2',
      '14 upgrade Upgrade request: GET /lab/ws/echo HTTP/1.1',
      '16 upgrade HTTP/1.1 101 Switching Protocols',
      '18 message text · 5 bytes',
      '19 message text · 5 bytes',
      '20 message binary · 6 bytes',
      '21 message binary · 6 bytes',
      '22 message close · 5 bytes · code 1000 “bye”',
      '23 message close · 2 bytes · code 1000',
      '24 tcp FIN',
      '25 tcp FIN',
    ]);
    // Each line says a thing once: the SYN's note is its title, the FIN's note explains it.
    expect(
      timelineOf(c)
        .filter((i) => i.kind === 'tcp')
        .map((i) => i.detail),
    ).toEqual([undefined, undefined, 'FIN: this side sends no more data', 'FIN: this side sends no more data']);
  });
});

describe('capture tool links to the tcpdump reader', () => {
  it('each packet links to its segment, with the lines before it so the numbers stay relative to the SYN', () => {
    const c = analyseCapture(bytes('chromium-ipv4.pcap'), { tcpdumpLines: 60 }).connections.find(
      (x) => x.kind === 'websocket',
    )!;
    const links = tcpdumpSegmentLinks(c);
    expect([...links.keys()]).toEqual(c.tcpdumpPackets);
    const fin = timelineOf(c).find((i) => i.title === 'FIN')!;
    const params = new URLSearchParams(fin.tcpdumpHref!.split('#')[1]);
    const lines = params.get('cap')!.split('\n');
    // The FIN is the connection's k-th packet: k lines, the last one the FIN, and seg names it.
    const k = c.tcpdumpPackets.indexOf(fin.packet) + 1;
    expect(lines).toHaveLength(k);
    expect(lines[0]).toMatch(/Flags \[S\]/);
    expect(lines.at(-1)).toMatch(/Flags \[F/);
    expect(params.get('seg')).toBe(String(k));
    expect(params.get('num')).toBe('absolute');
  });
});

describe('capture tool summary', () => {
  it('says which packets were left out and why (ip-layers.pcap: IPv4 and IPv6 fragments)', () => {
    expect(summaryOf(analyseCapture(bytes('ip-layers.pcap')))).toBe(
      'pcap · 10 packets · 4 TCP connections · 4 packets skipped: an IP fragment (fragments are reported, not reassembled)',
    );
  });
});

describe('capture tool links to the frame decoder', () => {
  it("a compressed message's link carries the 101's extensions; one that needs earlier messages says so", () => {
    const c = analyseCapture(bytes('chromium-deflate-context.pcap'), {
      inflate: captureInflaters(pakoBackend),
      frameBytes: 1024,
    }).connections.find((x) => x.kind === 'websocket')!;
    const items = timelineOf(c).filter((i) => i.kind === 'message');
    expect(
      items.map((i) => [i.packet, parseDecoderHash(i.decoderHref!.split('#')[1]!), i.decoderNote !== undefined]),
    ).toEqual([
      [18, { hex: expect.stringMatching(/^c187/), from: 'client', deflate: 'permessage-deflate' }, false],
      [19, { hex: 'c107f248cdc9c90700', from: 'server', deflate: 'permessage-deflate' }, false],
      // The second "Hello" each way needs the first: its link holds both frames.
      [
        20,
        { hex: expect.stringMatching(/^c187[0-9a-f]{22}c185/), from: 'client', deflate: 'permessage-deflate' },
        true,
      ],
      [21, { hex: 'c107f248cdc9c90700c105f200110000', from: 'server', deflate: 'permessage-deflate' }, true],
      [22, expect.objectContaining({ deflate: 'permessage-deflate' }), false],
      [23, expect.objectContaining({ deflate: 'permessage-deflate' }), false],
      [24, { hex: expect.stringMatching(/^8885/), from: 'client' }, false],
      [25, { hex: '880503e8627965', from: 'server' }, false],
    ]);
    expect(items[2]!.decoderNote).toMatch(/context takeover, RFC 7692 §7\.2\.3\.2/);
    // What the frame decoder does with those links: the first "Hello" inflates, the second cannot alone.
    const decode = (i: number): string => {
      const state = parseDecoderHash(items[i]!.decoderHref!.split('#')[1]!);
      const option = readDeflateOption(state.deflate!);
      if (!option.ok) throw new Error(option.message);
      const parsed = parseAndDecode(state.hex!, state.from!, { params: option.params, backend: pakoBackend });
      if (parsed.kind !== 'decoded') throw new Error(parsed.kind);
      const m = parsed.inflations!.at(-1)!;
      return m.message !== undefined ? new TextDecoder().decode(m.message) : `violation: ${m.violation?.message}`;
    };
    expect(decode(1)).toBe('Hello');
    expect(decode(3)).toBe('Hello');
    // Without the earlier frames (not kept whole), the link is the frame alone and the note says why it fails.
    const alone = decoderLink(c.messages[3]!, 'permessage-deflate');
    expect(alone?.note).toMatch(/given this frame alone, cannot inflate it/);
    const state = parseDecoderHash(alone!.href.split('#')[1]!);
    const option = readDeflateOption(state.deflate!);
    if (!option.ok) throw new Error(option.message);
    const parsed = parseAndDecode(state.hex!, 'server', { params: option.params, backend: pakoBackend });
    expect(parsed.kind === 'decoded' && parsed.inflations![0]!.violation?.message).toMatch(/distance too far back/);
  });

  it('links every frame of a fragmented message, and says when only the first ones fit', () => {
    // RFC 6455 §5.4's example: an unmasked text message "Hello" in two fragments, "Hel" and "lo".
    const frames = '010348656c' + '80026c6f';
    const message = {
      from: 'server' as const,
      type: 'text' as const,
      length: 5,
      wireLength: 5,
      frames: 2,
      packet: 7,
      offset: 0,
      compressed: false,
      inflated: false,
      cut: false,
      text: 'Hello',
    };
    const whole = decoderLink({ ...message, frameHex: frames, framesInHex: 2 }, null)!;
    expect(whole.note).toBeUndefined();
    const state = parseDecoderHash(whole.href.split('#')[1]!);
    const parsed = parseAndDecode(state.hex!, 'server');
    if (parsed.kind !== 'decoded') throw new Error(parsed.kind);
    expect(parsed.result.violations).toEqual([]);
    expect(parsed.result.frames.map((f) => [f.fin, new TextDecoder().decode(f.payload)])).toEqual([
      [false, 'Hel'],
      [true, 'lo'],
    ]);
    const part = decoderLink({ ...message, frameHex: '010348656c', framesInHex: 1 }, null)!;
    expect(part.note).toBe('The link holds the first 1 of its 2 frames; the others would not fit in a link.');
  });
});

describe('CaptureTool', () => {
  it('opens a picked file (analysed here when there is no Worker) and shows the WebSocket timeline', async () => {
    render(<CaptureTool />);
    const input = screen.getByLabelText(/Open a capture/) as HTMLInputElement;
    const file = new File([bytes('chromium-reordered.pcap') as BlobPart], 'chromium-reordered.pcap');
    fireEvent.change(input, { target: { files: [file] } });
    await waitFor(() => expect(screen.getByText(/pcap · 39 packets · 2 TCP connections/)).toBeTruthy());
    expect(screen.getByRole('button', { name: /WebSocket 127\.0\.0\.1:56636/, pressed: true })).toBeTruthy();
    expect(screen.getByText(/1 retransmissions, 1 out of order, 0 gaps/)).toBeTruthy();
    expect(screen.getAllByText(/text · 3000 bytes/)).toHaveLength(2);
    expect(screen.getByText(/Nothing leaves your browser/)).toBeTruthy();
    const links = screen.getAllByRole('link', { name: /Open this frame in the frame decoder/ });
    // 8 messages: every frame is small enough to link (the 3000-byte ones too).
    expect(links).toHaveLength(8);
    const tcpdump = screen.getByRole('link', {
      name: /Explain the first \d+ packets of this connection in the tcpdump reader/,
    });
    expect(tcpdump.getAttribute('href')).toMatch(/^\/tools\/tcpdump\/#cap=.*&num=absolute$/);
    expect(links[0]!.getAttribute('href')).toMatch(/^\/tools\/frame-decoder\/#hex=8185[0-9a-f]{18}&from=client$/);
  });

  it('reads pasted tcpdump -X text', async () => {
    render(<CaptureTool />);
    fireEvent.change(screen.getByLabelText(/or paste tcpdump -X output/), {
      target: { value: `${HELLO_SUMMARY}\n${HELLO_TCPDUMP_X}\n` },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Read pasted text' }));
    await waitFor(() => expect(screen.getByText(/text · 1 packet · 1 TCP connection/)).toBeTruthy());
  });

  it('says plainly when a file is not a capture', async () => {
    render(<CaptureTool />);
    const input = screen.getByLabelText(/Open a capture/) as HTMLInputElement;
    fireEvent.change(input, { target: { files: [new File(['just notes'], 'notes.txt')] } });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Not read: Not a capture/));
  });
});
