import { useCallback, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { createCaptureAnalysis, type CaptureAnalysis } from '../../protocol/capture/analyser';
import { captureInflaters } from '../../protocol/capture/deflate';
import { pakoBackend } from '../../protocol/websocket/pako-backend';
import type { CaptureRequest, CaptureResponse } from './capture.worker';
import { connectionLabel, LINKED_FRAME_BYTES, summaryOf, TCPDUMP_LINES, tcpdumpLink, timelineOf } from './model';
import '../shared/controls.css';
import './capture.css';

export interface CaptureExample {
  name: string;
  /** Where the built site serves the file. */
  url: string;
  description: string;
}

export interface CaptureToolProps {
  examples?: readonly CaptureExample[];
  headingLevel?: 2 | 3;
}

type Status =
  | { s: 'idle'; message?: string }
  | { s: 'reading'; name: string; read: number; total: number }
  | { s: 'done'; name: string; analysis: CaptureAnalysis };

/** Where workers are missing (tests), the same analysis runs on the main thread. */
async function analyseHere(request: CaptureRequest): Promise<CaptureAnalysis> {
  const a = createCaptureAnalysis({
    frameBytes: LINKED_FRAME_BYTES,
    tcpdumpLines: TCPDUMP_LINES,
    inflate: captureInflaters(pakoBackend),
  });
  if (request.kind === 'text') a.push(new TextEncoder().encode(request.text));
  else {
    // FileReader rather than Blob.arrayBuffer(): the test DOM has only the former.
    const buffer = await new Promise<ArrayBuffer>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as ArrayBuffer);
      reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
      reader.readAsArrayBuffer(request.file);
    });
    a.push(new Uint8Array(buffer));
  }
  return a.end();
}

/**
 * Opens a capture (pcap, pcapng, or pasted tcpdump -X / Wireshark hex text) in a Web Worker and shows
 * each TCP connection; for the one picked, a timeline of the handshake, the upgrade, every message,
 * violations and TCP notes. Nothing leaves the browser.
 */
export default function CaptureTool({ examples = [], headingLevel = 2 }: CaptureToolProps) {
  const [status, setStatus] = useState<Status>({ s: 'idle' });
  const [selected, setSelected] = useState<number | undefined>(undefined);
  const [text, setText] = useState('');
  const [dragging, setDragging] = useState(false);
  const worker = useRef<Worker | null>(null);
  const fileId = useId();
  const textId = useId();
  const H = `h${headingLevel}` as 'h2' | 'h3';
  const H2 = `h${headingLevel + 1}` as 'h3' | 'h4';

  const stop = useCallback(() => {
    worker.current?.terminate();
    worker.current = null;
  }, []);
  useEffect(() => stop, [stop]);

  const open = useCallback(
    (request: CaptureRequest, name: string) => {
      stop();
      const total = request.kind === 'file' ? request.file.size : request.text.length;
      setStatus({ s: 'reading', name, read: 0, total });
      setSelected(undefined);
      const finish = (analysis: CaptureAnalysis): void => {
        setStatus({ s: 'done', name, analysis });
        const ws = analysis.connections.find((c) => c.kind === 'websocket') ?? analysis.connections[0];
        setSelected(ws?.id);
      };
      if (typeof Worker === 'undefined') {
        void analyseHere(request).then(finish);
        return;
      }
      const w = new Worker(new URL('./capture.worker.ts', import.meta.url), { type: 'module' });
      worker.current = w;
      w.onmessage = (e: MessageEvent<CaptureResponse>) => {
        if (worker.current !== w) return;
        if (e.data.kind === 'progress') setStatus({ s: 'reading', name, read: e.data.read, total: e.data.total });
        else {
          finish(e.data.analysis);
          stop();
        }
      };
      w.onerror = () => {
        setStatus({ s: 'idle', message: `Could not read ${name}.` });
        stop();
      };
      w.postMessage(request);
    },
    [stop],
  );

  const cancel = (): void => {
    stop();
    setStatus({ s: 'idle', message: 'Cancelled.' });
  };

  const onFiles = (files: FileList | null): void => {
    const f = files?.[0];
    if (f !== undefined) open({ kind: 'file', file: f }, f.name);
  };

  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setDragging(false);
    onFiles(e.dataTransfer.files);
  };

  const openExample = async (ex: CaptureExample): Promise<void> => {
    try {
      const res = await fetch(ex.url);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      open({ kind: 'file', file: await res.blob() }, ex.name);
    } catch (err) {
      setStatus({
        s: 'idle',
        message: `Could not load the example ${ex.name}: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  };

  const analysis = status.s === 'done' ? status.analysis : undefined;
  const conn = analysis?.connections.find((c) => c.id === selected);
  const tcpdumpHref = conn === undefined ? undefined : tcpdumpLink(conn);

  return (
    <div className="wn-tool wn-cap" data-widget="capture">
      <p className="wn-cap-private">
        Nothing leaves your browser: the file is read here, in a worker, and never uploaded. Captures hold cookies and
        tokens, so share them with care.
      </p>
      <div
        className={`wn-cap-drop${dragging ? ' wn-cap-drop-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        data-testid="capture-drop"
      >
        <label htmlFor={fileId}>Open a capture (.pcap, .pcapng, .cap) or drop it here</label>
        <input
          id={fileId}
          type="file"
          accept=".pcap,.pcapng,.cap,.txt"
          onChange={(e) => onFiles(e.currentTarget.files)}
        />
      </div>
      <div className="wn-cap-paste">
        <label htmlFor={textId}>…or paste tcpdump -X output, a Wireshark hex dump or the hex of one packet</label>
        <textarea
          id={textId}
          rows={5}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <button type="button" disabled={text.trim() === ''} onClick={() => open({ kind: 'text', text }, 'pasted text')}>
          Read pasted text
        </button>
      </div>
      {examples.length > 0 && (
        <div className="wn-cap-examples">
          <span>Examples, captured from Chromium with tcpdump:</span>
          {examples.map((ex) => (
            <button key={ex.name} type="button" title={ex.description} onClick={() => void openExample(ex)}>
              {ex.name}
            </button>
          ))}
        </div>
      )}

      <div aria-live="polite" className="wn-cap-status">
        {status.s === 'reading' && (
          <div className="wn-cap-progress">
            <label>
              Reading {status.name}: {status.read.toLocaleString('en')} of {status.total.toLocaleString('en')} bytes
              <progress max={Math.max(1, status.total)} value={status.read} />
            </label>
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </div>
        )}
        {status.s === 'idle' && status.message !== undefined && <p>{status.message}</p>}
        {analysis !== undefined && status.s === 'done' && (
          <p>
            <strong>{status.name}</strong>: {summaryOf(analysis)}
          </p>
        )}
      </div>
      {analysis?.error !== undefined && (
        <p role="alert" className="wn-cap-error">
          {analysis.packets === 0 ? 'Not read: ' : `Reading stopped at byte ${analysis.error.offset}: `}
          {analysis.error.message}
        </p>
      )}

      {analysis !== undefined && analysis.connections.length > 0 && (
        <>
          <H>Connections</H>
          <ul className="wn-cap-conns">
            {analysis.connections.map((c) => (
              <li key={c.id}>
                <button type="button" aria-pressed={c.id === selected} onClick={() => setSelected(c.id)}>
                  {connectionLabel(c)}
                  <span className="wn-cap-meta">
                    {' '}
                    · packets {c.firstPacket}–{c.lastPacket}
                    {c.kind === 'websocket' ? ` · ${c.messages.length} messages` : ''}
                    {c.violations.length > 0 ? ` · ${c.violations.length} violations` : ''}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}

      {conn !== undefined && (
        <section aria-label={`Timeline of ${connectionLabel(conn)}`}>
          <H2>Timeline: {connectionLabel(conn)}</H2>
          <p className="wn-cap-meta">
            TCP: {conn.tcp.retransmissions} retransmissions, {conn.tcp.outOfOrder} out of order, {conn.tcp.gaps} gaps.
            The client is {conn.client}{' '}
            {conn.clientBy === 'syn'
              ? '(it sent the SYN)'
              : conn.clientBy === 'http'
                ? '(it sent the HTTP request)'
                : conn.clientBy === 'mask'
                  ? '(its frames are masked)'
                  : '(a guess: the higher port)'}
            .
          </p>
          {tcpdumpHref !== undefined && (
            <p>
              <a href={tcpdumpHref.href}>
                Explain the first {tcpdumpHref.packets} packets of this connection in the tcpdump reader
              </a>
              . A packet number below opens that segment there.
            </p>
          )}
          {conn.kind === 'tls' && (
            <p className="wn-cap-note">
              This is TLS ({conn.tls?.version}): a <code>wss://</code> connection shows only encrypted records. To read
              it, start the browser with <code>SSLKEYLOGFILE=keys.log</code> and open the capture in Wireshark with that
              key log.
            </p>
          )}
          <ol className="wn-cap-timeline">
            {timelineOf(conn).map((item, i) => (
              <li
                key={i}
                className={`wn-cap-item wn-cap-${item.kind}${item.from ? ` wn-cap-from-${item.from}` : ''}${item.bad ? ' wn-cap-bad' : ''}`}
              >
                {item.tcpdumpHref !== undefined ? (
                  <a
                    className="wn-cap-packet"
                    href={item.tcpdumpHref}
                    aria-label={`Packet ${item.packet} in the tcpdump reader`}
                  >
                    #{item.packet}
                  </a>
                ) : (
                  <span className="wn-cap-packet">#{item.packet}</span>
                )}{' '}
                {item.from !== undefined && (
                  <span className="wn-cap-dir">{item.from === 'client' ? 'client → server' : 'server → client'}</span>
                )}{' '}
                <span className="wn-cap-title">{item.title}</span>
                {item.detail !== undefined && <span className="wn-cap-detail">{item.detail}</span>}
                {item.decoderHref !== undefined && (
                  <a className="wn-cap-link" href={item.decoderHref}>
                    Open this frame in the frame decoder<span className="visually-hidden"> (packet {item.packet})</span>
                  </a>
                )}
                {item.decoderNote !== undefined && <span className="wn-cap-note">{item.decoderNote}</span>}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
