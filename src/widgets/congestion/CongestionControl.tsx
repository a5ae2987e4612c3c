import { memo, useEffect, useId, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { simulateCubic as SimulateCubic } from '../../protocol/tcp/cubic';
import type { LossKind, RenoRound, RenoRun } from '../../protocol/tcp/reno';
import { formatInt, formatMs } from '../../protocol/tcp/format';
import { readHashParams } from '../shared/hash-params';
import { useHashParams } from '../shared/use-hash-params';
import { BottomAxis, LeftAxis } from '../shared/plot/axes';
import { ListEntry, nextKey, removeEntry, replaceEntry, type EntryEditorProps } from '../shared/plot/entries';
import { messageFor, NumberField, NumberInput, SelectField } from '../shared/form-fields';
import { PlotSvg } from '../shared/plot/PlotSvg';
import { bandAt } from '../shared/plot/scale';
import { TableBox, TableHead, type Column } from '../shared/plot/tables';
import { useLastValid } from '../shared/use-last-valid';
import { useElementWidth } from '../shared/use-width';
import {
  CC_HASH_KEYS,
  ccFormFromHash,
  ccGeometry,
  ccHashString,
  ccHashValues,
  DEFAULT_CC_FORM,
  formToParams,
  IW_CHOICES,
  LOSS_LABEL,
  nextFreeRound,
  PHASE_LABEL,
  runEndMs,
  runReno,
  toggleLossAt,
  type CcForm,
  type IwChoice,
  type LossRow,
} from './model';
import '../shared/controls.css';
import '../shared/plot/plot.css';
import './congestion.css';

export interface CongestionControlProps {
  mss?: number;
  /** 'rfc5681' (default), 'rfc3390', 'rfc6928', 3 or 10 segments. */
  initialWindow?: IwChoice | 3 | 10;
  /** Initial ssthresh in bytes; omit for "arbitrarily high" (the model uses rwnd). */
  ssthresh?: number;
  /** Receive window in bytes. Default 65,535. */
  rwnd?: number;
  rttMs?: number;
  rounds?: number;
  /** Losses to start with. Default: triple duplicate ACK in round 7, timeout in round 18. */
  losses?: Array<{ round: number; kind: LossKind }>;
  /** Start with CUBIC plotted beside Reno. Default false. */
  cubic?: boolean;
  /** Keep the setup in the URL fragment as it changes (a link with it is always offered). Default false. */
  syncHash?: boolean;
}

/**
 * TCP Reno (simulateReno): cwnd and ssthresh per round with the phases shaded, the receive window, and
 * losses the reader places — by clicking a round on the plot, with the keyboard on the plot, or in the
 * list. Each round's `why` from the model is shown for the round under the pointer or focus.
 */
export default function CongestionControl(props: CongestionControlProps) {
  const id = useId();
  // The props give the starting setup only; later prop changes do not reset what the reader changed.
  const [defaults] = useState(() => initialForm(props));
  const [form, setForm] = useState<CcForm>(defaults);
  const [clickKind, setClickKind] = useState<LossKind>('triple-dup-ack');
  const [focusRound, setFocusRound] = useState(0);
  const syncHash = props.syncHash ?? false;

  const result = useMemo(() => runReno(form), [form]);
  // CUBIC's model is loaded the first time the comparison is switched on, so the page does not pay for it before.
  const [cubicSim, setCubicSim] = useState<{ run: typeof SimulateCubic }>();
  const [cubicLoadError, setCubicLoadError] = useState<string>();
  useEffect(() => {
    if (!form.cubic || cubicSim) return;
    let live = true;
    import('../../protocol/tcp/cubic').then(
      (m) => live && setCubicSim({ run: m.simulateCubic }),
      (e: unknown) => live && setCubicLoadError(`Could not load the CUBIC model: ${String(e)}`),
    );
    return () => {
      live = false;
    };
  }, [form.cubic, cubicSim]);
  const cubicResult = useMemo(
    () => (form.cubic && cubicSim ? cubicSim.run(formToParams(form)) : undefined),
    [form, cubicSim],
  );
  const cubicRun = cubicResult?.ok ? cubicResult.value : undefined;
  const run = useLastValid(result.ok ? result.run : undefined);
  const errors = result.ok ? [] : result.errors;

  const readHash = (params: Record<string, string>) => setForm((f) => ccFormFromHash(params, f));
  useHashParams(syncHash, ccHashValues(form, defaults), readHash);
  useEffect(() => {
    // Without syncHash the fragment is still read once, so a shared link reproduces the setup.
    if (syncHash) return;
    const params = readHashParams(location.hash, CC_HASH_KEYS);
    if (Object.keys(params).length) readHash(params);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on mount: later hash changes are the hook's
  }, []);

  const set = (key: Exclude<keyof CcForm, 'losses' | 'iw'>) => (text: string) =>
    setForm((f) => ({ ...f, [key]: text }));
  const setLosses = (fn: (l: LossRow[]) => LossRow[]) => setForm((f) => ({ ...f, losses: fn(f.losses) }));
  const rounds = run?.rounds.length ?? 0;
  const fr = Math.max(0, Math.min(focusRound, rounds - 1));
  const focused = run?.rounds[fr];

  const toggleAt = (round: number) => setLosses((l) => toggleLossAt(l, round, clickKind));
  const lastRound = run?.rounds[run.rounds.length - 1];

  return (
    <section className="wn-tool wn-cc" aria-label="Congestion control (Reno)">
      <fieldset>
        <legend>Parameters</legend>
        <div className="wn-fields">
          <NumberField
            label="MSS"
            unit="bytes"
            value={form.mss}
            onChange={set('mss')}
            error={messageFor(errors, 'mss')}
          />
          <SelectField
            label="Initial window"
            value={form.iw}
            onChange={(iw) => setForm((f) => ({ ...f, iw }))}
            choices={IW_CHOICES}
            note={messageFor(errors, 'initialWindowSegments') ?? run?.initialWindowWhy ?? ''}
          />
          <NumberField
            label="Initial ssthresh"
            unit="bytes"
            value={form.ssthresh}
            onChange={set('ssthresh')}
            error={messageFor(errors, 'initialSsthresh')}
            hint="Empty: arbitrarily high (RFC 5681 §3.1)."
          />
          <NumberField
            label="Receive window (rwnd)"
            unit="bytes"
            value={form.rwnd}
            onChange={set('rwnd')}
            error={messageFor(errors, 'rwnd')}
          />
          <NumberField
            label="Round-trip time"
            unit="ms"
            value={form.rtt}
            onChange={set('rtt')}
            error={messageFor(errors, 'rttMs')}
          />
          <NumberField
            label="Rounds"
            value={form.rounds}
            onChange={set('rounds')}
            error={messageFor(errors, 'rounds')}
          />
        </div>
      </fieldset>

      <fieldset className="wn-cc-losses">
        <legend>Losses</legend>
        {form.losses.length === 0 && <p className="wn-hint">No losses: the window grows until rwnd limits it.</p>}
        <ul>
          {form.losses.map((l, i) => (
            <LossEditor
              key={l.key}
              index={i}
              row={l}
              error={messageFor(errors, `losses[${i}]`)}
              onChange={(next) => setLosses((ls) => replaceEntry(ls, next))}
              onRemove={() => setLosses((ls) => removeEntry(ls, l.key))}
            />
          ))}
        </ul>
        <div className="wn-actions">
          <button
            type="button"
            onClick={() =>
              setLosses((ls) => [
                ...ls,
                { key: nextKey(ls), round: String(nextFreeRound(ls, fr, Math.max(1, rounds))), kind: clickKind },
              ])
            }
          >
            Add a loss
          </button>
          <label htmlFor={`${id}-ck`}>Clicking the plot places</label>
          <select id={`${id}-ck`} value={clickKind} onChange={(e) => setClickKind(e.target.value as LossKind)}>
            <option value="triple-dup-ack">a triple duplicate ACK</option>
            <option value="timeout">a timeout</option>
          </select>
        </div>
      </fieldset>
      {errors.length > 0 && run && (
        <p className="wn-hint wn-bad">Showing the last valid run until the values are fixed.</p>
      )}

      <div className="wn-cc-mode">
        <label>
          <input
            type="checkbox"
            checked={form.cubic ?? false}
            onChange={(e) => setForm((f) => ({ ...f, cubic: e.target.checked }))}
          />{' '}
          Plot CUBIC (RFC 9438) on the same losses
        </label>
        {form.cubic && !cubicSim && !cubicLoadError && <span className="wn-hint"> Loading the CUBIC model…</span>}
        {cubicLoadError && <span className="wn-hint wn-bad"> {cubicLoadError}</span>}
      </div>

      {run && focused && (
        <>
          <Plot
            run={run}
            cubic={cubicRun}
            focus={fr}
            onFocusRound={setFocusRound}
            onToggle={toggleAt}
            clickKind={clickKind}
            describedBy={`${id}-why`}
          >
            {/* What the round under the pointer or focus did, right under the plot (before its legend). */}
            <div id={`${id}-why`} className="wn-box wn-cc-why" aria-live="polite">
              <p className="wn-cc-why-head">
                <strong>Round {focused.round}</strong>{' '}
                <span className={`wn-kind phase-${focused.phase}`}>{PHASE_LABEL[focused.phase]}</span>
                {focused.loss && <span className="wn-kind tone-danger">{LOSS_LABEL[focused.loss]}</span>}
              </p>
              <p className="wn-cc-nums">
                cwnd {formatInt(focused.cwnd)} ({formatInt(focused.cwndSegments)} MSS) · ssthresh{' '}
                {formatInt(focused.ssthresh)} · send window = min(cwnd, rwnd) = {formatInt(focused.sendWindow)} (
                {focused.limitedBy === 'rwnd' ? 'rwnd limits' : 'cwnd limits'}) · sent {formatInt(focused.sent)}
                {focused.retransmitted ? ` (${formatInt(focused.retransmitted)} resent)` : ''} · starts at{' '}
                {formatMs(focused.t)}, RTO {formatMs(focused.rtoMs)}
              </p>
              <p>
                {cubicRun && <strong>Reno: </strong>}
                {focused.why}
              </p>
              {cubicRun?.rounds[fr] && (
                <p className="wn-cc-cubic-why">
                  <strong>CUBIC: </strong>cwnd {formatInt(Math.round(cubicRun.rounds[fr].cwnd))} (
                  {formatInt(Math.round(cubicRun.rounds[fr].cwndSegments * 100) / 100)} MSS) · ssthresh{' '}
                  {formatInt(Math.round(cubicRun.rounds[fr].ssthresh))}. {cubicRun.rounds[fr].why}
                </p>
              )}
            </div>
          </Plot>
          <p className="wn-cc-total">
            After {run.rounds.length} rounds ({formatMs(runEndMs(run))}):{' '}
            {formatInt(lastRound?.bytesDeliveredTotal ?? 0)} bytes delivered,{' '}
            {formatInt(lastRound?.bytesSentTotal ?? 0)} sent
            {cubicRun
              ? ` with Reno; ${formatInt(cubicRun.rounds.at(-1)?.bytesDeliveredTotal ?? 0)} delivered with CUBIC`
              : ''}
            .{' '}
            <a href={ccHashString(form) || '#'} className="wn-cc-link">
              Link to this setup
            </a>
          </p>
          <details className="wn-cc-table">
            <summary>Every round as a table</summary>
            <TableBox label="Rounds">
              <table>
                <TableHead columns={ROUND_COLUMNS} />
                <tbody>
                  {run.rounds.map((r) => (
                    <RoundRow key={r.round} r={r} selected={r.round === fr} />
                  ))}
                </tbody>
              </table>
            </TableBox>
          </details>
        </>
      )}
    </section>
  );
}

const ROUND_COLUMNS: readonly Column[] = [
  { label: 'Round', num: true },
  { label: 'Starts', num: true },
  { label: 'Phase' },
  { label: 'cwnd', num: true },
  { label: 'ssthresh', num: true },
  { label: 'Send window', num: true },
  { label: 'Sent', num: true },
  { label: 'Loss' },
  { label: 'Delivered', num: true },
  { label: 'Why' },
];

/** One row of the rounds table; memoised so moving the focus re-renders two rows, not thirty. */
const RoundRow = memo(function RoundRow({ r, selected }: { r: RenoRound; selected: boolean }) {
  return (
    <tr className={selected ? 'is-selected' : undefined}>
      <th scope="row" className="num">
        {r.round}
      </th>
      <td className="num">{formatMs(r.t)}</td>
      <td>{PHASE_LABEL[r.phase]}</td>
      <td className="num">{formatInt(r.cwnd)}</td>
      <td className="num">{formatInt(r.ssthresh)}</td>
      <td className="num">
        {formatInt(r.sendWindow)}
        {r.limitedBy === 'rwnd' ? ' (rwnd)' : ''}
      </td>
      <td className="num">{formatInt(r.sent)}</td>
      <td>{r.loss ? LOSS_LABEL[r.loss] : ''}</td>
      <td className="num">{formatInt(r.bytesDeliveredTotal)}</td>
      <td className="wn-cc-whycell">{r.why}</td>
    </tr>
  );
});

function initialForm(p: CongestionControlProps): CcForm {
  const f: CcForm = { ...DEFAULT_CC_FORM, losses: DEFAULT_CC_FORM.losses.map((l) => ({ ...l })) };
  if (p.mss !== undefined) f.mss = String(p.mss);
  if (p.initialWindow !== undefined) f.iw = String(p.initialWindow) as IwChoice;
  if (p.ssthresh !== undefined) f.ssthresh = String(p.ssthresh);
  if (p.rwnd !== undefined) f.rwnd = String(p.rwnd);
  if (p.rttMs !== undefined) f.rtt = String(p.rttMs);
  if (p.rounds !== undefined) f.rounds = String(p.rounds);
  if (p.losses) f.losses = p.losses.map((l, i) => ({ key: i + 1, round: String(l.round), kind: l.kind }));
  return f;
}

function LossEditor({
  index,
  row,
  error,
  onChange,
  onRemove,
}: EntryEditorProps<LossRow> & { error: string | undefined }) {
  const id = useId();
  return (
    <ListEntry
      className="wn-cc-loss"
      fieldsClassName="wn-cc-loss-fields"
      msgId={`${id}-m`}
      error={error}
      removeLabel={`Remove loss ${index + 1}`}
      onRemove={onRemove}
    >
      <label htmlFor={`${id}-r`}>Loss {index + 1}: round</label>
      <NumberInput
        id={`${id}-r`}
        inputMode="numeric"
        min={0}
        value={row.round}
        invalid={error !== undefined}
        describedBy={`${id}-m`}
        onChange={(round) => onChange({ ...row, round })}
      />
      <label htmlFor={`${id}-k`} className="wn-visually-hidden">
        Loss {index + 1}: kind
      </label>
      <select id={`${id}-k`} value={row.kind} onChange={(e) => onChange({ ...row, kind: e.target.value as LossKind })}>
        <option value="triple-dup-ack">triple duplicate ACK</option>
        <option value="timeout">timeout</option>
      </select>
    </ListEntry>
  );
}

function Plot({
  run,
  cubic,
  focus,
  onFocusRound,
  onToggle,
  clickKind,
  describedBy,
  children,
}: {
  children?: ReactNode;
  run: RenoRun;
  cubic: RenoRun | undefined;
  focus: number;
  onFocusRound: (r: number) => void;
  onToggle: (r: number) => void;
  clickKind: LossKind;
  describedBy: string;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const g = ccGeometry(run, width, cubic);
  const n = run.rounds.length;
  const onKey = (e: KeyboardEvent) => {
    const to: Record<string, number> = {
      ArrowRight: focus + 1,
      ArrowLeft: focus - 1,
      Home: 0,
      End: n - 1,
      PageUp: focus + 5,
      PageDown: focus - 5,
    };
    if (to[e.key] !== undefined) {
      e.preventDefault();
      onFocusRound(Math.max(0, Math.min(n - 1, to[e.key] as number)));
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onToggle(focus);
    }
  };
  const roundAt = (clientX: number, el: Element) => {
    const box = el.getBoundingClientRect();
    const scale = box.width > 0 ? g.width / box.width : 1;
    return bandAt((clientX - box.left) * scale, g.x0, g.x1, n);
  };
  const fx = g.bandX(focus);
  const losses = run.rounds.filter((r) => r.loss);
  const maxCwnd = Math.max(...run.rounds.map((r) => r.cwndSegments));
  return (
    <figure className="wn-cc-figure">
      <div
        className="wn-plot-box wn-cc-plot"
        ref={ref}
        tabIndex={0}
        role="group"
        aria-roledescription="plot"
        aria-label={`cwnd and ssthresh per round. Left and right arrows choose a round; Enter places or removes a ${LOSS_LABEL[clickKind]} there.`}
        aria-describedby={describedBy}
        onKeyDown={onKey}
      >
        <PlotSvg
          width={g.width}
          height={g.height}
          title="Congestion window and slow-start threshold per round"
          desc={`${n} rounds; Reno's cwnd peaks at ${Math.round(maxCwnd * 100) / 100} segments; ${losses.length} loss${losses.length === 1 ? '' : 'es'}${
            losses.length ? ` (${losses.map((r) => `round ${r.round}: ${LOSS_LABEL[r.loss!]}`).join(', ')})` : ''
          }.${cubic ? ` CUBIC's cwnd on the same losses peaks at ${Math.round(Math.max(...cubic.rounds.map((r) => r.cwndSegments)) * 100) / 100} segments.` : ''} The table under the plot lists every round.`}
          onMouseMove={(e) => {
            const r = roundAt(e.clientX, e.currentTarget);
            if (r !== undefined && r !== focus) onFocusRound(r);
          }}
          onClick={(e) => {
            const r = roundAt(e.clientX, e.currentTarget);
            if (r !== undefined) {
              onFocusRound(r);
              onToggle(r);
            }
          }}
        >
          {run.rounds.map((r) => (
            <rect
              key={r.round}
              className={`cc-band phase-${r.phase}`}
              x={g.bandX(r.round)}
              y={g.y1}
              width={g.bandWidth + 0.5}
              height={g.y0 - g.y1}
            />
          ))}
          <rect className="cc-focus" x={fx} y={g.y1} width={g.bandWidth} height={g.y0 - g.y1} />
          <LeftAxis x={g.x0} y0={g.y0} y1={g.y1} ticks={g.yTicks} at={g.y} gridTo={g.x1} />
          <BottomAxis
            x0={g.x0}
            x1={g.x1}
            y={g.y0}
            ticks={g.xTicks}
            at={(v) => g.bandX(v) + g.bandWidth / 2}
            tickSize={0}
            title="round"
          />
          <text className="axis-title" x={4} y={14}>
            segments (× MSS {formatInt(run.mss)} bytes)
          </text>
          {g.rwndY !== undefined && (
            <g className="cc-rwnd">
              <line x1={g.x0} x2={g.x1} y1={g.rwndY} y2={g.rwndY} />
              <text x={g.x1 - 4} y={g.rwndY - 4} textAnchor="end">
                rwnd
              </text>
            </g>
          )}
          <path className="cc-ssthresh" d={g.ssthreshPath} />
          <path className="cc-cwnd" d={g.cwndPath} />
          {g.otherPath && <path className="cc-cubic" d={g.otherPath} />}
          {g.otherPoints?.map((p) => (
            <rect
              key={p.round}
              className="cc-cubic-point"
              x={p.x - (p.round === focus ? 4 : 2.5)}
              y={p.y - (p.round === focus ? 4 : 2.5)}
              width={p.round === focus ? 8 : 5}
              height={p.round === focus ? 8 : 5}
            />
          ))}
          {g.points.map((p) => (
            <circle
              key={p.round}
              className={`cc-point${p.round === focus ? ' is-focus' : ''}`}
              cx={p.x}
              cy={p.y}
              r={p.round === focus ? 4.5 : 2.5}
            />
          ))}
          {losses.map((r) => {
            const p = g.points[r.round]!;
            const top = Math.max(g.y1 + 8, p.y - 12);
            return r.loss === 'timeout' ? (
              <path key={r.round} className="cc-loss" d={`M${p.x - 5},${top - 5}l10,10M${p.x + 5},${top - 5}l-10,10`} />
            ) : (
              <path key={r.round} className="cc-loss is-dup" d={`M${p.x - 6},${top - 5}h12l-6,9z`} />
            );
          })}
        </PlotSvg>
      </div>
      {children}
      <figcaption>
        <ul className="wn-cc-legend">
          <li>
            <span className="wn-line cwnd" aria-hidden="true" /> cwnd{cubic ? ' (Reno)' : ''}
          </li>
          {cubic && (
            <li>
              <span className="wn-line cubic" aria-hidden="true" /> cwnd (CUBIC)
            </li>
          )}
          <li>
            <span className="wn-line ssthresh" aria-hidden="true" /> ssthresh
          </li>
          <li>
            <span className="wn-line rwnd" aria-hidden="true" /> rwnd
            {g.rwndY === undefined ? ` (${formatInt(run.rounds[0]?.rwnd ?? 0)} bytes, above the plot)` : ''}
          </li>
          <li>
            <span className="wn-swatch phase-slow-start" aria-hidden="true" /> slow start
          </li>
          <li>
            <span className="wn-swatch phase-congestion-avoidance" aria-hidden="true" /> congestion avoidance
          </li>
          <li>
            <span className="wn-swatch phase-fast-recovery" aria-hidden="true" /> fast recovery
          </li>
          <li>
            <span className="wn-swatch phase-timeout" aria-hidden="true" /> timeout
          </li>
          <li>▼ triple duplicate ACK · ✕ timeout</li>
        </ul>
        One round is one round trip; a round that ends in a timeout lasts one RTO. Hover or focus the plot to read a
        round; click it (or press Enter) to place or remove a loss.
      </figcaption>
    </figure>
  );
}
