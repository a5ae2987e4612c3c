/// <reference types="astro/client" />
/**
 * The exercise island: `<Exercise lesson="websocket-framing" id="mask-bit" client:visible />` in MDX.
 * Definitions are looked up by lesson + id (src/exercises/lessons/<lesson>.ts; see src/exercises/types.ts
 * for how to add one). Checking is done by the pure checkers in src/exercises/checkers/, which use the codec.
 *
 * The root element carries `data-exercise-id="<lesson>/<id>"` and `data-solved` for the site shell.
 */
import {
  Suspense,
  use,
  useCallback,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ChangeEvent,
  type SubmitEvent,
  type KeyboardEvent,
} from 'react';
import type { CodeRunResult } from '../../exercises/checkers/code';
import { checkHexFrame, exampleFrame } from '../../exercises/checkers/hex-frame';
import { checkValue, formatValueAnswer } from '../../exercises/checkers/value';
import { hexBytes } from '../../explain/format';
import {
  findExercise,
  lessonsWithExercises,
  loadedLessonExercises,
  loadLessonExercises,
} from '../../exercises/registry';
import type {
  CheckResult,
  CodeExercise,
  CodeVariant,
  ExerciseDefinition,
  FieldCheck,
  HexFrameVariant,
  ValueVariant,
} from '../../exercises/types';
import {
  answerAfter,
  defaultSeed,
  isGenerated,
  nextSeed,
  readSeed,
  resolveHints,
  resolveVariant,
  withSeed,
} from '../../exercises/variant';
import { createRng } from '../../protocol/random';
import { loadProgress, markSolved, subscribeProgress } from '../../progress/store';
import { CodeCell } from './CodeCell';
import { RichText } from './RichText';
import './exercise.css';

export interface ExerciseProps {
  /** Lesson slug, e.g. "websocket-framing": names the file src/exercises/lessons/<lesson>.ts. */
  lesson: string;
  /** Exercise id within the lesson. */
  id: string;
  /**
   * A checkpoint inside the lesson text: the same exercise, labelled "Checkpoint" and set tighter, so a short
   * checked question can follow a section without looking like the end-of-lesson exercises.
   */
  compact?: boolean;
}

export default function Exercise({ lesson, id, compact = false }: ExerciseProps) {
  if (import.meta.env.SSR) {
    // Fail the build on a wrong lesson or id. (Thrown here, outside <Suspense>: an error inside a boundary
    // would only be logged, and the page would ship without the exercise.)
    const exercises = loadedLessonExercises(lesson);
    if (!exercises) {
      throw new Error(
        `<Exercise lesson="${lesson}">: no file src/exercises/lessons/${lesson}.ts (have: ${lessonsWithExercises().join(', ')})`,
      );
    }
    findExercise(exercises, lesson, id);
  }
  return (
    <Suspense fallback={<ExerciseShell lesson={lesson} id={id} compact={compact} />}>
      <ExerciseLoader lesson={lesson} id={id} compact={compact} />
    </Suspense>
  );
}

/** Shown only while a lesson's definitions load outside hydration (hydration keeps the server HTML instead). */
function ExerciseShell({ lesson, id, compact }: ExerciseProps) {
  return (
    <section
      className={exerciseClass(compact)}
      data-exercise-id={`${lesson}/${id}`}
      data-solved="false"
      aria-busy="true"
    >
      <p className="exercise-loading">Loading exercise…</p>
    </section>
  );
}

function ExerciseLoader({ lesson, id, compact }: ExerciseProps) {
  const exercises = use(loadLessonExercises(lesson));
  let def: ExerciseDefinition;
  try {
    def = findExercise(exercises, lesson, id);
  } catch (error) {
    // On the server `Exercise` has already thrown; in the browser this only shows after a bad deploy.
    return (
      <section className={exerciseClass(compact)} data-exercise-id={`${lesson}/${id}`} data-solved="false">
        <p role="alert">{(error as Error).message}</p>
      </section>
    );
  }
  return <ExerciseView lesson={lesson} id={id} def={def} compact={compact} />;
}

function exerciseClass(compact: boolean | undefined): string {
  return compact ? 'exercise exercise-compact' : 'exercise';
}

type Tone = 'ok' | 'wrong' | 'info';
interface Feedback {
  tone: Tone;
  message: string;
  fields?: readonly FieldCheck[] | undefined;
  run?: CodeRunResult;
}

/** Four key bytes for "Show answer" frames: any key is correct; this one just stays the same per seed. */
function exampleMaskKey(seed: number): Uint8Array {
  const rng = createRng(seed ^ 0x6d61736b);
  return Uint8Array.from({ length: 4 }, () => rng.int(0, 255));
}

const noSubscription = (): (() => void) => () => {};

/**
 * False in the server HTML and while React hydrates it, true once this component runs in the browser.
 * (A component first rendered in the browser, e.g. after its Suspense fallback, is true at once.)
 */
function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

export function ExerciseView({ lesson, id, def, compact }: ExerciseProps & { def: ExerciseDefinition }) {
  const uid = useId();
  const hydrated = useHydrated();
  const headingId = `${uid}-title`;
  const inputId = `${uid}-answer`;
  const feedbackId = `${uid}-feedback`;
  const hintsId = `${uid}-hints`;

  // The server renders the default seed; a seed in the URL is applied after hydration.
  const [seed, setSeed] = useState(() => defaultSeed(lesson, id));
  const variant = useMemo(() => resolveVariant(def, seed), [def, seed]);
  const hints = useMemo(() => resolveHints(def, variant), [def, variant]);

  const [input, setInput] = useState('');
  const [attempts, setAttempts] = useState(0);
  const [wrong, setWrong] = useState(0);
  const [hintsShown, setHintsShown] = useState(0);
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [answerShown, setAnswerShown] = useState(false);
  const [solved, setSolved] = useState(false);
  const [running, setRunning] = useState(false);
  const generation = useRef(0);
  const answerRef = useRef<HTMLDivElement>(null);
  const answerBox = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const keepAnswerBox = useCallback((el: HTMLInputElement | HTMLTextAreaElement | null) => {
    answerBox.current = el;
  }, []);

  // What the reader typed into the server HTML before hydration is theirs: take it into the state, or the
  // first render after hydration would write the state's empty answer over it. (Layout effect: before that render.)
  useLayoutEffect(() => {
    const typed = answerBox.current?.value;
    if (typed) setInput(typed);
  }, []);

  useEffect(() => {
    const fromUrl = readSeed(window.location.search, id);
    if (fromUrl !== undefined) setSeed(fromUrl);
  }, [id]);

  useEffect(() => {
    const read = (p = loadProgress()) => setSolved(Boolean(p.lessons[lesson]?.[id]));
    read();
    return subscribeProgress(read);
  }, [lesson, id]);

  const record = useCallback(
    (result: CheckResult, extra?: Partial<Feedback>) => {
      if (result.verdict === 'unreadable') {
        setFeedback({ tone: 'info', message: result.message, ...extra });
        return;
      }
      const n = attempts + 1;
      setAttempts(n);
      if (result.verdict === 'correct') {
        let message = result.message;
        try {
          markSolved(lesson, id, n);
        } catch {
          message += ' (Your browser did not let this page save progress, so it will not be remembered.)';
        }
        setSolved(true);
        setFeedback({ tone: 'ok', message, fields: result.fields, ...extra });
      } else {
        setWrong((w) => w + 1);
        setFeedback({ tone: 'wrong', message: result.message, fields: result.fields, ...extra });
      }
    },
    [attempts, lesson, id],
  );

  function submit(event?: SubmitEvent) {
    event?.preventDefault();
    if (def.kind === 'value') record(checkValue((variant as ValueVariant).answer, input));
    else if (def.kind === 'hex-frame') record(checkHexFrame((variant as HexFrameVariant).expected, input));
  }

  async function runCode(source: string) {
    if (def.kind !== 'code') return;
    const mine = ++generation.current;
    setRunning(true);
    setFeedback({ tone: 'info', message: 'Running your code…' });
    try {
      const { runInWorker } = await import('./run-code');
      const cases = (variant as CodeVariant).cases;
      const run = await runInWorker({ source, functionName: def.functionName, cases }, def.timeLimitMs);
      if (mine !== generation.current) return; // a newer run or a new problem replaced this one
      const verdict =
        run.status === 'passed'
          ? 'correct'
          : run.status === 'syntax-error' || run.status === 'no-function'
            ? 'unreadable'
            : 'wrong';
      record({ verdict, message: run.message }, { run });
    } catch (error) {
      setFeedback({ tone: 'info', message: `Could not start the code runner: ${String(error)}` });
    } finally {
      if (mine === generation.current) setRunning(false);
    }
  }

  function newProblem() {
    const next = nextSeed(seed);
    generation.current++;
    setSeed(next);
    setInput('');
    setAttempts(0);
    setWrong(0);
    setHintsShown(0);
    setFeedback(null);
    setAnswerShown(false);
    setRunning(false);
    try {
      window.history.replaceState(window.history.state, '', withSeed(window.location.href, id, next));
    } catch {
      // e.g. a sandboxed frame: the variant still changes, only the link does not
    }
  }

  function onAnswerKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    // Enter checks, Shift+Enter starts a new line (long dumps can be pasted either way).
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  // What the one-line and the multi-line answer box have in common.
  const answerBoxProps = {
    id: inputId,
    spellCheck: false,
    autoComplete: 'off',
    autoCapitalize: 'off',
    ref: keepAnswerBox,
    value: input,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => setInput(e.target.value),
    'aria-describedby': feedbackId,
  };

  const offerAnswer = answerAfter(def) > 0 && wrong >= answerAfter(def);
  const answer = def.kind === 'value' ? (variant as ValueVariant).answer : undefined;
  const unit = answer?.type === 'number' ? answer.unit : undefined;

  return (
    <section
      className={exerciseClass(compact)}
      data-exercise-id={`${lesson}/${id}`}
      data-solved={solved ? 'true' : 'false'}
      data-kind={def.kind}
      aria-labelledby={headingId}
    >
      <div className="exercise-head">
        <h3 id={headingId}>
          {compact ? <span className="exercise-eyebrow">Checkpoint: </span> : null}
          {def.title}
        </h3>
        <span className="exercise-badge" data-visible={solved ? 'true' : 'false'} aria-hidden={!solved}>
          <span aria-hidden="true">✓ </span>Solved
        </span>
      </div>

      <div className="exercise-prompt">
        <RichText text={variant.prompt} />
        {variant.figure !== undefined && (
          <pre className="exercise-figure" tabIndex={0}>
            {variant.figure}
          </pre>
        )}
      </div>

      {def.kind === 'code' ? (
        <CodeCell
          def={def as CodeExercise}
          labelId={inputId}
          describedBy={feedbackId}
          running={running}
          errorLine={feedback?.run?.line}
          onRun={runCode}
        />
      ) : (
        <form className="exercise-form" onSubmit={submit} noValidate>
          <label htmlFor={inputId} className="exercise-label">
            {def.kind === 'value' ? def.answerLabel : (def.answerLabel ?? 'Frame bytes (hex)')}
            {unit ? <span className="exercise-unit"> (in {unit})</span> : null}
          </label>
          <div className="exercise-row">
            {def.kind === 'hex-frame' ? (
              <textarea
                {...answerBoxProps}
                className="exercise-input hex"
                rows={2}
                onKeyDown={onAnswerKeyDown}
                placeholder="81 85 …"
              />
            ) : (
              <input {...answerBoxProps} className="exercise-input" type="text" />
            )}
            {/* Until hydrated, the form has no onSubmit: Enter would send it to the server and reload the page,
                losing the answer. A disabled default button blocks that implicit submission (HTML §4.10.21.2).
                Both labels take the same place, so the button keeps its width when "Loading…" becomes "Check". */}
            <button type="submit" className="exercise-button primary exercise-submit" disabled={!hydrated}>
              <span aria-hidden={hydrated ? undefined : true}>Check</span>
              <span aria-hidden={hydrated ? true : undefined}>Loading…</span>
            </button>
          </div>
        </form>
      )}

      <div
        id={feedbackId}
        className="exercise-feedback"
        data-tone={feedback?.tone ?? 'none'}
        role="status"
        aria-live="polite"
      >
        {feedback ? (
          <>
            <p className="exercise-message">
              {feedback.tone === 'ok' ? (
                <strong>
                  <span aria-hidden="true">✓ </span>
                  <span className="sr-only">Correct. </span>
                </strong>
              ) : feedback.tone === 'wrong' ? (
                <strong>Not yet. </strong>
              ) : null}
              <RichText text={feedback.message} inline />
            </p>
            {feedback.fields && feedback.fields.length > 0 && (
              <ul className="exercise-fields" aria-label="Field by field">
                {feedback.fields.map((f) => (
                  <li key={f.field} data-ok={f.ok ? 'true' : 'false'} title={f.why}>
                    <span aria-hidden="true">{f.ok ? '✓' : '✗'} </span>
                    {f.label}
                    <span className="sr-only">{f.ok ? ': right' : ': wrong'}</span>
                  </li>
                ))}
              </ul>
            )}
            {feedback.run && feedback.run.cases.length > 0 && <CaseList run={feedback.run} />}
          </>
        ) : null}
      </div>

      <div className="exercise-actions">
        {hints.length > 0 && (
          <button
            type="button"
            className="exercise-button"
            onClick={() => setHintsShown((n) => Math.min(n + 1, hints.length))}
            // aria-disabled rather than disabled: a disabled button drops keyboard focus to the page.
            aria-disabled={hintsShown >= hints.length}
            aria-controls={hintsId}
          >
            {hintsShown >= hints.length
              ? `All ${hints.length} hints shown`
              : `Show a hint (${hintsShown + 1} of ${hints.length})`}
          </button>
        )}
        {isGenerated(def) && (
          <button type="button" className="exercise-button" onClick={newProblem}>
            New problem
          </button>
        )}
        {offerAnswer && !answerShown && (
          <button
            type="button"
            className="exercise-button"
            onClick={() => {
              setAnswerShown(true);
              // The button goes away: move focus to what it revealed instead of losing it.
              requestAnimationFrame(() => answerRef.current?.focus());
            }}
          >
            Show answer
          </button>
        )}
      </div>

      <ol id={hintsId} className="exercise-hints" aria-live="polite" hidden={hintsShown === 0}>
        {hints.slice(0, hintsShown).map((h, i) => (
          <li key={i}>
            <RichText text={h} inline />
          </li>
        ))}
      </ol>

      {answerShown && (
        <div ref={answerRef} tabIndex={-1} className="exercise-answer" role="group" aria-label="Answer">
          <AnswerReveal def={def} variant={variant} seed={seed} />
        </div>
      )}
    </section>
  );
}

function AnswerReveal({ def, variant, seed }: { def: ExerciseDefinition; variant: unknown; seed: number }) {
  if (def.kind === 'value') {
    const v = variant as ValueVariant;
    return (
      <p>
        Answer: <strong>{formatValueAnswer(v.answer)}</strong>
      </p>
    );
  }
  if (def.kind === 'hex-frame') {
    const v = variant as HexFrameVariant;
    const bytes = exampleFrame(v.expected, exampleMaskKey(seed));
    return (
      <>
        <p>One correct answer{v.expected.from === 'client' ? ' (any masking key is as good as this one)' : ''}:</p>
        <pre className="exercise-figure" tabIndex={0}>
          {hexBytes(bytes)}
        </pre>
      </>
    );
  }
  return (
    <>
      <p>A solution:</p>
      <pre className="exercise-figure" tabIndex={0}>
        {def.solution}
      </pre>
    </>
  );
}

function CaseList({ run }: { run: CodeRunResult }) {
  const passed = run.cases.filter((c) => c.ok).length;
  return (
    <details className="exercise-cases">
      <summary>
        Test results: {passed} of {run.cases.length} pass
      </summary>
      <ul>
        {run.cases.map((c, i) => (
          <li key={i} data-ok={c.ok ? 'true' : 'false'}>
            <span aria-hidden="true">{c.ok ? '✓' : '✗'} </span>
            <span className="sr-only">{c.ok ? 'pass: ' : 'fail: '}</span>
            <code>{c.call}</code>
            {c.ok ? null : c.error ? (
              <> threw {c.error}</>
            ) : (
              <>
                {' '}
                returned <code>{c.actual}</code>, expected <code>{c.expected}</code>
              </>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}
