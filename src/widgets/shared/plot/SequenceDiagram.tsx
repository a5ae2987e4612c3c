import type { ReactNode } from 'react';
import { PlotSvg } from './PlotSvg';
import { layoutSequence, type SeqFooter, type SeqRowInput, type TextPos } from './sequence-layout';
import { useElementWidth } from '../use-width';
import './plot.css';

export type SeqTone = 'default' | 'accent' | 'ok' | 'warn' | 'danger' | 'muted';

export interface SeqRow extends SeqRowInput {
  tone?: SeqTone;
}

export interface SequenceDiagramProps {
  /** Accessible name and description of the figure (the widget's table is the full text alternative). */
  title: string;
  desc: string;
  leftName: string;
  rightName: string;
  rows: readonly SeqRow[];
  initialLeftState?: string;
  initialRightState?: string;
  footers?: readonly SeqFooter[];
  /** Rows from this index on are not drawn (their space is kept, so stepping never moves the page). */
  visibleCount?: number;
  /** Row drawn emphasised. */
  selected?: number;
  /** Pointer selection of a row (the widget's table or buttons give the same by keyboard). */
  onSelectRow?: (index: number) => void;
  /** Width used before the figure is measured. */
  fallbackWidth?: number;
  children?: ReactNode;
}

function Text({ t, className }: { t: TextPos; className: string }) {
  return (
    <text x={t.x} y={t.y} textAnchor={t.anchor} className={className}>
      {t.text}
    </text>
  );
}

/**
 * Two lifelines and one slanted arrow per segment, labelled, with each side's TCP state written where it
 * changes. Laid out by layoutSequence for the figure's real width; its height depends only on the rows.
 */
export function SequenceDiagram({
  title,
  desc,
  leftName,
  rightName,
  rows,
  initialLeftState,
  initialRightState,
  footers,
  visibleCount = rows.length,
  selected,
  onSelectRow,
  fallbackWidth = 560,
}: SequenceDiagramProps) {
  const [ref, measured] = useElementWidth<HTMLDivElement>(fallbackWidth);
  const layoutOpts: Parameters<typeof layoutSequence>[1] = { width: measured };
  if (initialLeftState !== undefined) layoutOpts.initialLeftState = initialLeftState;
  if (initialRightState !== undefined) layoutOpts.initialRightState = initialRightState;
  if (footers) layoutOpts.footers = footers.filter((f) => f.afterRow < visibleCount);
  const layout = layoutSequence(rows, layoutOpts);
  const names = { left: { ...layout.names.left, text: leftName }, right: { ...layout.names.right, text: rightName } };

  return (
    <div className="wn-plot-box wn-seq" ref={ref}>
      <PlotSvg width={layout.width} height={layout.height} title={title} desc={desc}>
        <Text t={names.left} className="seq-name" />
        <Text t={names.right} className="seq-name" />
        <line
          className="seq-lifeline"
          x1={layout.leftX}
          x2={layout.leftX}
          y1={layout.lifelineTop}
          y2={layout.lifelineBottom}
        />
        <line
          className="seq-lifeline"
          x1={layout.rightX}
          x2={layout.rightX}
          y1={layout.lifelineTop}
          y2={layout.lifelineBottom}
        />
        {layout.initialStates.left && <Text t={layout.initialStates.left} className="seq-state" />}
        {layout.initialStates.right && <Text t={layout.initialStates.right} className="seq-state" />}
        {layout.rows.map((r) => {
          if (r.index >= visibleCount) return null;
          const row = rows[r.index] as SeqRow;
          const tone = row.tone ?? 'default';
          const cls = `seq-row tone-${tone}${r.index === selected ? ' is-selected' : ''}${row.dropped ? ' is-dropped' : ''}`;
          return (
            <g
              key={r.index}
              className={cls}
              data-row={r.index}
              onClick={onSelectRow ? () => onSelectRow(r.index) : undefined}
            >
              {onSelectRow && (
                <rect className="seq-hit" x={0} y={r.top} width={layout.width} height={r.bottom - r.top} />
              )}
              {r.gap && <Text t={r.gap} className="seq-gap" />}
              {r.labelLines.map((t, k) => (
                <Text key={k} t={t} className="seq-label" />
              ))}
              <line className="seq-arrow" x1={r.arrow.x1} y1={r.arrow.y1} x2={r.arrow.x2} y2={r.arrow.y2} />
              {r.head && <polygon className="seq-head" points={r.head} />}
              {r.lostAt && (
                <path
                  className="seq-lost"
                  d={`M${r.lostAt.x - 5},${r.lostAt.y - 5}l10,10M${r.lostAt.x + 5},${r.lostAt.y - 5}l-10,10`}
                />
              )}
              {r.states.left && <Text t={r.states.left} className="seq-state" />}
              {r.states.right && <Text t={r.states.right} className="seq-state" />}
            </g>
          );
        })}
        {layout.bars.map((b, k) => (
          <g key={k} className="seq-bar">
            <line x1={b.x} x2={b.x} y1={b.y1} y2={b.y2} />
            <Text t={b.label} className="seq-bar-label" />
          </g>
        ))}
      </PlotSvg>
    </div>
  );
}
