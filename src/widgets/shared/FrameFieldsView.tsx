import { useMemo } from 'react';
import { diagramSegments, type FieldKey, type FrameField } from './frame-fields';
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

/** Every field named, valued and explained; each item is focusable and highlights its bits and bytes. */
export function FieldList({ fields, highlight, onHighlight, label }: FieldListProps) {
  return (
    <ul className="wn-fields" aria-label={label}>
      {fields.map((f) => (
        <li
          key={f.key}
          tabIndex={0}
          className={`wn-field-item${highlight === f.key ? ' is-highlighted' : ''}`}
          data-field={f.key}
          onFocus={() => onHighlight?.(f.key)}
          onBlur={() => onHighlight?.(null)}
          onMouseEnter={() => onHighlight?.(f.key)}
          onMouseLeave={() => onHighlight?.(null)}
        >
          <span className={`wn-swatch wn-field-${f.key}`} aria-hidden="true" />
          <span className="wn-field-name">{f.name}</span>{' '}
          <code className="wn-field-value">{f.value}</code>
          <span className="wn-field-range"> {rangeText(f)}</span>
          <span className="wn-field-explain">{f.explanation}</span>
        </li>
      ))}
    </ul>
  );
}
