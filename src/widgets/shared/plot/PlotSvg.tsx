import { useId, type ReactNode, type SVGProps } from 'react';

type Named =
  /** A short accessible name (aria-label). */
  | { label: string; title?: never; desc?: never }
  /** A title and a longer description, drawn as <title>/<desc> and named with aria-labelledby. */
  | { label?: never; title: string; desc: string };

export type PlotSvgProps = Named &
  Omit<SVGProps<SVGSVGElement>, 'width' | 'height' | 'viewBox' | 'role' | 'children' | 'className'> & {
    /** Width laid out for (the measured width of the box) and fixed height, both in px. */
    width: number;
    height: number;
    /** Added to wn-plot-svg. */
    className?: string;
    children: ReactNode;
  };

/**
 * The SVG element of every TCP figure: one user unit per CSS pixel at the width it was laid out for, a
 * fixed height (so nothing below the figure moves when the width is measured), and an image role with
 * its accessible name; the widget's tables carry the same information as text.
 */
export function PlotSvg({ width, height, className, label, title, desc, children, ...rest }: PlotSvgProps) {
  const id = useId();
  const described = title !== undefined;
  return (
    <svg
      className={className ? `wn-plot-svg ${className}` : 'wn-plot-svg'}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMidYMin meet"
      style={{ height: `${height}px` }}
      role="img"
      aria-label={label}
      aria-labelledby={described ? `${id}-t ${id}-d` : undefined}
      {...rest}
    >
      {described && (
        <>
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>{desc}</desc>
        </>
      )}
      {children}
    </svg>
  );
}
