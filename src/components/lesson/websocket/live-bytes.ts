/**
 * Live bytes in lesson figures: every byte carries its field's name (data-field, written at build time from the
 * codec); this names it in the figure's live region on hover and focus, and gives the figure a single tab stop
 * that the arrow keys move from byte to byte (a roving tabindex). Progressive enhancement: without it the figure
 * is still the static bytes. A few hundred bytes of script, no framework.
 */
const BYTE = '[data-field]';

export function enhanceLiveBytes(root: ParentNode): void {
  for (const figure of root.querySelectorAll<HTMLElement>('[data-live-bytes]')) {
    if (figure.dataset.liveBytesReady === 'true') continue;
    figure.dataset.liveBytesReady = 'true';
    const bytes = [...figure.querySelectorAll<HTMLElement>(BYTE)];
    const out = figure.querySelector<HTMLElement>('[data-live-field]');
    if (bytes.length === 0 || out === null) continue;

    const show = (byte: HTMLElement): void => {
      for (const b of bytes) b.classList.toggle('is-current', b === byte);
      out.textContent = `${byte.textContent ?? ''} — ${byte.dataset.field ?? ''}`;
    };
    const moveTo = (byte: HTMLElement): void => {
      for (const b of bytes) b.tabIndex = b === byte ? 0 : -1;
      byte.focus();
    };

    figure.addEventListener('mouseover', (e) => {
      const byte = (e.target as Element).closest<HTMLElement>(BYTE);
      if (byte !== null) show(byte);
    });
    figure.addEventListener('focusin', (e) => {
      const byte = (e.target as Element).closest<HTMLElement>(BYTE);
      if (byte !== null) show(byte);
    });
    figure.addEventListener('keydown', (e) => {
      const current = (e.target as Element).closest<HTMLElement>(BYTE);
      if (current === null) return;
      const i = bytes.indexOf(current);
      const next =
        e.key === 'ArrowRight' || e.key === 'ArrowDown'
          ? bytes[Math.min(i + 1, bytes.length - 1)]
          : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
            ? bytes[Math.max(i - 1, 0)]
            : e.key === 'Home'
              ? bytes[0]
              : e.key === 'End'
                ? bytes[bytes.length - 1]
                : undefined;
      if (next === undefined) return;
      e.preventDefault();
      moveTo(next);
    });
  }
}
