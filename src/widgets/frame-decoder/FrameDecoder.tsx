import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useState,
  type ClipboardEvent,
  type ReactNode,
} from 'react';
import { describeCloseCode } from '../../protocol/websocket/close-codes';
import { toHex, tryParseHex } from '../../protocol/hex';
import { BYTE_FORMAT_NAMES } from '../../protocol/byte-input';
import type { PeeledPacket } from '../../protocol/capture/single-packet';
import { sitePath } from '../../site/base';
import type { DeflateBackend, DeflateParams } from '../../protocol/websocket/deflate';
import type { Direction, Frame, PartialFrame, Violation } from '../../protocol/websocket/types';
import { frameFields, partialFrameFields, type FieldKey } from '../../explain/frame-fields';
import { opcodeName } from '../../explain/opcodes';
import { HexErrorView } from '../shared/HexErrorView';
import { HexView } from '../shared/HexView';
import { BitDiagram, FieldList } from '../shared/FrameFieldsView';
import { decoderFromHash, decoderHashValues, isDirection, MAX_HASH_HEX_CHARS } from '../shared/decoder-hash';
import { payloadPreview } from '../shared/payload-view';
import { useHashParams } from '../shared/use-hash-params';
import { useAnalysis } from './use-analysis';
import { ViolationList } from '../shared/ViolationList';
import { DEFAULT_EXAMPLE, EXAMPLES } from './examples';
import {
  describeWaiting,
  readDeflateOption,
  type DecoderMessage,
  FRAME_PAGE,
  VIOLATION_LIMIT,
  neededText,
  summary,
  violationsIn,
  type Analysis,
  type Peeler,
} from './model';
import '../shared/widget.css';
import './frame-decoder.css';

export interface FrameDecoderProps {
  /** Hex shown first (any format parseHex accepts). Defaults to RFC 6455 §5.7's masked "Hello". */
  initialHex?: string;
  /** Who sent the bytes; decides the masking rule (RFC 6455 §5.1). Default: 'unknown' (or the example's). */
  from?: Direction;
  /** Mirror the input in the URL fragment (#hex=…&from=…) and restore it from there. Tool page only. */
  syncHash?: boolean;
  /** Show the examples menu (default true). */
  examples?: boolean;
  /** Level of the per-frame headings (default 3: under a lesson's h2). */
  headingLevel?: 2 | 3 | 4;
}

export { FRAME_PAGE };

/** Inputs longer than this (≈ 33–50 KB of bytes) are kept out of the text box (see onPaste). */
export const LARGE_INPUT_CHARS = 100_000;

const DIRECTION_LABELS: Record<Direction, string> = {
  client: 'client → server',
  server: 'server → client',
  unknown: 'unknown',
};

/**
 * Paste WebSocket bytes, see every frame: bit diagram, fields explained, payload unmasked, messages
 * reassembled, violations with their rule and close code. Decoding is the codec's (`decodeFrames`); the
 * input is analysed from a deferred value so typing stays responsive, and rendering is bounded (frames
 * in pages of FRAME_PAGE, payload previews of 1 KiB) so a 1 MiB paste never creates 100k DOM nodes.
 */
export default function FrameDecoder({
  initialHex,
  from: initialFrom,
  syncHash = false,
  examples = true,
  headingLevel = 3,
}: FrameDecoderProps) {
  const [text, setText] = useState(initialHex ?? DEFAULT_EXAMPLE.hex);
  const [from, setFrom] = useState<Direction>(
    initialFrom ?? (initialHex === undefined ? DEFAULT_EXAMPLE.from : 'unknown'),
  );
  const [note, setNote] = useState<string | null>(null);
  const inputId = useId();
  const labelId = useId();
  const [editLarge, setEditLarge] = useState(false);
  const large = text.length > LARGE_INPUT_CHARS && !editLarge;
  const hintId = useId();
  const dirName = useId();

  // "permessage-deflate negotiated": the server's answer, read with the core's rules (RFC 7692 §7.1).
  const [deflateOn, setDeflateOn] = useState(false);
  const [deflateAnswer, setDeflateAnswer] = useState('permessage-deflate');
  const deferredAnswer = useDeferredValue(deflateAnswer);
  const deflateOption = useMemo(
    () => (deflateOn ? readDeflateOption(deferredAnswer) : undefined),
    [deflateOn, deferredAnswer],
  );
  const deflateParams = deflateOption?.ok === true ? deflateOption.params : undefined;
  const deflateId = useId();
  // pako is loaded the first time the option is on: pages that never inflate do not download it.
  const [backend, setBackend] = useState<DeflateBackend | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    if (!deflateOn || backend !== undefined) return;
    let live = true;
    import('../../protocol/websocket/pako-backend').then(
      (m) => live && setBackend(m.pakoBackend),
      () => live && setLoadError('The inflater could not be loaded; reload the page to try again.'),
    );
    return () => {
      live = false;
    };
  }, [deflateOn, backend]);

  const [frameLimit, setFrameLimit] = useState(FRAME_PAGE);
  const deferredText = useDeferredValue(text);
  const deferredFrom = useDeferredValue(from);
  // The capture layers load only once the input looks like a captured packet (they are not needed for frames).
  const [peel, setPeel] = useState<Peeler | undefined>(undefined);
  const { analysis, pending } = useAnalysis(deferredText, deferredFrom, frameLimit, deflateParams, backend, peel);
  const wantsPeeler = analysis.kind === 'decoded' && analysis.wantsPeeler === true;
  useEffect(() => {
    if (!wantsPeeler || peel !== undefined) return;
    let live = true;
    void import('../../protocol/capture/single-packet').then((m) => live && setPeel(() => m.peelSinglePacket));
    return () => {
      live = false;
    };
  }, [wantsPeeler, peel]);
  const stale = pending || deferredText !== text || deferredFrom !== from || deferredAnswer !== deflateAnswer;

  // What the fragment holds: compact hex of valid input (short links), the raw text otherwise.
  const hashHex =
    analysis.kind === 'decoded'
      ? analysis.bytes.length * 2 <= MAX_HASH_HEX_CHARS
        ? toHex(analysis.bytes, { separator: '' })
        : ''
      : deferredText.trim();
  const restore = useCallback((params: Record<string, string>) => {
    const state = decoderFromHash(params);
    if (state.hex !== undefined) setInput(spaced(state.hex));
    if (state.from !== undefined) setFrom(state.from);
    if (state.deflate !== undefined) {
      setDeflateOn(true);
      setDeflateAnswer(state.deflate);
    }
  }, []);
  useHashParams(
    syncHash,
    decoderHashValues({ hex: hashHex, from: deferredFrom, ...(deflateOn ? { deflate: deferredAnswer } : {}) }),
    restore,
  );

  const showMore = useCallback(() => setFrameLimit((n) => n + FRAME_PAGE), []);

  // A new input starts again at the first page of frames. Typing keeps a large input in its box.
  function setInput(value: string, exampleNote: string | null = null, typing = false): void {
    setText(value);
    setNote(exampleNote);
    setFrameLimit(FRAME_PAGE);
    if (!typing) setEditLarge(false);
  }

  // A huge paste goes straight to the state, never through the text box: laying out 2 million
  // characters in a textarea freezes the tab for seconds per keystroke (measured in Chromium).
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>): void => {
    const el = e.currentTarget;
    const pasted = e.clipboardData.getData('text/plain');
    const next = el.value.slice(0, el.selectionStart) + pasted + el.value.slice(el.selectionEnd);
    if (next.length <= LARGE_INPUT_CHARS) return; // an ordinary paste
    e.preventDefault();
    setInput(next);
  };

  const loadExample = (id: string): void => {
    const ex = EXAMPLES.find((e) => e.id === id);
    if (ex === undefined) return;
    setInput(ex.hex, ex.note);
    setFrom(ex.from);
  };

  return (
    <div className="wn-decoder" data-widget="frame-decoder">
      {examples ? (
        <fieldset className="wn-examples">
          <legend>Examples</legend>
          {EXAMPLES.map((ex) => (
            <button key={ex.id} type="button" onClick={() => loadExample(ex.id)} data-example={ex.id}>
              {ex.label}
            </button>
          ))}
        </fieldset>
      ) : null}

      {large ? (
        <>
          <p id={labelId} className="wn-label">
            Bytes (hex)
          </p>
          <div className="wn-large-input" role="group" aria-labelledby={labelId} aria-describedby={hintId}>
            <p>
              {text.length.toLocaleString('en')} characters: too many to edit smoothly in a text box, so they are not
              shown in one. Everything below is decoded from all of them.
            </p>
            <button type="button" onClick={() => setEditLarge(true)}>
              Show in a text box anyway
            </button>{' '}
            <button type="button" onClick={() => setInput('')}>
              Clear
            </button>
          </div>
        </>
      ) : (
        <>
          <label htmlFor={inputId} id={labelId} className="wn-label">
            Bytes (hex)
          </label>
          <textarea
            id={inputId}
            className="hex wn-hex-input"
            rows={4}
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            aria-describedby={hintId}
            aria-invalid={analysis.kind === 'hex-error'}
            value={text}
            onChange={(e) => setInput(e.target.value, null, true)}
            onPaste={onPaste}
          />
        </>
      )}
      <p id={hintId} className="wn-hint">
        Accepts <code>81 85 37 fa</code>, <code>0x81,0x85</code>, <code>\x81\x85</code>, <code>8185…</code>, Wireshark /
        xxd / tcpdump -X dumps (a whole packet is peeled to its TCP payload), JavaScript, C or Python byte arrays,{' '}
        <code>b'\x81…'</code> and base64.
      </p>

      <fieldset className="wn-direction">
        <legend>Sent by</legend>
        {(['client', 'server', 'unknown'] as const).map((d) => (
          <label key={d}>
            <input
              type="radio"
              name={dirName}
              value={d}
              checked={from === d}
              onChange={(e) => {
                if (isDirection(e.target.value)) setFrom(e.target.value);
              }}
            />{' '}
            {DIRECTION_LABELS[d]}
          </label>
        ))}
      </fieldset>

      <fieldset className="wn-deflate">
        <legend>Extensions</legend>
        <label>
          <input type="checkbox" checked={deflateOn} onChange={(e) => setDeflateOn(e.target.checked)} />{' '}
          permessage-deflate negotiated (RFC 7692): inflate messages whose first frame has RSV1
        </label>
        {deflateOn ? (
          <div className="wn-deflate-answer">
            <label htmlFor={`${deflateId}-answer`}>The server’s Sec-WebSocket-Extensions answer</label>
            <input
              id={`${deflateId}-answer`}
              type="text"
              className="hex"
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              value={deflateAnswer}
              aria-invalid={deflateOption?.ok === false}
              aria-describedby={`${deflateId}-hint`}
              onChange={(e) => setDeflateAnswer(e.target.value)}
            />
            <p id={`${deflateId}-hint`} className={deflateOption?.ok === false ? 'wn-error' : 'wn-hint'}>
              {deflateOption === undefined || deflateOption.ok
                ? deflateParamsText(deflateParams)
                : `Not a permessage-deflate answer: ${deflateOption.message}`}
            </p>
            {loadError !== null ? <p className="wn-error">{loadError}</p> : null}
          </div>
        ) : null}
      </fieldset>

      {note !== null ? <p className="wn-note">{note}</p> : null}

      <div className={`wn-output${stale ? ' is-stale' : ''}`} aria-busy={stale}>
        <Output analysis={analysis} headingLevel={headingLevel} onMore={showMore} />
      </div>
    </div>
  );
}

/** What the negotiated parameters mean for inflating, in words. */
function deflateParamsText(p: DeflateParams | undefined): string {
  if (p === undefined) return '';
  const side = (name: string, bits: number, reset: boolean): string =>
    `${name}: window ${2 ** bits} bytes (${bits} bits), ${reset ? 'no context takeover (each message starts afresh)' : 'context takeover (the window carries over)'}`;
  return `${side('client → server', p.clientMaxWindowBits, p.clientNoContextTakeover)}; ${side('server → client', p.serverMaxWindowBits, p.serverNoContextTakeover)}. Messages are inflated in order with the sender’s settings (RFC 7692 §7.1).`;
}

/** Compact hex from a link, spaced for reading; anything that does not parse is kept as it is. */
function spaced(hex: string): string {
  const read = tryParseHex(hex);
  return read.ok ? toHex(read.bytes) : hex;
}

/** tcpdump output with packet header lines: the capture reader takes it whole. */
function CaptureHint({ packets }: { packets: number }) {
  return (
    <p className="wn-hint" data-packets>
      This is tcpdump output with {packets === 1 ? 'a packet header line' : `${packets} packets`}. The decoder reads the
      bytes of one packet or of a stream; the <a href={sitePath('/tools/capture/')}>capture reader</a> reads tcpdump
      text whole, reassembles TCP and follows the conversation.
    </p>
  );
}

/** What was peeled off a pasted packet before its TCP payload was decoded. */
function PacketNote({ packet: p }: { packet: PeeledPacket }) {
  const at = (address: string, port: number) => (p.ip.version === 6 ? `[${address}]:${port}` : `${address}:${port}`);
  return (
    <p className="wn-hint" data-packet>
      This is a captured packet: {p.link}, IPv{p.ip.version} {at(p.ip.source, p.tcp.sourcePort)} →{' '}
      {at(p.ip.destination, p.tcp.destinationPort)}, TCP flags [{p.tcp.flags}] seq {p.tcp.seq}. Its first{' '}
      {p.payloadOffset} bytes are those headers; what follows is the TCP payload, decoded here as WebSocket frames.
    </p>
  );
}

interface OutputProps {
  analysis: Analysis;
  headingLevel: 2 | 3 | 4;
  onMore: () => void;
}

/** Memoised: while a large input is typed into, the analysis object stays the same and nothing re-renders. */
const Output = memo(function Output({ analysis, headingLevel, onMore }: OutputProps) {
  if (analysis.kind === 'empty') {
    return (
      <p className="wn-summary" role="status">
        Paste or type the bytes of one or more WebSocket frames, or pick an example.
      </p>
    );
  }
  if (analysis.kind === 'hex-error') {
    const title = analysis.format === 'hex' ? 'Not valid hex:' : `Not valid as ${BYTE_FORMAT_NAMES[analysis.format]}:`;
    return (
      <>
        <HexErrorView title={title} message={analysis.message} snippet={analysis.snippet} />
        {analysis.packets ? <CaptureHint packets={analysis.packets} /> : null}
      </>
    );
  }

  const { bytes, frames, violations, needed, partial } = analysis;
  return (
    <>
      <p className="wn-summary" role="status">
        {summary(analysis)}
        {needed !== undefined ? `, ${neededText(needed, partial)}` : ''}.
        {analysis.format !== 'hex' ? ` Read as ${BYTE_FORMAT_NAMES[analysis.format]}.` : ''}
      </p>
      {analysis.packet ? <PacketNote packet={analysis.packet} /> : null}
      {analysis.packets ? <CaptureHint packets={analysis.packets} /> : null}

      {analysis.violationCount > 0 ? (
        <ViolationList
          violations={violations}
          limit={VIOLATION_LIMIT}
          total={analysis.violationCount}
          intro={`${analysis.violationCount === 1 ? '1 violation' : `${analysis.violationCount.toLocaleString('en')} violations`}: a conforming peer fails the connection at the first one (RFC 6455 §7.1.7).`}
        />
      ) : null}

      {needed !== undefined ? (
        <Truncated bytes={bytes} needed={needed} partial={partial} />
      ) : analysis.undecodedFrom < bytes.length ? (
        <p className="wn-warning">
          Decoding stopped at byte {analysis.undecodedFrom}: the last{' '}
          {(bytes.length - analysis.undecodedFrom).toLocaleString('en')} bytes were not decoded (see the violation
          above).
        </p>
      ) : null}

      {analysis.messageCount > 0 ? <MessageList messages={analysis.messages} total={analysis.messageCount} /> : null}

      <div className="wn-frames">
        {frames.map((f, i) => (
          <FrameCard
            key={f.offset}
            index={i}
            frame={f}
            input={bytes}
            violations={violationsIn(violations, f.offset, f.offset + f.headerLength + f.payloadLength)}
            headingLevel={headingLevel}
          />
        ))}
      </div>
      {analysis.frameCount > frames.length ? (
        <p className="wn-more">
          Showing {frames.length.toLocaleString('en')} of {analysis.frameCount.toLocaleString('en')} frames.{' '}
          <button type="button" onClick={onMore}>
            Show {Math.min(FRAME_PAGE, analysis.frameCount - frames.length)} more frames
          </button>
        </p>
      ) : null}
    </>
  );
});

function Truncated({
  bytes,
  needed,
  partial,
}: {
  bytes: Uint8Array;
  needed: number;
  partial: PartialFrame | undefined;
}) {
  const [highlight, setHighlight] = useState<FieldKey | null>(null);
  const fields = useMemo(() => (partial === undefined ? [] : partialFrameFields(partial, bytes)), [partial, bytes]);
  const start = partial?.offset ?? 0;
  return (
    <div className="wn-truncated">
      <p>
        <strong>Incomplete frame</strong> at byte {start}: {neededText(needed, partial)}
        {partial !== undefined ? <> — waiting for {describeWaiting(partial)}</> : null}.
      </p>
      <HexView
        input={bytes}
        start={start}
        end={bytes.length}
        fields={fields}
        highlight={highlight}
        onHighlight={setHighlight}
        label={`Bytes of the incomplete frame at byte ${start}`}
        maxBytes={64}
      />
      {fields.length > 0 ? (
        <FieldList fields={fields} highlight={highlight} onHighlight={setHighlight} label="Fields read so far" />
      ) : null}
    </div>
  );
}

function MessageList({ messages, total }: { messages: readonly DecoderMessage[]; total: number }) {
  const shown = messages;
  return (
    <section className="wn-messages" aria-label="Messages">
      <p className="wn-section-title">Messages, reassembled from their frames (RFC 6455 §5.4)</p>
      <ol>
        {shown.map((m, i) => {
          const p = payloadPreview(m.payload, 200);
          const inflation = m.inflation;
          if (inflation?.violation !== undefined) {
            return (
              <li key={i} data-compressed>
                {opcodeName(m.opcode).replace(' frame', '')} message, compressed,{' '}
                {inflation.compressedLength.toLocaleString('en')} bytes on the wire, from frame {m.frames[0]! + 1}:{' '}
                {inflation.skipped === true
                  ? 'not inflated, because an earlier compressed message broke the DEFLATE stream they share.'
                  : `it does not inflate: ${inflation.violation.message} (${inflation.violation.rule}, close code ${inflation.violation.code}).`}
              </li>
            );
          }
          return (
            <li key={i} data-compressed={inflation !== undefined ? '' : undefined}>
              {opcodeName(m.opcode).replace(' frame', '')} message,{' '}
              {(inflation?.length ?? m.payload.length).toLocaleString('en')} bytes
              {inflation !== undefined
                ? ` inflated from ${inflation.compressedLength.toLocaleString('en')} compressed bytes (${inflation.compressedLength === 0 ? '' : `${Math.round((100 * inflation.length) / Math.max(1, inflation.compressedLength)) / 100}:1, `}permessage-deflate)`
                : ''}
              , from{' '}
              {m.frames.length === 1 ? `frame ${m.frames[0]! + 1}` : `frames ${m.frames.map((f) => f + 1).join(', ')}`}
              {m.complete ? '' : ' (incomplete: no final fragment yet)'}
              {p.text !== undefined && m.opcode === 0x1 ? (
                <>
                  : <q className="wn-text">{p.text}</q>
                  {p.omitted > 0 ? '…' : ''}
                </>
              ) : null}
            </li>
          );
        })}
      </ol>
      {total > shown.length ? <p>… and {(total - shown.length).toLocaleString('en')} more.</p> : null}
    </section>
  );
}

interface FrameCardProps {
  index: number;
  frame: Frame;
  input: Uint8Array;
  violations: Violation[];
  headingLevel: 2 | 3 | 4;
}

const FrameCard = memo(function FrameCard({ index, frame, input, violations, headingLevel }: FrameCardProps) {
  const [highlight, setHighlight] = useState<FieldKey | null>(null);
  const fields = useMemo(() => frameFields(frame, input), [frame, input]);
  const preview = useMemo(() => payloadPreview(frame.payload), [frame]);
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4';
  const end = frame.offset + frame.headerLength + frame.payloadLength;
  const headingId = useId();

  return (
    <section className="wn-frame" aria-labelledby={headingId} data-frame={index}>
      <H id={headingId} className="wn-frame-title">
        Frame {index + 1}: {opcodeName(frame.opcode)}, {frame.payloadLength.toLocaleString('en')}{' '}
        {frame.payloadLength === 1 ? 'byte' : 'bytes'}
        {frame.masked ? ', masked' : ''}
        {frame.fin ? '' : ', not final'}
        <span className="wn-muted wn-frame-at">
          {' '}
          · bytes {frame.offset}–{end - 1}
        </span>
      </H>
      <div className="wn-frame-grid">
        <div className="wn-frame-diagram">
          <BitDiagram fields={fields} highlight={highlight} onHighlight={setHighlight} />
          <HexView
            input={input}
            start={frame.offset}
            end={end}
            fields={fields}
            highlight={highlight}
            onHighlight={setHighlight}
            label={`Bytes of frame ${index + 1}, as on the wire`}
            maxBytes={frame.headerLength + 256}
          />
        </div>
        {/* Open on the first frame; later frames keep their explanations folded so a stream stays scannable. */}
        <details className="wn-field-details" open={index === 0}>
          <summary>Fields of frame {index + 1}, explained</summary>
          <FieldList
            fields={fields}
            highlight={highlight}
            onHighlight={setHighlight}
            label={`Header fields of frame ${index + 1}`}
          />
        </details>
      </div>
      <Payload frame={frame} preview={preview} />
      {violations.length > 0 ? (
        <ul className="wn-frame-violations">
          {violations.map((v, i) => (
            <li key={i}>
              ⚠ {v.message} ({v.rule}, close code {v.code})
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
});

function Payload({ frame, preview }: { frame: Frame; preview: ReturnType<typeof payloadPreview> }) {
  const rows: ReactNode[] = [];
  if (frame.opcode === 0x8 && frame.closeCode !== undefined) {
    const info = describeCloseCode(frame.closeCode);
    rows.push(
      <div key="close">
        <dt>Close code</dt>
        <dd>
          <code>{frame.closeCode}</code> {info.name}: {info.meaning} <span className="wn-muted">({info.source})</span>
        </dd>
      </div>,
      <div key="reason">
        <dt>Reason</dt>
        <dd>
          {frame.closeReason !== undefined && frame.closeReason !== '' ? (
            <q className="wn-text">{frame.closeReason}</q>
          ) : (
            <span className="wn-muted">(none)</span>
          )}
        </dd>
      </div>,
    );
  } else if (frame.opcode === 0x8 && frame.payloadLength === 0) {
    rows.push(
      <div key="close">
        <dt>Close code</dt>
        <dd className="wn-muted">none: an empty close payload is allowed; the API reports 1005 (RFC 6455 §7.1.5).</dd>
      </div>,
    );
  }
  if (frame.payloadLength > 0) {
    rows.push(
      <div key="text">
        <dt>{frame.masked ? 'Payload, unmasked, as text' : 'Payload as text'}</dt>
        <dd>
          {preview.text !== undefined ? (
            <span className="wn-text-block">
              {preview.text}
              {preview.omitted > 0 ? (
                <span className="wn-muted"> … ({preview.omitted.toLocaleString('en')} more bytes)</span>
              ) : null}
            </span>
          ) : (
            <span className="wn-muted">not valid UTF-8: {preview.utf8Error}</span>
          )}
        </dd>
      </div>,
      <div key="hex">
        <dt>{frame.masked ? 'Payload, unmasked, as hex' : 'Payload as hex'}</dt>
        <dd>
          <code className="wn-hex-block">{preview.hex}</code>
          {preview.omitted > 0 ? (
            <span className="wn-muted"> … ({preview.omitted.toLocaleString('en')} more bytes)</span>
          ) : null}
        </dd>
      </div>,
    );
  }
  if (rows.length === 0) return null;
  return <dl className="wn-payload">{rows}</dl>;
}
