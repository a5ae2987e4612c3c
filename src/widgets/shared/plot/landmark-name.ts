/**
 * The name of one of a widget's landmarks (its section, a scrolling table region) with the copy's own
 * name added, e.g. "TCP connection diagram: Half-close". Two copies of a widget on one page must not
 * give two landmarks the same name (axe landmark-unique; a screen reader's landmark list could not tell
 * them apart), so each copy adds a title from the page or what it was placed to show.
 */
export function landmarkName(base: string, instance: string | undefined): string {
  return instance ? `${base}: ${instance}` : base;
}
