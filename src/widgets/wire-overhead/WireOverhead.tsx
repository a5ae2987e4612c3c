import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { EthernetLevel } from '../../protocol/tcp/packet-overhead';
import { formatInt } from '../../protocol/tcp/format';
import { ScaleEnds } from '../shared/plot/axes';
import { nextKey, removeEntry, replaceEntry, type EntryEditorProps } from '../shared/plot/entries';
import { FieldMessage, NumberField, SelectField, TextField } from '../shared/form-fields';
import { PlotSvg } from '../shared/plot/PlotSvg';
import { TableBox, TableHead } from '../shared/plot/tables';
import { useLastValid } from '../shared/use-last-valid';
import { useElementWidth } from '../shared/use-width';
import {
  barParts,
  computeWire,
  DEFAULT_WIRE_FORM,
  ETHERNET_CHOICES,
  HEADER_PRESETS,
  headerRows,
  lineText,
  percent,
  type HeaderPreset,
  type HeaderRow,
  type Side,
  type WireForm,
} from './model';
import '../shared/controls.css';
import '../shared/plot/plot.css';
import './wire-overhead.css';

export interface WireOverheadProps {
  /** Payload as text (default "hello, world"). */
  payload?: string;
  /** Payload as a size in bytes instead of text. */
  size?: number;
  /** Request headers: 'browser' (default) or 'minimal' (Host only). */
  headers?: HeaderPreset;
  /** Who sends the WebSocket frame: client (masked, default) or server. */
  from?: 'client' | 'server';
  mtu?: number;
  ipv6?: boolean;
  /** TCP timestamps option in every segment (Linux default). Default true. */
  timestamps?: boolean;
  ethernet?: EthernetLevel;
}

/**
 * One message, two ways: as an HTTP/1.1 POST (the literal request, each line's bytes) and as one
 * WebSocket frame — then TCP, IP and Ethernet around the segments each needs. All sizes come from the
 * core (buildHttpRequest, websocketFrameSize, bytesOnTheWire).
 */
export default function WireOverhead(props: WireOverheadProps) {
  const id = useId();
  const [form, setForm] = useState<WireForm>(() => initialForm(props));
  const deferred = useDeferredValue(form);
  const result = useMemo(() => computeWire(deferred), [deferred]);
  const shown = useLastValid(result.http && result.ws ? result : undefined);
  const stale = shown !== result;
  const e = result.errors;
  const set = <K extends keyof WireForm>(key: K, value: WireForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setHeaders = (fn: (h: HeaderRow[]) => HeaderRow[]) => setForm((f) => ({ ...f, headers: fn(f.headers) }));

  return (
    <section className="wn-tool wn-wire" aria-label="Bytes on the wire: HTTP request vs WebSocket frame">
      <fieldset>
        <legend>The message</legend>
        <div className="wn-choices" role="radiogroup" aria-label="Payload given as">
          <label>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={form.mode === 'text'}
              onChange={() => set('mode', 'text')}
            />{' '}
            Text
          </label>
          <label>
            <input
              type="radio"
              name={`${id}-mode`}
              checked={form.mode === 'size'}
              onChange={() => set('mode', 'size')}
            />{' '}
            Size in bytes
          </label>
        </div>
        {form.mode === 'text' ? (
          <TextField
            label="Payload text (sent as UTF-8)"
            value={form.text}
            onChange={(v) => set('text', v)}
            error={e.payload}
            hint={`${formatInt(result.payloadBytes)} bytes of UTF-8.`}
          />
        ) : (
          <NumberField
            label="Payload size"
            unit="bytes"
            value={form.size}
            onChange={(v) => set('size', v)}
            error={e.payload}
            min={0}
          />
        )}
      </fieldset>

      <div className="wn-wire-cols">
        <fieldset>
          <legend>HTTP/1.1 request</legend>
          <TextField
            label="Request target"
            inputClassName="wn-mono"
            value={form.target}
            onChange={(v) => set('target', v)}
            error={e.target}
            hint="POST to this path; Content-Length is added for the body."
          />
          <div className="wn-actions">
            <label htmlFor={`${id}-preset`}>Headers</label>
            <select
              id={`${id}-preset`}
              defaultValue=""
              onChange={(ev) => {
                const v = ev.target.value as HeaderPreset | '';
                if (v) set('headers', headerRows(v));
                ev.target.value = '';
              }}
            >
              <option value="">Replace with…</option>
              {(Object.keys(HEADER_PRESETS) as HeaderPreset[]).map((k) => (
                <option key={k} value={k}>
                  {HEADER_PRESETS[k].title}
                </option>
              ))}
            </select>
          </div>
          <ul className="wn-wire-headers">
            {form.headers.map((h, i) => (
              <HeaderEditor
                key={h.key}
                index={i}
                row={h}
                error={e[`headers[${i}].name`] ?? e[`headers[${i}].value`]}
                onChange={(next) => setHeaders((hs) => replaceEntry(hs, next))}
                onRemove={() => setHeaders((hs) => removeEntry(hs, h.key))}
              />
            ))}
          </ul>
          <button
            type="button"
            onClick={() => setHeaders((hs) => [...hs, { key: nextKey(hs), name: 'X-Example', value: 'value' }])}
          >
            Add a header
          </button>
        </fieldset>

        <fieldset>
          <legend>WebSocket frame and the layers below</legend>
          <div className="wn-choices" role="radiogroup" aria-label="The WebSocket frame is sent by">
            <label>
              <input
                type="radio"
                name={`${id}-from`}
                checked={form.from === 'client'}
                onChange={() => set('from', 'client')}
              />{' '}
              client (masked)
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-from`}
                checked={form.from === 'server'}
                onChange={() => set('from', 'server')}
              />{' '}
              server (unmasked)
            </label>
          </div>
          <div className="wn-choices" role="radiogroup" aria-label="IP version">
            <label>
              <input type="radio" name={`${id}-ip`} checked={!form.ipv6} onChange={() => set('ipv6', false)} /> IPv4
            </label>
            <label>
              <input type="radio" name={`${id}-ip`} checked={form.ipv6} onChange={() => set('ipv6', true)} /> IPv6
            </label>
            <label>
              <input
                type="checkbox"
                checked={form.timestamps}
                onChange={(ev) => set('timestamps', ev.target.checked)}
              />{' '}
              TCP timestamps (12 bytes)
            </label>
          </div>
          <SelectField
            label="Ethernet"
            value={form.ethernet}
            onChange={(v) => set('ethernet', v)}
            choices={ETHERNET_CHOICES}
          />
          <div className="wn-fields wn-wire-mtu">
            <NumberField label="MTU" unit="bytes" value={form.mtu} onChange={(v) => set('mtu', v)} error={e.mtu} />
            <NumberField
              label="Payload per segment"
              unit="bytes"
              value={form.mss}
              onChange={(v) => set('mss', v)}
              error={e.mss}
              hint="Empty: from the MTU (the MSS minus TCP options)."
            />
          </div>
        </fieldset>
      </div>

      {shown?.http && shown.ws && shown.request && shown.frame && (
        <div className={stale ? 'is-stale' : undefined}>
          {stale && <p className="wn-hint wn-bad">Showing the last valid result until the values are fixed.</p>}
          <Bars http={shown.http} ws={shown.ws} payloadBytes={shown.payloadBytes} />
          <TableBox label="HTTP request and WebSocket frame compared">
            <table className="wn-wire-compare">
              <TableHead
                columns={[
                  { label: 'Bytes' },
                  { label: 'HTTP request', num: true },
                  { label: 'WebSocket frame', num: true },
                ]}
              />
              <tbody>
                <Row label="Payload" a={shown.payloadBytes} b={shown.payloadBytes} />
                <Row
                  label="Protocol framing (request line + headers / frame header)"
                  a={shown.http.framing}
                  b={shown.ws.framing}
                />
                <Row label="TCP payload" a={shown.http.tcpPayload} b={shown.ws.tcpPayload} />
                <Row
                  // wire.mss is the payload per segment: the MSS less the options each segment carries.
                  label={`Segments (up to ${formatInt(shown.http.wire.mss)} payload bytes each)`}
                  a={shown.http.wire.segments}
                  b={shown.ws.wire.segments}
                />
                <Row label="TCP/IP/Ethernet headers" a={shown.http.wire.headerBytes} b={shown.ws.wire.headerBytes} />
                <Row label="Total" a={shown.http.wire.total} b={shown.ws.wire.total} strong />
                <tr>
                  <th scope="row">Your message’s share of the total</th>
                  <td className="num">{percent(shown.payloadBytes / shown.http.wire.total)}</td>
                  <td className="num">{percent(shown.payloadBytes / shown.ws.wire.total)}</td>
                </tr>
                <tr>
                  <th scope="row">TCP payload’s share of the total</th>
                  <td className="num">{percent(shown.http.wire.efficiency)}</td>
                  <td className="num">{percent(shown.ws.wire.efficiency)}</td>
                </tr>
              </tbody>
            </table>
          </TableBox>
          <div className="wn-wire-cols">
            <div>
              <p className="wn-wire-title">The request, line by line</p>
              <TableBox label="The request, line by line">
                <table className="wn-wire-lines">
                  <TableHead columns={[{ label: 'Line' }, { label: 'Bytes', num: true }]} />
                  <tbody>
                    {shown.request.lines.map((l, i) => {
                      const t = lineText(l, form.mode);
                      return (
                        <tr key={i} title={l.why}>
                          <td className="mono wn-wire-line">
                            {l.kind === 'blank' ? <span className="wn-muted">(empty line)</span> : t.text}
                            {l.kind !== 'body' && <span className="wn-crlf">\r\n</span>}
                            {t.note && <span className="wn-muted"> {t.note}</span>}
                          </td>
                          <td className="num">{formatInt(l.bytes)}</td>
                        </tr>
                      );
                    })}
                    <tr className="wn-wire-sum">
                      <th scope="row">
                        head {formatInt(shown.request.headBytes)} + body {formatInt(shown.request.bodyBytes)}
                      </th>
                      <td className="num">{formatInt(shown.request.totalBytes)}</td>
                    </tr>
                  </tbody>
                </table>
              </TableBox>
              <p className="wn-hint">
                \r\n is the CRLF that ends each line (2 bytes, counted). Hover a line for what it is.
              </p>
            </div>
            <div>
              <p className="wn-wire-title">The WebSocket frame</p>
              <p>{shown.frame.why}</p>
              <p className="wn-wire-title">Around every full segment</p>
              <ul className="wn-notes">
                {shown.ws.wire.layersPerSegment.map((l) => (
                  <li key={l.name}>
                    <strong>
                      {l.name}: {l.bytes} bytes
                    </strong>{' '}
                    — {l.why}
                  </li>
                ))}
              </ul>
              <p className="wn-hint">HTTP: {shown.http.wire.why}</p>
              <p className="wn-hint">WebSocket: {shown.ws.wire.why}</p>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

function initialForm(p: WireOverheadProps): WireForm {
  const f: WireForm = { ...DEFAULT_WIRE_FORM, headers: headerRows(p.headers ?? 'browser') };
  if (p.payload !== undefined) f.text = p.payload;
  if (p.size !== undefined) {
    f.mode = 'size';
    f.size = String(p.size);
  }
  if (p.from) f.from = p.from;
  if (p.mtu !== undefined) f.mtu = String(p.mtu);
  if (p.ipv6 !== undefined) f.ipv6 = p.ipv6;
  if (p.timestamps !== undefined) f.timestamps = p.timestamps;
  if (p.ethernet) f.ethernet = p.ethernet;
  return f;
}

function Row({ label, a, b, strong }: { label: string; a: number; b: number; strong?: boolean }) {
  return (
    <tr className={strong ? 'wn-wire-sum' : undefined}>
      <th scope="row">{label}</th>
      <td className="num">{formatInt(a)}</td>
      <td className="num">{formatInt(b)}</td>
    </tr>
  );
}

function HeaderEditor({
  index,
  row,
  error,
  onChange,
  onRemove,
}: EntryEditorProps<HeaderRow> & { error: string | undefined }) {
  const id = useId();
  return (
    <li className="wn-wire-header">
      <span className="wn-wire-header-fields">
        <span className="wn-wire-hname-wrap">
          <label htmlFor={`${id}-n`} className="wn-visually-hidden">
            Header {index + 1} name
          </label>
          <input
            id={`${id}-n`}
            type="text"
            className="wn-mono wn-wire-hname"
            value={row.name}
            aria-invalid={error !== undefined ? true : undefined}
            aria-describedby={`${id}-m`}
            onChange={(ev) => onChange({ ...row, name: ev.target.value })}
          />
          <span aria-hidden="true">:</span>
        </span>
        <span className="wn-wire-hvalue-wrap">
          <label htmlFor={`${id}-v`} className="wn-visually-hidden">
            Header {index + 1} value
          </label>
          <input
            id={`${id}-v`}
            type="text"
            className="wn-mono wn-wire-hvalue"
            value={row.value}
            aria-describedby={`${id}-m`}
            onChange={(ev) => onChange({ ...row, value: ev.target.value })}
          />
          <button type="button" onClick={onRemove} aria-label={`Remove header ${index + 1} (${row.name || 'unnamed'})`}>
            ✕
          </button>
        </span>
      </span>
      <FieldMessage as="span" id={`${id}-m`} error={error} />
    </li>
  );
}

/** Two stacked bars on one scale: payload, protocol framing, TCP/IP/Ethernet headers. */
function Bars({ http, ws, payloadBytes }: { http: Side; ws: Side; payloadBytes: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const H = 118;
  const x0 = 96;
  const x1 = width - 56;
  const max = Math.max(http.wire.total, ws.wire.total, 1);
  const bars = [
    { name: 'HTTP', side: http, y: 14 },
    { name: 'WebSocket', side: ws, y: 58 },
  ];
  const label = `Bytes on the wire for ${formatInt(payloadBytes)} bytes of payload: HTTP ${formatInt(http.wire.total)} (payload ${formatInt(payloadBytes)}, request line and headers ${formatInt(
    http.framing,
  )}, lower layers ${formatInt(http.wire.headerBytes)}); WebSocket ${formatInt(ws.wire.total)} (frame header ${formatInt(ws.framing)}, lower layers ${formatInt(ws.wire.headerBytes)}).`;
  return (
    <figure className="wn-wire-figure">
      <div className="wn-plot-box" ref={ref}>
        <PlotSvg width={width} height={H} label={label}>
          {bars.map((b) => (
            <g key={b.name}>
              <text x={8} y={b.y + 20} className="ww-name">
                {b.name}
              </text>
              {barParts(b.side, payloadBytes, max, x0, Math.max(x0 + 20, x1)).map((p) => (
                <rect
                  key={p.part}
                  className={`ww-part is-${p.part}`}
                  x={p.x}
                  y={b.y}
                  width={Math.max(0, p.width)}
                  height={28}
                >
                  <title>{`${p.part === 'payload' ? 'payload' : p.part === 'framing' ? 'protocol framing' : 'TCP/IP/Ethernet headers'}: ${formatInt(p.bytes)} bytes`}</title>
                </rect>
              ))}
              <text
                x={x0 + ((Math.max(x0 + 20, x1) - x0) * b.side.wire.total) / max + 6}
                y={b.y + 19}
                className="ww-total"
              >
                {formatInt(b.side.wire.total)}
              </text>
            </g>
          ))}
          <ScaleEnds x0={x0} x1={Math.max(x0 + 20, x1)} y={H - 8} from="0" to={`${formatInt(max)} bytes`} />
        </PlotSvg>
      </div>
      <figcaption>
        <span className="ww-key is-payload" aria-hidden="true" /> payload{' '}
        <span className="ww-key is-framing" aria-hidden="true" /> HTTP head or WebSocket header{' '}
        <span className="ww-key is-lower" aria-hidden="true" /> TCP, IP and Ethernet headers
      </figcaption>
    </figure>
  );
}
