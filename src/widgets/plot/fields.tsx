import { useId, type ReactNode } from 'react';
import type { ParamError } from '../../protocol';

/** The first message a simulator gave for `field` (or for an entry below it, e.g. `losses[2].round`). */
export function messageFor(errors: readonly ParamError[], field: string): string | undefined {
  return errors.find((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))?.message;
}

export interface NumberFieldProps {
  label: string;
  /** The text as typed (kept as text, so a half-typed or empty value can be shown and reported). */
  value: string;
  onChange: (text: string) => void;
  /** Message from the model (or the widget) for this field; shown under it and marks it invalid. */
  error?: string | undefined;
  hint?: ReactNode;
  unit?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  className?: string;
  /** Reserve the message line even when empty (keeps the form from moving). Default true. */
  reserve?: boolean;
}

/** A labelled number input with its message line below (error in the danger colour, else the hint). */
export function NumberField({ label, value, onChange, error, hint, unit, min, max, step, className, reserve = true }: NumberFieldProps) {
  const id = useId();
  const msgId = `${id}-m`;
  const hasMsg = error !== undefined || hint !== undefined;
  return (
    <div className={`wn-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <span className="wn-field-input">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          value={value}
          min={min}
          max={max}
          step={step}
          aria-invalid={error !== undefined ? true : undefined}
          aria-describedby={hasMsg ? msgId : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {unit && <span className="wn-unit">{unit}</span>}
      </span>
      {(reserve || hasMsg) && (
        <p id={msgId} className={`wn-field-msg${error !== undefined ? ' is-error' : ''}`} aria-live="polite">
          {error ?? hint ?? ''}
        </p>
      )}
    </div>
  );
}

/**
 * Text → number for a simulator parameter. Empty text → undefined (the model's default applies when
 * `emptyIsDefault`), otherwise Number(text) — NaN included, so the model itself reports "must be a
 * finite number" and the widget never invents its own range rules.
 */
export function numberFromText(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return Number(t);
}
