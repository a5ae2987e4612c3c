import { useEffect, useRef } from 'react';

/** How long typing must pause before the fragment is rewritten. */
export const HASH_DEBOUNCE_MS = 300;

/**
 * Mirrors a value into `location.hash` and reads it back once on mount.
 *
 * - `read(hash)` runs after hydration (the server render cannot know the fragment), so a shared link
 *   restores its state; it is also re-run when the reader edits the fragment by hand (hashchange).
 * - `hash` (already formatted, '' for none) is written with `history.replaceState`, debounced: no history
 *   entry per keystroke and no scroll jump (assigning `location.hash` would scroll to an anchor).
 *
 * When `enabled` is false nothing is read or written: an embedded widget on a lesson page must not fight
 * the page's own fragment (the table of contents uses it).
 */
export function useHashState(enabled: boolean, hash: string, read: (hash: string) => void): void {
  const readRef = useRef(read);
  readRef.current = read;
  // Until the first read has happened, writing would erase the incoming link's state.
  const restored = useRef(false);
  // The last fragment we wrote, so our own replaceState is not mistaken for a reader's edit.
  const written = useRef<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    if (location.hash !== '') readRef.current(location.hash);
    restored.current = true;
    const onHashChange = (): void => {
      if (location.hash !== written.current) readRef.current(location.hash);
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, [enabled]);

  useEffect(() => {
    if (!enabled || !restored.current) return;
    const timer = setTimeout(() => {
      if (location.hash === hash || (hash === '' && location.hash === '')) return;
      const url = `${location.pathname}${location.search}${hash}`;
      written.current = hash;
      history.replaceState(history.state, '', url);
    }, HASH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [enabled, hash]);
}
