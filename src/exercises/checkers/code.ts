/**
 * Runs a reader's JavaScript function against test cases and explains the result. Pure apart from evaluating
 * the reader's code: the browser calls it inside a Web Worker (src/widgets/exercise/code-worker.ts, which
 * adds the time limit by terminating the worker); the unit tests call it directly.
 *
 * Line numbers: the code is parsed with acorn first, so a syntax error is reported at its line and column
 * (an engine's SyntaxError from `eval` carries none). Runtime errors are mapped through the stack trace:
 * the code is evaluated with a `//# sourceURL` so stack frames name it and give its lines.
 */
import { parse } from 'acorn';
import type { CodeCase } from '../types';

/** Name the reader's code has in stack traces. */
export const CODE_FILE = 'your-code.js';
/** The evaluated program is PREFIX + source + suffix; PREFIX is one whole line, so user line n is line n + 1. */
const PREFIX = '"use strict";\n';
const PREFIX_LINES = 1;

export interface CaseResult {
  /** The call as the reader would write it: `unmask(Uint8Array [7f 9f], Uint8Array [37 fa 21 3d])`. */
  call: string;
  ok: boolean;
  expected: string;
  /** What the function returned (absent when it threw). */
  actual?: string;
  /** The error it threw, with the line when the stack names one. */
  error?: string;
  line?: number;
}

export interface CodeRunResult {
  status: 'passed' | 'failed' | 'syntax-error' | 'no-function' | 'error' | 'timeout';
  /** One or two sentences for the reader. */
  message: string;
  /** 1-based line (and column) in the reader's code, when the problem has one. */
  line?: number;
  column?: number;
  cases: CaseResult[];
}

/** Compiles `source`, calls `functionName` on every case and compares with the expected values. */
export function runCodeCases(source: string, functionName: string, cases: readonly CodeCase[]): CodeRunResult {
  if (!/^[A-Za-z_$][\w$]*$/.test(functionName)) throw new Error(`not a function name: ${functionName}`);
  const program = `${PREFIX}${source}\n;(typeof ${functionName} === "function" ? ${functionName} : undefined)\n//# sourceURL=${CODE_FILE}`;

  try {
    parse(program, { ecmaVersion: 'latest', sourceType: 'script', locations: true });
  } catch (error) {
    const loc = (error as { loc?: { line: number; column: number } }).loc;
    const text = error instanceof Error ? error.message.replace(/\s*\(\d+:\d+\)$/, '') : String(error);
    if (loc) {
      const line = Math.max(1, loc.line - PREFIX_LINES);
      const column = loc.column + 1;
      const atEnd = loc.line > PREFIX_LINES + source.split('\n').length;
      return {
        status: 'syntax-error',
        message: atEnd
          ? `Syntax error at the end of your code: ${text} (an unclosed bracket, string or comment?).`
          : `Syntax error on line ${line}, column ${column}: ${text}.`,
        line: Math.min(line, source.split('\n').length),
        ...(atEnd ? {} : { column }),
        cases: [],
      };
    }
    return { status: 'syntax-error', message: `Syntax error: ${text}.`, cases: [] };
  }

  let fn: unknown;
  try {
    // Indirect eval: global scope, so the reader's code cannot see this module's variables.
    fn = (0, eval)(program);
  } catch (error) {
    return { status: 'error', ...describeError(error, 'while loading your code'), cases: [] };
  }
  if (typeof fn !== 'function') {
    return {
      status: 'no-function',
      message: `Define a function named \`${functionName}\`, e.g. \`function ${functionName}(…) { … }\`.`,
      cases: [],
    };
  }

  const results: CaseResult[] = cases.map((c) => {
    const call = `${functionName}(${c.args.map((a) => formatValue(a)).join(', ')})`;
    const expected = formatValue(c.expected);
    // A fresh copy per call: a function that modifies its input (unmasking in place) must not change the next case.
    const args = c.args.map((a) => structuredClone(a));
    try {
      const actual = (fn as (...a: unknown[]) => unknown)(...args);
      return { call, ok: sameValue(actual, c.expected), expected, actual: formatValue(actual) };
    } catch (error) {
      const { message, line } = describeError(error, '');
      return { call, ok: false, expected, error: message, ...(line !== undefined ? { line } : {}) };
    }
  });

  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) {
    return { status: 'passed', message: `All ${results.length} tests pass.`, cases: results };
  }
  const f = failed[0]!;
  const detail = f.error
    ? `${f.call} threw ${f.error}`
    : `${f.call} returned ${f.actual}, expected ${f.expected}.${f.actual === 'undefined' ? ' Did you forget to `return` the result?' : ''}`;
  return {
    status: 'failed',
    message: `${failed.length} of ${results.length} tests fail. First: ${detail}`,
    ...(f.line !== undefined ? { line: f.line } : {}),
    cases: results,
  };
}

/** "TypeError: x is not a function (line 3)" with the line taken from the stack frame that names the code. */
function describeError(error: unknown, context: string): { message: string; line?: number; column?: number } {
  const name = error instanceof Error ? error.name : 'Error';
  const text = error instanceof Error ? error.message : String(error);
  const where = errorLocation(error);
  const ctx = context ? ` ${context}` : '';
  if (where) {
    return { message: `${name}${ctx} on line ${where.line}: ${text}`, line: where.line, column: where.column };
  }
  return { message: `${name}${ctx}: ${text}` };
}

/** The first stack frame in the reader's code, as a 1-based line and column of their source. */
export function errorLocation(error: unknown): { line: number; column: number } | undefined {
  const stack = error instanceof Error ? error.stack : undefined;
  if (!stack) return undefined;
  const m = new RegExp(`${CODE_FILE.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return undefined;
  return { line: Math.max(1, Number(m[1]) - PREFIX_LINES), column: Number(m[2]) };
}

/**
 * Structural equality for results. A Uint8Array expected value also matches any array-like of the same
 * numbers (a plain array, another typed array), since the task is about the bytes, not the container.
 */
export function sameValue(actual: unknown, expected: unknown): boolean {
  if (typeof expected === 'number')
    return typeof actual === 'number' && (actual === expected || (Number.isNaN(actual) && Number.isNaN(expected)));
  if (expected instanceof Uint8Array) {
    if (!isArrayLike(actual) || actual.length !== expected.length) return false;
    for (let i = 0; i < expected.length; i++) if (actual[i] !== expected[i]) return false;
    return true;
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => sameValue(actual[i], e))
    );
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null) return false;
    const keys = Object.keys(expected);
    return (
      keys.length === Object.keys(actual).length &&
      keys.every((k) => sameValue((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k]))
    );
  }
  return Object.is(actual, expected);
}

function isArrayLike(v: unknown): v is ArrayLike<unknown> {
  return (ArrayBuffer.isView(v) && !(v instanceof DataView)) || Array.isArray(v);
}

/** A value as the reader would recognise it; bytes in hex, long ones shortened. */
export function formatValue(v: unknown, limit = 16): string {
  if (v instanceof Uint8Array) return `Uint8Array [${bytesList(Array.from(v), limit)}]`;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const arr = Array.from(v as unknown as ArrayLike<number>);
    return `${v.constructor.name} [${arr.slice(0, limit).join(', ')}${arr.length > limit ? `, … (${arr.length} items)` : ''}]`;
  }
  if (Array.isArray(v)) {
    const items = v.slice(0, limit).map((x) => formatValue(x, limit));
    return `[${items.join(', ')}${v.length > limit ? `, … (${v.length} items)` : ''}]`;
  }
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object' && v !== null) {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

function bytesList(bytes: number[], limit: number): string {
  const shown = bytes.slice(0, limit).map((b) => (Number.isInteger(b) ? b.toString(16).padStart(2, '0') : String(b)));
  return `${shown.join(' ')}${bytes.length > limit ? ` … (${bytes.length} bytes)` : ''}`;
}
