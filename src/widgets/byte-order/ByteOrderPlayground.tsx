import { useCallback, useId, useMemo, useState } from 'react';
import { NUMBER_TYPE_ORDER, NUMBER_TYPES, type NumberType } from '../../protocol/bits';
import { toHex } from '../../protocol/hex';
import { CODE_INPUT_PROPS } from '../shared/code-input';
import { HexField } from '../shared/HexField';
import { useHashParams } from '../shared/use-hash-params';
import {
  byteOrderFromHash,
  byteOrderHashValues,
  DEFAULT_BYTE_ORDER,
  encodeBoth,
  lengthFieldExamples,
  orderMatters,
  readAll,
  readingText,
  typeLabel,
  type EncodeView,
} from './model';
import '../shared/controls.css';
import './byte-order.css';

export interface ByteOrderPlaygroundProps {
  /** The value to encode, as typed (integer literal or decimal float). Default "258". */
  value?: string;
  /** "u8" … "u64", "i8" … "i64", "f32" or "f64". Default "u16". */
  type?: NumberType;
  /** Bytes (hex) to read as every type. Default "01 00". */
  bytes?: string;
  /** Show the note on WebSocket's big-endian length fields (default true). */
  networkNote?: boolean;
  /** Mirror the state in the URL fragment (v, t, bytes). Tool page only. */
  syncHash?: boolean;
  /** Level of the part headings (default 3). */
  headingLevel?: 2 | 3 | 4;
}

/**
 * Byte order with DataView: a value of a chosen type → its bytes big- and little-endian, and bytes →
 * every type in both orders, with the DataView call that does each. Encoding and decoding are the
 * core's (encodeNumber, decodeAll); the WebSocket length examples are read by decodeFrames.
 */
export default function ByteOrderPlayground({
  value: initialValue = DEFAULT_BYTE_ORDER.value,
  type: initialType = DEFAULT_BYTE_ORDER.type,
  bytes: initialBytes = DEFAULT_BYTE_ORDER.hex,
  networkNote = true,
  syncHash = false,
  headingLevel = 3,
}: ByteOrderPlaygroundProps) {
  const [value, setValue] = useState(initialValue);
  const [type, setType] = useState<NumberType>(initialType);
  const [hex, setHex] = useState(initialBytes);
  const id = useId();
  const H = `h${headingLevel}` as 'h2' | 'h3' | 'h4';

  const encoded = useMemo(() => encodeBoth(value, type), [value, type]);
  const [lastEncoded, setLastEncoded] = useState<Extract<EncodeView, { ok: true }> | undefined>(
    encoded.ok ? encoded : undefined,
  );
  if (encoded.ok && encoded !== lastEncoded) setLastEncoded(encoded);
  const shownEncoded = encoded.ok ? encoded : lastEncoded?.be.type === type ? lastEncoded : undefined;

  const decoded = useMemo(() => readAll(hex), [hex]);
  const examples = useMemo(() => lengthFieldExamples(), []);

  const restore = useCallback((params: Record<string, string>) => {
    const s = byteOrderFromHash(params);
    if (s.value !== undefined) setValue(s.value);
    if (s.type !== undefined) setType(s.type);
    if (s.hex !== undefined) setHex(s.hex);
  }, []);
  useHashParams(syncHash, byteOrderHashValues({ value, type, hex }), restore);

  const info = NUMBER_TYPES[type];
  const valueHint =
    info.kind === 'float' ? 'a decimal number: 3.14, -1e-3, Infinity, NaN' : 'decimal, 0x hex or 0b binary';

  return (
    <div className="wn-tool wn-bo" data-widget="byte-order-playground">
      <section className="wn-bo-part" aria-labelledby={`${id}-enc`}>
        <H id={`${id}-enc`} className="wn-bo-title">
          A value → its bytes
        </H>
        <div className="wn-bo-inputs">
          <div>
            <label htmlFor={`${id}-value`}>Value ({valueHint})</label>
            <input
              {...CODE_INPUT_PROPS}
              id={`${id}-value`}
              value={value}
              aria-invalid={!encoded.ok}
              aria-describedby={`${id}-value-msg`}
              onChange={(e) => setValue(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-type`}>Type</label>
            <select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as NumberType)}>
              {NUMBER_TYPE_ORDER.map((t) => (
                <option key={t} value={t}>
                  {typeLabel(t)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p id={`${id}-value-msg`} className={`wn-msg${encoded.ok ? '' : ' is-error'}`}>
          {encoded.ok
            ? [
                encoded.stored !== undefined && encoded.notes.length === 0 ? `Stored exactly: ${encoded.stored}.` : '',
                ...encoded.notes,
              ]
                .filter((s) => s !== '')
                .join(' ') || `${info.size} byte${info.size === 1 ? '' : 's'}.`
            : encoded.message}
        </p>
        <div className={`wn-bo-orders${encoded.ok ? '' : ' is-stale'}`}>
          {shownEncoded === undefined ? (
            <p className="wn-box">Type a value that fits the type.</p>
          ) : (
            <>
              <ByteRow
                title="Big-endian (network byte order)"
                hint="most significant byte first"
                bytes={shownEncoded.be.bytes}
                call={shownEncoded.be.call}
                order="be"
              />
              <ByteRow
                title="Little-endian"
                hint="least significant byte first (x86, ARM as usually run)"
                bytes={shownEncoded.le.bytes}
                call={shownEncoded.le.call}
                order="le"
              />
              {orderMatters(shownEncoded) ? null : (
                <p className="wn-hint">
                  {info.size === 1
                    ? 'One byte has no order: both are the same.'
                    : 'These bytes read the same both ways round.'}
                </p>
              )}
            </>
          )}
        </div>
      </section>

      <section className="wn-bo-part" aria-labelledby={`${id}-dec`}>
        <H id={`${id}-dec`} className="wn-bo-title">
          Bytes → every reading
        </H>
        <HexField
          id={`${id}-hex`}
          label="Bytes (hex)"
          value={hex}
          onChange={setHex}
          problem={decoded.ok ? undefined : decoded.kind === 'hex' ? decoded.error : decoded.message}
          note={
            decoded.ok
              ? `${decoded.bytes.length} byte${decoded.bytes.length === 1 ? '' : 's'}; each type reads from byte 0.`
              : null
          }
        />
        {shownEncoded !== undefined ? (
          <div className="wn-actions">
            <button type="button" onClick={() => setHex(toHex(shownEncoded.be.bytes))}>
              Read the big-endian bytes above
            </button>
            <button type="button" onClick={() => setHex(toHex(shownEncoded.le.bytes))}>
              Read the little-endian bytes
            </button>
          </div>
        ) : null}
        {decoded.ok ? (
          <div className="wn-bo-table-box">
            <table className="wn-bo-table">
              <caption className="wn-visually-hidden">The bytes read as every type, in both byte orders</caption>
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Big-endian</th>
                  <th scope="col">Little-endian</th>
                </tr>
              </thead>
              <tbody>
                {decoded.rows.map((row) => (
                  <tr key={row.type} data-type={row.type}>
                    <th scope="row">
                      {row.type}
                      <span className="wn-muted wn-bo-size"> {row.size} B</span>
                    </th>
                    {row.le === undefined ? (
                      <td colSpan={2}>
                        <Reading text={readingText(row.be)} call={row.be.call} missing={row.be.value === undefined} />
                      </td>
                    ) : (
                      <>
                        <td data-order="be">
                          <Reading text={readingText(row.be)} call={row.be.call} missing={row.be.value === undefined} />
                        </td>
                        <td data-order="le">
                          <Reading text={readingText(row.le)} call={row.le.call} missing={row.le.value === undefined} />
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="wn-box wn-bo-table-placeholder">The readings appear here.</p>
        )}
      </section>

      {networkNote ? (
        <section className="wn-bo-part wn-box" aria-labelledby={`${id}-net`}>
          <H id={`${id}-net`} className="wn-bo-title">
            Network byte order in WebSocket
          </H>
          <p>
            Multi-byte fields on the wire are big-endian, “network byte order”. In a WebSocket frame header (RFC 6455
            §5.2), a 7-bit payload length of 126 means “the real length is in the next 2 bytes, as an unsigned 16-bit
            big-endian integer”; 127 means the next 8 bytes, a 64-bit one whose most significant bit must be 0.
          </p>
          <ul className="wn-bo-examples">
            {examples.map((ex) => (
              <li key={ex.header}>
                <code>{ex.header}</code>: the second byte’s low 7 bits are {ex.marker}, so the length is{' '}
                <code>{ex.lengthBytes}</code> read as a {ex.bits}-bit big-endian integer ={' '}
                <strong data-length={ex.bits}>{ex.decodedLength.toLocaleString('en')}</strong> bytes — as the project’s
                frame decoder reads it. Read little-endian by mistake, the same bytes say {ex.littleEndianReading}.{' '}
                <button type="button" onClick={() => setHex(ex.lengthBytes)}>
                  Read <span className="wn-mono">{ex.lengthBytes}</span> above
                </button>
              </li>
            ))}
          </ul>
          <p className="wn-hint">
            In JavaScript: <code>view.getUint16(2)</code> — DataView reads big-endian unless you pass <code>true</code>,
            while a <code>Uint16Array</code> uses the machine’s order (little-endian nearly everywhere).
          </p>
        </section>
      ) : null}
    </div>
  );
}

function ByteRow({
  title,
  hint,
  bytes,
  call,
  order,
}: {
  title: string;
  hint: string;
  bytes: Uint8Array;
  call: string;
  order: 'be' | 'le';
}) {
  return (
    <div className="wn-box wn-bo-row" data-order={order}>
      <p className="wn-bo-row-title">
        <strong>{title}</strong> <span className="wn-muted">— {hint}</span>
      </p>
      <ol className="wn-bo-bytes" aria-label={`${title}: bytes`}>
        {Array.from(bytes, (b, i) => (
          <li key={i}>
            <span className="wn-bo-offset" aria-hidden="true">
              {i}
            </span>
            <span className="wn-bo-byte">{b.toString(16).padStart(2, '0')}</span>
          </li>
        ))}
      </ol>
      <code className="wn-bo-call">{call}</code>
    </div>
  );
}

function Reading({ text, call, missing }: { text: string; call: string; missing: boolean }) {
  return (
    <>
      <span className={missing ? 'wn-muted' : 'wn-bo-value'}>{text}</span>
      <code className="wn-bo-getter">{call}</code>
    </>
  );
}
