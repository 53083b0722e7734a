import { useId, useMemo, type Ref } from 'react';
import { scaleBand, scaleLinear } from 'd3';
import { formatRatio, ratioMax, type RatioRow } from './benchData';
import { CHART_FONT, THEME } from './palette';
import './charts.css';

export { ratioCsv, ratioRows, type RatioRow } from './benchData';

/** Props of the benchmark's bar chart. */
export interface BenchChartProps {
  rows: readonly RatioRow[];
  width: number;
  /** Where the reference was measured, for the legend and the description. */
  referenceLabel: string;
  svgRef?: Ref<SVGSVGElement>;
}

const ROW_H = 30;
const MARGIN = { top: 40, right: 48, bottom: 36, left: 150 };
const IMPL_NAME: Record<string, string> = {
  readable: 'readable',
  fused: 'fused',
  floor: 'floor',
};
/** The reader's bars are solid, the reference's outlined: they part without colour vision. */
const YOURS = THEME.accent;
const REFERENCE = THEME.muted;

/**
 * Time of each implementation as a fraction of tf.layers.lstm's (the dashed line at 1): shorter
 * is faster. Two bars per row: the reader's device (solid) and the reference machine (outlined).
 */
export function BenchChart({ rows, width, referenceLabel, svgRef }: BenchChartProps) {
  const titleId = useId();
  const descId = useId();
  const height = MARGIN.top + MARGIN.bottom + rows.length * ROW_H;
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = rows.length * ROW_H;
  const { xs, ys, sub } = useMemo(() => {
    const xs = scaleLinear()
      .domain([0, ratioMax(rows)])
      .range([0, innerW])
      .nice();
    const ys = scaleBand<number>()
      .domain(rows.map((_, k) => k))
      .range([0, innerH])
      .paddingInner(0.25);
    const sub = scaleBand<'yours' | 'reference'>()
      .domain(['yours', 'reference'])
      .range([0, ys.bandwidth()])
      .paddingInner(0.1);
    return { xs, ys, sub };
  }, [rows, innerW, innerH]);
  const describe = (r: RatioRow) =>
    `${r.size} ${r.op}, ${r.impl}: yours ${formatRatio(r.yours)}, reference ${formatRatio(r.reference)}`;
  const desc =
    `Bar chart of each implementation's median time divided by tf.layers.lstm's; below 1 is faster. ` +
    `Solid bars: your device; outlined bars: ${referenceLabel}. ` +
    (rows.length ? rows.map(describe).join('; ') + '.' : 'No numbers yet.');

  return (
    <svg
      ref={svgRef}
      className="chart bench-chart"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      fontFamily={CHART_FONT}
      role="img"
      aria-labelledby={titleId}
      aria-describedby={descId}
    >
      <title id={titleId}>Time relative to tf.layers.lstm</title>
      <desc id={descId}>{desc}</desc>
      <g
        transform={`translate(${MARGIN.left},14)`}
        fontSize={11}
        fill={THEME.fg}
        aria-hidden="true"
      >
        <rect width={14} height={10} y={-5} fill={YOURS} />
        <text x={20} dy="0.32em">
          your device
        </text>
        <rect
          x={110}
          width={14}
          height={10}
          y={-5}
          fill="none"
          stroke={REFERENCE}
          strokeWidth={1.5}
        />
        <text x={130} dy="0.32em">
          {referenceLabel}
        </text>
      </g>
      <g transform={`translate(${MARGIN.left},${MARGIN.top})`} aria-hidden="true">
        {xs.ticks(Math.max(2, Math.floor(innerW / 80))).map((t) => (
          <g key={t} transform={`translate(${xs(t)},0)`}>
            <line y2={innerH} stroke={THEME.border} />
            <text y={innerH + 14} textAnchor="middle" fontSize={11} fill={THEME.muted}>
              {t}
            </text>
          </g>
        ))}
        <text x={innerW / 2} y={innerH + 30} textAnchor="middle" fontSize={11} fill={THEME.fg}>
          median time ÷ tf.layers.lstm’s (shorter is faster)
        </text>
        {rows.map((r, k) => {
          const y = ys(k) ?? 0;
          const bars = [
            ['yours', r.yours],
            ['reference', r.reference],
          ] as const;
          return (
            <g key={`${r.size}/${r.op}/${r.impl}`} className="bench-row" data-impl={r.impl}>
              <text
                x={-8}
                y={y + ys.bandwidth() / 2}
                dy="0.32em"
                textAnchor="end"
                fontSize={11}
                fill={THEME.fg}
              >
                {`${r.size} ${r.op === 'forward' ? 'fwd' : 'train'} · ${IMPL_NAME[r.impl] ?? r.impl}`}
              </text>
              {bars.map(([who, v]) =>
                v === null || !Number.isFinite(v) ? null : (
                  <g key={who} data-series={who}>
                    <rect
                      x={0}
                      y={y + (sub(who) ?? 0)}
                      width={Math.max(1, xs(v))}
                      height={sub.bandwidth()}
                      fill={who === 'yours' ? YOURS : 'none'}
                      stroke={who === 'yours' ? 'none' : REFERENCE}
                      strokeWidth={1.5}
                    />
                    <text
                      x={xs(v) + 4}
                      y={y + (sub(who) ?? 0) + sub.bandwidth() / 2}
                      dy="0.32em"
                      fontSize={10}
                      fill={THEME.muted}
                    >
                      {formatRatio(v)}
                    </text>
                  </g>
                ),
              )}
            </g>
          );
        })}
        <line
          x1={xs(1)}
          x2={xs(1)}
          y1={-4}
          y2={innerH}
          stroke={THEME.fg}
          strokeDasharray="4 3"
          className="library-line"
        />
        <text x={xs(1)} y={-8} textAnchor="middle" fontSize={10} fill={THEME.fg}>
          library = 1
        </text>
      </g>
    </svg>
  );
}
