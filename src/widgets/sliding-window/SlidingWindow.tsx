import { useEffect, useId, useMemo, useState } from 'react';
import type { SlidingWindowRun, SwEventKind, SwTick } from '../../protocol/tcp/sliding-window';
import { formatInt } from '../../protocol/tcp/format';
import { BottomAxis, ScaleEnds } from '../shared/plot/axes';
import { messageFor, NumberField } from '../shared/form-fields';
import { PlotSvg } from '../shared/plot/PlotSvg';
import { useLastValid } from '../shared/use-last-valid';
import { linearScale } from '../shared/plot/scale';
import { useElementWidth } from '../shared/use-width';
import {
  DEFAULT_FORM,
  PART_LABEL,
  receiverRects,
  runSlidingWindow,
  senderRects,
  stripGeometry,
  SW_PLOT,
  tickSummary,
  windowSeries,
  type StripPart,
  type SwForm,
} from './model';
import '../shared/controls.css';
import '../shared/plot/plot.css';
import './sliding-window.css';

export interface SlidingWindowProps {
  /** Bytes the sending application writes at tick 0. Default 20,000. */
  totalBytes?: number;
  /** Receive buffer in bytes. Default 8,000. */
  receiveBuffer?: number;
  /** Bytes the receiving application reads per tick. Default 1,000. */
  readRate?: number;
  /** Ticks [from, to) in which the receiving application does not read; null for none. Default {from: 4, to: 16}. */
  pause?: { from: number; to: number } | null;
  /** Maximum segment size. Default 1,000. */
  mss?: number;
  /** Ticks to simulate. Default 40. */
  ticks?: number;
  /** Silly window syndrome avoidance on both sides (RFC 1122 §4.2.3.3–4). Default false. */
  sws?: boolean;
  /** Lose the receiver's window updates (the persist timer's probes rescue the connection). Default false. */
  dropWindowUpdates?: boolean;
  /** Tick shown first. Default 0. */
  tick?: number;
}

const PLAY_MS = 700;

/**
 * Flow control tick by tick (simulateSlidingWindow): the sender's stream split into acknowledged / in
 * flight / usable / not usable, the segments and ACKs on the way, the receiver's buffer and the window
 * it advertises; zero windows and persist-timer probes marked. A tick slider and Play (never automatic).
 */
export default function SlidingWindow(props: SlidingWindowProps) {
  const id = useId();
  const [form, setForm] = useState<SwForm>(() => initialForm(props));
  const [tick, setTick] = useState(props.tick ?? 0);
  const [playing, setPlaying] = useState(false);
  const result = useMemo(() => runSlidingWindow(form), [form]);
  const run = useLastValid(result.ok ? result.run : undefined);
  const errors = result.ok ? [] : result.errors;
  const last = run ? run.ticks.length - 1 : 0;
  const k = Math.max(0, Math.min(tick, last));
  const t = run?.ticks[k];

  useEffect(() => {
    if (!playing) return;
    if (k >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setTick(k + 1), PLAY_MS);
    return () => clearTimeout(timer);
  }, [playing, k, last]);

  const togglePlay = () => {
    if (playing) return setPlaying(false);
    if (k >= last) setTick(0);
    setPlaying(true);
  };
  const field = (key: keyof SwForm) => (text: string) => setForm((f) => ({ ...f, [key]: text }));
  const err = (name: string) => messageFor(errors, name);

  return (
    <section className="wn-tool wn-sw" aria-label="Sliding window">
      <fieldset>
        <legend>Parameters</legend>
        <div className="wn-fields">
          <NumberField
            label="Bytes to send"
            value={form.totalBytes}
            onChange={field('totalBytes')}
            error={err('totalBytes')}
            unit="bytes"
          />
          <NumberField
            label="Receive buffer"
            value={form.receiveBuffer}
            onChange={field('receiveBuffer')}
            error={err('receiveBuffer')}
            unit="bytes"
          />
          <NumberField
            label="Read rate"
            value={form.readRate}
            onChange={field('readRate')}
            error={err('readRate')}
            unit="bytes/tick"
          />
          <NumberField label="MSS" value={form.mss} onChange={field('mss')} error={err('mss')} unit="bytes" />
          <NumberField
            label="Stop reading at tick"
            value={form.pauseFrom}
            onChange={field('pauseFrom')}
            error={err('readPauses[0].from')}
            hint="Empty: never stops."
          />
          <NumberField
            label="Read again from tick"
            value={form.pauseTo}
            onChange={field('pauseTo')}
            error={err('readPauses[0].to') ?? errors.find((e) => e.field === 'readPauses[0]')?.message}
          />
          <NumberField label="Ticks" value={form.ticks} onChange={field('ticks')} error={err('ticks')} />
        </div>
        <div className="wn-choices">
          <label>
            <input
              type="checkbox"
              checked={form.sws}
              onChange={(e) => setForm((f) => ({ ...f, sws: e.target.checked }))}
            />
            Silly window syndrome avoidance
          </label>
          <label>
            <input
              type="checkbox"
              checked={form.dropWindowUpdates}
              onChange={(e) => setForm((f) => ({ ...f, dropWindowUpdates: e.target.checked }))}
            />
            Lose the window updates
          </label>
        </div>
        {errors.length > 0 && run && (
          <p className="wn-hint wn-bad">Showing the last valid run until the values are fixed.</p>
        )}
      </fieldset>

      {run && t && (
        <>
          {/* The stepper and what the step did, side by side on a wide screen, one under the other on a phone. */}
          <div className="wn-cause">
            <div className="wn-stepper">
              <button type="button" onClick={() => setTick(Math.max(0, k - 1))} disabled={k === 0}>
                Previous
              </button>
              <button type="button" aria-pressed={playing} onClick={togglePlay}>
                {playing ? 'Pause' : 'Play'}
              </button>
              <button type="button" onClick={() => setTick(Math.min(last, k + 1))} disabled={k >= last}>
                Next
              </button>
              <label htmlFor={`${id}-tick`} className="wn-sw-ticklabel">
                Tick
              </label>
              <input
                id={`${id}-tick`}
                className="wn-sw-range"
                type="range"
                min={0}
                max={last}
                value={k}
                onChange={(e) => {
                  setPlaying(false);
                  setTick(Number(e.target.value));
                }}
                aria-valuetext={`tick ${k} of ${last}`}
              />
              <output htmlFor={`${id}-tick`}>
                {k} / {last}
              </output>
            </div>
            <div className="wn-sw-events" role="region" aria-label={`What happens in tick ${k}`} tabIndex={0}>
              <p className="wn-sw-title">What happens in tick {k}</p>
              {t.events.length === 0 ? (
                <p className="wn-muted">Nothing: everything waits.</p>
              ) : (
                <ul>
                  {t.events.map((e, i) => (
                    <li key={i}>
                      <span className={`wn-kind tone-${EVENT_TONE[e.kind]}`}>{EVENT_LABEL[e.kind]}</span> {e.text}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          </div>
          <Strips run={run} t={t} />
          <WindowChart run={run} tick={k} onTick={(n) => setTick(n)} />
          <p className="wn-visually-hidden" aria-live={playing ? 'off' : 'polite'}>
            {tickSummary(t)}
          </p>
          <div className="wn-sw-panels">
            <div className="wn-box">
              <p className="wn-sw-title">Sender</p>
              <dl className="wn-sw-dl">
                <dt>written by the application</dt>
                <dd>{formatInt(t.sender.written)}</dd>
                <dt>acknowledged (SND.UNA)</dt>
                <dd>{formatInt(t.sender.acked)}</dd>
                <dt>sent (SND.NXT)</dt>
                <dd>{formatInt(t.sender.sent)}</dd>
                <dt>window (SND.WND)</dt>
                <dd className={t.sender.window === 0 ? 'wn-bad' : undefined}>
                  {formatInt(t.sender.window)}
                  {t.sender.window === 0 ? ' — zero window' : ''}
                </dd>
                <dt>in flight</dt>
                <dd>{formatInt(t.sender.inFlight)}</dd>
                <dt>waiting outside the window</dt>
                <dd>{formatInt(t.sender.notUsable)}</dd>
              </dl>
            </div>
            <div className="wn-box">
              <p className="wn-sw-title">Receiver</p>
              <dl className="wn-sw-dl">
                <dt>received in order (RCV.NXT)</dt>
                <dd>{formatInt(t.receiver.received)}</dd>
                <dt>read by the application</dt>
                <dd>{formatInt(t.receiver.read)}</dd>
                <dt>in the buffer</dt>
                <dd>
                  {formatInt(t.receiver.buffered)} of {formatInt(t.receiver.capacity)}
                </dd>
                <dt>advertised window</dt>
                <dd className={t.receiver.advertised === 0 ? 'wn-bad' : undefined}>
                  {formatInt(t.receiver.advertised)}
                </dd>
              </dl>
            </div>
            <div className="wn-box">
              <p className="wn-sw-title">Whole run</p>
              <dl className="wn-sw-dl">
                <dt>ticks with a zero window</dt>
                <dd>{run.zeroWindowTicks}</dd>
                <dt>window probes sent</dt>
                <dd>{run.probesSent}</dd>
                <dt>all bytes read at tick</dt>
                <dd>{run.completedAtTick ?? 'not within the run'}</dd>
              </dl>
            </div>
          </div>
        </>
      )}
    </section>
  );
}

const EVENT_LABEL: Readonly<Record<SwEventKind, string>> = {
  write: 'write',
  send: 'send',
  arrive: 'arrive',
  'ack-sent': 'ACK',
  'ack-arrive': 'ACK arrives',
  read: 'read',
  'zero-window': 'zero window',
  'window-update': 'window update',
  'window-update-lost': 'update lost',
  'persist-timer': 'persist timer',
  probe: 'probe',
  'sws-wait': 'SWS wait',
};
const EVENT_TONE: Readonly<Record<SwEventKind, 'accent' | 'ok' | 'warn' | 'danger' | 'muted'>> = {
  write: 'muted',
  send: 'accent',
  arrive: 'accent',
  'ack-sent': 'ok',
  'ack-arrive': 'ok',
  read: 'muted',
  'zero-window': 'danger',
  'window-update': 'ok',
  'window-update-lost': 'danger',
  'persist-timer': 'warn',
  probe: 'warn',
  'sws-wait': 'warn',
};

function initialForm(p: SlidingWindowProps): SwForm {
  const f: SwForm = { ...DEFAULT_FORM };
  if (p.totalBytes !== undefined) f.totalBytes = String(p.totalBytes);
  if (p.receiveBuffer !== undefined) f.receiveBuffer = String(p.receiveBuffer);
  if (p.readRate !== undefined) f.readRate = String(p.readRate);
  if (p.mss !== undefined) f.mss = String(p.mss);
  if (p.ticks !== undefined) f.ticks = String(p.ticks);
  if (p.pause === null) {
    f.pauseFrom = '';
    f.pauseTo = '';
  } else if (p.pause) {
    f.pauseFrom = String(p.pause.from);
    f.pauseTo = String(p.pause.to);
  }
  if (p.sws !== undefined) f.sws = p.sws;
  if (p.dropWindowUpdates !== undefined) f.dropWindowUpdates = p.dropWindowUpdates;
  return f;
}

const PART_CLASS: Readonly<Record<StripPart, string>> = {
  acked: 'p-acked',
  'in-flight': 'p-flight',
  usable: 'p-usable',
  'not-usable': 'p-wait',
  unwritten: 'p-unwritten',
  read: 'p-acked',
  buffered: 'p-flight',
  window: 'p-window',
  beyond: '',
};

function clampText(x: number, text: string, width: number, left: number): number {
  const w = text.length * 6.2;
  return Math.max(left + w / 2, Math.min(width - 4 - w / 2, x));
}

/** The two strips on one byte axis, with what is on the network between them. */
function Strips({ run, t }: { run: SlidingWindowRun; t: SwTick }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const g = stripGeometry(run, width);
  const x = g.x;
  const L = SW_PLOT.left;
  const sRects = senderRects(t.sender, run.totalBytes, x);
  const rRects = receiverRects(t.receiver, x);
  const sw = { x1: x(t.sender.acked), x2: x(t.sender.windowEnd) };
  const rw = { x1: x(t.receiver.received), x2: x(t.receiver.received + t.receiver.advertised) };
  const zero = t.sender.window === 0;
  const sLabel = zero ? 'zero window' : `send window ${formatInt(t.sender.window)}`;
  const rLabel = t.receiver.advertised === 0 ? 'advertises 0' : `advertised ${formatInt(t.receiver.advertised)}`;
  const legend: StripPart[] = ['acked', 'in-flight', 'usable', 'not-usable', 'unwritten'];
  return (
    <figure className="wn-sw-figure">
      <div className="wn-plot-box" ref={ref}>
        <PlotSvg
          className="wn-sw-svg"
          width={g.width}
          height={SW_PLOT.height}
          label={`Byte stream at tick ${t.tick}. ${tickSummary(t)}`}
        >
          <text x={4} y={48} className="sw-row-label">
            sender
          </text>
          <text x={4} y={100} className="sw-row-label">
            network
          </text>
          <text x={4} y={150} className="sw-row-label">
            receiver
          </text>
          {/* Send window bracket */}
          <g className={`sw-bracket${zero ? ' is-zero' : ''}`}>
            <path d={`M${sw.x1},30 v-6 H${Math.max(sw.x2, sw.x1 + 1)} v6`} />
            <text x={clampText((sw.x1 + sw.x2) / 2, sLabel, g.width, L)} y={18} textAnchor="middle">
              {sLabel}
            </text>
          </g>
          {sRects.map((r) => (
            <rect key={r.part} className={`sw-part ${PART_CLASS[r.part]}`} x={r.x} y={34} width={r.width} height={24}>
              <title>{`${PART_LABEL[r.part]}: bytes ${r.from}–${r.to - 1}`}</title>
            </rect>
          ))}
          <rect className="sw-outline" x={x(0)} y={34} width={x(run.totalBytes) - x(0)} height={24} />
          {/* Network */}
          {t.inTransit.segments.map((s, i) => (
            <g key={`s${i}`} className={`sw-seg${s.probe ? ' is-probe' : ''}`}>
              <rect x={x(s.seq)} y={72} width={Math.max(3, x(s.seq + s.len) - x(s.seq))} height={12} />
              {s.probe && (
                <text x={clampText(x(s.seq), 'probe ↓', g.width, L)} y={68} textAnchor="middle">
                  probe ↓
                </text>
              )}
            </g>
          ))}
          {t.inTransit.segments.length > 0 && !t.inTransit.segments.some((s) => s.probe) && (
            <text
              className="sw-net-label"
              x={clampText(x(t.inTransit.segments[0]!.seq), 'data ↓', g.width, L)}
              y={68}
              textAnchor="middle"
            >
              data ↓
            </text>
          )}
          {t.inTransit.acks.map((a, i) => {
            const label = `↑ ACK ${formatInt(a.ack)} win ${formatInt(a.window)}`;
            return (
              <g key={`a${i}`} className={`sw-ack${a.window === 0 ? ' is-zero' : ''}`}>
                <path d={`M${x(a.ack)},92 l-5,9 h10 z`} />
                <text x={clampText(x(a.ack), label, g.width, L)} y={114} textAnchor="middle">
                  {label}
                </text>
              </g>
            );
          })}
          {/* Receiver */}
          {rRects.map((r) => (
            <rect key={r.part} className={`sw-part ${PART_CLASS[r.part]}`} x={r.x} y={136} width={r.width} height={24}>
              <title>{`${PART_LABEL[r.part]}: bytes ${r.from}–${r.to - 1}`}</title>
            </rect>
          ))}
          <g className={`sw-bracket${t.receiver.advertised === 0 ? ' is-zero' : ''}`}>
            <path d={`M${rw.x1},164 v6 H${Math.max(rw.x2, rw.x1 + 1)} v-6`} />
            <text x={clampText((rw.x1 + rw.x2) / 2, rLabel, g.width, L)} y={184} textAnchor="middle">
              {rLabel}
            </text>
          </g>
          <BottomAxis
            x0={x(0)}
            x1={g.width - SW_PLOT.right}
            y={196}
            ticks={g.ticks}
            at={x}
            format={formatInt}
            title="byte offset in the stream"
          />
        </PlotSvg>
      </div>
      <figcaption>
        <ul className="wn-sw-legend">
          {legend.map((p) => (
            <li key={p}>
              <span className={`wn-swatch ${PART_CLASS[p]}`} aria-hidden="true" /> {PART_LABEL[p]}
            </li>
          ))}
          <li>
            <span className="wn-swatch p-window" aria-hidden="true" /> {PART_LABEL.window}
          </li>
        </ul>
        Receiver strip: read (grey), waiting in the buffer (blue), the window it offers (outlined).
      </figcaption>
    </figure>
  );
}

/** The window the sender believes in, per tick: zero windows in red, probes marked; click a tick to go there. */
function WindowChart({ run, tick, onTick }: { run: SlidingWindowRun; tick: number; onTick: (t: number) => void }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const series = windowSeries(run);
  const H = 86;
  const top = 16;
  const bottom = H - 18;
  const maxW = Math.max(1, ...series.map((s) => s.window));
  const left = SW_PLOT.left;
  const band = (width - left - SW_PLOT.right) / Math.max(1, series.length);
  const y = linearScale([0, maxW], [bottom, top]);
  const zeros = series.filter((s) => s.zero).length;
  return (
    <div className="wn-plot-box wn-sw-chart" ref={ref}>
      <PlotSvg
        width={width}
        height={H}
        label={`Send window per tick, from 0 to ${formatInt(maxW)} bytes; ${zeros} ticks with a zero window, ${run.probesSent} probes. The tick slider moves through the same ticks.`}
      >
        <text x={4} y={12} className="sw-row-label">
          send window per tick (max {formatInt(maxW)})
        </text>
        {series.map((s, i) => (
          <g
            key={s.tick}
            className={`sw-bar${s.zero ? ' is-zero' : ''}${s.tick === tick ? ' is-current' : ''}`}
            onClick={() => onTick(s.tick)}
          >
            <rect className="sw-hit" x={left + i * band} y={top} width={band} height={bottom - top + 4} />
            {s.zero ? (
              <rect x={left + i * band + 1} y={bottom - 3} width={Math.max(1, band - 2)} height={3} />
            ) : (
              <rect
                x={left + i * band + 1}
                y={y(s.window)}
                width={Math.max(1, band - 2)}
                height={bottom - y(s.window)}
              />
            )}
            {s.probe && <circle cx={left + (i + 0.5) * band} cy={bottom - 9} r={3} className="sw-probe-dot" />}
          </g>
        ))}
        <line
          className="sw-current"
          x1={left + (tick + 0.5) * band}
          x2={left + (tick + 0.5) * band}
          y1={top - 2}
          y2={bottom + 2}
        />
        <ScaleEnds x0={left} x1={width - SW_PLOT.right} y={H - 4} from="tick 0" to={`tick ${series.length - 1}`} />
      </PlotSvg>
    </div>
  );
}
