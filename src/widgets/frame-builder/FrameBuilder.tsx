import { useDeferredValue, useId, useMemo, useState, type ReactNode } from 'react';
import { toHex } from '../../protocol/hex';
import { errorSnippet } from '../shared/error-snippet';
import { formatOpcode, opcodeName } from '../../explain/opcodes';
import { type FieldKey } from '../../explain/frame-fields';
import { BitDiagram, FieldList } from '../shared/FrameFieldsView';
import { HexErrorView } from '../shared/HexErrorView';
import { HexView } from '../shared/HexView';
import { useLastValid } from '../shared/use-last-valid';
import { decoderHref } from '../shared/links';
import { ViolationList } from '../shared/ViolationList';
import { useHashParams } from '../shared/use-hash-params';
import {
  buildFrame,
  builderFromHash,
  builderHashValues,
  convertPayload,
  DEFAULT_BUILDER_STATE,
  type BuilderState,
  type PayloadMode,
} from './model';
import '../shared/widget.css';
import './frame-builder.css';

export interface FrameBuilderProps {
  /** Initial field values; the default is RFC 6455 §5.7's masked "Hello" (key 37 fa 21 3d). */
  initial?: Partial<BuilderState>;
  /** Where "open in decoder" points (default /tools/frame-decoder/). */
  decoderPath?: string;
  /** Keep the form in the URL fragment, so a link rebuilds the frame (the tool page). Default false. */
  syncHash?: boolean;
}

const OPCODES = Array.from({ length: 16 }, (_, op) => op);

/** A fresh random masking key, as a client must pick for every frame (RFC 6455 §5.3). */
function randomMaskKey(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(4)));
}

/**
 * Set each header field, type a payload, and watch the bytes change: every field's bytes marked, the
 * length encoding explained, and the rules the frame breaks listed — the built bytes go back through
 * `decodeFrames`, so the warnings are exactly what a receiver would report.
 */
export default function FrameBuilder({ initial, decoderPath, syncHash = false }: FrameBuilderProps) {
  const [state, setState] = useState<BuilderState>({ ...DEFAULT_BUILDER_STATE, ...initial });
  useHashParams(syncHash, builderHashValues(state), (params) =>
    setState((s) => ({ ...s, ...builderFromHash(params) })),
  );
  const [highlight, setHighlight] = useState<FieldKey | null>(null);
  const [copyStatus, setCopyStatus] = useState('');
  const deferred = useDeferredValue(state);
  const built = useMemo(() => buildFrame(deferred), [deferred]);
  // Keep showing the last good frame while a field is briefly invalid: no collapse, no jump.
  const shown = useLastValid(built.ok ? built : undefined);

  const set = <K extends keyof BuilderState>(key: K, value: BuilderState[K]): void => {
    setState((s) => ({ ...s, [key]: value }));
    setCopyStatus('');
  };

  const ids = {
    opcode: useId(),
    key: useId(),
    keyHint: useId(),
    payload: useId(),
    payloadHint: useId(),
    from: useId(),
    mode: useId(),
  };
  const keyProblem = built.ok ? undefined : built.problems.find((p) => p.field === 'maskKey');
  const payloadProblem = built.ok ? undefined : built.problems.find((p) => p.field === 'payload');

  const copy = async (): Promise<void> => {
    if (shown === undefined) return;
    try {
      await navigator.clipboard.writeText(toHex(shown.bytes));
      setCopyStatus('Copied the hex to the clipboard.');
    } catch {
      setCopyStatus('Copying failed (the browser refused clipboard access); select the hex below instead.');
    }
  };

  const problemView = (text: string, problem: typeof keyProblem, title: string): ReactNode => {
    if (problem === undefined) return null;
    if (problem.where === undefined) {
      return (
        <p className="wn-field-error" role="alert">
          {problem.message}
        </p>
      );
    }
    return <HexErrorView title={title} message={problem.message} snippet={errorSnippet(text, problem.where)} />;
  };

  return (
    <div className="wn-builder" data-widget="frame-builder">
      <form className="wn-builder-form" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="wn-bits">
          <legend>Header bits</legend>
          {(['fin', 'rsv1', 'rsv2', 'rsv3'] as const).map((k) => (
            <label key={k} className="wn-check">
              <input type="checkbox" checked={state[k]} onChange={(e) => set(k, e.target.checked)} /> {k.toUpperCase()}
            </label>
          ))}
          <span className="wn-opcode">
            <label htmlFor={ids.opcode}>Opcode</label>{' '}
            <select id={ids.opcode} value={state.opcode} onChange={(e) => set('opcode', Number(e.target.value))}>
              {OPCODES.map((op) => (
                <option key={op} value={op}>
                  {formatOpcode(op)} {opcodeName(op)}
                </option>
              ))}
            </select>
          </span>
        </fieldset>

        <fieldset className="wn-masking">
          <legend>Sender and masking</legend>
          <div className="wn-direction" role="radiogroup" aria-label="Sent by">
            <span aria-hidden="true">Sent by:</span>
            {(['client', 'server'] as const).map((d) => (
              <label key={d}>
                <input
                  type="radio"
                  name={ids.from}
                  value={d}
                  checked={state.from === d}
                  onChange={() => set('from', d)}
                />{' '}
                {d === 'client' ? 'client (must mask)' : 'server (must not mask)'}
              </label>
            ))}
          </div>
          <label className="wn-check">
            <input type="checkbox" checked={state.masked} onChange={(e) => set('masked', e.target.checked)} /> Mask the
            payload
          </label>
          <div className="wn-key-row">
            <label htmlFor={ids.key}>Masking key</label>
            <input
              id={ids.key}
              className="wn-key-input"
              type="text"
              spellCheck={false}
              autoComplete="off"
              value={state.maskKey}
              disabled={!state.masked}
              aria-invalid={keyProblem !== undefined}
              aria-describedby={ids.keyHint}
              onChange={(e) => set('maskKey', e.target.value)}
            />
            <button type="button" disabled={!state.masked} onClick={() => set('maskKey', randomMaskKey())}>
              Random key
            </button>
          </div>
          <p id={ids.keyHint} className="wn-hint">
            4 bytes of hex. A client picks a fresh, unpredictable key for every frame (RFC 6455 §5.3).
          </p>
          {problemView(state.maskKey, keyProblem, 'Masking key:')}
        </fieldset>

        <fieldset className="wn-payload-field">
          <legend>Payload</legend>
          <div className="wn-direction" role="radiogroup" aria-label="Payload typed as">
            {(['text', 'hex'] as const).map((m: PayloadMode) => (
              <label key={m}>
                <input
                  type="radio"
                  name={ids.mode}
                  value={m}
                  checked={state.payloadMode === m}
                  onChange={() =>
                    setState((s) => ({ ...s, payloadMode: m, payload: convertPayload(s.payload, s.payloadMode, m) }))
                  }
                />{' '}
                {m === 'text' ? 'text (UTF-8)' : 'hex bytes'}
              </label>
            ))}
          </div>
          <label htmlFor={ids.payload} className="wn-visually-hidden">
            Payload ({state.payloadMode === 'text' ? 'text' : 'hex'})
          </label>
          <textarea
            id={ids.payload}
            className={`wn-hex-input${state.payloadMode === 'hex' ? ' hex' : ''}`}
            rows={3}
            spellCheck={false}
            value={state.payload}
            aria-invalid={payloadProblem !== undefined}
            aria-describedby={ids.payloadHint}
            onChange={(e) => set('payload', e.target.value)}
          />
          <p id={ids.payloadHint} className="wn-hint">
            {state.payloadMode === 'text'
              ? 'Encoded as UTF-8. Type more than 125 bytes to see the 16-bit length, more than 65535 for the 64-bit one.'
              : 'Any hex format: 48 65 6c 6c 6f, 0x48,0x65, \\x48…'}
          </p>
          {problemView(state.payload, payloadProblem, 'Payload:')}
        </fieldset>
      </form>

      <section className={`wn-built${built.ok ? '' : ' is-stale'}`} aria-label="Built frame">
        {shown === undefined ? (
          <p className="wn-summary">Fix the field above to see the bytes.</p>
        ) : (
          <>
            <p className="wn-summary" role="status">
              {shown.bytes.length.toLocaleString('en')} bytes: {shown.frame.headerLength}-byte header +{' '}
              {shown.frame.payloadLength.toLocaleString('en')}-byte payload
              {built.ok ? '' : ' (last valid frame; fix the field above)'}
            </p>
            <HexView
              input={shown.bytes}
              start={0}
              end={shown.bytes.length}
              fields={shown.fields}
              highlight={highlight}
              onHighlight={setHighlight}
              label="Bytes of the built frame"
              maxBytes={shown.frame.headerLength + 256}
            />
            <div className="wn-actions">
              <button type="button" onClick={() => void copy()}>
                Copy hex
              </button>
              <a href={decoderHref(shown.hex, deferred.from, decoderPath)}>Open in decoder</a>
              <span className="wn-copy-status" role="status">
                {copyStatus}
              </span>
            </div>
            <p className="wn-length">
              <strong>Length encoding:</strong> {shown.lengthExplanation}
            </p>
            {shown.decoded.violations.length > 0 ? (
              <ViolationList
                violations={shown.decoded.violations}
                intro={`A receiver would reject this frame (${shown.decoded.violations.length === 1 ? '1 violation' : `${shown.decoded.violations.length} violations`}):`}
              />
            ) : (
              <p className="wn-ok">✓ A conforming receiver accepts this frame from a {deferred.from}.</p>
            )}
            <BitDiagram fields={shown.fields} highlight={highlight} onHighlight={setHighlight} />
            <FieldList
              fields={shown.fields}
              highlight={highlight}
              onHighlight={setHighlight}
              label="Header fields of the built frame"
            />
          </>
        )}
      </section>
    </div>
  );
}
