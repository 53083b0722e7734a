import { useMemo, type Ref } from 'react';
import { line, scaleLinear, scaleLog } from 'd3';
import { ChartTable } from './ChartTable';
import { formatExact, formatTick, formatValue } from './format';
import {
  gateSegments,
  gradNormRows,
  normDomain,
  NORM_GATES,
  type GradNormRow,
  type NormGate,
  type NormPoint,
} from './gradNormData';
import { LineAxes } from './LineAxes';
import { CHART_FONT, gateColor, GATE_NAMES, THEME } from './palette';
import './charts.css';

export { gradNormCsv, type GradNormRow } from './gradNormData';

/** Props of the per-gate gradient-norm chart. */
export interface GradNormChartProps {
  /** One row per batch, in batch order. */
  norms: readonly GradNormRow[];
  width: number;
  height: number;
  /** Log y axis (default): norms span decades, and a vanishing gradient should still show. */
  logScale?: boolean;
  svgRef?: Ref<SVGSVGElement>;
  /** Show the "Data table" disclosure under the chart (default true). */
  showTable?: boolean;
}

/** A dash per gate as well as a colour, so the lines part without colour vision. */
const DASH: Record<NormGate, string | undefined> = {
  i: undefined,
  f: '7 3',
  g: '2 2',
  o: '9 3 2 3',
};
/** Above this many batches the dots would hide the dashes that tell the gates apart. */
const MAX_DOTS = 60;
const MARGIN = { top: 30, right: 16, bottom: 36, left: 64 };

/**
 * How large the gradient reaching each gate's weights is, batch by batch: one line per gate in
 * its colour. On the log axis a zero norm cannot be drawn; it and any NaN break the line.
 */
export function GradNormChart({
  norms,
  width,
  height,
  logScale = true,
  svgRef,
  showTable = true,
}: GradNormChartProps) {
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);

  const { xs, ys, segments, path } = useMemo(() => {
    const batches = norms.map((r) => r.batch).filter(Number.isFinite);
    const first = batches.length > 0 ? Math.min(...batches) : 1;
    const last = batches.length > 0 ? Math.max(...batches) : 1;
    const xs = scaleLinear()
      .domain([first, Math.max(first + 1, last)])
      .range([0, innerW]);
    const ys = (logScale ? scaleLog() : scaleLinear())
      .domain(normDomain(norms, logScale))
      .range([innerH, 0])
      .nice();
    const segments = NORM_GATES.map((gate) => gateSegments(norms, gate, logScale));
    const path = line<NormPoint>()
      .x((p) => xs(p.batch))
      .y((p) => ys(p.norm));
    return { xs, ys, segments, path };
  }, [norms, logScale, innerW, innerH]);

  const xTicks = xs.ticks(Math.max(2, Math.floor(innerW / 70))).filter(Number.isInteger);
  const yTicks = ys.ticks(5);
  // Over many decades a log axis ticks at 2, 3, ... too: label only the powers of ten then.
  const powersOnly = logScale && yTicks.length > 6;
  const isPow10 = (t: number) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9;
  const yFormat = (t: number) => (powersOnly && !isPow10(t) ? '' : formatTick(t));
  const dots = norms.length <= MAX_DOTS;

  const lastRow = norms.at(-1);
  const label =
    `Gradient norm of each gate’s weights per batch, ${norms.length} batches, ` +
    `${logScale ? 'log' : 'linear'} scale. ` +
    (lastRow
      ? `At batch ${lastRow.batch}: ` +
        NORM_GATES.map((g) => `${GATE_NAMES[g]} ${formatValue(lastRow[g])}`).join(', ') +
        '.'
      : 'No batch yet.') +
    (showTable ? ' A data table follows.' : '');

  return (
    <figure className="grad-norm-chart" style={{ margin: 0 }}>
      <svg
        ref={svgRef}
        className="chart"
        width={width}
        height={height}
        fontFamily={CHART_FONT}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        data-log={logScale}
      >
        <title>Gradient norm per gate</title>
        <g
          transform={`translate(${MARGIN.left},14)`}
          fontSize={11}
          fill={THEME.fg}
          aria-hidden="true"
        >
          {NORM_GATES.map((g, k) => (
            <g key={g} transform={`translate(${k * 120},0)`}>
              <line x2={22} stroke={gateColor(g)} strokeWidth={2} strokeDasharray={DASH[g]} />
              <text x={28} dy="0.32em">
                {`${g}: ${GATE_NAMES[g]}`}
              </text>
            </g>
          ))}
        </g>
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <LineAxes
            innerW={innerW}
            innerH={innerH}
            xs={xs}
            ys={ys}
            xTicks={xTicks}
            yTicks={yTicks}
            yFormat={yFormat}
            xTitle="batch"
            yTitle={
              <>
                ‖∂L/∂W
                <tspan baselineShift="sub" fontSize={8}>
                  gate
                </tspan>
                ‖{logScale ? ' (log scale)' : ''}
              </>
            }
            yTitleOffset={52}
          />
          {NORM_GATES.map((g, k) => (
            <g key={g} className="series" data-gate={g} stroke={gateColor(g)} fill={gateColor(g)}>
              {segments[k]!.map((seg) => (
                <path
                  key={seg[0]!.batch}
                  d={path(seg) ?? ''}
                  fill="none"
                  strokeWidth={1.75}
                  strokeDasharray={DASH[g]}
                  strokeLinejoin="round"
                  data-points={seg.length}
                />
              ))}
              {segments[k]!.flatMap((seg) =>
                // A lone point has no line to show it: it always gets its dot.
                dots || seg.length === 1
                  ? seg.map((p) => (
                      <circle
                        key={p.batch}
                        cx={xs(p.batch)}
                        cy={ys(p.norm)}
                        r={1.75}
                        stroke="none"
                        data-batch={p.batch}
                        data-norm={formatExact(p.norm)}
                      />
                    ))
                  : [],
              )}
            </g>
          ))}
        </g>
      </svg>
      {showTable ? (
        <ChartTable
          caption="Gradient norm of each gate’s weights, per batch"
          columns={['batch', ...NORM_GATES]}
          rows={() => gradNormRows(norms)}
          summary="Data table: gradient norms"
        />
      ) : null}
    </figure>
  );
}
