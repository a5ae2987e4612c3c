/**
 * Self-checking exercises: the definition format.
 *
 * ## Adding an exercise (for lesson authors)
 *
 * 1. Definitions live in `src/exercises/lessons/<lesson-slug>.ts`, one file per lesson, named exactly like the
 *    lesson's URL slug (`content/lessons/08-websocket-framing.mdx` → `websocket-framing.ts`). The file's default
 *    export is `defineExercises({ ... })`: an object whose keys are the exercise ids (kebab-case, unique in the
 *    lesson, stable: progress is stored under them).
 * 2. In the lesson's MDX, import the island once and place each exercise by id:
 *
 *    ```mdx
 *    import Exercise from '../../src/widgets/exercise/Exercise.tsx';
 *
 *    <Exercise lesson="websocket-framing" id="mask-bit" client:visible />
 *    ```
 *
 *    Only the props `lesson` and `id` (strings) cross from MDX to the island; the page loads only its own
 *    lesson's definition file. A wrong lesson or id fails the build with a message naming both.
 * 3. Pick a kind:
 *    - `value` — a number, a short text or a few bytes typed in a box. Numbers accept `131,744`, `131 744`,
 *      `131744`, `0x2029`, `0b1010` and a trailing unit (`131744 bytes`). Add `mistakes` for predictable wrong
 *      answers (e.g. the little-endian reading) so the reader gets a targeted explanation.
 *    - `hex-frame` — the reader types the bytes of a WebSocket frame. The codec decodes them and compares field
 *      by field with `expected`, so any correct encoding passes (any mask key for a client frame) and a wrong one
 *      is told which field is wrong and why.
 *    - `code` — the reader writes one JavaScript function (`functionName`); it runs in a Web Worker with a time
 *      limit against `cases`. `solution` is shown by "Show answer" and is checked by the unit tests.
 * 4. Either give one fixed `variant`, or `generate(rng)` to make a new problem per seed. The seed comes from the
 *    URL (`?ex-<id>=<seed>`) or "New problem"; `rng` is `createRng(seed)` from `src/protocol/random.ts`.
 *    **Compute every expected answer with the project's code** (codec, models, `bits.ts`) inside `variant` /
 *    `generate` — never type an answer into a definition — so prose, widgets and checkers cannot disagree.
 * 5. Text fields (`prompt`, hints, mistake messages) are plain text with `code` in backticks; a blank line starts
 *    a new paragraph. `figure` is shown as a monospace block (bytes, a header, a code fragment).
 * 6. Add a line for it to `test/exercises/lessons.test.ts` if it needs more than the generic checks (every
 *    exercise is already generated for many seeds, its answer checked by its own checker, its solution run).
 *
 * Example:
 *
 * ```ts
 * export default defineExercises({
 *   'xor-byte': {
 *     kind: 'value',
 *     title: 'XOR two bytes',
 *     answerLabel: 'a ^ b',
 *     generate(rng) {
 *       const a = rng.int(0, 255), b = rng.int(0, 255);
 *       return { prompt: `What is \`${hex(a)} ^ ${hex(b)}\`?`, answer: { type: 'number', value: a ^ b } };
 *     },
 *     hints: ['XOR gives 1 where the two bits differ.'],
 *   },
 * });
 * ```
 */
import type { Rng } from '../protocol/random';
import type { Frame } from '../protocol/websocket/types';

// ---------------------------------------------------------------------------------------------------------------
// Answers and variants
// ---------------------------------------------------------------------------------------------------------------

/** A predictable wrong answer and what to tell the reader who gives it. */
export interface Mistake<T> {
  value: T;
  message: string;
}

export interface NumberAnswer {
  type: 'number';
  value: number;
  /** Shown next to the box and accepted after the number ("bytes", "ms"). */
  unit?: string;
  /** How "Show answer" and "Right: …" write the number (default 'decimal'; opcodes read better as 'hex'). */
  display?: 'decimal' | 'hex';
  /** Largest accepted difference, for computed fractions (default 0: exact). */
  tolerance?: number;
  /** Predictable wrong numbers, each with an explanation. */
  mistakes?: readonly Mistake<number>[];
}

export interface TextAnswer {
  type: 'text';
  /** The canonical answer (what "Show answer" shows). */
  value: string;
  /** Other accepted spellings. Comparison ignores surrounding quotes, extra spaces and (by default) case. */
  accept?: readonly string[];
  caseSensitive?: boolean;
  mistakes?: readonly Mistake<string>[];
}

export interface BytesAnswer {
  type: 'bytes';
  /** The bytes, typed by the reader in any form `parseHex` reads ("12 34", "0x12,0x34", "1234"). */
  value: Uint8Array;
  mistakes?: readonly Mistake<Uint8Array>[];
}

export type ValueAnswer = NumberAnswer | TextAnswer | BytesAnswer;

/** What a variant shows above the answer box. */
export interface Prompt {
  /** Plain text, `code` in backticks, blank line = new paragraph. */
  prompt: string;
  /** Optional monospace block: bytes in hex, a header, a snippet. */
  figure?: string;
}

export interface ValueVariant extends Prompt {
  answer: ValueAnswer;
}

/**
 * The frame the reader must produce, field by field (RFC 6455 §5.2). Fields left out are not checked.
 * `from` decides the masking rule (§5.1): client frames must be masked (any key), server frames must not.
 */
export type ExpectedFrame = Partial<
  Pick<Frame, 'fin' | 'rsv1' | 'rsv2' | 'rsv3' | 'opcode' | 'closeCode' | 'closeReason'>
> & {
  from: 'client' | 'server';
  /** The unmasked payload; a string means its UTF-8 bytes (and messages quote it as text). */
  payload?: Uint8Array | string;
};

export interface HexFrameVariant extends Prompt {
  expected: ExpectedFrame;
}

/** One call of the reader's function. Arguments and expected value must be structured-cloneable. */
export interface CodeCase {
  args: readonly unknown[];
  /**
   * Compared structurally; a Uint8Array also matches any array-like of the same numbers, so returning a plain
   * array is accepted.
   */
  expected: unknown;
}

export interface CodeVariant extends Prompt {
  cases: readonly CodeCase[];
}

// ---------------------------------------------------------------------------------------------------------------
// Definitions
// ---------------------------------------------------------------------------------------------------------------

/** A fixed exercise has one `variant`; a generated one has `generate(rng)`, called once per seed. */
export type VariantSource<V> = { variant: V; generate?: never } | { generate(rng: Rng): V; variant?: never };

interface Common<V> {
  /** Short heading, e.g. "Build a masked text frame". */
  title: string;
  /** Revealed one at a time. May depend on the variant (computed numbers in a hint). */
  hints?: readonly string[] | ((variant: V) => readonly string[]);
  /**
   * After this many wrong attempts a "Show answer" button appears (default 3). 0 = never offer it.
   * Showing the answer does not mark the exercise solved.
   */
  answerAfter?: number;
}

export type ValueExercise = Common<ValueVariant> &
  VariantSource<ValueVariant> & {
    kind: 'value';
    /** Label of the answer box, e.g. "Payload length". The unit, if any, is added by the widget. */
    answerLabel: string;
  };

export type HexFrameExercise = Common<HexFrameVariant> &
  VariantSource<HexFrameVariant> & {
    kind: 'hex-frame';
    /** Label of the answer box (default "Frame bytes (hex)"). */
    answerLabel?: string;
  };

export type CodeExercise = Common<CodeVariant> &
  VariantSource<CodeVariant> & {
    kind: 'code';
    /** The function the reader defines and the cases call, e.g. "unmask". */
    functionName: string;
    /** What the editor starts with. */
    starter: string;
    /** A correct solution: shown by "Show answer", and run against every variant by the unit tests. */
    solution: string;
    /** Worker time limit in milliseconds (default 2000). */
    timeLimitMs?: number;
  };

export type ExerciseDefinition = ValueExercise | HexFrameExercise | CodeExercise;
export type ExerciseKind = ExerciseDefinition['kind'];

export type LessonExercises = Readonly<Record<string, ExerciseDefinition>>;

/** Identity function that gives a lesson file's object its type (and checks it). */
export function defineExercises<T extends LessonExercises>(exercises: T): T {
  return exercises;
}

// ---------------------------------------------------------------------------------------------------------------
// Checker results
// ---------------------------------------------------------------------------------------------------------------

/** One compared field of a hex answer (e.g. the MASK bit), for the per-field ✓/✗ list. */
export interface FieldCheck {
  field: string;
  /** Short label shown to the reader: "FIN", "opcode", "MASK", "length", "payload". */
  label: string;
  ok: boolean;
  /** Why it is wrong (absent when ok). */
  why?: string;
}

export interface CheckResult {
  /** 'unreadable' = the input could not be read (bad hex, not a number): not counted as an attempt. */
  verdict: 'correct' | 'wrong' | 'unreadable';
  /** One or two sentences for the reader. */
  message: string;
  /** hex-frame only: every compared field. */
  fields?: readonly FieldCheck[];
}
