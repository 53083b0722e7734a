/**
 * The axes the batch-by-batch line charts share: horizontal grid lines with their y labels, the
 * x ticks, the baseline, and the two axis titles. Scales come in; SVG goes out.
 */
import type { ReactNode } from 'react';
import { THEME } from './palette';

export interface LineAxesProps {
  innerW: number;
  innerH: number;
  xs: (v: number) => number;
  ys: (v: number) => number;
  xTicks: readonly number[];
  yTicks: readonly number[];
  yFormat: (v: number) => string;
  xTitle: ReactNode;
  yTitle: ReactNode;
  /** How far left of the plot the rotated y title sits. */
  yTitleOffset: number;
}

export function LineAxes(p: LineAxesProps) {
  return (
    <g aria-hidden="true" fontSize={10} fill={THEME.muted}>
      {p.yTicks.map((t) => (
        <g key={t} transform={`translate(0,${p.ys(t)})`}>
          <line x2={p.innerW} stroke={THEME.border} strokeWidth={0.5} />
          <text x={-6} dy="0.32em" textAnchor="end">
            {p.yFormat(t)}
          </text>
        </g>
      ))}
      {p.xTicks.map((t) => (
        <text key={t} x={p.xs(t)} y={p.innerH + 14} textAnchor="middle">
          {t}
        </text>
      ))}
      <line y1={p.innerH} x2={p.innerW} y2={p.innerH} stroke={THEME.muted} />
      <text x={p.innerW / 2} y={p.innerH + 30} textAnchor="middle" fontSize={11}>
        {p.xTitle}
      </text>
      <text
        transform={`translate(-${p.yTitleOffset},${p.innerH / 2}) rotate(-90)`}
        textAnchor="middle"
        fontSize={11}
      >
        {p.yTitle}
      </text>
    </g>
  );
}
