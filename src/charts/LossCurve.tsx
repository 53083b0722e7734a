import { useMemo, useState, type KeyboardEvent, type PointerEvent, type Ref } from 'react';
import { line, scaleLinear, scaleLog } from 'd3';
import type { ModelKind } from '../lstm/experimentTypes';
import { ChartTable } from './ChartTable';
import type { LossHistory } from './export';
import { formatTick, formatValue } from './format';
import { DivergenceMark, LossLegend, MODEL_NAME, SeriesMarks } from './LossMarks';
import {
  lossDomain,
  lossSeriesOf,
  keyToBatch,
  lossTableRows,
  plottable,
  pointAt,
  type LossPoint,
} from './lossData';
import { LineAxes } from './LineAxes';
import { CHART_FONT, THEME } from './palette';
import './charts.css';

/** What is under the pointer: the global batch number and each model's loss there. */
export interface LossHover {
  index: number;
  points: Partial<Record<ModelKind, LossPoint>>;
}

/** Props of the live loss chart. */
export interface LossCurveProps {
  /** Either model may be missing (not started, or cancelled before it ran). */
  histories: Partial<Record<ModelKind, LossHistory | null | undefined>>;
  width: number;
  height: number;
  logScale?: boolean;
  /** Batches the whole run will have (epochs × batches per epoch): fixes the x axis up front,
   *  so the curve grows into it instead of the axis rescaling on every batch. */
  totalBatches?: number;
  onHover?: (hover: LossHover | null) => void;
  svgRef?: Ref<SVGSVGElement>;
  showTable?: boolean;
}

const MARGIN = { top: 30, right: 16, bottom: 36, left: 56 };

/** Count all recorded batches, so memos refresh even if a history array was mutated in place. */
function batchCount(histories: LossCurveProps['histories']): number {
  let n = 0;
  for (const h of Object.values(histories)) {
    for (const e of h?.batchLosses ?? []) n += e?.length ?? 0;
    n += h?.epochLosses.length ?? 0;
  }
  return n;
}

/**
 * Per-batch losses of both models overlaid (x: global batch number from 1), epoch losses as
 * markers, a ✕ where a run hit a NaN or infinite loss. Only finite values reach d3.
 */
export function LossCurve({
  histories,
  width,
  height,
  logScale = false,
  totalBatches,
  onHover,
  svgRef,
  showTable = true,
}: LossCurveProps) {
  const [cursor, setCursor] = useState<number | null>(null);
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const version = batchCount(histories);

  // `version` is a dependency on purpose: it catches histories mutated in place.
  const series = useMemo(() => lossSeriesOf(histories), [histories, version]);
  const maxIndex = Math.max(1, totalBatches ?? 0, ...series.map((s) => s.batches));
  const { xs, ys, path } = useMemo(() => {
    const xs = scaleLinear()
      .domain([1, Math.max(2, maxIndex)])
      .range([0, innerW]);
    const domain = lossDomain(series, logScale);
    const ys = (logScale ? scaleLog() : scaleLinear()).domain(domain).range([innerH, 0]).nice();
    const path = line<LossPoint>()
      .x((p) => xs(p.index))
      .y((p) => ys(p.loss));
    return { xs, ys, path };
  }, [series, logScale, maxIndex, innerW, innerH]);

  const xTicks = xs.ticks(Math.max(2, Math.floor(innerW / 70))).filter(Number.isInteger);
  const yTicks = ys.ticks(5);
  // A log axis over many decades gets ticks at 2, 3, ... too: label only the powers of ten then.
  const powersOnly = logScale && yTicks.length > 6;
  const isPow10 = (t: number) => Math.abs(Math.log10(t) - Math.round(Math.log10(t))) < 1e-9;
  const yFormat = (t: number) => (powersOnly && !isPow10(t) ? '' : formatTick(t));

  const move = (index: number | null) => {
    setCursor(index);
    if (!onHover) return;
    if (index === null) return onHover(null);
    const points: LossHover['points'] = {};
    for (const s of series) {
      const p = pointAt(s.points, index);
      if (p) points[s.model] = p;
    }
    onHover({ index, points });
  };
  const onPointerMove = (e: PointerEvent<SVGRectElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const scale = box.width > 0 ? innerW / box.width : 1; // The svg may be scaled by CSS.
    const i = Math.round(xs.invert((e.clientX - box.left) * scale));
    const index = Math.min(maxIndex, Math.max(1, i));
    if (index !== cursor) move(index);
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const next = keyToBatch(e.key, cursor, maxIndex);
    if (next === undefined) return;
    e.preventDefault();
    move(next);
  };

  const readout =
    cursor === null
      ? ''
      : `batch ${cursor}: ` +
        series
          .map((s) => {
            const p = pointAt(s.points, cursor);
            return p ? `${s.model} ${formatValue(p.loss)} (epoch ${p.epoch})` : null;
          })
          .filter(Boolean)
          .join(', ');
  const label =
    `Loss per batch of ${series.map((s) => MODEL_NAME[s.model]).join(' and ') || 'no model yet'}, ` +
    `${logScale ? 'log' : 'linear'} scale. ` +
    series
      .map((s) => {
        const last = s.points.at(-1);
        const tail = last
          ? `last loss ${formatValue(last.loss)} at batch ${last.index}`
          : 'no loss yet';
        return `${s.model}: ${tail}${s.divergence ? ', diverged' : ''}.`;
      })
      .join(' ') +
    ' Arrow keys read single batches; a data table follows.';

  return (
    <figure className="loss-curve" style={{ margin: 0 }}>
      <svg
        ref={svgRef}
        className="chart"
        width={width}
        height={height}
        fontFamily={CHART_FONT}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onBlur={() => move(null)}
        data-log={logScale}
      >
        <LossLegend x={MARGIN.left} y={14} />
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <LineAxes
            innerW={innerW}
            innerH={innerH}
            xs={xs}
            ys={ys}
            xTicks={xTicks}
            yTicks={yTicks}
            yFormat={yFormat}
            xTitle="batch (all epochs)"
            yTitle={logScale ? 'loss (log scale)' : 'loss'}
            yTitleOffset={44}
          />
          {series.map((s) => (
            <SeriesMarks
              key={s.model}
              model={s.model}
              points={plottable(s.points, logScale)}
              epochPoints={plottable(s.epochPoints, logScale)}
              xs={xs}
              ys={ys}
              path={path}
            />
          ))}
          {series.map((s, row) => {
            const d = s.divergence;
            if (!d) return null;
            const at = d.lastFinite && (!logScale || d.lastFinite.loss > 0) ? d.lastFinite : null;
            const x = xs(at ? at.index : Math.min(d.index, maxIndex));
            const y = at ? ys(at.loss) : 8;
            return (
              <DivergenceMark
                key={s.model}
                model={s.model}
                divergence={d}
                x={x}
                y={y}
                innerW={innerW}
                row={row}
              />
            );
          })}
          {cursor !== null ? (
            <line
              x1={xs(cursor)}
              x2={xs(cursor)}
              y2={innerH}
              stroke={THEME.muted}
              strokeDasharray="2 2"
              pointerEvents="none"
            />
          ) : null}
          <rect
            width={innerW}
            height={innerH}
            fill="transparent"
            onPointerMove={onPointerMove}
            onPointerLeave={() => move(null)}
          />
        </g>
      </svg>
      {/* Outside the svg: announced to screen readers, and never overlapping the legend. */}
      <p className="chart-readout" aria-live="polite">
        {readout || '\u00a0'}
      </p>
      {showTable ? (
        <ChartTable
          caption="Loss of every batch; the epoch loss sits on each epoch's last batch"
          columns={['model', 'epoch', 'batch', 'loss', 'epoch loss']}
          rows={() => lossTableRows(histories)}
          summary="Data table: losses"
        />
      ) : null}
    </figure>
  );
}
