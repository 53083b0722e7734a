import type { ScaleBand } from 'd3';
import { THEME } from './palette';

/** Props of a heatmap's axes: band scales over time steps (x) and units (y). */
export interface HeatmapAxesProps {
  xs: ScaleBand<number>;
  ys: ScaleBand<number>;
  /** Which steps and units get a label (thinned so labels never collide). */
  xTicks: readonly number[];
  yTicks: readonly number[];
  innerW: number;
  innerH: number;
}

/** Tick labels and titles: time step t along the bottom, unit down the left. Decorative to AT. */
export function HeatmapAxes({ xs, ys, xTicks, yTicks, innerW, innerH }: HeatmapAxesProps) {
  const cw = xs.bandwidth();
  const ch = ys.bandwidth();
  return (
    <g aria-hidden="true" fontSize={10} fill={THEME.muted}>
      {xTicks.map((t) => (
        <text key={t} x={(xs(t) ?? 0) + cw / 2} y={innerH + 13} textAnchor="middle">
          {t}
        </text>
      ))}
      <text x={innerW / 2} y={innerH + 29} textAnchor="middle" fontSize={11}>
        time step t
      </text>
      {yTicks.map((u) => (
        <text key={u} x={-5} y={(ys(u) ?? 0) + ch / 2} dy="0.32em" textAnchor="end">
          {u}
        </text>
      ))}
      <text
        transform={`translate(-32,${innerH / 2}) rotate(-90)`}
        textAnchor="middle"
        fontSize={11}
      >
        unit
      </text>
    </g>
  );
}
