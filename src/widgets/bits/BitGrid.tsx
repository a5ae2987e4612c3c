import { useRef, useState, type KeyboardEvent } from 'react';
import type { BitWidth } from '../../protocol/bits';
import { byteGroups } from './model';

export interface BitGridProps {
  /** Operand name used in labels: "bit 7 of A". */
  name: string;
  value: bigint;
  width: BitWidth;
  /** Makes the bits buttons that flip one bit; without it the grid only shows the bits. */
  onToggle?: (index: number) => void;
  /** The value shown is the last valid one while the input is not valid. */
  stale?: boolean;
  /** Bits to mark as changed (e.g. result bits that differ from A). */
  changed?: ReadonlySet<number>;
}

/**
 * A value's bits, most significant first, in bytes of two nibbles; bytes wrap onto new lines on narrow
 * screens. As buttons (aria-pressed = the bit is 1), the grid is one tab stop: arrow keys move between
 * bits, Home/End jump to the ends, Space or Enter flips the bit.
 */
export function BitGrid({ name, value, width, onToggle, stale = false, changed }: BitGridProps) {
  const groups = byteGroups(value, width);
  const [active, setActive] = useState(width - 1);
  const current = Math.min(active, width - 1);
  const refs = useRef(new Map<number, HTMLButtonElement>());

  const move = (index: number): void => {
    const next = Math.max(0, Math.min(width - 1, index));
    setActive(next);
    refs.current.get(next)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    let next: number | undefined;
    // Left is towards the most significant bit, as the bits are written.
    if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = index + 1;
    else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = index - 1;
    else if (e.key === 'Home') next = width - 1;
    else if (e.key === 'End') next = 0;
    if (next === undefined) return;
    e.preventDefault();
    move(next);
  };

  return (
    <div
      className={`wn-bitgrid${stale ? ' is-stale' : ''}${onToggle ? '' : ' is-readonly'}`}
      role="group"
      aria-label={onToggle ? `Bits of ${name} (arrow keys move, Space flips a bit)` : `Bits of ${name}`}
      data-bits={name}
    >
      {groups.map((g) => (
        <div className="wn-byte" key={g.high}>
          <span className="wn-byte-label" aria-hidden="true">
            <span>{g.high}</span>
            <span>{g.low}</span>
          </span>
          <span className="wn-byte-bits">
            {g.bits.map((bit) =>
              onToggle ? (
                <button
                  key={bit.index}
                  type="button"
                  ref={(el) => {
                    if (el) refs.current.set(bit.index, el);
                    else refs.current.delete(bit.index);
                  }}
                  className={`wn-bit${bit.on ? ' is-on' : ''}${bit.index % 4 === 0 ? ' is-nibble-end' : ''}${changed?.has(bit.index) ? ' is-changed' : ''}`}
                  aria-pressed={bit.on}
                  aria-label={`bit ${bit.index} of ${name}`}
                  tabIndex={bit.index === current ? 0 : -1}
                  onFocus={() => setActive(bit.index)}
                  onKeyDown={(e) => onKeyDown(e, bit.index)}
                  onClick={() => onToggle(bit.index)}
                  // The name says which bit and aria-pressed its value; the digit, drawn by CSS from data-bit, is for the
                  // eye (as text it would be a visible label missing from the name, WCAG 2.5.3).
                  data-bit={bit.on ? '1' : '0'}
                />
              ) : (
                <span
                  key={bit.index}
                  className={`wn-bit${bit.on ? ' is-on' : ''}${bit.index % 4 === 0 ? ' is-nibble-end' : ''}${changed?.has(bit.index) ? ' is-changed' : ''}`}
                  title={`bit ${bit.index}`}
                >
                  {bit.on ? '1' : '0'}
                </span>
              ),
            )}
          </span>
        </div>
      ))}
    </div>
  );
}
