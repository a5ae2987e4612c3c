import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import {
  BIT_WIDTHS,
  intTypeName,
  toBits,
  wrap,
  type BitOp,
  type BitWidth,
  type IntType,
  type Radix,
} from '../../protocol/bits';
import { BitGrid } from './BitGrid';
import {
  computePlayground,
  DEFAULT_PLAYGROUND,
  describeValue,
  formatLiteral,
  isShift,
  OPERATORS,
  parseOperand,
  parseShiftCount,
  playgroundFromHash,
  playgroundHashValues,
  rangeText,
  toggleBit,
  type OperandParse,
  type PlaygroundResult,
} from './model';
import { useHashParams } from '../shared/use-hash-params';
import '../shared/controls.css';
import './bits.css';

export interface BitwisePlaygroundProps {
  /** Left operand as typed: decimal (200), hex (0xc8) or binary (0b1100_1000). Default "0x37". */
  a?: string;
  /** Right operand, or the shift count for << >> >>>. Default "0xfa". */
  b?: string;
  /** Operator: "&", "|", "^", "~", "<<", ">>" or ">>>". Default "^". */
  op?: BitOp;
  /** 8, 16, 32 or 64 bits (64 is done with BigInt). Default 8. */
  width?: BitWidth;
  /** Two's-complement signed type instead of unsigned. Default false. */
  signed?: boolean;
  /** Mirror the state in the URL fragment (a, b, op, w, signed). Tool page only. */
  syncHash?: boolean;
}

/** The last value that was defined, so a grid or result stays in place while an input is briefly invalid. */
function useLastGood<T>(value: T | undefined): T | undefined {
  const [last, setLast] = useState(value);
  if (value !== undefined && !Object.is(value, last)) setLast(value);
  return value ?? last;
}

/**
 * Bitwise operators on a bit grid: two operands of a chosen width and sign, bits that flip when
 * clicked, the exact fixed-width result beside what JavaScript's 32-bit operators give, with notes
 * where they differ. All arithmetic is the core's (evalExact, evalJs).
 */
export default function BitwisePlayground({
  a: initialA = DEFAULT_PLAYGROUND.a,
  b: initialB = DEFAULT_PLAYGROUND.b,
  op: initialOp = DEFAULT_PLAYGROUND.op,
  width: initialWidth = DEFAULT_PLAYGROUND.width,
  signed: initialSigned = DEFAULT_PLAYGROUND.signed,
  syncHash = false,
}: BitwisePlaygroundProps) {
  const [a, setA] = useState(initialA);
  const [b, setB] = useState(initialB);
  const [op, setOp] = useState<BitOp>(initialOp);
  const [width, setWidth] = useState<BitWidth>(initialWidth);
  const [signed, setSigned] = useState(initialSigned);
  const id = useId();

  const type: IntType = useMemo(() => ({ width, signed }), [width, signed]);
  const state = { a, b, op, width, signed };
  const pa = useMemo(() => parseOperand(a, type), [a, type]);
  const pb = useMemo<OperandParse | undefined>(
    () => (op === '~' ? undefined : isShift(op) ? parseShiftCount(b) : parseOperand(b, type)),
    [b, op, type],
  );
  const result = useMemo(() => computePlayground({ a, b, op, width, signed }), [a, b, op, width, signed]);
  const good = useLastGood<Extract<PlaygroundResult, { ok: true }>>(result.ok ? result : undefined);

  const lastA = useLastGood(pa.ok ? pa.value : undefined) ?? 0n;
  const lastB = useLastGood(pb?.ok && !isShift(op) ? pb.value : undefined) ?? 0n;
  const radixA = useLastGood<Radix>(pa.ok ? pa.radix : undefined) ?? 16;
  const radixB = useLastGood<Radix>(pb?.ok ? pb.radix : undefined) ?? 16;
  const gridA = pa.ok ? pa.value : wrap(lastA, type);
  const gridB = pb?.ok && !isShift(op) ? pb.value : wrap(lastB, type);

  const restore = useCallback((params: Record<string, string>) => {
    const s = playgroundFromHash(params);
    if (s.a !== undefined) setA(s.a);
    if (s.b !== undefined) setB(s.b);
    if (s.op !== undefined) setOp(s.op);
    if (s.width !== undefined) setWidth(s.width);
    if (s.signed !== undefined) setSigned(s.signed);
  }, []);
  useHashParams(syncHash, playgroundHashValues(state), restore);

  const shown = good !== undefined && good.type.width === width && good.type.signed === signed ? good : undefined;
  const resultStale = !result.ok;
  const changed = useMemo(() => {
    if (shown === undefined) return undefined;
    const set = new Set<number>();
    const before = toBits(shown.a, shown.type.width);
    const after = shown.exact.bits;
    for (let i = 0; i < after.length; i++) if (before[i] !== after[i]) set.add(after.length - 1 - i);
    return set;
  }, [shown]);

  return (
    <div className="wn-tool wn-bits" data-widget="bitwise-playground">
      <div className="wn-bits-settings">
        <fieldset>
          <legend>Width</legend>
          <div className="wn-choices">
            {BIT_WIDTHS.map((w) => (
              <label key={w}>
                <input type="radio" name={`${id}-width`} value={w} checked={width === w} onChange={() => setWidth(w)} />{' '}
                {w} bits
                {w === 64 ? ' (BigInt)' : ''}
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend>Type</legend>
          <div className="wn-choices">
            <label>
              <input type="radio" name={`${id}-sign`} checked={!signed} onChange={() => setSigned(false)} /> unsigned
            </label>
            <label>
              <input type="radio" name={`${id}-sign`} checked={signed} onChange={() => setSigned(true)} /> signed (two’s
              complement)
            </label>
          </div>
          <p className="wn-hint">{rangeText(type)}</p>
        </fieldset>
      </div>

      <fieldset>
        <legend>Operator</legend>
        <div className="wn-choices wn-ops">
          {OPERATORS.map((o) => (
            <label key={o.op}>
              <input type="radio" name={`${id}-op`} value={o.op} checked={op === o.op} onChange={() => setOp(o.op)} />{' '}
              <code>{o.op}</code> {o.name}
            </label>
          ))}
        </div>
      </fieldset>

      <Operand
        id={`${id}-a`}
        name="A"
        label={`A (${intTypeName(type)}: decimal, 0x hex or 0b binary)`}
        text={a}
        parse={pa}
        type={type}
        onText={setA}
        grid={
          <BitGrid
            name="A"
            value={gridA}
            width={width}
            stale={!pa.ok}
            onToggle={(i) => setA(formatLiteral(toggleBit(gridA, i, type), radixA, type))}
          />
        }
      />

      {op === '~' ? null : isShift(op) ? (
        <Operand
          id={`${id}-b`}
          name="B"
          label="B: shift count (0–255)"
          text={b}
          parse={pb!}
          type={{ width: 8, signed: false }}
          onText={setB}
          isCount
        />
      ) : (
        <Operand
          id={`${id}-b`}
          name="B"
          label={`B (${intTypeName(type)})`}
          text={b}
          parse={pb!}
          type={type}
          onText={setB}
          grid={
            <BitGrid
              name="B"
              value={gridB}
              width={width}
              stale={!pb?.ok}
              onToggle={(i) => setB(formatLiteral(toggleBit(gridB, i, type), radixB, type))}
            />
          }
        />
      )}

      {/* Not a landmark: a lesson can hold several playgrounds, and landmarks must have unique names. */}
      <div className={`wn-bits-results${resultStale ? ' is-stale' : ''}`}>
        {shown === undefined ? (
          <p className="wn-box">Type valid operands to see the result.</p>
        ) : (
          <>
            <div className="wn-box wn-bits-exact">
              <p className="wn-bits-head" aria-live="polite">
                Exact, in {shown.type.width} bits ({intTypeName(shown.type)}): <code>{shown.exact.expression}</code> ={' '}
                <strong data-result="exact">{shown.exact.value.toString()}</strong>
              </p>
              <p className="wn-bits-forms">{describeValue(shown.exact.value, shown.type)}</p>
              <BitGrid name="the result" value={shown.exact.value} width={shown.type.width} changed={changed} />
              <p className="wn-hint">Underlined bits differ from A.</p>
              {shown.exact.notes.length > 0 ? (
                <ul className="wn-notes">
                  {shown.exact.notes.map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              ) : null}
            </div>
            <div className="wn-box wn-bits-js">
              <p className="wn-bits-head">
                JavaScript on Numbers: <code>{shown.js.result.expression}</code> ={' '}
                <strong data-result="js">{shown.js.result.value}</strong>{' '}
                {shown.js.same ? (
                  <span className="wn-badge is-ok">same</span>
                ) : (
                  <span className="wn-badge is-warning">differs</span>
                )}
              </p>
              <p className="wn-bits-forms">
                32-bit result: <code className="wn-bits-32">{groupBits(shown.js.result.bits)}</code>
              </p>
              {shown.js.notes.length + shown.js.result.notes.length > 0 ? (
                <ul className="wn-notes">
                  {[...shown.js.notes, ...shown.js.result.notes].map((n) => (
                    <li key={n}>{n}</li>
                  ))}
                </ul>
              ) : null}
              {shown.js.fix !== undefined ? (
                <p className="wn-note">
                  JavaScript’s bitwise operators work on 32-bit integers. To get the {intTypeName(shown.type)} result:{' '}
                  <code>{shown.js.fix.expression.replace('…', shown.js.result.expression)}</code> = {shown.js.fix.value}
                  .
                </p>
              ) : null}
              {shown.js.bigint !== undefined ? (
                <p className="wn-note">
                  Numbers cannot do 64-bit bitwise operations. With BigInt operands (
                  <code>a = {shown.a.toString()}n</code>
                  {shown.b !== undefined ? (
                    <>
                      , <code>b = {shown.b.toString()}n</code>
                    </>
                  ) : null}
                  ): <code>{shown.js.bigint}</code> gives the exact result, {shown.exact.value.toString()}.
                  {op === '>>>' ? ' (BigInt has no >>>: it throws a TypeError.)' : ''}
                </p>
              ) : null}
            </div>
          </>
        )}
      </div>
    </div>
  );
}

/** "1000 0001 …" in bytes of two nibbles. */
function groupBits(bits: string): string {
  return bits.replace(/(.{4})(?=.)/g, '$1 ');
}

interface OperandProps {
  id: string;
  name: string;
  label: string;
  text: string;
  parse: OperandParse;
  type: IntType;
  onText: (text: string) => void;
  grid?: ReactNode;
  isCount?: boolean;
}

function Operand({ id, label, text, parse, type, onText, grid, isCount = false }: OperandProps) {
  const msgId = `${id}-msg`;
  let message: string;
  if (!parse.ok) message = parse.message;
  else if (isCount) message = `Shift by ${parse.value.toString()} bit${parse.value === 1n ? '' : 's'}.`;
  else {
    message = `= ${describeValue(parse.value, type)}`;
    if (parse.bitPattern)
      message += ` — ${text.trim()} is read as the ${type.width}-bit pattern of ${parse.value.toString()}.`;
  }
  return (
    <div className="wn-bits-operand">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        className="wn-mono"
        inputMode="text"
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        aria-invalid={!parse.ok}
        aria-describedby={msgId}
        value={text}
        onChange={(e) => onText(e.target.value)}
      />
      <p id={msgId} className={`wn-msg${parse.ok ? '' : ' is-error'}`}>
        {message}
      </p>
      {grid}
    </div>
  );
}
