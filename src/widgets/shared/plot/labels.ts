/**
 * Greedy placement of centred text labels into a few rows so that none overlap: each label takes the
 * first row where it clears every label already there; one that fits nowhere is left out (the widget's
 * table carries the same information). Pure, for timelines whose events can crowd together.
 */
export interface LabelRequest {
  /** Centre of the label (px). */
  x: number;
  /** Width of the label (px). */
  width: number;
}

/** Row index for each request (in the order given), or -1 when it does not fit. */
export function placeLabels(
  items: readonly LabelRequest[],
  rows: number,
  gap = 4,
  bounds?: { min: number; max: number },
): number[] {
  const taken: Array<Array<[number, number]>> = Array.from({ length: rows }, () => []);
  return items.map((it) => {
    let a = it.x - it.width / 2;
    let b = it.x + it.width / 2;
    if (bounds) {
      // Slide a label back inside the figure rather than cut it.
      if (a < bounds.min) [a, b] = [bounds.min, bounds.min + it.width];
      if (b > bounds.max) [a, b] = [bounds.max - it.width, bounds.max];
    }
    for (let r = 0; r < rows; r++) {
      const row = taken[r] as Array<[number, number]>;
      if (row.every(([c, d]) => b + gap <= c || a >= d + gap)) {
        row.push([a, b]);
        return r;
      }
    }
    return -1;
  });
}

/** Where a label placed by placeLabels starts and ends after sliding inside `bounds`. */
export function clampCentre(x: number, width: number, min: number, max: number): number {
  return Math.max(min + width / 2, Math.min(max - width / 2, x));
}
