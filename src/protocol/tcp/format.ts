/**
 * Locale-independent number formatting for the "why" strings, so a test, a widget and a server render
 * the same text ("131,744", not "131.744" or "131 744" depending on the machine).
 */

/** 131744 → "131,744"; −1234 → "−1,234" (ASCII hyphen-minus). Non-integers keep up to 3 decimals. */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const neg = n < 0;
  const abs = Math.abs(n);
  const whole = Math.floor(abs);
  const frac = abs - whole;
  const digits = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fracText = frac > 0 ? String(Number(frac.toFixed(3))).slice(1) : '';
  return `${neg ? '-' : ''}${digits}${fracText}`;
}

/** Bytes with unit: 1 → "1 byte", 403 → "403 bytes". */
export function bytes(n: number): string {
  return `${formatInt(n)} ${n === 1 ? 'byte' : 'bytes'}`;
}

/** Milliseconds for display: 40 → "40 ms", 1500 → "1.5 s", 0.25 → "0.25 ms". */
export function formatMs(ms: number): string {
  if (Math.abs(ms) >= 1000) return `${Number((ms / 1000).toFixed(3))} s`;
  return `${Number(ms.toFixed(3))} ms`;
}
