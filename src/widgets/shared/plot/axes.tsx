import type { ReactNode } from 'react';

/** Where a tick value is drawn (px) and how its label reads; default: the value itself. */
interface TickProps {
  ticks: readonly number[];
  at: (value: number) => number;
  format?: (value: number) => ReactNode;
}

export interface BottomAxisProps extends TickProps {
  /** The axis line runs from x0 to x1 at height y. */
  x0: number;
  x1: number;
  y: number;
  /** Length of the tick marks below the line; 0 for labels only. Default 4. */
  tickSize?: number;
  /** Name of the quantity, right-aligned under the labels. */
  title?: string;
}

/** A horizontal axis: the line, a mark and a label per tick, and the axis title at the right end. */
export function BottomAxis({ x0, x1, y, ticks, at, format = String, tickSize = 4, title }: BottomAxisProps) {
  return (
    <g className="axis">
      <line x1={x0} x2={x1} y1={y} y2={y} />
      {ticks.map((v) => (
        <g key={v}>
          {tickSize > 0 && <line x1={at(v)} x2={at(v)} y1={y} y2={y + tickSize} />}
          <text x={at(v)} y={y + 16} textAnchor="middle">
            {format(v)}
          </text>
        </g>
      ))}
      {title && (
        <text className="axis-title" x={x1} y={y + 32} textAnchor="end">
          {title}
        </text>
      )}
    </g>
  );
}

export interface LeftAxisProps extends TickProps {
  /** The axis line runs up from y0 to y1 at x. */
  x: number;
  y0: number;
  y1: number;
  /** Draw a dashed grid line per tick from the axis to this x. */
  gridTo?: number;
}

/** A vertical axis: grid lines (optional), the line, and a label left of each tick. */
export function LeftAxis({ x, y0, y1, ticks, at, format = String, gridTo }: LeftAxisProps) {
  return (
    <>
      {gridTo !== undefined && (
        <g className="grid">
          {ticks.map((v) => (
            <line key={v} x1={x} x2={gridTo} y1={at(v)} y2={at(v)} />
          ))}
        </g>
      )}
      <g className="axis">
        <line x1={x} x2={x} y1={y0} y2={y1} />
        {ticks.map((v) => (
          <text key={v} x={x - 5} y={at(v) + 4} textAnchor="end">
            {format(v)}
          </text>
        ))}
      </g>
    </>
  );
}

/** Just the two ends of a scale, for a small chart whose bars carry their own values. */
export function ScaleEnds({
  x0,
  x1,
  y,
  from,
  to,
}: {
  x0: number;
  x1: number;
  y: number;
  from: ReactNode;
  to: ReactNode;
}) {
  return (
    <>
      <text x={x0} y={y} className="tick-label">
        {from}
      </text>
      <text x={x1} y={y} className="tick-label" textAnchor="end">
        {to}
      </text>
    </>
  );
}
