/**
 * The size HTTP/2 and HTTP/3 limit a header section by. It is not the bytes on the wire (HPACK/QPACK compress
 * those) but the uncompressed field list: each field line counts its name and value in octets plus 32
 * (RFC 9113 §6.5.2 SETTINGS_MAX_HEADER_LIST_SIZE; RFC 9114 §4.2.2 for SETTINGS_MAX_FIELD_SECTION_SIZE, §7.2.4.1).
 * The 32 is the same per-entry overhead HPACK charges in its dynamic table (RFC 7541 §4.1).
 */
import type { RequestHeader } from './overhead';

/** RFC 9113 §6.5.2 / RFC 9114 §4.2.2: the per-field overhead added to name and value. */
export const FIELD_LINE_OVERHEAD = 32;

/**
 * Fields that only mean something to one HTTP/1.1 connection; an HTTP/2 or HTTP/3 request must not carry them
 * (RFC 9113 §8.2.2, RFC 9114 §4.2). Host becomes the :authority pseudo-header (RFC 9113 §8.3.1).
 */
const CONNECTION_SPECIFIC = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

export interface FieldLine {
  name: string;
  value: string;
  /** name + value in octets + 32. */
  size: number;
}

export interface FieldSection {
  fields: FieldLine[];
  /** What SETTINGS_MAX_HEADER_LIST_SIZE / SETTINGS_MAX_FIELD_SECTION_SIZE is compared with. */
  size: number;
}

const enc = new TextEncoder();

/** The field-section size of these fields, as RFC 9113 §6.5.2 counts it. */
export function fieldSectionSize(fields: ReadonlyArray<{ name: string; value: string }>): FieldSection {
  const lines = fields.map((f) => ({
    name: f.name,
    value: f.value,
    size: enc.encode(f.name).length + enc.encode(f.value).length + FIELD_LINE_OVERHEAD,
  }));
  return { fields: lines, size: lines.reduce((n, f) => n + f.size, 0) };
}

/**
 * The same request as HTTP/2 or HTTP/3 sends it: the four request pseudo-header fields first (RFC 9113 §8.3.1),
 * then the other fields with lowercase names (§8.2.1), without Host and the connection-specific fields.
 */
export function h2RequestFields(
  method: string,
  target: string,
  headers: readonly RequestHeader[],
  scheme: 'http' | 'https' = 'https',
): { name: string; value: string }[] {
  const host = headers.find((h) => h.name.toLowerCase() === 'host')?.value ?? '';
  const rest = headers
    .filter((h) => h.name.toLowerCase() !== 'host' && !CONNECTION_SPECIFIC.has(h.name.toLowerCase()))
    .map((h) => ({ name: h.name.toLowerCase(), value: h.value }));
  return [
    { name: ':method', value: method },
    { name: ':scheme', value: scheme },
    { name: ':authority', value: host },
    { name: ':path', value: target },
    ...rest,
  ];
}
