import type { ReactNode } from 'react';

/**
 * A data table's box: it scrolls sideways on a narrow screen, so it is focusable (a keyboard can scroll
 * it) and a named region (a screen reader says what the focused box holds).
 */
export function TableBox({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="wn-table-box" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

export interface Column {
  label: ReactNode;
  /** A column of numbers: right-aligned, tabular digits. */
  num?: boolean;
}

/** The header row of a data table, one column header per entry. */
export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c, i) => (
          <th key={i} scope="col" className={c.num ? 'num' : undefined}>
            {c.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
