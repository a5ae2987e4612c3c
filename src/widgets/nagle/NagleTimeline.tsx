import { useId, useMemo, useState } from 'react';
import type { NagleRun } from '../../protocol/tcp/nagle';
import { formatMs } from '../../protocol/tcp/format';
import { BottomAxis } from '../shared/plot/axes';
import { ListEntry, nextKey, removeEntry, replaceEntry, type EntryEditorProps } from '../shared/plot/entries';
import { messageFor, NumberField, NumberInput, SelectField } from '../shared/form-fields';
import { PlotSvg } from '../shared/plot/PlotSvg';
import { TableBox, TableHead, type Column } from '../shared/plot/tables';
import { useLastValid } from '../shared/use-last-valid';
import { useElementWidth } from '../shared/use-width';
import {
  combinationParams,
  nagleCombinations,
  PRESETS,
  presetForm,
  runNagle,
  timelineGeometry,
  TL,
  type NagleForm,
  type NaglePreset,
  type WriteRow,
} from './model';
import '../shared/controls.css';
import '../shared/plot/plot.css';
import './nagle.css';

export interface NagleTimelineProps {
  /** Starting scenario: write-write-read (default), typing, bulk. */
  preset?: NaglePreset;
  /** Client writes instead of the preset's: times (ms) and sizes (bytes). */
  writes?: Array<{ t: number; bytes: number }>;
  rttMs?: number;
  mss?: number;
  nagle?: boolean;
  delayedAck?: boolean;
  /** Delayed-ACK timer (ms). Default 40 (Linux); Windows uses 200, macOS 100–200, FreeBSD 40. */
  delayedAckMs?: number;
  /** The server's answer in bytes, sent once the whole request is in; null for none. */
  responseBytes?: number | null;
  /** Show the four-combination summary of write-write-read. Default true. */
  showCombinations?: boolean;
}

/**
 * Nagle's algorithm and delayed ACK on a two-lane timeline (simulateNagle): the client's writes, each
 * segment and ACK as a slanted line, how long Nagle held each write and how long each side delayed its
 * ACK, the latency every write sees; and the write-write-read round under all four settings.
 */
export default function NagleTimeline(props: NagleTimelineProps) {
  const [preset, setPreset] = useState<NaglePreset | ''>(props.writes ? '' : (props.preset ?? 'write-write-read'));
  const [form, setForm] = useState<NagleForm>(() => initialForm(props));
  const result = useMemo(() => runNagle(form), [form]);
  const run = useLastValid(result.ok ? result.run : undefined);
  const errors = result.ok ? [] : result.errors;
  const combosNow = useMemo(() => nagleCombinations(combinationParams(form)), [form]);
  const combos = useLastValid(combosNow.ok ? combosNow.rows : undefined);
  const story = PRESETS.find((p) => p.id === preset)?.story;

  const set = (key: 'rtt' | 'mss' | 'delayedAckMs' | 'response') => (text: string) =>
    setForm((f) => ({ ...f, [key]: text }));
  const setWrites = (fn: (w: WriteRow[]) => WriteRow[]) => {
    setPreset('');
    setForm((f) => ({ ...f, writes: fn(f.writes) }));
  };
  const first = run?.writes[0]?.t ?? 0;

  return (
    <section className="wn-tool wn-nagle" aria-label="Nagle and delayed ACK timeline">
      <div className="wn-nagle-top">
        <SelectField
          label="Scenario"
          value={preset}
          onChange={(v) => {
            setPreset(v);
            if (v)
              setForm((f) => presetForm(v, { nagle: f.nagle, delayedAck: f.delayedAck, delayedAckMs: f.delayedAckMs }));
          }}
          choices={PRESET_CHOICES}
          emptyChoice="Your own writes"
        />
        <div className="wn-choices wn-nagle-switches">
          <label>
            <input
              type="checkbox"
              checked={form.nagle}
              onChange={(e) => setForm((f) => ({ ...f, nagle: e.target.checked }))}
            />
            Nagle’s algorithm (off = TCP_NODELAY)
          </label>
          <label>
            <input
              type="checkbox"
              checked={form.delayedAck}
              onChange={(e) => setForm((f) => ({ ...f, delayedAck: e.target.checked }))}
            />
            Delayed ACK
          </label>
        </div>
      </div>
      {/* What the switches just did, directly under them. */}
      {run && (
        <p className="wn-box wn-nagle-result" aria-live="polite">
          {run.responseCompleteAt !== undefined ? (
            <>
              <strong>read() returns after {formatMs(run.responseCompleteAt - first)}</strong> (the whole answer is in
              at {formatMs(run.responseCompleteAt)}).
            </>
          ) : run.requestCompleteAt !== undefined ? (
            <>The whole request is at the server at {formatMs(run.requestCompleteAt)}.</>
          ) : (
            <>No answer is expected.</>
          )}
        </p>
      )}
      {story && <p className="wn-note">{story}</p>}
      <div className="wn-fields">
        <NumberField
          label="Round-trip time"
          unit="ms"
          value={form.rtt}
          onChange={set('rtt')}
          error={messageFor(errors, 'rttMs')}
        />
        <NumberField
          label="Delayed-ACK timer"
          unit="ms"
          value={form.delayedAckMs}
          onChange={set('delayedAckMs')}
          error={messageFor(errors, 'delayedAckMs')}
          hint="Linux 40 to 200 (it adapts), macOS 100 to 200, Windows 200, FreeBSD 40."
        />
        <NumberField
          label="MSS"
          unit="bytes"
          value={form.mss}
          onChange={set('mss')}
          error={messageFor(errors, 'mss')}
        />
        <NumberField
          label="Server answers with"
          unit="bytes"
          value={form.response}
          onChange={set('response')}
          error={messageFor(errors, 'response')}
          hint="Once the whole request is in. Empty: no answer."
        />
      </div>
      <fieldset className="wn-nagle-writes">
        <legend>The client application’s writes</legend>
        {errors.some((e) => e.field === 'writes') && (
          <p className="wn-field-msg is-error">{errors.find((e) => e.field === 'writes')?.message}</p>
        )}
        <ol>
          {form.writes.map((w, i) => (
            <WriteEditor
              key={w.key}
              index={i}
              row={w}
              tError={messageFor(errors, `writes[${i}].t`)}
              bytesError={messageFor(errors, `writes[${i}].bytes`)}
              onChange={(next) => setWrites((ws) => replaceEntry(ws, next))}
              onRemove={() => setWrites((ws) => removeEntry(ws, w.key))}
            />
          ))}
        </ol>
        <button
          type="button"
          onClick={() =>
            setWrites((ws) => {
              const last = ws[ws.length - 1];
              const t = last ? (Number(last.t) || 0) + 10 : 0;
              return [...ws, { key: nextKey(ws), t: String(t), bytes: '100' }];
            })
          }
        >
          Add a write
        </button>
      </fieldset>
      {errors.length > 0 && run && (
        <p className="wn-hint wn-bad">Showing the last valid run until the values are fixed.</p>
      )}

      {run && (
        <>
          <Timeline run={run} />
          <TableBox label="Latency of each write">
            <table>
              <caption className="wn-visually-hidden">What each write waited for</caption>
              <TableHead columns={WRITE_COLUMNS} />
              {run.writes.map((w) => (
                <tbody key={w.index}>
                  <tr>
                    <th scope="row" rowSpan={2}>
                      w{w.index + 1}
                    </th>
                    <td className="num">{formatMs(w.t)}</td>
                    <td className="num">{w.bytes}</td>
                    <td className="num">{w.lastSentAt !== undefined ? formatMs(w.lastSentAt) : '—'}</td>
                    <td className={`num${(w.heldMs ?? 0) > 0 ? ' wn-held' : ''}`}>
                      {w.heldMs !== undefined ? formatMs(w.heldMs) : '—'}
                    </td>
                    <td className="num">{w.ackedAt !== undefined ? formatMs(w.ackedAt) : '—'}</td>
                  </tr>
                  <tr className="wn-nagle-whyrow">
                    <td colSpan={5} className="wn-nagle-why">
                      {w.why}
                    </td>
                  </tr>
                </tbody>
              ))}
            </table>
          </TableBox>
          <details className="wn-nagle-events">
            <summary>Everything that happened, in order</summary>
            <ol>
              {run.events.map((e, i) => (
                <li key={i}>
                  <span className="wn-muted">{formatMs(e.t)}</span> <strong>{e.side}</strong>: {e.text}
                </li>
              ))}
            </ol>
          </details>
        </>
      )}

      {(props.showCombinations ?? true) && combos && (
        <div className={`wn-nagle-combos${combosNow.ok ? '' : ' is-stale'}`}>
          <p className="wn-nagle-combos-title">
            <strong>Write-write-read, all four ways</strong>{' '}
            <span className="wn-muted">
              (RTT {form.rtt || '20'} ms, delayed-ACK timer {form.delayedAckMs || '40'} ms; Nagle off is TCP_NODELAY;
              extra = time beyond one round trip)
            </span>
          </p>
          <TableBox label="Write-write-read under the four settings">
            <table>
              <TableHead columns={COMBINATION_COLUMNS} />
              {combos.map((c) => {
                const current = c.nagle === form.nagle && c.delayedAck === form.delayedAck;
                return (
                  <tbody key={`${c.nagle}-${c.delayedAck}`} className={current ? 'is-current' : undefined}>
                    <tr className={current ? 'is-selected' : undefined}>
                      <td>{c.nagle ? 'on' : 'off'}</td>
                      <td>{c.delayedAck ? 'on' : 'off'}</td>
                      <td className={`num${c.nagle && c.delayedAck ? ' wn-held' : ''}`}>{formatMs(c.totalMs)}</td>
                      <td className="num">{formatMs(c.extraMs)}</td>
                    </tr>
                    <tr className={`wn-nagle-whyrow${current ? ' is-selected' : ''}`}>
                      <td colSpan={4} className="wn-nagle-why">
                        {c.why}
                      </td>
                    </tr>
                  </tbody>
                );
              })}
            </table>
          </TableBox>
        </div>
      )}
    </section>
  );
}

const PRESET_CHOICES = PRESETS.map((p) => ({ id: p.id, label: p.title }));

const WRITE_COLUMNS: readonly Column[] = [
  { label: 'Write' },
  { label: 'At', num: true },
  { label: 'Bytes', num: true },
  { label: 'Leaves at', num: true },
  { label: 'Held', num: true },
  { label: 'ACKed at', num: true },
];

const COMBINATION_COLUMNS: readonly Column[] = [
  { label: 'Nagle' },
  { label: 'Delayed ACK' },
  { label: 'read() after', num: true },
  { label: 'Extra', num: true },
];

function initialForm(p: NagleTimelineProps): NagleForm {
  const f = presetForm(p.preset ?? 'write-write-read');
  if (p.writes) f.writes = p.writes.map((w, i) => ({ key: i + 1, t: String(w.t), bytes: String(w.bytes) }));
  if (p.rttMs !== undefined) f.rtt = String(p.rttMs);
  if (p.mss !== undefined) f.mss = String(p.mss);
  if (p.nagle !== undefined) f.nagle = p.nagle;
  if (p.delayedAck !== undefined) f.delayedAck = p.delayedAck;
  if (p.delayedAckMs !== undefined) f.delayedAckMs = String(p.delayedAckMs);
  if (p.responseBytes === null) f.response = '';
  else if (p.responseBytes !== undefined) f.response = String(p.responseBytes);
  return f;
}

function WriteEditor({
  index,
  row,
  tError,
  bytesError,
  onChange,
  onRemove,
}: EntryEditorProps<WriteRow> & { tError: string | undefined; bytesError: string | undefined }) {
  const id = useId();
  return (
    <ListEntry
      className="wn-nagle-write"
      fieldsClassName="wn-nagle-write-fields"
      msgId={`${id}-m`}
      error={tError ?? bytesError}
      removeLabel={`Remove write ${index + 1}`}
      onRemove={onRemove}
    >
      <label htmlFor={`${id}-t`}>w{index + 1} at</label>
      <NumberInput
        id={`${id}-t`}
        min={0}
        value={row.t}
        invalid={tError !== undefined}
        describedBy={`${id}-m`}
        onChange={(t) => onChange({ ...row, t })}
      />
      <span className="wn-unit">ms,</span>
      <label htmlFor={`${id}-b`} className="wn-visually-hidden">
        w{index + 1} bytes
      </label>
      <NumberInput
        id={`${id}-b`}
        inputMode="numeric"
        min={1}
        value={row.bytes}
        invalid={bytesError !== undefined}
        describedBy={`${id}-m`}
        onChange={(bytes) => onChange({ ...row, bytes })}
      />
      <span className="wn-unit">bytes</span>
    </ListEntry>
  );
}

function Timeline({ run }: { run: NagleRun }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const g = timelineGeometry(run, width);
  const holds = g.bars.filter((b) => b.kind === 'nagle');
  const delays = g.bars.filter((b) => b.kind === 'delayed-ack');
  const desc = `${run.segments.length} segments over ${formatMs(g.end)}: ${run.segments.filter((s) => s.kind === 'data').length} carrying data, ${
    run.segments.filter((s) => s.kind === 'ack').length
  } pure ACKs. ${holds.length ? holds.map((b) => b.text).join('; ') : 'Nagle held nothing'}. ${delays.length ? delays.map((b) => b.text).join('; ') : 'No ACK was delayed'}. The tables below list every write and event.`;
  return (
    <figure className="wn-nagle-figure">
      <div className="wn-plot-box" ref={ref}>
        <PlotSvg
          className="wn-nagle-svg"
          width={g.width}
          height={TL.height}
          label={`Timeline of client and server. ${desc}`}
        >
          <text x={4} y={TL.clientY + 4} className="nt-lane-label">
            client
          </text>
          <text x={4} y={TL.serverY + 4} className="nt-lane-label">
            server
          </text>
          <line className="nt-lane" x1={TL.left} x2={g.width - TL.right} y1={TL.clientY} y2={TL.clientY} />
          <line className="nt-lane" x1={TL.left} x2={g.width - TL.right} y1={TL.serverY} y2={TL.serverY} />
          {g.bars.map((b, i) => (
            <rect key={i} className={`nt-bar is-${b.kind}`} x={b.x} y={b.y} width={b.width} height={6}>
              <title>{b.text}</title>
            </rect>
          ))}
          {g.writes.map((w, i) => (
            <g key={i} className="nt-write">
              <path d={`M${w.x},${TL.clientY - 14} v10`} />
              <path d={`M${w.x - 3},${TL.clientY - 8} l3,4 l3,-4`} />
              {w.labelRow >= 0 && (
                <text x={w.x} y={TL.clientY - 18 - w.labelRow * 12} textAnchor="middle">
                  {w.text}
                </text>
              )}
            </g>
          ))}
          {g.segments.map((s, i) => (
            <g key={i} className={`nt-seg is-${s.seg.kind}`}>
              <line x1={s.x1} y1={s.y1} x2={s.x2} y2={s.y2} />
              <circle cx={s.x2} cy={s.y2} r={2.5} />
              {s.label && (
                <text x={s.label.x} y={s.label.y} textAnchor="middle">
                  {s.label.text}
                </text>
              )}
              <title>{`${formatMs(s.seg.t)} → ${formatMs(s.seg.arriveAt)}, ${s.seg.dir}: ${s.seg.why}`}</title>
            </g>
          ))}
          <BottomAxis x0={TL.left} x1={g.width - TL.right} y={TL.axisY} ticks={g.ticks} at={g.x} title="time (ms)" />
        </PlotSvg>
      </div>
      <figcaption>
        <ul className="wn-nagle-legend">
          <li>
            <span className="wn-line data" aria-hidden="true" /> data
          </li>
          <li>
            <span className="wn-line ack" aria-hidden="true" /> pure ACK
          </li>
          <li>
            <span className="wn-swatch is-nagle" aria-hidden="true" /> write held by Nagle
          </li>
          <li>
            <span className="wn-swatch is-delayed-ack" aria-hidden="true" /> ACK being delayed
          </li>
          <li>↓ application write</li>
        </ul>
      </figcaption>
    </figure>
  );
}
