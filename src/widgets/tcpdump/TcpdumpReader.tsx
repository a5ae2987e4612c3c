import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { AnalyzedSegment } from '../../protocol/capture/segments';
import { STATE_MEANING } from '../../protocol/tcp/types';
import { formatInt } from '../../protocol/tcp/format';
import { useHashParams } from '../shared/use-hash-params';
import { ChoiceOptions } from '../shared/form-fields';
import { landmarkName } from '../shared/plot/landmark-name';
import { SequenceDiagram } from '../shared/plot/SequenceDiagram';
import { TableBox, TableHead, type Column } from '../shared/plot/tables';
import { Tip } from '../shared/plot/Tip';
import { CAPTURE_EXAMPLES, exampleById, REFERENCE_HTTP } from './examples';
import {
  arrowLabel,
  badgesFor,
  captureFromHash,
  captureHash,
  connectionTitle,
  diagramDescription,
  diagramRows,
  endpointName,
  MAX_LINK_CHARS,
  NUMBERING_CHOICES,
  numberText,
  readCapture,
  timeText,
  windowText,
  type Numbering,
} from './model';
import '../shared/controls.css';
import '../shared/plot/plot.css';
import './tcpdump.css';

export interface TcpdumpReaderProps {
  /** tcpdump output to start with. Default: the reference article's HTTP connection (or `example`). */
  initial?: string;
  /** Start with one of the built-in examples instead: http, nc, refused, refused-loopback, websocket, sack, broken. */
  example?: string;
  /** How printed seq/ack numbers are read: auto (default), tcpdump, absolute (-S). */
  numbering?: Numbering;
  /** Keep the text in the URL fragment (tool page only; lessons leave their fragment alone). */
  syncHash?: boolean;
  /** Level of the widget's section headings (2 on the tool page, 3 inside a lesson section). Default 3. */
  headingLevel?: 2 | 3 | 4;
  /**
   * Added to the names of the widget's landmarks (default: the title of `example`), so two readers on one
   * page have different names; give one when two start with the same example or with your own lines.
   */
  title?: string;
}

type H = 'h2' | 'h3' | 'h4' | 'h5';

/**
 * Paste tcpdump lines; get every segment explained by the core (explainTcpdump): a table with flags,
 * relative and absolute numbers, payload, raw and scaled window, options; a sequence diagram with both
 * sides' states; badges for what each segment is; and the lines it could not read, with the reason.
 */
export default function TcpdumpReader({
  initial,
  example,
  numbering: initialNumbering = 'auto',
  syncHash = false,
  headingLevel = 3,
  title,
}: TcpdumpReaderProps) {
  const id = useId();
  // Fixed for the page: the landmark keeps its name while the reader loads other lines into it.
  const instance = title ?? (example ? exampleById(example)?.title : undefined);
  const defaultText = initial ?? (example ? exampleById(example)?.text : undefined) ?? REFERENCE_HTTP;
  const [text, setText] = useState(defaultText);
  const [numbering, setNumbering] = useState<Numbering>(initialNumbering);
  const [exampleId, setExampleId] = useState(example ?? (initial === undefined ? 'http' : ''));
  const [selected, setSelected] = useState<number | undefined>(undefined);
  // A segment chosen in the diagram: its details sit below the table, often a screen or more away, so they are
  // brought into view and focused (the diagram's arrows are not focusable themselves).
  const [reveal, setReveal] = useState(0);
  const detailsRef = useRef<HTMLHeadingElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    const heading = detailsRef.current;
    if (reveal === 0 || !heading) return;
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    heading.focus({ preventScroll: true });
    heading.closest('.wn-tcpdump-details')?.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
  }, [reveal]);
  const [connection, setConnection] = useState(0);
  const deferred = useDeferredValue(text);
  const view = useMemo(() => readCapture(deferred, numbering), [deferred, numbering]);

  const hash = captureHash(text, numbering, defaultText);
  useHashParams(
    syncHash,
    { cap: hash.cap, num: hash.num, seg: selected !== undefined ? String(selected + 1) : undefined },
    (params) => {
      const fromHash = captureFromHash(params);
      if (fromHash.text !== undefined) {
        setText(fromHash.text);
        setExampleId('');
      }
      // A link may name the segment to show (the capture reader's per-packet links do).
      setSelected(fromHash.segment !== undefined ? fromHash.segment - 1 : undefined);
      if (fromHash.numbering) setNumbering(fromHash.numbering);
    },
  );

  const Hx = `h${headingLevel}` as H;
  const Hy = `h${Math.min(headingLevel + 1, 5)}` as H;
  const conn = Math.min(connection, Math.max(0, view.connections.length - 1));
  const connInfo = view.connections[conn];
  const rows = useMemo(() => diagramRows(view, conn), [view, conn]);
  const connSegments = view.segments.filter((s) => s.connection === conn);
  const sel = selected !== undefined ? view.segments[selected] : undefined;
  const problems = [
    ...view.errors.map((e) => ({ ...e, type: 'error' as const })),
    ...view.skipped.map((e) => ({ ...e, type: 'skipped' as const })),
  ].sort((a, b) => a.line - b.line);
  const exampleInfo = exampleById(exampleId);

  const loadExample = (eid: string) => {
    setExampleId(eid);
    const ex = exampleById(eid);
    if (ex) {
      setText(ex.text);
      setSelected(undefined);
      setConnection(0);
    }
  };

  return (
    <section ref={sectionRef} className="wn-tool wn-tcpdump" aria-label={landmarkName('tcpdump reader', instance)}>
      <div className="wn-tcpdump-input">
        <div className="wn-tcpdump-examples">
          <label htmlFor={`${id}-ex`}>Example</label>
          <select id={`${id}-ex`} value={exampleId} onChange={(e) => loadExample(e.target.value)}>
            <ChoiceOptions choices={EXAMPLE_CHOICES} emptyChoice="Your own lines" />
          </select>
          <p className="wn-hint">
            {exampleInfo ? exampleInfo.source : 'Paste lines printed by tcpdump, e.g. sudo tcpdump -i lo -n port 8788.'}
          </p>
        </div>
        <label htmlFor={`${id}-text`}>tcpdump output</label>
        <textarea
          id={`${id}-text`}
          className="wn-mono wn-tcpdump-text"
          rows={8}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          value={text}
          aria-describedby={`${id}-status`}
          aria-invalid={view.errors.length > 0 ? true : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setExampleId('');
          }}
        />
        <div className="wn-tcpdump-options">
          <label htmlFor={`${id}-num`}>Sequence numbers</label>
          <select id={`${id}-num`} value={numbering} onChange={(e) => setNumbering(e.target.value as Numbering)}>
            <ChoiceOptions choices={NUMBERING_CHOICES} />
          </select>
          <p className="wn-hint">{NUMBERING_CHOICES.find((c) => c.id === numbering)?.hint}</p>
        </div>
        <p id={`${id}-status`} className="wn-tcpdump-status" aria-live="polite">
          {statusText(view.segments.length, view.errors.length, view.skipped.length, view.nonEmptyLines)}
        </p>
        {syncHash && (
          <p className={`wn-hint${hash.tooLong ? ' wn-bad' : ''}`}>
            {hash.tooLong
              ? `This capture is too long to keep in the link (${formatInt(hash.length)} characters; a link holds up to ${formatInt(MAX_LINK_CHARS)}). Share the text itself instead.`
              : 'The link in the address bar holds these lines, so you can bookmark or share what you see.'}
          </p>
        )}
      </div>

      {problems.length > 0 && (
        <div className={`wn-tcpdump-problems${view.errors.length ? ' has-errors' : ''}`}>
          <Hx className="wn-tcpdump-h">Lines not read</Hx>
          <ul>
            {problems.map((p) => (
              <li key={`${p.type}-${p.line}`} className={p.type === 'error' ? 'is-error' : 'is-skipped'}>
                <span className={`wn-kind ${p.type === 'error' ? 'tone-danger' : 'tone-muted'}`}>
                  {p.type === 'error' ? 'unreadable' : 'skipped'}
                </span>{' '}
                <strong>
                  Line {p.line}
                  {p.type === 'error' && p.column !== undefined ? `, column ${p.column}` : ''}
                </strong>
                : {p.reason}
                <LineSnippet text={p.text} column={p.type === 'error' ? p.column : undefined} />
              </li>
            ))}
          </ul>
        </div>
      )}

      {view.segments.length > 0 && connInfo && (
        <>
          <div className="wn-box wn-tcpdump-conn">
            <Hx className="wn-tcpdump-h">
              {view.connections.length > 1 ? `${view.connections.length} connections` : 'The connection'}
            </Hx>
            {view.connections.length > 1 && (
              <p>
                <label htmlFor={`${id}-conn`}>Connection shown in the diagram </label>
                <select id={`${id}-conn`} value={conn} onChange={(e) => setConnection(Number(e.target.value))}>
                  {view.connections.map((c) => (
                    <option key={c.index} value={c.index}>
                      {c.index + 1}: {connectionTitle(c)}
                    </option>
                  ))}
                </select>
              </p>
            )}
            <dl className="wn-tcpdump-facts">
              <dt>Client</dt>
              <dd>
                <code>{endpointName(connInfo, 'client')}</code>
                {connInfo.clientIsn !== undefined && <> · ISN {connInfo.clientIsn}</>}
                {connInfo.mss.client !== undefined && <> · MSS {formatInt(connInfo.mss.client)}</>}
                {connInfo.clientWscale !== undefined && <> · wscale {connInfo.clientWscale}</>}
              </dd>
              <dt>Server</dt>
              <dd>
                <code>{endpointName(connInfo, 'server')}</code>
                {connInfo.serverIsn !== undefined && <> · ISN {connInfo.serverIsn}</>}
                {connInfo.mss.server !== undefined && <> · MSS {formatInt(connInfo.mss.server)}</>}
                {connInfo.serverWscale !== undefined && <> · wscale {connInfo.serverWscale}</>}
              </dd>
              <dt>Window scaling</dt>
              <dd>
                {connInfo.windowScaling === 'on'
                  ? 'on (both SYNs carry wscale)'
                  : connInfo.windowScaling === 'off'
                    ? 'off'
                    : 'unknown (SYNs not captured)'}
              </dd>
            </dl>
            {(connInfo.why.length > 0 || view.notes.length > 0) && (
              <ul className="wn-notes">
                {[...connInfo.why, ...view.notes].map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            )}
          </div>

          <figure className="wn-tcpdump-figure">
            <SequenceDiagram
              title={`Sequence diagram: ${connectionTitle(connInfo)}`}
              desc={diagramDescription(view, conn)}
              leftName="client"
              rightName="server"
              rows={rows}
              selected={sel && sel.connection === conn ? connSegments.indexOf(sel) : undefined}
              onSelectRow={(i) => {
                setSelected(connSegments[i]?.index);
                setReveal((n) => n + 1);
              }}
            />
            <figcaption>
              Client <code>{endpointName(connInfo, 'client')}</code> on the left, server{' '}
              <code>{endpointName(connInfo, 'server')}</code> on the right; relative numbers; each side’s state is
              written where it changes. Time runs downwards (not to scale). The table below lists every field.
            </figcaption>
          </figure>

          <Hx className="wn-tcpdump-h">Segments</Hx>
          <p className="wn-hint">
            Hover, focus or tap an underlined value for its meaning; choose a segment number for everything about it.
          </p>
          <TableBox label={landmarkName('Segments read from the capture', instance)}>
            <table className="wn-tcpdump-table">
              <TableHead columns={SEGMENT_COLUMNS} />
              <tbody>
                {view.segments.map((s) => (
                  <SegmentRow
                    key={s.index}
                    s={s}
                    multi={view.connections.length > 1}
                    selected={selected === s.index}
                    onSelect={() => setSelected(s.index)}
                  />
                ))}
              </tbody>
            </table>
          </TableBox>
          {sel ? (
            <SegmentDetails
              s={sel}
              H={Hy}
              headingRef={detailsRef}
              onClose={() => {
                // Back to the segment's own button in the table, so focus does not fall to the page's start.
                sectionRef.current?.querySelector<HTMLElement>(`[data-segment="${sel.index}"]`)?.focus();
                setSelected(undefined);
              }}
            />
          ) : (
            <p className="wn-hint">
              No segment chosen: choose a number in the first column to see everything the reader knows about it.
            </p>
          )}
        </>
      )}
      {view.segments.length === 0 && (
        <p className="wn-note is-warn">
          {text.trim() === ''
            ? 'Paste tcpdump output above, or pick an example.'
            : 'No TCP segment could be read from these lines (see above).'}
        </p>
      )}
    </section>
  );
}

const EXAMPLE_CHOICES = CAPTURE_EXAMPLES.map((ex) => ({ id: ex.id, label: ex.title }));

const SEGMENT_COLUMNS: readonly Column[] = [
  { label: '#' },
  { label: 'Time' },
  { label: 'Direction' },
  { label: 'Flags' },
  { label: 'Seq (relative / absolute)', num: true },
  { label: 'Ack (relative / absolute)', num: true },
  { label: 'Payload', num: true },
  { label: 'Window (field → bytes)', num: true },
  { label: 'Options' },
  { label: 'Kind' },
];

function statusText(segments: number, errors: number, skipped: number, lines: number): string {
  const parts = [`${segments} segment${segments === 1 ? '' : 's'} read from ${lines} line${lines === 1 ? '' : 's'}`];
  if (errors) parts.push(`${errors} line${errors === 1 ? '' : 's'} not readable`);
  if (skipped) parts.push(`${skipped} skipped (not TCP)`);
  return `${parts.join('; ')}.`;
}

function LineSnippet({ text, column }: { text: string; column?: number | undefined }) {
  if (column === undefined || column < 1 || column > text.length + 1) {
    return (
      <code className="wn-tcpdump-line" title={text}>
        {text}
      </code>
    );
  }
  // Show a window around the column so the mark is visible on a phone.
  const at = column - 1;
  const start = Math.max(0, at - 40);
  const end = Math.min(text.length, at + 40);
  return (
    <code className="wn-tcpdump-line">
      {start > 0 ? '…' : ''}
      {text.slice(start, at)}
      <mark className="wn-bad-char">{text[at] ?? '⏎'}</mark>
      {text.slice(at + 1, end)}
      {end < text.length ? '…' : ''}
    </code>
  );
}

function NumberCell({ n }: { n: AnalyzedSegment['seq'] }) {
  const t = numberText(n);
  return (
    <>
      <span className="wn-rel">{t.main}</span>
      {t.sub !== undefined && <span className="wn-abs">{t.sub}</span>}
      {t.readAs === 'inferred' && <span className="wn-abs">(not printed)</span>}
    </>
  );
}

function SegmentRow({
  s,
  selected,
  onSelect,
  multi,
}: {
  s: AnalyzedSegment;
  selected: boolean;
  onSelect: () => void;
  multi: boolean;
}) {
  const win = windowText(s);
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <th scope="row">
        <button
          type="button"
          className="wn-rowbtn"
          aria-pressed={selected}
          data-segment={s.index}
          onClick={onSelect}
          aria-label={`Segment ${s.index + 1} (line ${s.line}): details`}
        >
          {s.index + 1}
        </button>
      </th>
      <td className="num">{timeText(s.time)}</td>
      <td className="wn-dir">
        {multi && <span className="wn-abs">conn {s.connection + 1} </span>}
        {s.from === 'client' ? 'client → server' : 'server → client'}
      </td>
      <td className="wn-flags">
        {s.flags.length === 0 ? (
          <span className="wn-muted">none</span>
        ) : (
          s.flags.map((f, k) => (
            <span key={f.name}>
              {k > 0 && ' '}
              <Tip tip={`${f.meaning} (${f.rule})`}>{f.name}</Tip>
            </span>
          ))
        )}
      </td>
      <td className="num mono">
        <NumberCell n={s.seq} />
      </td>
      <td className="num mono">
        <NumberCell n={s.ack} />
      </td>
      <td className="num">{s.payloadBytes}</td>
      <td className="num">
        {s.window ? (
          <Tip tip={s.window.why}>
            {win.raw}
            {win.scaled !== undefined && <> → {win.scaled}</>}
          </Tip>
        ) : (
          '—'
        )}
      </td>
      <td className="wn-opts">
        {s.options.length === 0 ? (
          <span className="wn-muted">—</span>
        ) : (
          <Tip
            tip={
              <span className="wn-tip-list">
                {s.options
                  .filter((o) => o.kind !== 'nop')
                  .map((o, k) => (
                    <span key={k} className="wn-tip-item">
                      <strong>{o.text}</strong>: {o.explanation}
                    </span>
                  ))}
              </span>
            }
          >
            {s.options
              .filter((o) => o.kind !== 'nop' && o.kind !== 'eol')
              .map((o) => (o.kind === 'ts' ? 'TS' : o.text))
              .join(', ') || 'nop'}
          </Tip>
        )}
      </td>
      <td>
        {badgesFor(s.kinds).map((b) => (
          <span key={b.kind} className={`wn-kind tone-${b.tone}`}>
            {b.label}
          </span>
        ))}
      </td>
    </tr>
  );
}

function SegmentDetails({
  s,
  H,
  headingRef,
  onClose,
}: {
  s: AnalyzedSegment;
  H: H;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onClose: () => void;
}) {
  const seq = numberText(s.seq);
  const ack = numberText(s.ack);
  return (
    <div className="wn-box wn-tcpdump-details" aria-live="polite">
      <div className="wn-tcpdump-details-head">
        <H className="wn-tcpdump-h" ref={headingRef} tabIndex={-1}>
          Segment {s.index + 1} (line {s.line}): {s.label}
        </H>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p className="wn-mono">{arrowLabel(s)}</p>
      <dl className="wn-tcpdump-facts">
        <dt>Direction</dt>
        <dd>{s.direction}</dd>
        <dt>Time</dt>
        <dd>
          {timeText(s.time)} after the first segment
          {s.delta !== undefined ? `, ${timeText(s.delta)} after the previous one` : ''}
        </dd>
        <dt>Flags</dt>
        <dd>
          {s.flags.length === 0 ? (
            'none'
          ) : (
            <ul className="wn-notes">
              {s.flags.map((f) => (
                <li key={f.name}>
                  <strong>{f.name}</strong> (<code>{f.tcpdumpLetter}</code>): {f.meaning}{' '}
                  <span className="wn-muted">{f.rule}</span>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Sequence number</dt>
        <dd>
          {s.seq ? (
            <>
              relative {seq.main}, absolute {seq.sub ?? '?'} — {readAsText(s.seq)}; it occupies {s.seqSpace} sequence
              number{s.seqSpace === 1 ? '' : 's'}
              {s.seqEnd?.relative !== undefined && <> (next: relative {s.seqEnd.relative})</>}.
            </>
          ) : (
            'not shown'
          )}
        </dd>
        <dt>Acknowledgment</dt>
        <dd>
          {s.ack ? (
            <>
              relative {ack.main}, absolute {ack.sub ?? '?'} — {readAsText(s.ack)}.
            </>
          ) : (
            'no ACK flag: the field is not valid'
          )}
        </dd>
        <dt>Payload</dt>
        <dd>
          {s.payloadWhy}
          {s.payloadText && (
            <>
              {' '}
              tcpdump’s guess at the content: <code>{s.payloadText}</code>
            </>
          )}
        </dd>
        <dt>Window</dt>
        <dd>{s.window ? s.window.why : 'not shown'}</dd>
        {s.options.length > 0 && (
          <>
            <dt>Options{s.tcpHeaderBytes !== undefined ? ` (TCP header: ${s.tcpHeaderBytes} bytes)` : ''}</dt>
            <dd>
              <ul className="wn-notes">
                {s.options.map((o, k) => (
                  <li key={k}>
                    <code>{o.text}</code>
                    {o.size !== undefined ? ` (${o.size} byte${o.size === 1 ? '' : 's'})` : ''}: {o.explanation}{' '}
                    <span className="wn-muted">{o.rule}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
        <dt>States after it</dt>
        <dd>
          client <StateName state={s.stateAfter.client} />, server <StateName state={s.stateAfter.server} />
        </dd>
      </dl>
      <p className="wn-tcpdump-kinds">
        {badgesFor(s.kinds).map((b) => (
          <span key={b.kind} className={`wn-kind tone-${b.tone}`}>
            {b.label}
          </span>
        ))}
      </p>
      <ul className="wn-notes">
        {s.why.map((w, k) => (
          <li key={k}>{w}</li>
        ))}
      </ul>
    </div>
  );
}

function StateName({ state }: { state: keyof typeof STATE_MEANING }): ReactNode {
  return <Tip tip={STATE_MEANING[state]}>{state}</Tip>;
}

function readAsText(n: NonNullable<AnalyzedSegment['seq']>): string {
  if (n.readAs === 'inferred') return 'tcpdump did not print it; it follows from the segments before';
  return `tcpdump printed ${n.printed}, read as ${n.readAs}`;
}
