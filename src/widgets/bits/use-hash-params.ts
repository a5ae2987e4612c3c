import { useEffect, useRef } from 'react';
import { mergeHashParams, readHashParams } from './hash-params';

/** How long typing must pause before the fragment is rewritten (as in ../shared/use-hash-state.ts). */
const DEBOUNCE_MS = 300;

/**
 * Like ../shared/use-hash-state.ts, for a widget that shares the fragment with others: it reads and
 * writes only its own keys (those of `values`). `read` gets the keys present in the fragment, after
 * hydration and when the reader edits the fragment by hand. Nothing happens when `enabled` is false
 * (an embedded widget leaves a lesson's fragment alone).
 */
export function useHashParams(
  enabled: boolean,
  values: Readonly<Record<string, string | undefined>>,
  read: (params: Record<string, string>) => void,
): void {
  const readRef = useRef(read);
  readRef.current = read;
  const keys = Object.keys(values);
  const keysRef = useRef(keys);
  keysRef.current = keys;
  const restored = useRef(false);
  const written = useRef<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const apply = (): void => {
      const params = readHashParams(location.hash, keysRef.current);
      if (Object.keys(params).length > 0) readRef.current(params);
    };
    apply();
    restored.current = true;
    const onHashChange = (): void => {
      if (location.hash !== written.current) apply();
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [enabled]);

  // One string stands for all values, so the effect runs only when one of them changes.
  // (Entries with null, not an object: JSON.stringify drops undefined values, whose keys must be removed.)
  const serialised = JSON.stringify(Object.entries(values).map(([k, v]) => [k, v ?? null]));
  useEffect(() => {
    if (!enabled || !restored.current) return;
    const timer = setTimeout(() => {
      const entries = JSON.parse(serialised) as [string, string | null][];
      const next = mergeHashParams(location.hash, Object.fromEntries(entries.map(([k, v]) => [k, v ?? undefined])));
      if (next === location.hash || (next === '' && location.hash === '')) return;
      written.current = next;
      history.replaceState(history.state, '', `${location.pathname}${location.search}${next}`);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enabled, serialised]);
}
