import { useCallback, useId, useMemo, useState } from 'react';
import { toHex } from '../../protocol/hex';
import { HexField } from '../shared/HexField';
import { useHashParams } from '../shared/use-hash-params';
import { hexByte } from '../../explain/format';
import { computeXorDemo, DEFAULT_XOR_KEY, DEFAULT_XOR_TEXT, repeatedKeyHex, type XorDemo } from './xor-model';
import '../shared/controls.css';
import './bits.css';

export interface XorMaskDemoProps {
  /** The text to mask. Default "Hello". */
  text?: string;
  /** The 4-byte masking key in hex. Default "37 fa 21 3d" (RFC 6455 §5.7). */
  maskKey?: string;
  /** Mirror the state in the URL fragment (xt, xk). Tool page only. */
  syncHash?: boolean;
}

/**
 * XOR twice restores: a text's bytes XORed with a 4-byte key, then XORed again, come back unchanged.
 * That is WebSocket masking (RFC 6455 §5.3), done here by the codec's own applyMask.
 */
export default function XorMaskDemo({
  text: initialText = DEFAULT_XOR_TEXT,
  maskKey = DEFAULT_XOR_KEY,
  syncHash = false,
}: XorMaskDemoProps) {
  const [text, setText] = useState(initialText);
  const [keyText, setKeyText] = useState(maskKey);
  const id = useId();
  const demo = useMemo(() => computeXorDemo(text, keyText), [text, keyText]);
  const [last, setLast] = useState<Extract<XorDemo, { ok: true }> | undefined>(demo.ok ? demo : undefined);
  if (demo.ok && demo !== last) setLast(demo);
  const shown = demo.ok ? demo : last;

  const restore = useCallback((params: Record<string, string>) => {
    if (params.xt !== undefined) setText(params.xt);
    if (params.xk !== undefined) setKeyText(params.xk);
  }, []);
  useHashParams(
    syncHash,
    { xt: text === DEFAULT_XOR_TEXT ? undefined : text, xk: keyText === DEFAULT_XOR_KEY ? undefined : keyText },
    restore,
  );

  const randomKey = (): void => {
    setKeyText(toHex(globalThis.crypto.getRandomValues(new Uint8Array(4))));
  };

  const keyError = !demo.ok && demo.field === 'key' ? demo : undefined;
  const textError = !demo.ok && demo.field === 'text' ? demo : undefined;

  return (
    <div className="wn-tool wn-xor" data-widget="xor-mask-demo">
      <div className="wn-xor-inputs">
        <div>
          <label htmlFor={`${id}-text`}>Text (sent as UTF-8 bytes)</label>
          <input
            id={`${id}-text`}
            type="text"
            value={text}
            aria-invalid={textError !== undefined}
            aria-describedby={`${id}-text-msg`}
            onChange={(e) => setText(e.target.value)}
          />
          <p id={`${id}-text-msg`} className={`wn-msg${textError ? ' is-error' : ''}`}>
            {textError
              ? textError.message
              : shown
                ? `${shown.payload.length} byte${shown.payload.length === 1 ? '' : 's'}.`
                : ''}
          </p>
        </div>
        <div>
          <HexField
            id={`${id}-key`}
            label="Masking key (4 bytes, hex)"
            value={keyText}
            onChange={setKeyText}
            problem={keyError === undefined ? undefined : (keyError.hexError ?? keyError.message)}
            note="Byte i of the payload is XORed with key byte i mod 4 (RFC 6455 §5.3)."
          />
          <div className="wn-actions">
            <button type="button" onClick={randomKey}>
              Random key
            </button>
          </div>
        </div>
      </div>

      <div className={`wn-xor-result${demo.ok ? '' : ' is-stale'}`}>
        {shown === undefined ? (
          <p className="wn-box">Enter a text and a 4-byte key.</p>
        ) : (
          <>
            <dl className="wn-xor-lines wn-box">
              <div>
                <dt>Bytes</dt>
                <dd data-line="payload">{toHex(shown.payload) || '(none)'}</dd>
              </div>
              <div>
                <dt>Key, repeated</dt>
                <dd data-line="key">{repeatedKeyHex(shown.key, shown.payload.length) || '(none)'}</dd>
              </div>
              <div>
                <dt>XOR once: masked</dt>
                <dd data-line="masked">{toHex(shown.masked) || '(none)'}</dd>
              </div>
              <div>
                <dt>XOR again</dt>
                <dd data-line="unmasked">{toHex(shown.unmasked) || '(none)'}</dd>
              </div>
              <div>
                <dt>As text</dt>
                <dd>
                  <q>{shown.restored}</q>{' '}
                  {shown.same ? (
                    <span className="wn-ok">✓ every byte restored</span>
                  ) : (
                    <span className="wn-bad">✗ differs</span>
                  )}
                </dd>
              </div>
            </dl>
            {shown.firstBits !== undefined ? (
              <div className="wn-box">
                <p className="wn-xor-first-title">
                  The first byte, bit by bit: a bit XOR 1 flips, XOR 0 stays, so two XORs with the same key bit cancel
                  out.
                </p>
                <pre className="wn-xor-first">
                  {`  ${shown.firstBits.byte}   byte 0x${hexByte(shown.payload[0] ?? 0)}\n`}
                  {`^ ${shown.firstBits.key}   key  0x${hexByte(shown.key[0] ?? 0)}\n`}
                  {`= ${shown.firstBits.masked}   masked 0x${hexByte(shown.masked[0] ?? 0)}\n`}
                  {`^ ${shown.firstBits.key}   key  0x${hexByte(shown.key[0] ?? 0)}\n`}
                  {`= ${shown.firstBits.unmasked}   back 0x${hexByte(shown.unmasked[0] ?? 0)}`}
                </pre>
              </div>
            ) : null}
            {shown.rows.length > 0 ? (
              <div className="wn-xor-table-box" role="region" aria-label="Masking byte by byte" tabIndex={0}>
                <table className="wn-xor-table">
                  <caption className="wn-visually-hidden">Masking byte by byte</caption>
                  <thead>
                    <tr>
                      <th scope="col">i</th>
                      <th scope="col">char</th>
                      <th scope="col">byte</th>
                      <th scope="col">key[i mod 4]</th>
                      <th scope="col">masked</th>
                      <th scope="col">again</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.rows.map((r) => (
                      <tr key={r.index}>
                        <th scope="row">{r.index}</th>
                        <td>{r.char ?? '·'}</td>
                        <td>{hexByte(r.byte)}</td>
                        <td>
                          {hexByte(r.keyByte)} <span className="wn-muted">[{r.keyIndex}]</span>
                        </td>
                        <td>{hexByte(r.masked)}</td>
                        <td>{hexByte(r.unmasked)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                {shown.omitted > 0 ? (
                  <p className="wn-hint">… {shown.omitted} more bytes (the lines above show all).</p>
                ) : null}
              </div>
            ) : null}
            <p className="wn-note">
              Masking is not encryption: the key travels in the frame, right before the payload. It keeps a browser’s
              script from choosing the bytes on the wire, which protects confused proxies (RFC 6455 §10.3).
            </p>
          </>
        )}
      </div>
    </div>
  );
}
