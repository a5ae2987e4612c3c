import type { ReactNode } from 'react';
import { HexError } from '../../protocol/hex';
import { CODE_INPUT_PROPS } from './code-input';
import { HexErrorView } from './HexErrorView';
import { errorSnippet } from './error-snippet';

export interface HexFieldProps {
  /** The input's id; the message under it gets `${id}-msg` and describes the input. */
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  /**
   * What is wrong with `value`, or undefined: the codec's HexError is shown with the bad character
   * marked in place; a string (e.g. "a masking key is exactly 4 bytes") is shown as it is.
   */
  problem: HexError | string | undefined;
  /** The message line while nothing is wrong, e.g. "4 bytes.". */
  note: ReactNode;
  /** Shown on the input's row (e.g. the form's submit button), inside a `<div className={rowClassName}>`. */
  beside?: ReactNode;
  rowClassName?: string;
}

/**
 * A one-line hex input with its label and a message line that reports the byte count or the parse
 * error. The widget parses (each in its own model); this only shows the result, with the input marked
 * invalid and described by the message so a screen reader hears why.
 */
export function HexField({ id, label, value, onChange, problem, note, beside, rowClassName }: HexFieldProps) {
  const msgId = `${id}-msg`;
  const input = (
    <input
      {...CODE_INPUT_PROPS}
      id={id}
      value={value}
      aria-invalid={problem !== undefined}
      aria-describedby={msgId}
      onChange={(e) => onChange(e.target.value)}
    />
  );
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {beside === undefined ? (
        input
      ) : (
        <div className={rowClassName}>
          {input}
          {beside}
        </div>
      )}
      <div id={msgId} className={`wn-msg${problem === undefined ? '' : ' is-error'}`}>
        {problem === undefined ? (
          note
        ) : problem instanceof HexError ? (
          <HexErrorView title="Not valid hex:" message={problem.message} snippet={errorSnippet(value, problem)} />
        ) : (
          problem
        )}
      </div>
    </>
  );
}
