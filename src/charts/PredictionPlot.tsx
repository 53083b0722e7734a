import { useMemo, type Ref } from 'react';
import {
  scaleLinear,
  symbol,
  symbolCircle,
  symbolDiamond,
  symbolSquare,
  symbolTriangle,
  type SymbolType,
} from 'd3';
import { ChartTable } from './ChartTable';
import { formatExact, formatTick, formatValue } from './format';
import {
  finitePairs,
  predictionDomain,
  predictionRows,
  predictionStats,
  trainMean,
  type PredictionSeries,
  type PredictionStats,
} from './predictionData';
import { CHART_FONT, THEME } from './palette';
import './charts.css';

export {
  predictionCsv,
  predictionStats,
  type PredictionSeries,
  type PredictionStats,
} from './predictionData';

/** Props of the prediction-against-target scatter. */
export interface PredictionPlotProps {
  series: readonly PredictionSeries[];
  width: number;
  height: number;
  svgRef?: Ref<SVGSVGElement>;
  /** Show the "Data table" disclosure under the chart (default true). */
  showTable?: boolean;
}

/** Series styles in order: shape and colour both differ, so neither alone has to tell them apart. */
const STYLES: readonly { color: string; shape: SymbolType; filled: boolean }[] = [
  { color: THEME.accent, shape: symbolCircle, filled: true },
  { color: 'var(--ok, #1a7f37)', shape: symbolTriangle, filled: false },
  { color: THEME.fg, shape: symbolSquare, filled: false },
  { color: THEME.muted, shape: symbolDiamond, filled: true },
];
const styleOf = (k: number) => STYLES[k % STYLES.length]!;
/** Above this many points, per-point <title>s cost more than they help; the table remains. */
const MAX_TITLED = 300;
const MARGIN = { top: 30, right: 16, bottom: 40, left: 56 };

/** Where each legend entry starts: after the marker and a name of about 6.5 px per character. */
function legendOffsets(names: readonly string[]): number[] {
  let x = 0;
  return [...names, ''].map((name) => {
    const at = x;
    x += 16 + Math.ceil(name.length * 6.5) + 18;
    return at;
  });
}

/** How one series reads under the chart and in the label. */
function statsLine(s: PredictionStats): string {
  if (s.count === 0) return `${s.name}: no finite predictions.`;
  const skipped = s.nonFinite > 0 ? ` (${s.nonFinite} not finite, left out)` : '';
  return (
    `${s.name}, ${s.count} point${s.count === 1 ? '' : 's'}${skipped}: MSE ${formatValue(s.mse)}, ` +
    `mean target ${formatValue(s.meanTarget)}, mean prediction ${formatValue(s.meanPrediction)}; ` +
    `predicting the training mean: MSE ${formatValue(s.baselineMse)}.`
  );
}

/**
 * Each prediction (y) against its target (x), one marker per series, on one domain for both
 * axes: points on the dashed diagonal are perfect, and the horizontal line is what a model that
 * learned nothing but the training mean would predict. Only finite pairs reach d3.
 */
export function PredictionPlot({
  series,
  width,
  height,
  svgRef,
  showTable = true,
}: PredictionPlotProps) {
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);

  const { xs, ys, drawn, stats, mean } = useMemo(() => {
    const domain = predictionDomain(series);
    return {
      xs: scaleLinear().domain(domain).range([0, innerW]),
      ys: scaleLinear().domain(domain).range([innerH, 0]),
      drawn: series.map(finitePairs),
      stats: predictionStats(series),
      mean: trainMean(series),
    };
  }, [series, innerW, innerH]);
  const shapes = useMemo(
    () => series.map((_, k) => symbol(styleOf(k).shape, 28)() ?? ''),
    [series],
  );

  const [lo, hi] = xs.domain() as [number, number];
  const ticks = xs.ticks(Math.max(2, Math.min(8, Math.floor(Math.min(innerW, innerH) / 60))));
  const legendX = legendOffsets(series.map((s) => s.name));
  const titled = drawn.reduce((n, d) => n + d.length, 0) <= MAX_TITLED;
  const label =
    `Predictions against targets for ${series.map((s) => s.name).join(' and ') || 'no data yet'}. ` +
    stats.map(statsLine).join(' ') +
    ' The dashed diagonal is a perfect prediction' +
    (Number.isFinite(mean)
      ? `; the flat line predicts the training mean, ${formatValue(mean)}.`
      : '.') +
    (showTable ? ' A data table follows.' : '');

  return (
    <figure className="prediction-plot" style={{ margin: 0 }}>
      <svg
        ref={svgRef}
        className="chart"
        width={width}
        height={height}
        fontFamily={CHART_FONT}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
      >
        <title>Prediction against target</title>
        <g
          transform={`translate(${MARGIN.left},14)`}
          fontSize={11}
          fill={THEME.fg}
          aria-hidden="true"
        >
          {series.map((s, k) => {
            const st = styleOf(k);
            return (
              <g key={k} transform={`translate(${legendX[k]},0)`}>
                <path
                  d={shapes[k]}
                  transform="translate(6,0)"
                  fill={st.filled ? st.color : 'none'}
                  stroke={st.color}
                  strokeWidth={1.5}
                />
                <text x={16} dy="0.32em">
                  {s.name}
                </text>
              </g>
            );
          })}
          <g transform={`translate(${legendX[series.length]},0)`} stroke={THEME.muted}>
            <line x2={22} strokeDasharray="4 3" />
            <text x={28} dy="0.32em" stroke="none">
              perfect (y = x)
            </text>
            <line x1={120} x2={142} />
            <text x={148} dy="0.32em" stroke="none">
              predict the mean
            </text>
          </g>
        </g>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <g aria-hidden="true" fontSize={10} fill={THEME.muted}>
            {ticks.map((t) => (
              <g key={t}>
                <line y1={ys(t)} y2={ys(t)} x2={innerW} stroke={THEME.border} strokeWidth={0.5} />
                <text x={-6} y={ys(t)} dy="0.32em" textAnchor="end">
                  {formatTick(t)}
                </text>
                <text x={xs(t)} y={innerH + 14} textAnchor="middle">
                  {formatTick(t)}
                </text>
              </g>
            ))}
            <line y1={innerH} x2={innerW} y2={innerH} stroke={THEME.muted} />
            <line y2={innerH} stroke={THEME.muted} />
            <text x={innerW / 2} y={innerH + 32} textAnchor="middle" fontSize={11}>
              target
            </text>
            <text
              transform={`translate(-44,${innerH / 2}) rotate(-90)`}
              textAnchor="middle"
              fontSize={11}
            >
              prediction
            </text>
          </g>
          <line
            className="perfect"
            x1={xs(lo)}
            y1={ys(lo)}
            x2={xs(hi)}
            y2={ys(hi)}
            stroke={THEME.muted}
            strokeDasharray="4 3"
          />
          {Number.isFinite(mean) ? (
            <line className="mean" x2={innerW} y1={ys(mean)} y2={ys(mean)} stroke={THEME.muted} />
          ) : null}
          {series.map((s, k) => {
            const st = styleOf(k);
            return (
              <g key={k} className="series" data-series={s.name} data-points={drawn[k]!.length}>
                {drawn[k]!.map((p) => (
                  <path
                    key={p.index}
                    d={shapes[k]}
                    transform={`translate(${xs(p.target)},${ys(p.prediction)})`}
                    fill={st.filled ? st.color : 'none'}
                    fillOpacity={0.6}
                    stroke={st.color}
                    strokeWidth={1}
                  >
                    {titled ? (
                      <title>{`${s.name} #${p.index}: target ${formatExact(p.target)}, prediction ${formatExact(p.prediction)}`}</title>
                    ) : null}
                  </path>
                ))}
              </g>
            );
          })}
        </g>
      </svg>
      {stats.map((s, k) => (
        <p key={k} className="chart-readout" data-series={s.name}>
          {statsLine(s)}
        </p>
      ))}
      {showTable ? (
        <ChartTable
          caption="Every prediction and its target, per series"
          columns={['series', 'index', 'target', 'prediction']}
          rows={() => predictionRows(series)}
          summary="Data table: predictions"
        />
      ) : null}
    </figure>
  );
}
