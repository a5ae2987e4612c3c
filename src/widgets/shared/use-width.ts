import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The rendered width of an element, in CSS pixels, kept up to date with a ResizeObserver. Until it is
 * measured (server render, first paint, jsdom) the width is `fallback`. The figures lay out their SVG
 * for this width so text stays at its real size on a phone and on a desktop; their height never
 * depends on it, so nothing below them moves when the measurement arrives.
 */
export function useElementWidth<T extends Element>(fallback: number): [(el: T | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: T | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const measure = (w: number) => {
      const rounded = Math.round(w);
      if (rounded > 0) setWidth(rounded);
    };
    measure(el.getBoundingClientRect().width);
    observer.current = new ResizeObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) measure(entry.contentRect.width);
    });
    observer.current.observe(el);
  }, []);
  useEffect(() => () => observer.current?.disconnect(), []);
  return [ref, width];
}
