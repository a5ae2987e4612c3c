import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { diagramSegments, type FieldKey, type FrameField } from '../../explain/frame-fields';
import './fields.css';

/** Labels short enough for 1-bit columns; the field list beside the diagram gives the full names. */
const SHORT_LABEL: Partial<Record<FieldKey, string>> = {
  rsv1: 'R1',
  rsv2: 'R2',
  rsv3: 'R3',
  mask: 'M',
  len7: 'len',
  extlen: 'ext. len',
  maskkey: 'mask key',
};

export interface BitDiagramProps {
  fields: readonly FrameField[];
  highlight: FieldKey | null;
  onHighlight?: (key: FieldKey | null) => void;
}

/**
 * The header bit by bit, as drawn in RFC 6455 §5.2. Fields are cut at byte boundaries, so the grid can
 * show 32, 16 or 8 bits per row depending on the room (container queries in fields.css). Decorative for
 * assistive technology: the field list carries the same information as text.
 */
export function BitDiagram({ fields, highlight, onHighlight }: BitDiagramProps) {
  const segments = useMemo(() => diagramSegments(fields), [fields]);
  return (
    <div className="wn-bitdiagram-box">
      <div className="wn-bitdiagram" aria-hidden="true" onMouseLeave={() => onHighlight?.(null)}>
        {segments.map((s) => (
          <div
            key={`${s.key}-${s.byteIndex}`}
            className={`wn-seg wn-field-${s.key}${s.first ? ' is-first' : ''}${highlight === s.key ? ' is-highlighted' : ''}`}
            style={{ gridColumn: `span ${s.bits.length}` }}
            onMouseEnter={() => onHighlight?.(s.key)}
            title={fields.find((f) => f.key === s.key)?.name}
          >
            <span className="wn-seg-label">{s.first ? (SHORT_LABEL[s.key] ?? s.label) : '\u00a0'}</span>
            <span className="wn-seg-bits" style={{ gridTemplateColumns: `repeat(${s.bits.length}, 1fr)` }}>
              {Array.from(s.bits, (b, i) => (
                <span key={i}>{b}</span>
              ))}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}

/** "bit 0", "bits 4–7" for header fields (counted from the frame's first bit); "bytes 6–10" for the payload. */
export function rangeText(f: FrameField): string {
  if (f.key === 'payload') {
    const n = f.byteEnd - f.byteStart;
    return n === 0 ? 'empty' : n === 1 ? `byte ${f.byteStart}` : `bytes ${f.byteStart}–${f.byteEnd - 1}`;
  }
  return f.bitLength === 1 ? `bit ${f.bitStart}` : `bits ${f.bitStart}–${f.bitStart + f.bitLength - 1}`;
}

export interface FieldListProps {
  fields: readonly FrameField[];
  highlight: FieldKey | null;
  onHighlight?: (key: FieldKey | null) => void;
  /** Accessible name of the list, e.g. "Header fields of frame 1". */
  label: string;
}

/**
 * Every field named, valued and explained. The list is one tab stop (roving tabindex): arrow keys, Home
 * and End move between fields, so ten frames do not cost ninety presses of Tab. The focused or hovered
 * field highlights its bits and bytes.
 */
export function FieldList({ fields, highlight, onHighlight, label }: FieldListProps) {
  const [active, setActive] = useState(0);
  const items = useRef<(HTMLLIElement | null)[]>([]);
  const current = Math.min(active, fields.length - 1);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>): void => {
    const last = fields.length - 1;
    let next: number | undefined;
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') next = Math.min(last, current + 1);
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') next = Math.max(0, current - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = last;
    if (next === undefined) return;
    e.preventDefault();
    setActive(next);
    items.current[next]?.focus();
  };

  return (
    <ul className="wn-fields" aria-label={`${label} (arrow keys move between fields)`} onKeyDown={onKeyDown}>
      {fields.map((f, i) => (
        <li
          key={f.key}
          ref={(el) => {
            items.current[i] = el;
          }}
          tabIndex={i === current ? 0 : -1}
          className={`wn-field-item${highlight === f.key ? ' is-highlighted' : ''}`}
          data-field={f.key}
          onFocus={() => {
            setActive(i);
            onHighlight?.(f.key);
          }}
          onBlur={() => onHighlight?.(null)}
          onMouseEnter={() => onHighlight?.(f.key)}
          onMouseLeave={() => onHighlight?.(null)}
        >
          <span className={`wn-swatch wn-field-${f.key}`} aria-hidden="true" />
          <span className="wn-field-name">{f.name}</span> <code className="wn-field-value">{f.value}</code>
          <span className="wn-field-range"> {rangeText(f)}</span>
          <span className="wn-field-explain">{f.explanation}</span>
        </li>
      ))}
    </ul>
  );
}
