import type { ReactNode } from 'react';
import { FieldMessage } from '../form-fields';

/**
 * Editable lists in the TCP widgets (losses, writes, headers): each entry has a stable `key` so React
 * keeps its inputs (and their focus) while entries before it are added or removed.
 */
export interface Keyed {
  key: number;
}

/** A key no entry of `list` has yet. */
export function nextKey(list: readonly Keyed[]): number {
  return Math.max(0, ...list.map((x) => x.key)) + 1;
}

/** `list` with the entry that has `next`'s key replaced by `next`. */
export function replaceEntry<T extends Keyed>(list: readonly T[], next: T): T[] {
  return list.map((x) => (x.key === next.key ? next : x));
}

/** `list` without the entry with `key`. */
export function removeEntry<T extends Keyed>(list: readonly T[], key: number): T[] {
  return list.filter((x) => x.key !== key);
}

/** What every entry editor receives from its list. */
export interface EntryEditorProps<Row> {
  /** Position in the list (0-based); entries are numbered from 1 for the reader. */
  index: number;
  row: Row;
  onChange: (row: Row) => void;
  onRemove: () => void;
}

export interface ListEntryProps {
  className: string;
  /** Class of the line that holds the inputs and the Remove button. */
  fieldsClassName: string;
  /** Id of the entry's message line (its inputs point at it with aria-describedby). */
  msgId: string;
  error: string | undefined;
  /** Accessible name of the Remove button, e.g. "Remove loss 2". */
  removeLabel: string;
  onRemove: () => void;
  /** The entry's labels and inputs. */
  children: ReactNode;
}

/** One entry of an editable list: its inputs on one line, a Remove button, and one message line below. */
export function ListEntry({
  className,
  fieldsClassName,
  msgId,
  error,
  removeLabel,
  onRemove,
  children,
}: ListEntryProps) {
  return (
    <li className={className}>
      <span className={fieldsClassName}>
        {children}
        <button type="button" onClick={onRemove} aria-label={removeLabel}>
          Remove
        </button>
      </span>
      <FieldMessage as="span" id={msgId} error={error} />
    </li>
  );
}
