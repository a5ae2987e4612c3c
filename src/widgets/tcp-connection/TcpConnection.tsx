import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import {
  CLOSING_SCENARIOS,
  CONNECTION_SCENARIOS,
  STATE_MEANING,
  type ConnectionRun,
  type ConnectionScenario,
  type TcpState,
} from '../../protocol/tcp';
import { ChoiceOptions, messageFor, NumberField, numberFromText, SelectField } from '../shared/form-fields';
import { landmarkName } from '../shared/plot/landmark-name';
import { SequenceDiagram } from '../shared/plot/SequenceDiagram';
import { TableBox, TableHead, type Column } from '../shared/plot/tables';
import { useLastValid } from '../shared/use-last-valid';
import { Tip } from '../shared/plot/Tip';
import {
  connectionRows,
  eventsAfterLast,
  eventsBefore,
  flagWords,
  footersFor,
  formatMs,
  initialStates,
  runConnection,
  timersAt,
  timeWaitChoiceText,
  toggleDrop,
  type TimeWaitChoice,
} from './model';
import '../shared/controls.css';
import '../shared/plot/plot.css';
import './tcp-connection.css';

export interface TcpConnectionProps {
  /** three-way-open (default), four-way-close, simultaneous-open, simultaneous-close, half-close, connection-refused, abort. */
  scenario?: ConnectionScenario;
  /** Segment ids (0-based, in sending order) lost on the way, to start with. */
  drop?: number[];
  /** Round-trip time in ms (default: the model's 100). */
  rttMs?: number;
  /** TIME-WAIT length: 'rfc' = 2·MSL (default) or 'linux' = 60 s. */
  timeWait?: TimeWaitChoice;
  /** Segments shown at first: a number, or 'all'. Default 1. */
  step?: number | 'all';
  /** Hide the scenario menu (a lesson section about one scenario). */
  fixedScenario?: boolean;
  /** The scenarios the menu offers (default: all), so a lesson offers only what it has taught. */
  scenarios?: readonly ConnectionScenario[];
  /**
   * Added to the names of the widget's landmarks (default: the scenario shown), so two diagrams on one
   * page have different names; give one when two show the same scenario.
   */
  title?: string;
}

/**
 * The handshake and teardown model (simulateConnection) as a sequence diagram to step through: each
 * segment's numbers and the model's note on them, both sides' states, the events in between (timers,
 * application calls), TIME-WAIT, and a "lose it" switch per segment that re-runs the model to show the
 * retransmission that follows.
 */
export default function TcpConnection({
  scenario: initialScenario = 'three-way-open',
  drop: initialDrop = [],
  rttMs,
  timeWait: initialTimeWait = 'rfc',
  step: initialStep = 1,
  fixedScenario = false,
  scenarios,
  title,
}: TcpConnectionProps) {
  const id = useId();
  const [scenario, setScenario] = useState<ConnectionScenario>(initialScenario);
  const [drop, setDrop] = useState<number[]>(initialDrop);
  const [rttText, setRttText] = useState(rttMs === undefined ? '100' : String(rttMs));
  const [timeWait, setTimeWait] = useState<TimeWaitChoice>(initialTimeWait);
  const [step, setStep] = useState<number | 'all'>(initialStep);

  const result = useMemo(
    () => runConnection({ scenario, drop, rttMs: numberFromText(rttText), timeWait }),
    [scenario, drop, rttText, timeWait],
  );
  const run = useLastValid(result.ok ? result.run : undefined);
  const errors = result.ok ? [] : result.errors;

  const total = run?.segments.length ?? 0;
  const k = step === 'all' ? total : Math.max(0, Math.min(step, total));
  const rows = useMemo(() => (run ? connectionRows(run) : []), [run]);
  const footers = useMemo(() => (run ? footersFor(run) : []), [run]);
  const init = run ? initialStates(run) : undefined;
  const story = CONNECTION_SCENARIOS.find((s) => s.id === scenario);
  const instance = title ?? story?.title;
  const seg = run?.segments[k - 1];

  const go = (n: number) => setStep(Math.max(0, Math.min(total, n)));
  const onKey = (e: KeyboardEvent) => {
    const map: Record<string, number> = {
      ArrowRight: k + 1,
      ArrowDown: k + 1,
      ArrowLeft: k - 1,
      ArrowUp: k - 1,
      Home: 0,
      End: total,
    };
    const to = map[e.key];
    if (to !== undefined) {
      e.preventDefault();
      go(to);
    }
  };

  return (
    <section className="wn-tool wn-conn" aria-label={landmarkName('TCP connection diagram', instance)}>
      {!fixedScenario && (
        <div className="wn-conn-scenario">
          <label htmlFor={`${id}-sc`}>Scenario</label>
          <select
            id={`${id}-sc`}
            value={scenario}
            onChange={(e) => {
              setScenario(e.target.value as ConnectionScenario);
              setDrop([]);
              setStep(1);
            }}
          >
            <ChoiceOptions
              choices={scenarios ? SCENARIO_CHOICES.filter((c) => scenarios.includes(c.id)) : SCENARIO_CHOICES}
            />
          </select>
        </div>
      )}
      {story && <p className="wn-note">{story.story}</p>}
      <div className="wn-fields">
        <NumberField
          label="Round-trip time"
          unit="ms"
          value={rttText}
          onChange={setRttText}
          error={messageFor(errors, 'rttMs')}
          min={1}
          step="any"
          hint="Each segment takes half of it."
        />
        {(scenarios ?? SCENARIO_CHOICES.map((c) => c.id)).some((s) => CLOSING_SCENARIOS.includes(s)) && (
          <SelectField
            label="TIME-WAIT"
            value={timeWait}
            onChange={setTimeWait}
            choices={TIME_WAIT_CHOICES}
            note="MSL is 2 minutes in RFC 9293 §3.4.2; Linux waits a fixed 60 s."
          />
        )}
      </div>
      {errors.length > 0 && (
        <p className="wn-hint wn-bad">{run ? 'Showing the last valid run until the value is fixed.' : ''}</p>
      )}

      {run && init && (
        <>
          {/* The stepper and what the step did, side by side on a wide screen, one under the other on a phone. */}
          <div className="wn-cause">
            <div className="wn-stepper" role="group" aria-label="Step through the segments">
              {/* aria-disabled rather than disabled: a disabled button would drop keyboard focus to the page. go() clamps. */}
              <button type="button" onClick={() => go(0)} aria-disabled={k === 0}>
                Start
              </button>
              <button type="button" onClick={() => go(k - 1)} aria-disabled={k === 0}>
                Previous
              </button>
              <output aria-live="polite" id={`${id}-pos`}>
                {k === 0 ? `Before the first segment (${total} in all)` : `Segment #${k - 1} (${k} of ${total})`}
              </output>
              <button type="button" onClick={() => go(k + 1)} aria-disabled={k >= total}>
                Next
              </button>
              <button type="button" onClick={() => go(total)} aria-disabled={k >= total}>
                All
              </button>
            </div>
            <div className="wn-box wn-conn-step" aria-live="polite">
              {seg ? (
                <>
                  <p className="wn-conn-step-title">
                    <strong>
                      #{seg.id} {seg.from} → {seg.to}: {flagWords(seg)}
                    </strong>
                    {seg.retransmission && <span className="wn-kind tone-warn">retransmission</span>}
                    {seg.dropped && <span className="wn-kind tone-danger">lost</span>}
                  </p>
                  <TimedNotes notes={eventsBefore(run, k)} className="wn-notes wn-conn-events" />
                  <p>
                    Sent at {formatMs(seg.t)}
                    {seg.arriveAt !== undefined ? `, arrives at ${formatMs(seg.arriveAt)}` : ', never arrives'}.
                  </p>
                  <dl className="wn-conn-numbers">
                    <dt>seq</dt>
                    <dd>
                      {seg.seq} <span className="wn-muted">(relative {seg.relSeq})</span>
                    </dd>
                    <dt>ack</dt>
                    <dd>
                      {seg.ack !== undefined ? (
                        <>
                          {seg.ack} <span className="wn-muted">(relative {seg.relAck})</span>
                        </>
                      ) : (
                        'no ACK flag'
                      )}
                    </dd>
                    <dt>payload</dt>
                    <dd>
                      {seg.len} byte{seg.len === 1 ? '' : 's'}
                    </dd>
                  </dl>
                  <p>{seg.note}</p>
                  <p>
                    After it: client <State s={seg.stateAfter.client} />, server <State s={seg.stateAfter.server} />.
                  </p>
                  {timersAt(run, k).map((t) => (
                    <p key={t} className="wn-note is-warn">
                      {t}
                    </p>
                  ))}
                  {k === total && <EndOfRun run={run} />}
                </>
              ) : (
                <p>
                  Before anything is sent: client <State s={init.client} />, server <State s={init.server} />. ISNs:
                  client {run.clientIsn}, server {run.serverIsn}. Press Next, or use the arrow keys on the diagram.
                </p>
              )}
            </div>
          </div>
          <div
            className="wn-conn-figure"
            tabIndex={0}
            onKeyDown={onKey}
            aria-label="Diagram: arrow keys step through the segments"
            aria-describedby={`${id}-pos`}
          >
            <SequenceDiagram
              title={`${story?.title ?? scenario}: sequence diagram`}
              desc={`${total} segments between the client (left) and the server (right); ${k} shown. At the end the client is ${run.final.client} and the server ${run.final.server}. The table below lists every segment.`}
              leftName="client"
              rightName="server"
              rows={rows}
              visibleCount={k}
              selected={k - 1}
              initialLeftState={init.client}
              initialRightState={init.server}
              footers={footers}
              onSelectRow={(i) => go(i + 1)}
            />
          </div>

          <details className="wn-conn-table" open>
            <summary>Every segment of this run, and which to lose</summary>
            <p className="wn-hint">
              Lose a segment to see what TCP does about it. Losing one clears the losses after it, since the run after
              it changes.
            </p>
            <TableBox label={landmarkName('Segments of this run', instance)}>
              <table>
                <TableHead columns={SEGMENT_COLUMNS} />
                <tbody>
                  {run.segments.map((s) => (
                    <tr key={s.id} className={s.id === k - 1 ? 'is-selected' : undefined}>
                      <th scope="row">
                        <button
                          type="button"
                          className="wn-rowbtn"
                          onClick={() => go(s.id + 1)}
                          aria-label={`Show segment ${s.id}`}
                        >
                          {s.id}
                        </button>
                      </th>
                      <td>
                        <label className="wn-conn-drop">
                          <input
                            type="checkbox"
                            checked={s.dropped}
                            onChange={() => {
                              setDrop(toggleDrop(drop, s.id));
                              setStep(s.id + 1);
                            }}
                          />
                          <span className="wn-visually-hidden">
                            Lose segment {s.id} ({flagWords(s)} from the {s.from})
                          </span>
                          <span aria-hidden="true">lose</span>
                        </label>
                      </td>
                      <td className="num">{formatMs(s.t)}</td>
                      <td>{s.from}</td>
                      <td>
                        {flagWords(s)}
                        {s.retransmission ? ' (again)' : ''}
                      </td>
                      <td className="num">{s.relSeq}</td>
                      <td className="num">{s.relAck ?? '—'}</td>
                      <td className="num">{s.len}</td>
                      <td>
                        {s.stateAfter.client} / {s.stateAfter.server}
                      </td>
                    </tr>
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

const SCENARIO_CHOICES = CONNECTION_SCENARIOS.map((s) => ({ id: s.id, label: s.title }));
const TIME_WAIT_CHOICES = (['rfc', 'linux'] as const).map((c) => ({ id: c, label: timeWaitChoiceText(c) }));

const SEGMENT_COLUMNS: readonly Column[] = [
  { label: '#' },
  // Next to the number, so the control the hint above asks for is in view on a phone too.
  { label: 'Lose it' },
  { label: 'Sent', num: true },
  { label: 'From' },
  { label: 'Flags' },
  { label: 'seq (rel.)', num: true },
  { label: 'ack (rel.)', num: true },
  { label: 'Bytes', num: true },
  { label: 'States after (client / server)' },
];

function State({ s }: { s: TcpState }) {
  return <Tip tip={STATE_MEANING[s]}>{s}</Tip>;
}

/** What happened between segments (timers, application calls), each with its time; nothing when empty. */
function TimedNotes({ notes, className }: { notes: ReadonlyArray<{ t: number; note: string }>; className: string }) {
  if (notes.length === 0) return null;
  return (
    <ul className={className}>
      {notes.map((e, i) => (
        <li key={i}>
          <span className="wn-muted">{formatMs(e.t)}</span> {e.note}
        </li>
      ))}
    </ul>
  );
}

function EndOfRun({ run }: { run: ConnectionRun }) {
  const after = eventsAfterLast(run);
  return (
    <div className="wn-conn-end">
      <TimedNotes notes={after} className="wn-notes" />
      <p>
        <strong>What the applications saw:</strong>
      </p>
      <ul className="wn-notes">
        {run.appOutcomes.map((o, i) => (
          <li key={i}>
            <span className="wn-muted">{formatMs(o.t)}</span> {o.side}: {o.text}
          </li>
        ))}
      </ul>
      <p>
        Finally: client <State s={run.final.client} />, server <State s={run.final.server} />.
      </p>
    </div>
  );
}
