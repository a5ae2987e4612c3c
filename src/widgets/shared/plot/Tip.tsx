import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import './plot.css';

export interface TipProps {
  /** What is shown in place (a flag name, an option, a number). */
  children: ReactNode;
  /** The explanation: shown on hover, focus or tap, and read by screen readers as the description. */
  tip: ReactNode;
  className?: string;
}

/**
 * A term with an explanation on hover, keyboard focus or tap. The explanation is always in the DOM as a
 * visually hidden description (aria-describedby), so screen readers get it without the bubble; the
 * bubble itself is drawn in a portal with fixed position, so a scrolling table cannot clip it.
 * Escape closes it (WCAG 1.4.13).
 */
export function Tip({ children, tip, className }: TipProps) {
  const id = useId();
  const trigger = useRef<HTMLButtonElement>(null);
  const [pos, setPos] = useState<{ left: number; top: number; above: boolean } | null>(null);
  const [pinned, setPinned] = useState(false);

  const show = useCallback(() => {
    const el = trigger.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const vw = window.innerWidth || 1024;
    const vh = window.innerHeight || 768;
    const left = Math.max(8, Math.min(r.left, vw - 8 - Math.min(320, vw - 16)));
    const above = r.bottom + 140 > vh && r.top > 160;
    setPos({ left, top: above ? r.top - 6 : r.bottom + 6, above });
  }, []);
  const hide = useCallback(() => {
    setPos(null);
    setPinned(false);
  }, []);

  useEffect(() => {
    if (!pos) return;
    const close = () => hide();
    window.addEventListener('scroll', close, true);
    window.addEventListener('resize', close);
    return () => {
      window.removeEventListener('scroll', close, true);
      window.removeEventListener('resize', close);
    };
  }, [pos, hide]);

  return (
    <span className={`wn-tip${className ? ` ${className}` : ''}`}>
      <button
        ref={trigger}
        type="button"
        className="wn-tip-trigger"
        aria-describedby={`${id}-d`}
        aria-expanded={pos !== null}
        onMouseEnter={show}
        onMouseLeave={() => {
          if (!pinned) hide();
        }}
        onFocus={show}
        onBlur={hide}
        onClick={() => {
          if (pinned) hide();
          else {
            show();
            setPinned(true);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && pos) {
            e.stopPropagation();
            hide();
          }
        }}
      >
        {children}
      </button>
      <span id={`${id}-d`} className="wn-visually-hidden">
        {tip}
      </span>
      {pos &&
        typeof document !== 'undefined' &&
        createPortal(
          <span
            className={`wn-tip-bubble${pos.above ? ' is-above' : ''}`}
            aria-hidden="true"
            style={{ left: `${pos.left}px`, top: `${pos.top}px` }}
          >
            {tip}
          </span>,
          document.body,
        )}
    </span>
  );
}
