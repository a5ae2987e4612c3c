import { useEffect, useRef } from 'react';
import { mergeHashParams, readHashParams, type HashValues } from './hash-params';

/** How long typing must pause before the fragment is rewritten. */
export const HASH_DEBOUNCE_MS = 300;

/** Full keys (prefix + key) that mounted widgets write, and how many widgets write each. */
const claimed = new Map<string, number>();

/**
 * Mirrors a widget's state into its own keys of `location.hash` (see hash-params.ts), leaving the rest
 * of the fragment, other widgets' keys included, as it is.
 *
 * - `read(params)` gets the widget's keys that the fragment holds (unprefixed), after hydration (the
 *   server render cannot know the fragment) and again when the reader edits the fragment (hashchange).
 * - `values` (undefined = leave the key out) is merged into the fragment with `history.replaceState`,
 *   debounced: no history entry per keystroke and no scroll jump (assigning `location.hash` would
 *   scroll to an anchor). The fragment is read again at write time, so another widget's keys survive.
 * - `prefix` goes in front of every key, for two copies of one widget on a page.
 *
 * When `enabled` is false nothing is read or written: an embedded widget on a lesson page must not fight
 * the page's own fragment (the table of contents uses it).
 */
export function useHashParams(
  enabled: boolean,
  values: HashValues,
  read: (params: Record<string, string>) => void,
  prefix = '',
): void {
  const readRef = useRef(read);
  readRef.current = read;
  // One string stands for the key set and one for the values, so the effects run only when they change.
  // (Entries with null, not an object: JSON.stringify drops undefined values, whose keys must be removed.)
  const keysText = JSON.stringify(Object.keys(values));
  const valuesText = JSON.stringify(Object.entries(values).map(([k, v]) => [k, v ?? null]));
  // Until the first read has happened, writing would erase the incoming link's state.
  const restored = useRef(false);

  useEffect(() => {
    if (!enabled) return;
    const keys = JSON.parse(keysText) as string[];
    const apply = (): void => {
      const params = readHashParams(location.hash, keys, prefix);
      if (Object.keys(params).length > 0) readRef.current(params);
    };
    apply();
    restored.current = true;
    window.addEventListener('hashchange', apply);
    const release = claim(keys.map((key) => prefix + key));
    return () => {
      window.removeEventListener('hashchange', apply);
      release();
    };
  }, [enabled, keysText, prefix]);

  useEffect(() => {
    if (!enabled || !restored.current) return;
    const timer = setTimeout(() => {
      const entries = JSON.parse(valuesText) as [string, string | null][];
      const next = mergeHashParams(
        location.hash,
        Object.fromEntries(entries.map(([k, v]) => [k, v ?? undefined])),
        prefix,
      );
      if (next === location.hash || (next === '' && location.hash === '')) return;
      history.replaceState(history.state, '', `${location.pathname}${location.search}${next}`);
    }, HASH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enabled, valuesText, prefix]);
}

/** Two widgets writing one key would overwrite each other's state without a sound: say so while developing. */
function claim(keys: readonly string[]): () => void {
  for (const key of keys) {
    const n = (claimed.get(key) ?? 0) + 1;
    claimed.set(key, n);
    if (n === 2 && import.meta.env.DEV) {
      console.warn(`Two widgets on this page keep "${key}" in the URL fragment; give one of them a key prefix.`);
    }
  }
  return () => {
    for (const key of keys) {
      const n = (claimed.get(key) ?? 1) - 1;
      if (n === 0) claimed.delete(key);
      else claimed.set(key, n);
    }
  };
}
