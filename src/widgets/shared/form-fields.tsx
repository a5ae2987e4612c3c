import { useId, type ReactNode } from 'react';
import type { ParamError } from '../../protocol/tcp/types';

/** The first message a simulator gave for `field` (or for an entry below it, e.g. `losses[2].round`). */
export function messageFor(errors: readonly ParamError[], field: string): string | undefined {
  return errors.find((e) => e.field === field || e.field.startsWith(`${field}.`) || e.field.startsWith(`${field}[`))
    ?.message;
}

/**
 * The message line under a field or a list entry: the error in the danger colour, else the hint. It is a
 * live region, so a message that appears while the reader types is read out.
 */
export function FieldMessage({
  id,
  error,
  hint,
  as: Tag = 'p',
}: {
  id: string;
  error?: string | undefined;
  hint?: ReactNode;
  as?: 'p' | 'span';
}) {
  return (
    <Tag id={id} className={`wn-field-msg${error !== undefined ? ' is-error' : ''}`} aria-live="polite">
      {error ?? hint ?? ''}
    </Tag>
  );
}

export interface NumberInputProps {
  id: string;
  /** The text as typed (kept as text, so a half-typed or empty value can be shown and reported). */
  value: string;
  onChange: (text: string) => void;
  /** Marks the input invalid (aria-invalid) while its message line shows an error. */
  invalid: boolean;
  /** Id of the message line that describes the input. */
  describedBy?: string | undefined;
  /** 'numeric' for whole numbers (a phone shows digits only); default 'decimal'. */
  inputMode?: 'decimal' | 'numeric';
  min?: number;
  max?: number;
  step?: number | 'any';
}

/** A bare number input wired to a message line; for inputs laid out in a row (one entry of a list). */
export function NumberInput({
  id,
  value,
  onChange,
  invalid,
  describedBy,
  inputMode = 'decimal',
  min,
  max,
  step,
}: NumberInputProps) {
  return (
    <input
      id={id}
      type="number"
      inputMode={inputMode}
      value={value}
      min={min}
      max={max}
      step={step}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

interface FieldProps {
  label: string;
  value: string;
  onChange: (text: string) => void;
  /** Message from the model (or the widget) for this field; shown under it and marks it invalid. */
  error?: string | undefined;
  hint?: ReactNode;
}

export interface NumberFieldProps extends FieldProps {
  unit?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  className?: string;
  /** Reserve the message line even when empty (keeps the form from moving). Default true. */
  reserve?: boolean;
}

/** A labelled number input with its message line below (error in the danger colour, else the hint). */
export function NumberField({
  label,
  value,
  onChange,
  error,
  hint,
  unit,
  min,
  max,
  step,
  className,
  reserve = true,
}: NumberFieldProps) {
  const id = useId();
  const msgId = `${id}-m`;
  const hasMsg = error !== undefined || hint !== undefined;
  return (
    <div className={`wn-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      <span className="wn-field-input">
        <NumberInput
          id={id}
          value={value}
          onChange={onChange}
          invalid={error !== undefined}
          describedBy={hasMsg ? msgId : undefined}
          min={min}
          max={max}
          step={step}
        />
        {unit && <span className="wn-unit">{unit}</span>}
      </span>
      {(reserve || hasMsg) && <FieldMessage id={msgId} error={error} hint={hint} />}
    </div>
  );
}

export interface TextFieldProps extends FieldProps {
  /** Class of the input itself (e.g. wn-mono for a path). */
  inputClassName?: string;
}

/** A labelled one-line text input with its message line below, which is always there. */
export function TextField({ label, value, onChange, error, hint, inputClassName }: TextFieldProps) {
  const id = useId();
  const msgId = `${id}-m`;
  return (
    <div className="wn-field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        className={inputClassName}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={msgId}
      />
      <FieldMessage id={msgId} error={error} hint={hint} />
    </div>
  );
}

/** One entry of a menu: the value the widget keeps and the words the reader sees. */
export interface Choice<T extends string = string> {
  id: T;
  label: string;
}

export interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  onChange: (value: T) => void;
  choices: ReadonlyArray<Choice<T>>;
  /** A first entry with the value '' (e.g. "Your own writes"); T then includes ''. */
  emptyChoice?: string;
  /** The line under the menu (what the choice means, or the model's message about it); none when omitted. */
  note?: ReactNode;
}

/** A labelled menu in the field grid, with an optional note below it. */
export function SelectField<T extends string>({
  label,
  value,
  onChange,
  choices,
  emptyChoice,
  note,
}: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className="wn-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        <ChoiceOptions choices={choices} emptyChoice={emptyChoice} />
      </select>
      {note !== undefined && <p className="wn-field-msg">{note}</p>}
    </div>
  );
}

/** The `<option>`s of a menu, for menus laid out outside the field grid. */
export function ChoiceOptions({
  choices,
  emptyChoice,
}: {
  choices: ReadonlyArray<Choice>;
  emptyChoice?: string | undefined;
}) {
  return (
    <>
      {emptyChoice !== undefined && <option value="">{emptyChoice}</option>}
      {choices.map((c) => (
        <option key={c.id} value={c.id}>
          {c.label}
        </option>
      ))}
    </>
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
