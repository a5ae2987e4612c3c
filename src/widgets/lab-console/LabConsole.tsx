import {
  memo,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useReducer,
  useRef,
  useState,
  type RefObject,
  type ReactNode,
  type SubmitEvent,
} from 'react';
import { HexError, parseHex, toHex } from '../../protocol/hex';
import { validateHandshakeRequest } from '../../protocol/websocket/handshake-request';
import type { DecodeResult, Frame, ViolationId } from '../../protocol/websocket/types';
import {
  checkPingData,
  type InspectFrame,
  type InspectHandshake,
  type InspectServerFrame,
} from '../../lab-protocol/messages';
import { sitePath } from '../../site/base';
import { formatAcceptKeyHash } from '../shared/accept-key-hash';
import { FieldList } from '../shared/FrameFieldsView';
import { HexField } from '../shared/HexField';
import { HexView } from '../shared/HexView';
import { frameFields, type FieldKey } from '../../explain/frame-fields';
import { opcodeName } from '../../explain/opcodes';
import { payloadPreview } from '../shared/payload-view';
import { ViolationList } from '../shared/ViolationList';
import { browserSocket, connectLab, type LabConnection, type SocketFactory } from './connection';
import {
  checkCloseRequest,
  consoleReducer,
  HISTORY_LIMIT,
  INITIAL_CONSOLE,
  labSocketCandidates,
  SERVER_FRAME_CAUSES,
  sizeText,
  truncationNote,
  type ConsoleEvent,
  type ConsoleState,
  type Entry,
  type InflatedMessage,
} from './model';
import '../shared/controls.css';
import { LabUnreachable } from '../shared/LabUnreachable';
import '../shared/fields.css';
import './lab-console.css';

export interface LabConsoleProps {
  /** WebSocket address to use instead of finding the lab (same origin, then ws://127.0.0.1:8787). */
  url?: string;
  /** Text preloaded in the message box. Default "Hello". */
  initialText?: string;
  /** Entries kept in the history (default 50). */
  maxEntries?: number;
  /** Level of the section headings (default 3). */
  headingLevel?: 2 | 3 | 4;
  /** For tests: creates the socket (default: the browser's WebSocket). Not for MDX. */
  socketFactory?: SocketFactory;
}

/**
 * A console on the lab's /lab/ws/inspect: the reader's own browser opens a WebSocket, sends text,
 * binary and close frames, asks the lab for a Ping, and sees the exact bytes on the wire both ways — its
 * upgrade request, each of its frames still masked, and each frame the lab wrote — decoded by the project
 * codec. Nothing connects until the reader presses Connect.
 */
export default function LabConsole({
  url,
  initialText = 'Hello',
  maxEntries = HISTORY_LIMIT,
  headingLevel = 3,
  socketFactory = browserSocket,
}: LabConsoleProps) {
  const reducer = useCallback((s: ConsoleState, e: ConsoleEvent) => consoleReducer(s, e, maxEntries), [maxEntries]);
  const [state, dispatch] = useReducer(reducer, INITIAL_CONSOLE);
  const connection = useRef<LabConnection | null>(null);
  const [address, setAddress] = useState(url ?? '');
  const [addressEdited, setAddressEdited] = useState(url !== undefined);
  const [pageOrigin, setPageOrigin] = useState('');
  const addressEditedRef = useRef(addressEdited);
  addressEditedRef.current = addressEdited;
  const id = useId();
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4';

  // Where the lab is can only be known in the browser (after hydration), and changes when the header's
  // lab badge finds it.
  useEffect(() => {
    setPageOrigin(location.origin);
    if (url !== undefined) return;
    const suggest = (): void => {
      const candidates = labSocketCandidates(location, document.documentElement.dataset.labOrigin);
      if (!addressEditedRef.current && candidates[0] !== undefined) setAddress(candidates[0]);
    };
    suggest();
    window.addEventListener('wire-notebook:lab', suggest);
    return () => window.removeEventListener('wire-notebook:lab', suggest);
  }, [url]);
  useEffect(() => () => connection.current?.dispose(), []);

  const connect = (): void => {
    connection.current?.dispose();
    const candidates = addressEdited
      ? [address.trim()]
      : labSocketCandidates(location, document.documentElement.dataset.labOrigin, url);
    connection.current = connectLab(candidates, socketFactory, dispatch);
  };
  const disconnect = (): void => connection.current?.close(1000, 'done');

  // The log sits just above the send controls, like a chat: a new row scrolls into its box, unless the reader
  // has scrolled up to read an older one.
  const list = useRef<HTMLOListElement>(null);
  const follow = useRef(true);
  const newest = state.entries.at(-1)?.id;
  const listed = state.entries.length > 0;
  useEffect(() => {
    const ol = list.current;
    if (ol === null) return;
    const onScroll = (): void => {
      follow.current = ol.scrollHeight - ol.scrollTop - ol.clientHeight < 24;
    };
    ol.addEventListener('scroll', onScroll, { passive: true });
    return () => ol.removeEventListener('scroll', onScroll);
  }, [listed]);
  useEffect(() => {
    const ol = list.current;
    if (ol !== null && follow.current) ol.scrollTop = ol.scrollHeight;
  }, [newest]);

  const open = state.status === 'open';
  const busy = state.status === 'connecting' || state.status === 'closing';

  return (
    <div className="wn-tool wn-lab" data-widget="lab-console" data-status={state.status}>
      <div className="wn-lab-connect">
        <div className="wn-lab-address">
          <label htmlFor={`${id}-addr`}>Lab address</label>
          <input
            id={`${id}-addr`}
            type="text"
            className="wn-mono"
            spellCheck={false}
            autoCapitalize="off"
            autoComplete="off"
            value={address}
            placeholder="ws://127.0.0.1:8787/lab/ws/inspect"
            onChange={(e) => {
              setAddress(e.target.value);
              setAddressEdited(true);
            }}
          />
        </div>
        <div className="wn-actions">
          <button type="button" onClick={connect} disabled={open || busy || (addressEdited && address.trim() === '')}>
            Connect
          </button>
          <button type="button" onClick={disconnect} disabled={!open}>
            Disconnect
          </button>
        </div>
      </div>
      <p className="wn-lab-status" role="status" data-status={state.status}>
        <span className="wn-lab-dot" aria-hidden="true" /> {statusText(state)}
      </p>

      {state.status === 'unreachable' && state.unreachable !== undefined ? (
        <LabUnreachable urls={state.unreachable.urls} pageOrigin={pageOrigin} then="press Connect again" />
      ) : null}

      <section className="wn-lab-log" aria-labelledby={`${id}-log`}>
        <div className="wn-lab-log-head">
          <H id={`${id}-log`} className="wn-lab-title">
            Frames, oldest first
          </H>
          <button type="button" onClick={() => dispatch({ type: 'clear' })} disabled={state.entries.length === 0}>
            Clear
          </button>
        </div>
        {state.entries.length === 0 ? (
          <p className="wn-muted">
            Nothing yet. Connect, then send a message: the frame your browser put on the wire appears here, with its
            mask.
          </p>
        ) : (
          <>
            <p className="wn-hint">
              One row per frame, in the order they crossed the wire, the newest just above Send: choose a row for its
              bytes and fields. Indented lines are what the page and the connection did, not frames.
            </p>
            <ol className="wn-lab-entries" ref={list}>
              {state.entries.map((entry) => (
                <EntryView key={entry.id} entry={entry} />
              ))}
            </ol>
          </>
        )}
        {state.dropped > 0 ? (
          <p className="wn-hint">
            {state.dropped} older {state.dropped === 1 ? 'entry' : 'entries'} dropped: the console keeps the last{' '}
            {maxEntries}.
          </p>
        ) : null}
      </section>

      <SendPanel id={id} open={open} initialText={initialText} connection={connection} />

      {state.handshake !== undefined ? <Handshake handshake={state.handshake} H={H} /> : null}
    </div>
  );
}

function statusText(state: ConsoleState): string {
  switch (state.status) {
    case 'idle':
      return 'Not connected. Nothing is sent until you press Connect.';
    case 'connecting':
      return `Connecting to ${state.url ?? 'the lab'}…`;
    case 'open':
      return `Connected to ${state.url ?? 'the lab'}.`;
    case 'closing':
      return 'Closing: waiting for the lab’s Close frame…';
    case 'closed':
      return 'Closed. Press Connect to open a new connection.';
    case 'unreachable':
      return 'The lab did not answer.';
  }
}

interface SendPanelProps {
  id: string;
  open: boolean;
  initialText: string;
  connection: RefObject<LabConnection | null>;
}

function SendPanel({ id, open, initialText, connection }: SendPanelProps) {
  const [text, setText] = useState(initialText);
  const [hex, setHex] = useState('01 02 03 fa');
  const [code, setCode] = useState('1000');
  const [reason, setReason] = useState('done');
  const [pingData, setPingData] = useState('Hello');

  const binary = useMemo(() => {
    try {
      return { ok: true as const, bytes: parseHex(hex) };
    } catch (error) {
      if (error instanceof HexError) return { ok: false as const, error };
      throw error;
    }
  }, [hex]);
  const close = useMemo(() => checkCloseRequest(code, reason), [code, reason]);
  const ping = useMemo(() => checkPingData(pingData), [pingData]);

  const onText = (e: SubmitEvent): void => {
    e.preventDefault();
    connection.current?.sendText(text);
  };
  const onBinary = (e: SubmitEvent): void => {
    e.preventDefault();
    if (binary.ok) connection.current?.sendBinary(binary.bytes);
  };
  const onPing = (e: SubmitEvent): void => {
    e.preventDefault();
    if (ping.ok) connection.current?.sendPing(pingData);
  };
  const onClose = (e: SubmitEvent): void => {
    e.preventDefault();
    if (!close.ok) return;
    connection.current?.close(close.code, close.reason);
  };
  return (
    <fieldset className="wn-lab-send" disabled={!open}>
      <legend>Send {open ? '' : '(connect first)'}</legend>
      <form className="wn-lab-row" onSubmit={onText}>
        <label htmlFor={`${id}-text`}>Text message</label>
        <div className="wn-lab-inline">
          <input id={`${id}-text`} type="text" value={text} onChange={(e) => setText(e.target.value)} />
          <button type="submit">Send text</button>
        </div>
      </form>
      <form className="wn-lab-row" onSubmit={onBinary}>
        <HexField
          id={`${id}-hex`}
          label="Binary message (hex)"
          value={hex}
          onChange={setHex}
          problem={binary.ok ? undefined : binary.error}
          note={binary.ok ? sizeText(binary.bytes.length) : null}
          rowClassName="wn-lab-inline"
          beside={
            <button type="submit" disabled={!binary.ok}>
              Send binary
            </button>
          }
        />
      </form>
      <form className="wn-lab-row" onSubmit={onClose}>
        <span className="wn-lab-label">Close the connection</span>
        <div className="wn-lab-inline wn-lab-close">
          <label htmlFor={`${id}-code`} className="wn-lab-sub">
            Code
          </label>
          <input
            id={`${id}-code`}
            type="text"
            inputMode="numeric"
            className="wn-mono wn-lab-code"
            value={code}
            aria-invalid={!close.ok}
            aria-describedby={`${id}-close-msg`}
            onChange={(e) => setCode(e.target.value)}
          />
          <label htmlFor={`${id}-reason`} className="wn-lab-sub">
            Reason
          </label>
          <input
            id={`${id}-reason`}
            type="text"
            value={reason}
            aria-invalid={!close.ok}
            aria-describedby={`${id}-close-msg`}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" disabled={!close.ok}>
            Send close
          </button>
        </div>
        <p id={`${id}-close-msg`} className={`wn-msg${close.ok ? '' : ' is-error'}`}>
          {close.ok
            ? `${close.note !== undefined ? `${close.note} ` : ''}The lab answers with its own Close frame and closes the TCP connection (RFC 6455 §5.5.1). Your Close frame is listed from what you asked: once a page calls close(), its browser hands it no more messages, the lab’s report of its bytes included.`
            : close.message}
        </p>
      </form>
      <form className="wn-lab-row" onSubmit={onPing}>
        <label htmlFor={`${id}-ping`}>Ping data (text)</label>
        <div className="wn-lab-inline">
          <input
            id={`${id}-ping`}
            type="text"
            value={pingData}
            aria-invalid={!ping.ok}
            aria-describedby={`${id}-ping-msg`}
            onChange={(e) => setPingData(e.target.value)}
          />
          <button type="submit" disabled={!ping.ok}>
            Send ping
          </button>
        </div>
        <p id={`${id}-ping-msg`} className={`wn-msg${ping.ok ? '' : ' is-error'}`}>
          {ping.ok
            ? `${sizeText(ping.bytes.length)}. The browser’s WebSocket API cannot send a Ping, so the page asks the lab to send one (RFC 6455 §5.5.2); your browser answers with a Pong carrying the same data by itself (§5.5.3), and the lab reports that Pong’s masked bytes.`
            : ping.message}
        </p>
      </form>
    </fieldset>
  );
}

function Handshake({ handshake, H }: { handshake: InspectHandshake; H: 'h2' | 'h3' | 'h4' }) {
  const validation = useMemo(() => validateHandshakeRequest(handshake.requestHead), [handshake.requestHead]);
  const key = validation.request.key;
  const accept = /^sec-websocket-accept:[ \t]*(\S+)/im.exec(handshake.responseHead)?.[1];
  return (
    <section className="wn-lab-handshake">
      <details open>
        <summary>
          <H className="wn-lab-title wn-lab-inline-title">Your browser’s upgrade request</H>
        </summary>
        <p className="wn-hint">
          {handshake.exact
            ? 'The exact bytes the lab received'
            : 'Rebuilt from the parsed header lines (the raw bytes were missed)'}
          , from {handshake.remote.address} port {handshake.remote.port}. Every line ends in CR LF; an empty line ends
          the head (RFC 9112 §2.1).
        </p>
        <pre className="wn-lab-head" tabIndex={0} aria-label="Request head">
          {handshake.requestHead.replace(/\r\n/g, '\n').trimEnd()}
        </pre>
        {key !== undefined ? (
          <p>
            Sec-WebSocket-Key <code>{key}</code> → the lab answered Sec-WebSocket-Accept <code>{accept ?? '?'}</code>.{' '}
            <a href={`${sitePath('/tools/accept-key/')}${formatAcceptKeyHash({ input: key, accept: accept ?? '' })}`}>
              Check it step by step
            </a>
            .
          </p>
        ) : null}
        <p className="wn-hint">
          The lab’s answer: <code>{handshake.responseHead.split('\r\n')[0]}</code>.
        </p>
        {handshake.extension !== undefined ? (
          <p className="wn-hint" data-extension>
            Extension accepted: <code>{handshake.extension}</code>. Messages whose first frame has RSV1 set are
            compressed with DEFLATE (RFC 7692 §6); the lab inflates them and reports what came out.
          </p>
        ) : null}
      </details>
    </section>
  );
}

const EntryView = memo(function EntryView({ entry }: { entry: Entry }) {
  switch (entry.kind) {
    case 'client-frame':
      return (
        <li className="wn-lab-entry is-client" data-entry="client-frame">
          <ClientFrame entry={entry} />
        </li>
      );
    case 'server-message':
      return (
        <li className="wn-lab-entry is-server" data-entry="server-message">
          <ServerMessage entry={entry} />
        </li>
      );
    case 'server-frame':
      return (
        <li className="wn-lab-entry is-server" data-entry="server-frame">
          <ServerControlFrame entry={entry} />
        </li>
      );
    case 'command-error':
      return (
        <li className="wn-lab-entry is-note is-error" data-entry="command-error">
          <NoteTag>lab</NoteTag>
          The lab refused the {entry.report.command === '' ? '' : `“${entry.report.command}” `}command:{' '}
          {entry.report.message}
        </li>
      );
    case 'violation':
      return (
        <li className="wn-lab-entry is-violation" data-entry="violation">
          <ViolationList
            violations={[{ ...entry.report, id: entry.report.id as ViolationId }]}
            intro={`The lab found a broken rule and closes the connection with ${entry.report.code}:`}
          />
        </li>
      );
    case 'sent':
      // The reader's own Close is a frame on the wire like any other, but the lab's report of its bytes never
      // reaches the page: once close() is called the page gets no more messages (WHATWG WebSockets, "a WebSocket
      // message has been received": only while OPEN). So it gets a frame row of its own, from what was asked.
      if (entry.close === true) {
        return (
          <li className="wn-lab-entry is-client" data-entry="sent-close">
            <article className="wn-lab-frame" aria-label="Close frame from your browser">
              <p className="wn-lab-frame-title">
                <span className="wn-lab-arrow" aria-hidden="true">
                  →
                </span>{' '}
                <strong>Browser → lab: {entry.text.replace(/\.$/, '')}</strong>
              </p>
              <p className="wn-hint">
                Your browser sends this Close frame when the page calls close() (RFC 6455 §5.5.1); the lab’s report of
                its bytes cannot reach the page, which gets no messages once it has started closing.
              </p>
            </article>
          </li>
        );
      }
      return (
        <li className="wn-lab-entry is-note" data-entry="sent">
          <NoteTag>page</NoteTag>
          The page asked the browser to send: {entry.text}
        </li>
      );
    case 'info':
      return (
        <li className="wn-lab-entry is-note" data-entry="info">
          <NoteTag>connection</NoteTag>
          {entry.text}
        </li>
      );
    case 'closed':
      return (
        <li className="wn-lab-entry is-note" data-entry="closed">
          <NoteTag>connection</NoteTag>
          <CloseLine entry={entry} />
        </li>
      );
    case 'error':
      return (
        <li className="wn-lab-entry is-note is-error" data-entry="error">
          <NoteTag>page</NoteTag>
          {entry.text}
        </li>
      );
  }
});

/** Who wrote a note that is not a frame: the page, the connection or the lab. */
function NoteTag({ children }: { children: string }) {
  return <span className="wn-lab-tag">{children}</span>;
}

/** A frame's row: its one-line title, and its bytes and fields when the reader opens it. */
function FrameRow({ title, children }: { title: ReactNode; children: ReactNode }) {
  return (
    <details className="wn-lab-fold">
      <summary className="wn-lab-frame-title">{title}</summary>
      <div className="wn-lab-fold-body">{children}</div>
    </details>
  );
}

function CloseLine({ entry }: { entry: Extract<Entry, { kind: 'closed' }> }) {
  return (
    <>
      Connection closed: code <code>{entry.code}</code>
      {entry.reason !== '' ? (
        <>
          , reason <q>{entry.reason}</q>
        </>
      ) : null}
      {entry.wasClean
        ? ' — a clean closing handshake.'
        : entry.code === 1006
          ? ' — abnormal: the connection ended without a Close frame (1006 is never sent, the API reports it, RFC 6455 §7.1.5).'
          : ' — not clean: the TCP connection did not end after the closing handshake.'}
    </>
  );
}

function ClientFrame({ entry }: { entry: Extract<Entry, { kind: 'client-frame' }> }) {
  const { report, bytes, decoded } = entry;
  const frame = decoded.frames[0];
  const command = frame !== undefined && isLabCommand(frame);
  return (
    <article
      className={`wn-lab-frame${command ? ' is-command' : ''}`}
      aria-label={`Frame ${report.seq + 1} from your browser`}
    >
      <FrameRow
        title={
          <>
            <span className="wn-lab-arrow" aria-hidden="true">
              →
            </span>{' '}
            {command ? <NoteTag>lab command</NoteTag> : null}
            <strong>
              Browser → lab, frame {report.seq + 1}:{' '}
              {frame !== undefined ? frameSummary(frame) : `${sizeText(report.length)}`}
            </strong>
            <span className="wn-muted">
              {' '}
              · {report.t.toFixed(1)} ms after the upgrade, in {report.reads} socket read
              {report.reads === 1 ? '' : 's'}
            </span>
          </>
        }
      >
        {command ? (
          <p className="wn-hint">
            A text frame like any other on the wire, but addressed to the lab: it reads the command instead of echoing
            it.
          </p>
        ) : null}
        {entry.answersPing !== undefined ? (
          <p className="wn-hint">
            {entry.answersPing
              ? 'Your browser sent this Pong by itself, answering the lab’s Ping with the same application data (RFC 6455 §5.5.3).'
              : 'A Pong whose data differs from the lab’s last Ping: an unsolicited Pong, or the answer to an earlier Ping (RFC 6455 §5.5.3).'}
          </p>
        ) : null}
        <ReportedBytes
          report={report}
          bytes={bytes}
          decoded={decoded}
          label={`frame ${report.seq + 1} from your browser`}
        />
        {entry.inflated !== undefined ? <Inflated message={entry.inflated} /> : null}
      </FrameRow>
    </article>
  );
}

/** A text frame carrying one of the lab's own commands (the ping command), not a message being studied. */
function isLabCommand(frame: Frame): boolean {
  if (frame.opcode !== 0x1 || frame.rsv1) return false;
  return payloadPreview(frame.payload, 40).text?.startsWith('{"lab":') ?? false;
}

/** A compressed message as the lab inflated it: its sizes and its text. */
function Inflated({ message }: { message: InflatedMessage }) {
  return (
    <p className="wn-lab-payload" data-inflated>
      Inflated by the lab (permessage-deflate, RFC 7692 §7.2.2: the payload plus 00 00 ff ff, through DEFLATE):{' '}
      {sizeText(message.compressedLength)} on the wire → {sizeText(message.length)} of{' '}
      {message.opcode === 1 ? 'text' : 'binary'}: <PayloadText bytes={message.payload} total={message.length} />
    </p>
  );
}

/** A frame the lab reported, decoded; a report cut at HEX_LIMIT bytes says so and shows the bytes it has. */
function ReportedBytes({
  report,
  bytes,
  decoded,
  label,
}: {
  report: InspectFrame | InspectServerFrame;
  bytes: Uint8Array;
  decoded: DecodeResult;
  label: string;
}) {
  const frame = decoded.frames[0];
  return (
    <>
      {report.truncated ? <p className="wn-hint">{truncationNote(report.length, bytes.length)}</p> : null}
      {frame !== undefined ? (
        <FrameBody frame={frame} bytes={bytes} label={label} masked={frame.masked} />
      ) : (
        <HexView
          input={bytes}
          start={0}
          end={bytes.length}
          fields={[]}
          highlight={null}
          maxBytes={64}
          label={`Bytes of ${label}`}
        />
      )}
      {decoded.violations.length > 0 ? (
        <ViolationList violations={decoded.violations} intro="The decoder reports:" />
      ) : null}
    </>
  );
}

function ServerMessage({ entry }: { entry: Extract<Entry, { kind: 'server-message' }> }) {
  const reported = entry.frame;
  const kind = entry.opcode === 1 ? 'Text' : 'Binary';
  return (
    <article className="wn-lab-frame" aria-label={`${kind} message from the lab`}>
      <FrameRow
        title={
          <>
            <span className="wn-lab-arrow" aria-hidden="true">
              ←
            </span>{' '}
            <strong>
              Lab → browser: echo, {kind.toLowerCase()} message, {sizeText(entry.length)}
            </strong>
          </>
        }
      >
        {reported !== undefined ? (
          <p className="wn-hint">
            The page gets messages, not frames. These are the bytes the lab wrote to its socket for this one, which it
            reported just before sending it: one final frame, not masked (a server never masks, RFC 6455 §5.1).
            {reported.report.inflated !== undefined
              ? ` RSV1 is set: the payload is the message compressed, ${sizeText(reported.decoded.frames[0]?.payloadLength ?? 0)} for ${sizeText(reported.report.inflated.length)}; your browser inflated it before the page saw it (RFC 7692 §7.2.2).`
              : ''}
          </p>
        ) : (
          <p className="wn-hint">The lab sent no report of this frame’s bytes; the page only sees the message.</p>
        )}
        {reported !== undefined ? (
          <ReportedBytes
            report={reported.report}
            bytes={reported.bytes}
            decoded={reported.decoded}
            label="the lab’s frame"
          />
        ) : null}
        {reported?.decoded.frames[0] === undefined ? (
          <p className="wn-lab-payload">
            <PayloadText bytes={entry.payload} total={entry.length} />
          </p>
        ) : null}
      </FrameRow>
    </article>
  );
}

/** A control frame the lab sent: the page's API never shows it, so the lab's report is all there is. */
function ServerControlFrame({ entry }: { entry: Extract<Entry, { kind: 'server-frame' }> }) {
  const { report, bytes, decoded } = entry;
  const frame = decoded.frames[0];
  return (
    <article className="wn-lab-frame" aria-label={`Frame ${report.seq + 1} from the lab`}>
      <FrameRow
        title={
          <>
            <span className="wn-lab-arrow" aria-hidden="true">
              ←
            </span>{' '}
            <strong>Lab → browser: {frame !== undefined ? frameSummary(frame) : sizeText(report.length)}</strong>
            <span className="wn-muted">
              {' '}
              · {SERVER_FRAME_CAUSES[report.cause]} · {report.t.toFixed(1)} ms after the upgrade
            </span>
          </>
        }
      >
        <ReportedBytes report={report} bytes={bytes} decoded={decoded} label={`frame ${report.seq + 1} from the lab`} />
      </FrameRow>
    </article>
  );
}

function frameSummary(frame: Frame): string {
  const name = opcodeName(frame.opcode);
  return `${name[0]?.toUpperCase() ?? ''}${name.slice(1)}, ${sizeText(frame.payloadLength)}${frame.rsv1 ? ', RSV1 (compressed)' : ''}${frame.masked ? ', masked' : ''}${frame.fin ? '' : ', not final'}`;
}

function FrameBody({
  frame,
  bytes,
  label,
  masked,
}: {
  frame: Frame;
  bytes: Uint8Array;
  label: string;
  masked: boolean;
}) {
  const [highlight, setHighlight] = useState<FieldKey | null>(null);
  const fields = useMemo(() => frameFields(frame, bytes), [frame, bytes]);
  return (
    <div className="wn-lab-frame-body">
      <HexView
        input={bytes}
        start={frame.offset}
        end={frame.offset + frame.headerLength + frame.payloadLength}
        fields={fields}
        highlight={highlight}
        onHighlight={setHighlight}
        maxBytes={frame.headerLength + 128}
        label={`Bytes of ${label}, as on the wire`}
      />
      <p className="wn-lab-payload">
        {masked && frame.maskKey !== undefined ? (
          <>
            Mask key <code>{toHex(frame.maskKey)}</code>; payload unmasked:{' '}
          </>
        ) : (
          'Payload: '
        )}
        {frame.opcode === 0x8 ? (
          <span>
            close code <code>{frame.closeCode ?? 'none'}</code>
            {frame.closeReason ? (
              <>
                , reason <q>{frame.closeReason}</q>
              </>
            ) : null}
          </span>
        ) : (
          <PayloadText bytes={frame.payload} total={frame.payloadLength} />
        )}
      </p>
      <details className="wn-lab-fields">
        <summary>Every header field</summary>
        <FieldList
          fields={fields}
          highlight={highlight}
          onHighlight={setHighlight}
          label={`Header fields of ${label}`}
        />
      </details>
    </div>
  );
}

function PayloadText({ bytes, total }: { bytes: Uint8Array; total: number }) {
  const preview = payloadPreview(bytes, 200);
  const more = total - Math.min(bytes.length, 200);
  if (total === 0) return <span className="wn-muted">(empty)</span>;
  return (
    <>
      {preview.text !== undefined ? <q className="wn-lab-text">{preview.text}</q> : <code>{preview.hex}</code>}
      {more > 0 ? <span className="wn-muted"> … {sizeText(more)} more</span> : null}
    </>
  );
}
