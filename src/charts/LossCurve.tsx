import { useMemo, useState, type KeyboardEvent, type PointerEvent, type Ref } from 'react';
import { line, scaleLinear, scaleLog, symbol, symbolDiamond } from 'd3';
import type { ModelKind } from '../lstm/experimentTypes';
import { ChartTable } from './ChartTable';
import type { LossHistory } from './export';
import { formatExact, formatValue } from './format';
import {
  lossDomain,
  lossSeriesOf,
  lossTableRows,
  plottable,
  pointAt,
  type LossPoint,
} from './lossData';
import { THEME } from './palette';
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
/** custom: thick translucent; library: thin dashed on top, so coinciding curves read as one. */
const STYLE: Record<ModelKind, { stroke: string; width: number; dash?: string; opacity: number }> =
  {
    custom: { stroke: THEME.accent, width: 4, opacity: 0.45 },
    library: { stroke: THEME.fg, width: 1.5, dash: '5 3', opacity: 1 },
  };
const NAME: Record<ModelKind, string> = { custom: 'custom LSTM', library: 'tf.layers.lstm' };
const DIAMOND = symbol(symbolDiamond, 48)() ?? '';

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
  const yFormat = ys.tickFormat(5, logScale ? '~g' : '~r');

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
    const step: Record<string, number> = {
      ArrowLeft: -1,
      ArrowRight: 1,
      PageDown: -10,
      PageUp: 10,
    };
    if (e.key === 'Escape') return move(null);
    let next: number | null = null;
    if (e.key === 'Home') next = 1;
    else if (e.key === 'End') next = maxIndex;
    else if (step[e.key] !== undefined) next = (cursor ?? 0) + step[e.key]!;
    if (next === null) return;
    e.preventDefault();
    move(Math.min(maxIndex, Math.max(1, next)));
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
    `Loss per batch of ${series.map((s) => NAME[s.model]).join(' and ') || 'no model yet'}, ` +
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
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={label}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onBlur={() => move(null)}
        data-log={logScale}
      >
        <LossLegend x={MARGIN.left} y={14} />
        {readout ? (
          <text x={width - MARGIN.right} y={14} textAnchor="end" fontSize={12} fill={THEME.fg}>
            {readout}
          </text>
        ) : null}
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <g aria-hidden="true" fontSize={10} fill={THEME.muted}>
            {yTicks.map((t) => (
              <g key={t} transform={`translate(0,${ys(t)})`}>
                <line x2={innerW} stroke={THEME.border} strokeWidth={0.5} />
                <text x={-6} dy="0.32em" textAnchor="end">
                  {yFormat(t)}
                </text>
              </g>
            ))}
            {xTicks.map((t) => (
              <text key={t} x={xs(t)} y={innerH + 14} textAnchor="middle">
                {t}
              </text>
            ))}
            <line y1={innerH} x2={innerW} y2={innerH} stroke={THEME.muted} />
            <text x={innerW / 2} y={innerH + 30} textAnchor="middle" fontSize={11}>
              batch (all epochs)
            </text>
            <text
              transform={`translate(-44,${innerH / 2}) rotate(-90)`}
              textAnchor="middle"
              fontSize={11}
            >
              {logScale ? 'loss (log scale)' : 'loss'}
            </text>
          </g>
          {series.map((s) => {
            const pts = plottable(s.points, logScale);
            const st = STYLE[s.model];
            return (
              <g key={s.model} className="series" data-model={s.model}>
                <path
                  d={path(pts) ?? ''}
                  fill="none"
                  stroke={st.stroke}
                  strokeWidth={st.width}
                  strokeDasharray={st.dash}
                  strokeOpacity={st.opacity}
                  strokeLinejoin="round"
                  data-points={pts.length}
                />
                {pts.length <= 200
                  ? pts.map((p) => (
                      <circle
                        key={p.index}
                        cx={xs(p.index)}
                        cy={ys(p.loss)}
                        r={s.model === 'custom' ? 2.5 : 1.5}
                        fill={st.stroke}
                        data-index={p.index}
                        data-loss={formatExact(p.loss)}
                      />
                    ))
                  : null}
                {plottable(s.epochPoints, logScale).map((p) =>
                  s.model === 'custom' ? (
                    <circle
                      key={`e${p.epoch}`}
                      className="epoch-marker"
                      cx={xs(p.index)}
                      cy={ys(p.loss)}
                      r={5}
                      fill="none"
                      stroke={st.stroke}
                      strokeWidth={2}
                      data-epoch={p.epoch}
                      data-loss={formatExact(p.loss)}
                    />
                  ) : (
                    <path
                      key={`e${p.epoch}`}
                      className="epoch-marker"
                      d={DIAMOND}
                      transform={`translate(${xs(p.index)},${ys(p.loss)})`}
                      fill="none"
                      stroke={st.stroke}
                      strokeWidth={1.5}
                      data-epoch={p.epoch}
                      data-loss={formatExact(p.loss)}
                    />
                  ),
                )}
              </g>
            );
          })}
          {series.map((s, k) => {
            const d = s.divergence;
            if (!d) return null;
            const at = d.lastFinite && (!logScale || d.lastFinite.loss > 0) ? d.lastFinite : null;
            const x = xs(at ? at.index : Math.min(d.index, maxIndex));
            const y = at ? ys(at.loss) : 8;
            const text = `${s.model} diverged: loss ${formatValue(d.value)} at batch ${d.index} (epoch ${d.epoch})`;
            const anchor = x > innerW / 2 ? 'end' : 'start';
            return (
              <g
                key={s.model}
                className="divergence"
                data-model={s.model}
                data-index={d.index}
                fill={THEME.bad}
              >
                <text x={x} y={y} dy="0.35em" textAnchor="middle" fontSize={18} fontWeight={700}>
                  ✕
                </text>
                <text
                  x={x + (anchor === 'end' ? -12 : 12)}
                  y={y + 16 + k * 14}
                  textAnchor={anchor}
                  fontSize={11}
                >
                  {text}
                </text>
              </g>
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
      <p className="visually-hidden" aria-live="polite">
        {readout}
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

/** Line swatches for the two models and the epoch marker. */
function LossLegend({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x},${y})`} fontSize={11} fill={THEME.fg} aria-hidden="true">
      {(['custom', 'library'] as const).map((m, k) => {
        const st = STYLE[m];
        return (
          <g key={m} transform={`translate(${k * 150},0)`}>
            <line
              x2={22}
              stroke={st.stroke}
              strokeWidth={st.width}
              strokeDasharray={st.dash}
              strokeOpacity={st.opacity}
            />
            <text x={28} dy="0.32em">
              {NAME[m]}
            </text>
          </g>
        );
      })}
      <g transform="translate(300,0)">
        <circle r={5} cx={6} fill="none" stroke={THEME.muted} strokeWidth={1.5} />
        <text x={16} dy="0.32em">
          epoch loss
        </text>
      </g>
    </g>
  );
}
