/**
 * RFC citations as the lessons and the core's rule tables write them ("RFC 6455 §4.2.1 item 5, §4.1 item 7"),
 * turned into links to the RFC Editor's HTML copy. One place for the address format, used by `<Rfc>`,
 * `<Citation>` and every table that prints a rule.
 */

export interface CitationPart {
  text: string;
  /** Set on the parts that name a section (or a whole RFC). */
  href?: string;
}

/** The RFC Editor's address of an RFC, or of one section / appendix of it (as `<Rfc>` links). */
export function rfcHref(rfc: string, section?: string): string {
  const base = `https://www.rfc-editor.org/rfc/rfc${rfc}`;
  if (section === undefined || section === '') return base;
  return /^[A-Z]/i.test(section) ? `${base}#appendix-${section}` : `${base}#section-${section}`;
}

const CITATION = /RFC (\d+)(?: §(\d+(?:\.\d+)*))?((?: (?:item|step) \d+)?)|§(\d+(?:\.\d+)*)((?: (?:item|step) \d+)?)/g;

/**
 * Splits a rule citation as the core's tables write it into text and links. A bare "§x" refers to the RFC named
 * last ("RFC 6455 §10.2, §4.2.2 step 4" links both to RFC 6455).
 */
export function citationParts(rule: string): CitationPart[] {
  const parts: CitationPart[] = [];
  let current: string | undefined;
  let last = 0;
  for (const m of rule.matchAll(CITATION)) {
    const at = m.index ?? 0;
    if (at > last) parts.push({ text: rule.slice(last, at) });
    if (m[1] !== undefined) current = m[1];
    const section = m[2] ?? m[4];
    if (current === undefined) parts.push({ text: m[0] });
    else parts.push({ text: m[0], href: rfcHref(current, section) });
    last = at + m[0].length;
  }
  if (last < rule.length) parts.push({ text: rule.slice(last) });
  return parts;
}

/** "RFC 6455 §5.2", "RFC 6455 Appendix A": how a citation reads. */
export function rfcLabel(rfc: string, section?: string): string {
  if (section === undefined || section === '') return `RFC ${rfc}`;
  return /^[A-Z]/i.test(section) ? `RFC ${rfc} Appendix ${section}` : `RFC ${rfc} §${section}`;
}
