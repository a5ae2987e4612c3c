import { useCallback, useEffect, useId, useMemo, useState } from 'react';
import {
  acceptKeySteps,
  generateClientKey,
  isValidClientKey,
  type AcceptKeySteps,
  type ClientKeyCheck,
} from '../../protocol/websocket/accept-key';
import { toHex } from '../../protocol/hex';
import { HexErrorView } from '../shared/HexErrorView';
import { errorSnippet } from '../shared/error-snippet';
import { useHashParams } from '../shared/use-hash-params';
import { acceptKeyFromHash, acceptKeyHashValues } from '../shared/accept-key-hash';
import {
  asciiOf,
  compareAccept,
  interpretKeyInput,
  keyOf,
  RFC_EXAMPLE_KEY,
  sortProblems,
  statusText,
  type KeyInput,
} from './model';
import '../shared/controls.css';
import './accept-key.css';

export interface AcceptKeyCalculatorProps {
  /** A Sec-WebSocket-Key, a "Sec-WebSocket-Key: …" line or a whole request head. Default: the RFC 6455 §1.3 key. */
  initialKey?: string;
  /** A Sec-WebSocket-Accept value to check against the computed one. */
  initialAccept?: string;
  /** Mirror the input in the URL fragment (#key=… / #head=…, &accept=…). Tool page only. */
  syncHash?: boolean;
  /** Level of the step headings (default 3, under a lesson's h2). */
  headingLevel?: 2 | 3 | 4;
}

/**
 * Sec-WebSocket-Key → Sec-WebSocket-Accept with every step shown (RFC 6455 §1.3, §4.2.2 step 5.4):
 * the key as sent, key + GUID, SHA-1, base64. A pasted request head is checked by the project's
 * handshake validator, and its problems are listed with their rule and severity.
 */
export default function AcceptKeyCalculator({
  initialKey = RFC_EXAMPLE_KEY,
  initialAccept = '',
  syncHash = false,
  headingLevel = 3,
}: AcceptKeyCalculatorProps) {
  const [text, setText] = useState(initialKey);
  const [acceptText, setAcceptText] = useState(initialAccept);
  const inputId = useId();
  const inputHelpId = useId();
  const acceptId = useId();
  const acceptMsgId = useId();

  const input = useMemo(() => interpretKeyInput(text), [text]);
  const key = keyOf(input);
  const steps = useAcceptSteps(key);
  const current = steps !== undefined && steps.key === key ? steps : undefined;

  const restore = useCallback((params: Record<string, string>) => {
    const state = acceptKeyFromHash(params);
    if (state.input !== undefined) setText(state.input);
    if (state.accept !== undefined) setAcceptText(state.accept);
  }, []);
  useHashParams(syncHash, acceptKeyHashValues({ input: text, accept: acceptText }), restore);

  const keyCheck = useMemo(() => (key === undefined ? undefined : isValidClientKey(key)), [key]);
  const comparison = current === undefined ? undefined : compareAccept(current.accept, acceptText);
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4';

  return (
    <div className="wn-tool wn-ak" data-widget="accept-key">
      <div>
        <label htmlFor={inputId}>Sec-WebSocket-Key, or a whole upgrade request</label>
        <textarea
          id={inputId}
          className="wn-mono wn-ak-input"
          rows={input.kind === 'request' ? 8 : 2}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-describedby={inputHelpId}
          aria-invalid={keyCheck !== undefined && !keyCheck.valid}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <p id={inputHelpId} className="wn-hint">
          Paste a key such as <code>{RFC_EXAMPLE_KEY}</code>, a <code>Sec-WebSocket-Key:</code> line, or a request head
          copied from the browser’s developer tools: its problems are listed too.
        </p>
      </div>
      <div className="wn-actions">
        <button type="button" onClick={() => setText(generateClientKey())}>
          Generate a key
        </button>
        <button type="button" onClick={() => setText(RFC_EXAMPLE_KEY)} disabled={text === RFC_EXAMPLE_KEY}>
          RFC 6455 example key
        </button>
      </div>

      {input.kind === 'request' ? <RequestReport input={input} /> : null}

      <KeyStatus input={input} keyCheck={keyCheck} />

      <section className="wn-ak-steps" aria-label="How the accept value is computed">
        <H className="wn-ak-title">From key to accept value</H>
        <ol className={`wn-ak-list${key !== undefined && current === undefined ? ' is-stale' : ''}`}>
          <li>
            <span className="wn-ak-step">The key, exactly as sent</span>
            <span className="wn-ak-note">It is never base64-decoded for this (RFC 6455 §4.2.2 step 5.4).</span>
            <code className="wn-ak-value">{current?.key ?? key ?? '—'}</code>
          </li>
          <li>
            <span className="wn-ak-step">
              Append the GUID <code>258EAFA5-E914-47DA-95CA-C5AB0DC85B11</code>
            </span>
            <span className="wn-ak-note">
              A fixed string from RFC 6455 §1.3
              {current !== undefined ? `; together ${current.concatenatedBytes.length} bytes of ASCII are hashed` : ''}.
            </span>
            <code className="wn-ak-value" data-step="concatenated">
              {current !== undefined ? (
                <>
                  <span className="wn-ak-key">{current.key}</span>
                  <span className="wn-ak-guid">{current.guid}</span>
                </>
              ) : (
                '—'
              )}
            </code>
          </li>
          <li>
            <span className="wn-ak-step">SHA-1 of those bytes</span>
            <span className="wn-ak-note">A 20-byte digest (FIPS 180-4), shown in hex.</span>
            <code className="wn-ak-value" data-step="sha1">
              {current?.sha1Hex ?? '—'}
            </code>
          </li>
          <li>
            <span className="wn-ak-step">base64 of the 20 bytes</span>
            <span className="wn-ak-note">The server’s answer: 28 characters, ending in one “=”.</span>
            <output className="wn-ak-value wn-ak-accept" data-step="accept" aria-live="polite">
              {current !== undefined ? `Sec-WebSocket-Accept: ${current.accept}` : '—'}
            </output>
          </li>
        </ol>
      </section>

      <div>
        <label htmlFor={acceptId}>Check a Sec-WebSocket-Accept (optional)</label>
        <input
          id={acceptId}
          type="text"
          className="wn-mono"
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          aria-describedby={acceptMsgId}
          aria-invalid={comparison?.kind === 'mismatch'}
          value={acceptText}
          placeholder="from a server’s 101 response"
          onChange={(e) => setAcceptText(e.target.value)}
        />
        <p
          id={acceptMsgId}
          className={`wn-msg${comparison?.kind === 'match' ? ' is-ok' : comparison?.kind === 'mismatch' ? ' is-error' : ''}`}
          aria-live="polite"
        >
          {comparison === undefined || comparison.kind === 'empty'
            ? 'Paste the value (or the whole response) a server sent, to see whether it matches.'
            : comparison.kind === 'match'
              ? '✓ Matches: a client accepts this response.'
              : `✗ Does not match. ${comparison.reason} A client must fail the connection (RFC 6455 §4.1).`}
        </p>
      </div>
    </div>
  );
}

/** Runs the core's async computation whenever the key changes; a late answer for an old key is dropped. */
function useAcceptSteps(key: string | undefined): AcceptKeySteps | undefined {
  const [steps, setSteps] = useState<AcceptKeySteps | undefined>(undefined);
  useEffect(() => {
    if (key === undefined) return;
    let live = true;
    acceptKeySteps(key).then(
      (s) => {
        if (live) setSteps(s);
      },
      () => {
        // acceptKeySteps only fails when SHA-1 itself is unavailable, which the core's fallback rules out.
      },
    );
    return () => {
      live = false;
    };
  }, [key]);
  return steps;
}

function KeyStatus({ input, keyCheck }: { input: KeyInput; keyCheck: ClientKeyCheck | undefined }) {
  if (input.kind === 'empty') {
    return (
      <p className="wn-msg is-error wn-ak-status" role="status">
        Type or paste a key, or press “Generate a key”.
      </p>
    );
  }
  if (input.kind === 'request' && input.key === undefined) {
    const duplicate = input.validation.problems.some((p) => p.id === 'DUPLICATE_KEY');
    return (
      <p className="wn-msg is-error wn-ak-status" role="status">
        {duplicate
          ? 'The request has more than one Sec-WebSocket-Key, so there is no single key to answer.'
          : 'The request has no Sec-WebSocket-Key header field, so there is nothing to compute.'}
      </p>
    );
  }
  if (keyCheck === undefined) return null;
  const key = input.key ?? '';
  if (keyCheck.valid) {
    const ascii = asciiOf(keyCheck.bytes);
    return (
      <div className="wn-msg is-ok wn-ak-status" role="status">
        <p>
          ✓ A valid key: base64 of exactly 16 bytes (RFC 6455 §4.1 item 7):{' '}
          <code className="wn-ak-bytes">{toHex(keyCheck.bytes)}</code>
          {ascii !== undefined ? (
            <>
              {' '}
              — which spell the ASCII text <q>{ascii}</q>
            </>
          ) : null}
          .
        </p>
        {keyCheck.note !== undefined ? <p className="wn-ak-keynote">{keyCheck.note}</p> : null}
      </div>
    );
  }
  return (
    <div className="wn-ak-status" role="status">
      {keyCheck.position !== undefined ? (
        <HexErrorView
          title="Not a valid key:"
          message={`${keyCheck.reason} (${keyCheck.rule})`}
          snippet={errorSnippet(key, { position: keyCheck.position, line: 1, column: keyCheck.position + 1 })}
        />
      ) : (
        <div className="wn-error">
          <p>
            <strong>Not a valid key:</strong> {keyCheck.reason} ({keyCheck.rule})
          </p>
        </div>
      )}
      <p className="wn-hint">The accept value below is computed anyway, as a server that does not check would.</p>
    </div>
  );
}

function RequestReport({ input }: { input: Extract<KeyInput, { kind: 'request' }> }) {
  const { validation } = input;
  const problems = sortProblems(validation.problems);
  return (
    <section className="wn-box wn-ak-request" aria-label="Request check">
      <p>
        <strong>Request head checked</strong> ({validation.request.method || '?'} {validation.request.target || '?'},{' '}
        {validation.request.headers.length} header fields). A server answers{' '}
        <strong className={validation.ok ? 'wn-ok' : 'wn-bad'}>{statusText(validation.status)}</strong>.
      </p>
      <p className="wn-hint">
        Line breaks are read as CRLF and the head as ended by an empty line, which a paste loses.
      </p>
      {problems.length === 0 ? (
        <p className="wn-ok">No problems: every check of RFC 6455 §4.2.1 passes.</p>
      ) : (
        <ul className="wn-ak-problems" aria-label="Problems found">
          {problems.map((p, i) => (
            <li key={`${p.id}-${i}`} data-problem={p.id}>
              <span className={`wn-badge is-${p.severity}`}>{p.severity}</span> <strong>{p.rule}</strong>
              {p.line !== undefined ? <span className="wn-muted"> · line {p.line}</span> : null}
              {p.status !== undefined ? (
                <span className="wn-muted"> · answered with {statusText(p.status)}</span>
              ) : null}
              <br />
              {p.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
