import { useEffect, useId, useRef, useState } from 'react';
import type { LimitReport } from '../../lab-protocol/messages';
import { findLab, labOrigins } from '../../lab-protocol/discovery';
import '../shared/controls.css';
import './lab-experiment.css';

/** The lab's limit endpoints (lab/http/limits.ts): 414 above the limit for the target, 431 for the header fields. */
const ENDPOINTS = ['4k', '8k', '16k', '32k'] as const;

interface Found {
  endpoint: string;
  limit: number;
  /** Largest request target (bytes) answered 200, and what the next byte got. */
  target: number;
  targetStatus: number;
  /** Largest header section (bytes, as the lab counted it) answered 200, and what one more byte got. */
  headers: number;
  headerStatus: number;
}

type Phase =
  | { kind: 'idle' }
  | { kind: 'running'; step: string; found: Found[] }
  | { kind: 'done'; origin: string; found: Found[] }
  | { kind: 'failed'; message: string }
  | { kind: 'unreachable' };

async function probe(
  origin: string,
  endpoint: string,
  pad: { query: number; header: number },
  signal: AbortSignal,
): Promise<LimitReport> {
  const url = `${origin}/lab/http/limit/${endpoint}${pad.query > 0 ? `?p=${'a'.repeat(pad.query)}` : ''}`;
  const headers: Record<string, string> = pad.header > 0 ? { 'X-Pad': 'a'.repeat(pad.header) } : {};
  const res = await fetch(url, { cache: 'no-store', credentials: 'omit', headers, signal });
  return (await res.json()) as LimitReport;
}

/** The largest n in [0, hi] for which ok(n) holds, ok(0) assumed; binary search. */
async function largest(hi: number, ok: (n: number) => Promise<boolean>): Promise<number> {
  let lo = 0;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (await ok(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Finds the lab's limits from the page, as a client would have to: it grows the request target and then a
 * padding header, and bisects on the lab's answer (200, 414 or 431). Nothing is sent before Run.
 */
export default function LimitFinder() {
  const id = useId();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const controller = useRef<AbortController | null>(null);
  useEffect(() => () => controller.current?.abort(), []);

  async function run() {
    controller.current?.abort();
    const c = new AbortController();
    controller.current = c;
    const found: Found[] = [];
    setPhase({ kind: 'running', step: 'Looking for the lab…', found });
    try {
      const origin = await findLab(labOrigins(location, document.documentElement.dataset.labOrigin), c.signal);
      if (!origin) {
        setPhase({ kind: 'unreachable' });
        return;
      }
      for (const endpoint of ENDPOINTS) {
        setPhase({ kind: 'running', step: `Probing /lab/http/limit/${endpoint}…`, found: [...found] });
        const base = await probe(origin, endpoint, { query: 0, header: 0 }, c.signal);
        const limit = base.limit;
        // The query adds 3 bytes ("?p=") to the path; the padding header adds its name, ": " and CRLF.
        const q = await largest(
          limit,
          async (n) => (await probe(origin, endpoint, { query: n, header: 0 }, c.signal)).status === 200,
        );
        const overTarget = await probe(origin, endpoint, { query: q + 1, header: 0 }, c.signal);
        const okTarget = await probe(origin, endpoint, { query: q, header: 0 }, c.signal);
        const h = await largest(
          limit,
          async (n) => (await probe(origin, endpoint, { query: 0, header: n }, c.signal)).status === 200,
        );
        const overHeader = await probe(origin, endpoint, { query: 0, header: h + 1 }, c.signal);
        const okHeader = await probe(origin, endpoint, { query: 0, header: h }, c.signal);
        found.push({
          endpoint,
          limit,
          target: okTarget.targetBytes,
          targetStatus: overTarget.status,
          headers: okHeader.headerBytes,
          headerStatus: overHeader.status,
        });
      }
      setPhase({ kind: 'done', origin, found: [...found] });
    } catch (e) {
      if (c.signal.aborted) return;
      setPhase({ kind: 'failed', message: `The probe stopped: ${e instanceof Error ? e.message : String(e)}` });
    }
  }

  const found = phase.kind === 'running' || phase.kind === 'done' ? phase.found : [];
  const busy = phase.kind === 'running';
  return (
    <section className="wn-tool wn-labx" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="wn-labx-title">
        Find the lab’s limits
      </h3>
      <p className="wn-muted">
        Grows the request target and a padding header until the lab refuses, for each of its four endpoints.
      </p>
      <div className="wn-actions">
        <button type="button" onClick={() => void run()} disabled={busy}>
          {busy ? 'Probing…' : 'Run'}
        </button>
      </div>
      <p className={`wn-msg${phase.kind === 'failed' ? ' is-error' : ''}`} aria-live="polite">
        {phase.kind === 'idle' && 'Nothing is sent until you press Run.'}
        {phase.kind === 'running' && phase.step}
        {phase.kind === 'done' && `Done: measured against ${phase.origin}.`}
        {phase.kind === 'failed' && phase.message}
        {phase.kind === 'unreachable' &&
          'The lab does not answer. Start it with npm start in the project folder (it serves http://127.0.0.1:8787), then press Run again.'}
      </p>
      {found.length > 0 ? (
        <div className="table-scroll" role="region" aria-label="Limits found" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">Largest target accepted</th>
                <th scope="col">One byte more</th>
                <th scope="col">Largest header fields accepted</th>
                <th scope="col">One byte more</th>
              </tr>
            </thead>
            <tbody>
              {found.map((f) => (
                <tr key={f.endpoint}>
                  <td>
                    <code>/lab/http/limit/{f.endpoint}</code>
                  </td>
                  <td>{f.target.toLocaleString('en-US')} bytes</td>
                  <td>{f.targetStatus}</td>
                  <td>{f.headers.toLocaleString('en-US')} bytes</td>
                  <td>{f.headerStatus}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
