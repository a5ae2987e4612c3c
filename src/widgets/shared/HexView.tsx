import { useId, useState, type KeyboardEvent } from 'react';
import { fieldsAtByte, primaryFieldAtByte, type FieldKey, type FrameField } from '../../explain/frame-fields';
import './fields.css';

export interface HexViewProps {
  /** The whole input; only `start`..`end` is shown. */
  input: Uint8Array;
  /** First byte shown (absolute offset in `input`). */
  start: number;
  /** End of the range, exclusive. */
  end: number;
  /** Fields that colour the bytes (from frameFields); bytes outside every field stay plain. */
  fields: readonly FrameField[];
  /** Field whose bytes are emphasised (hovered or focused elsewhere). */
  highlight: FieldKey | null;
  /** Called with the fields under the hovered / keyboard-selected byte, or null when none. */
  onHighlight?: (key: FieldKey | null) => void;
  /** At most this many bytes are rendered; the rest is summarised (a 1 MiB payload stays 1 line of text). */
  maxBytes?: number;
  /** Accessible name, e.g. "Bytes of frame 1". */
  label: string;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Bytes as two-digit hex, each coloured by the field it belongs to. Hovering a byte, or moving the
 * keyboard cursor onto it (arrow keys, Home, End; Escape clears), highlights its field everywhere.
 */
export function HexView({ input, start, end, fields, highlight, onHighlight, maxBytes = 512, label }: HexViewProps) {
  const [cursor, setCursor] = useState<number | null>(null);
  const statusId = useId();
  const shownEnd = Math.min(end, start + maxBytes, input.length);
  const hidden = Math.max(0, end - shownEnd);
  const highlighted = highlight === null ? undefined : fields.find((f) => f.key === highlight);

  const select = (offset: number | null): void => {
    setCursor(offset);
    onHighlight?.(offset === null ? null : (primaryFieldAtByte(fields, offset) ?? null));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (shownEnd <= start) return;
    const last = shownEnd - 1;
    let next: number | null | undefined;
    if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = cursor === null ? start : Math.min(last, cursor + 1);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = cursor === null ? start : Math.max(start, cursor - 1);
    else if (e.key === 'Home') next = start;
    else if (e.key === 'End') next = last;
    else if (e.key === 'Escape') next = null;
    if (next === undefined) return;
    e.preventDefault();
    select(next);
  };

  const cells = [];
  for (let i = start; i < shownEnd; i++) {
    const key = primaryFieldAtByte(fields, i);
    const on = highlighted !== undefined && i >= highlighted.byteStart && i < highlighted.byteEnd;
    cells.push(
      <span
        key={i}
        className={`wn-hex-byte${key ? ` wn-field-${key}` : ''}${on ? ' is-highlighted' : ''}${i === cursor ? ' is-cursor' : ''}`}
        data-offset={i}
        onMouseEnter={() => onHighlight?.(key ?? null)}
        onMouseLeave={() => onHighlight?.(null)}
      >
        {HEX[input[i] ?? 0]}
      </span>,
    );
  }

  const cursorFields = cursor === null ? [] : fieldsAtByte(fields, cursor);
  const cursorText =
    cursor === null
      ? ''
      : `Byte ${cursor}: 0x${HEX[input[cursor] ?? 0]}${cursorFields.length ? `, ${cursorFields.map((k) => fields.find((f) => f.key === k)?.name ?? k).join(', ')}` : ''}`;

  return (
    <div className="wn-hexview">
      <div
        className="wn-hex-bytes"
        role="group"
        tabIndex={0}
        aria-label={`${label} (arrow keys select a byte)`}
        aria-describedby={statusId}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setCursor(null);
          onHighlight?.(null);
        }}
        onMouseLeave={() => onHighlight?.(null)}
      >
        {cells}
        {hidden > 0 ? <span className="wn-hex-more">… {hidden.toLocaleString('en')} more bytes</span> : null}
      </div>
      <p id={statusId} className="wn-hex-status" aria-live="polite">
        {cursorText}
      </p>
    </div>
  );
}
