import { useEffect, useId, useRef, useState } from 'react';
import type { ExperimentName, ExperimentTypes } from '../../lab-protocol/messages';
import { findLab, labOrigins } from '../../lab-protocol/discovery';
import {
  createSseReader,
  EXPERIMENT_TITLES,
  experimentUrl,
  PARAM_INFO,
  paramProblem,
  progressOf,
  resultView,
  toExperimentEvent,
  type ParamValue,
  type ParamValues,
  type Progress,
  type ResultView,
  type Row,
} from './model';
import { useLabState } from '../shared/use-lab-state';
import '../shared/controls.css';
import { LabUnreachable } from '../shared/LabUnreachable';
import './lab-experiment.css';

export interface LabExperimentProps {
  /** Which experiment of the lab to run: boundaries, refused, nagle, backpressure (GET /lab/tcp/<name>). */
  experiment: ExperimentName;
  /** Starting values of the experiment's parameters; each one given here becomes a box the reader can change. */
  params?: Record<string, number | boolean>;
  /** Heading of the widget (default: the experiment's title). */
  title?: string;
  /** What the project's models predict, computed when the page is built; shown beside the measured result. */
  prediction?: Row[];
  /** One sentence under the prediction (what to compare). */
  predictionNote?: string;
  /** Level of the widget's heading (default 3: inside a lesson section). */
  headingLevel?: 3 | 4;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'finding' }
  | { kind: 'running'; origin: string; progress?: Progress; adjusted: string[] }
  | { kind: 'done'; origin: string; view: ResultView; adjusted: string[] }
  | { kind: 'failed'; message: string }
  | { kind: 'unreachable'; origins: string[] };

/**
 * Runs one of the lab's loopback socket experiments (src/lab-protocol/messages.ts) when the reader presses Run:
 * finds the lab (same origin when the lab serves the page, else http://127.0.0.1:8787), streams its
 * Server-Sent Events with progress, and shows the measured result next to the model's prediction. Nothing is
 * requested before Run; without a lab it says how to start one.
 */
export default function LabExperiment({
  experiment,
  params = {},
  title,
  prediction,
  predictionNote,
  headingLevel = 3,
}: LabExperimentProps) {
  const id = useId();
  const [values, setValues] = useState<Record<string, ParamValue>>(params);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const lab = useLabState();
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const info = PARAM_INFO[experiment];
  const problems = Object.entries(values)
    .map(([key, value]) => (info[key] ? paramProblem(info[key], value) : undefined))
    .filter((p): p is string => p !== undefined);
  const busy = phase.kind === 'finding' || phase.kind === 'running';

  async function run() {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    const sent: ParamValues = { ...values };
    setPhase({ kind: 'finding' });
    const origins = labOrigins(location, document.documentElement.dataset.labOrigin);
    // A lab that lists its experiments must list this one (an older lab may not run it).
    const origin = await findLab(origins, abort.signal, (status) => {
      const experiments = status.experiments;
      return !Array.isArray(experiments) || experiments.includes(experiment);
    });
    if (abort.signal.aborted) return;
    if (origin === undefined) {
      setPhase({ kind: 'unreachable', origins });
      return;
    }
    setPhase({ kind: 'running', origin, adjusted: [] });
    let adjusted: string[] = [];
    let finished = false;
    try {
      const res = await fetch(experimentUrl(origin, experiment, sent), {
        cache: 'no-store',
        credentials: 'omit',
        signal: abort.signal,
        headers: { Accept: 'text/event-stream' },
      });
      if (!res.ok || res.body === null) {
        const text = await res.text().catch(() => '');
        setPhase({
          kind: 'failed',
          message: `The lab answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}.`,
        });
        return;
      }
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      const sse = createSseReader();
      for (;;) {
        const { value, done } = await reader.read();
        const messages = done ? sse.end() : sse.push(value);
        for (const message of messages) {
          const event = toExperimentEvent(message);
          if (event === undefined) continue;
          if (event.type === 'start') {
            adjusted = event.data.adjusted;
            setPhase({ kind: 'running', origin, adjusted });
          } else if (event.type === 'progress') {
            setPhase({ kind: 'running', origin, adjusted, progress: progressOf(experiment, event.data, sent) });
          } else if (event.type === 'result') {
            finished = true;
            setPhase({
              kind: 'done',
              origin,
              adjusted,
              view: resultView(experiment, event.data as ExperimentTypes[ExperimentName]['result']),
            });
          } else {
            finished = true;
            setPhase({ kind: 'failed', message: event.data.message });
          }
        }
        if (finished) {
          await reader.cancel().catch(() => {});
          break;
        }
        if (done) break;
      }
      if (!finished)
        setPhase({ kind: 'failed', message: 'The lab ended the stream without a result. Is it still running?' });
    } catch (error) {
      if (abort.signal.aborted) return;
      setPhase({
        kind: 'failed',
        message: `The connection to the lab failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  function stop() {
    controller.current?.abort();
    setPhase({ kind: 'idle' });
  }

  const H = `h${headingLevel}` as 'h3' | 'h4';
  const Hs = `h${headingLevel + 1}` as 'h4' | 'h5';
  const paramKeys = Object.keys(values).filter((k) => info[k] !== undefined);

  return (
    <section className="wn-tool wn-labx" aria-labelledby={`${id}-title`}>
      <H id={`${id}-title`} className="wn-labx-title">
        {title ?? EXPERIMENT_TITLES[experiment]}
      </H>
      {paramKeys.length > 0 ? (
        <fieldset className="wn-labx-params" disabled={busy}>
          <legend>Parameters</legend>
          {paramKeys.map((key) => {
            const p = info[key]!;
            const value = values[key];
            const inputId = `${id}-${key}`;
            return p.boolean ? (
              <label key={key} className="wn-labx-check" htmlFor={inputId}>
                <input
                  id={inputId}
                  type="checkbox"
                  checked={value === true}
                  onChange={(e) => setValues({ ...values, [key]: e.target.checked })}
                />
                {p.label}
              </label>
            ) : (
              <div key={key} className="wn-labx-param">
                <label htmlFor={inputId}>
                  {p.label}
                  {p.unit ? <span className="wn-muted"> ({p.unit})</span> : null}
                </label>
                <input
                  id={inputId}
                  type="number"
                  inputMode="numeric"
                  min={p.min}
                  max={p.max}
                  value={typeof value === 'number' && Number.isFinite(value) ? value : ''}
                  aria-invalid={paramProblem(p, value ?? NaN) !== undefined}
                  onChange={(e) =>
                    setValues({ ...values, [key]: e.target.value === '' ? NaN : Number(e.target.value) })
                  }
                />
              </div>
            );
          })}
        </fieldset>
      ) : null}
      <div className="wn-actions">
        <button type="button" onClick={() => void run()} disabled={busy || problems.length > 0}>
          {phase.kind === 'done' || phase.kind === 'failed' ? 'Run again' : 'Run on my machine'}
        </button>
        {busy ? (
          <button type="button" onClick={stop}>
            Stop
          </button>
        ) : null}
      </div>
      <p className={`wn-msg${problems.length > 0 || phase.kind === 'failed' ? ' is-error' : ''}`} aria-live="polite">
        {problems.length > 0 ? problems.join(' ') : statusText(phase)}
      </p>
      {phase.kind === 'idle' && (lab === 'unchecked' || lab === 'off') ? (
        <p className="wn-hint" data-lab-not-connected>
          Lab not connected. Run looks for it on your machine
          {lab === 'unchecked' ? '; your browser may first ask whether this site may reach your local network' : ''}.
        </p>
      ) : null}
      {phase.kind === 'running' && phase.progress?.fraction !== undefined ? (
        <progress
          className="wn-labx-progress"
          max={1}
          value={Math.min(1, Math.max(0, phase.progress.fraction))}
          aria-label="Progress"
        />
      ) : null}
      {phase.kind === 'unreachable' ? (
        <LabUnreachable
          urls={phase.origins}
          pageOrigin={location.origin}
          then="open this page there and press Run again"
        />
      ) : null}
      <div className={`wn-labx-compare${prediction && prediction.length > 0 ? ' has-prediction' : ''}`}>
        {prediction && prediction.length > 0 ? (
          <div className="wn-box wn-labx-prediction">
            <Hs className="wn-labx-sub">What the model predicts</Hs>
            <Rows rows={prediction} />
            {predictionNote ? <p className="wn-hint">{predictionNote}</p> : null}
          </div>
        ) : null}
        <div className="wn-box wn-labx-measured" aria-live="polite">
          <Hs className="wn-labx-sub">Measured on your machine</Hs>
          {phase.kind === 'done' ? (
            <Result view={phase.view} adjusted={phase.adjusted} />
          ) : (
            <p className="wn-muted">
              {phase.kind === 'running' || phase.kind === 'finding' ? 'Running…' : 'Not run yet.'}
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

function statusText(phase: Phase): string {
  switch (phase.kind) {
    case 'idle':
      return 'Runs on loopback sockets the lab opens itself; nothing leaves your machine.';
    case 'finding':
      return 'Looking for the lab…';
    case 'running':
      return phase.progress?.text ?? `Running on the lab at ${phase.origin}…`;
    case 'done':
      return `Done (lab at ${phase.origin}).`;
    case 'failed':
      return phase.message;
    case 'unreachable':
      return 'The lab did not answer.';
  }
}

function Rows({ rows }: { rows: readonly Row[] }) {
  return (
    <dl className="wn-labx-rows">
      {rows.map((row) => (
        <div key={row.label}>
          <dt>{row.label}</dt>
          <dd>{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Result({ view, adjusted }: { view: ResultView; adjusted: string[] }) {
  return (
    <>
      <Rows rows={view.rows} />
      {adjusted.length > 0 ? (
        <p className="wn-hint">The lab adjusted {adjusted.join(', ')} to its allowed range.</p>
      ) : null}
      {view.sample ? (
        <>
          <p className="wn-labx-sample-label">{view.sample.label}:</p>
          <pre className="wn-labx-sample">
            <code>{view.sample.text}</code>
          </pre>
        </>
      ) : null}
      {view.tables.map((table) => (
        <div key={table.caption} className="wn-labx-table" role="region" aria-label={table.caption} tabIndex={0}>
          <table>
            <caption>{table.caption}</caption>
            <thead>
              <tr>
                {table.head.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {table.more ? <p className="wn-hint">…and {table.more.toLocaleString('en-US')} more.</p> : null}
        </div>
      ))}
    </>
  );
}
