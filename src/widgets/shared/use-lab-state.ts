import { useEffect, useState } from 'react';

/** What the lab badge found: 'running', 'off', 'unchecked' (a page the lab did not serve, before Connect). */
export type LabState = 'running' | 'off' | 'unchecked' | 'checking';

/**
 * The lab badge's state (LabStatus.astro writes it on <html data-lab> and announces changes), so a lab widget can
 * say "Lab not connected" before the reader runs anything. Undefined in the server render and before the badge ran.
 */
export function useLabState(): LabState | undefined {
  const [state, setState] = useState<LabState | undefined>(undefined);
  useEffect(() => {
    const read = () => setState((document.documentElement.dataset.lab as LabState | undefined) ?? undefined);
    read();
    window.addEventListener('wire-notebook:lab', read);
    return () => window.removeEventListener('wire-notebook:lab', read);
  }, []);
  return state;
}
