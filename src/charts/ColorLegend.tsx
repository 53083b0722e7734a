import { useId, useMemo } from 'react';
import { scaleLinear } from 'd3';
import { gradientStops, THEME, type HeatColorScale } from './palette';
import { formatValue } from './format';

/** Props of the vertical colour bar beside a heatmap. */
export interface ColorLegendProps {
  scale: HeatColorScale;
  x: number;
  y: number;
  /** Bar height; the bar is 10 px wide with tick labels to its right. */
  height: number;
}

/** A vertical colour bar, high values at the top, with the scale's ticks. Renders inside an <svg>. */
export function ColorLegend({ scale, x, y, height }: ColorLegendProps) {
  // useId can contain characters that are awkward inside url(#...); keep it to [\w-].
  const id = `legend-${useId().replace(/[^\w-]/g, '')}`;
  const stops = useMemo(() => gradientStops(scale), [scale]);
  const ys = useMemo(
    () => scaleLinear().domain(scale.domain).range([height, 0]),
    [scale.domain, height],
  );
  return (
    <g transform={`translate(${x},${y})`} aria-hidden="true" className="color-legend">
      <defs>
        <linearGradient id={id} x1="0" y1="1" x2="0" y2="0">
          {stops.map((s) => (
            <stop key={s.offset} offset={s.offset} stopColor={s.color} />
          ))}
        </linearGradient>
      </defs>
      <rect width={10} height={height} fill={`url(#${id})`} stroke={THEME.border} />
      {scale.ticks.map((t) => (
        <g key={t} transform={`translate(10,${ys(t)})`}>
          <line x2={4} stroke={THEME.muted} />
          <text x={6} dy="0.32em" fontSize={10} fill={THEME.muted}>
            {formatValue(t)}
          </text>
        </g>
      ))}
    </g>
  );
}
