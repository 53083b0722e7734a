/** The marks of the loss chart: one model's series, a divergence ✕, and the legend. */
import { symbol, symbolDiamond, type Line, type ScaleContinuousNumeric } from 'd3';
import type { ModelKind } from '../lstm/experimentTypes';
import { formatExact, formatValue } from './format';
import type { Divergence, LossPoint } from './lossData';
import { THEME } from './palette';

/** custom: thick translucent; library: thin dashed on top, so coinciding curves read as one. */
export const MODEL_STYLE: Record<
  ModelKind,
  { stroke: string; width: number; dash?: string; opacity: number }
> = {
  custom: { stroke: THEME.accent, width: 4, opacity: 0.45 },
  library: { stroke: THEME.fg, width: 1.5, dash: '5 3', opacity: 1 },
};

/** How the chart names each model. */
export const MODEL_NAME: Record<ModelKind, string> = {
  custom: 'custom LSTM',
  library: 'tf.layers.lstm',
};

const DIAMOND = symbol(symbolDiamond, 48)() ?? '';
/** Above this many batches the per-batch dots would be clutter; the line alone remains. */
const MAX_DOTS = 200;

type Scale = ScaleContinuousNumeric<number, number>;

interface SeriesMarksProps {
  model: ModelKind;
  /** Finite (and, on a log axis, positive) points only. */
  points: readonly LossPoint[];
  epochPoints: readonly LossPoint[];
  xs: Scale;
  ys: Scale;
  path: Line<LossPoint>;
}

/** One model's line, a dot per batch (data-index, data-loss) and its epoch markers. */
export function SeriesMarks({ model, points, epochPoints, xs, ys, path }: SeriesMarksProps) {
  const st = MODEL_STYLE[model];
  return (
    <g className="series" data-model={model}>
      <path
        d={path([...points]) ?? ''}
        fill="none"
        stroke={st.stroke}
        strokeWidth={st.width}
        strokeDasharray={st.dash}
        strokeOpacity={st.opacity}
        strokeLinejoin="round"
        data-points={points.length}
      />
      {points.length <= MAX_DOTS
        ? points.map((p) => (
            <circle
              key={p.index}
              cx={xs(p.index)}
              cy={ys(p.loss)}
              r={model === 'custom' ? 2.5 : 1.5}
              fill={st.stroke}
              data-index={p.index}
              data-loss={formatExact(p.loss)}
            />
          ))
        : null}
      {epochPoints.map((p) => (
        <path
          key={`e${p.epoch}`}
          className="epoch-marker"
          // Circles for custom, diamonds for library: the shapes tell them apart without colour.
          d={model === 'custom' ? (symbol()() ?? '') : DIAMOND}
          transform={`translate(${xs(p.index)},${ys(p.loss)})`}
          fill="none"
          stroke={st.stroke}
          strokeWidth={model === 'custom' ? 2 : 1.5}
          data-epoch={p.epoch}
          data-loss={formatExact(p.loss)}
        />
      ))}
    </g>
  );
}

interface DivergenceMarkProps {
  model: ModelKind;
  divergence: Divergence;
  /** Where the ✕ goes (the last finite point, or the top of the chart when there is none). */
  x: number;
  y: number;
  innerW: number;
  /** Stacks the labels when both models diverge at the same place. */
  row: number;
}

/** A ✕ on the last finite loss, and in words what happened after it. */
export function DivergenceMark({ model, divergence: d, x, y, innerW, row }: DivergenceMarkProps) {
  const anchor = x > innerW / 2 ? 'end' : 'start';
  return (
    <g className="divergence" data-model={model} data-index={d.index} fill={THEME.bad}>
      <text x={x} y={y} dy="0.35em" textAnchor="middle" fontSize={18} fontWeight={700}>
        ✕
      </text>
      <text
        x={x + (anchor === 'end' ? -12 : 12)}
        y={y + 16 + row * 14}
        textAnchor={anchor}
        fontSize={11}
        fontWeight={600}
      >
        {`${model} diverged: loss ${formatValue(d.value)} at batch ${d.index} (epoch ${d.epoch})`}
      </text>
    </g>
  );
}

/** Line swatches for the two models and the epoch marker shapes. */
export function LossLegend({ x, y }: { x: number; y: number }) {
  return (
    <g transform={`translate(${x},${y})`} fontSize={11} fill={THEME.fg} aria-hidden="true">
      {(['custom', 'library'] as const).map((m, k) => {
        const st = MODEL_STYLE[m];
        return (
          <g key={m} transform={`translate(${k * 140},0)`}>
            <line
              x2={22}
              stroke={st.stroke}
              strokeWidth={st.width}
              strokeDasharray={st.dash}
              strokeOpacity={st.opacity}
            />
            <text x={28} dy="0.32em">
              {MODEL_NAME[m]}
            </text>
          </g>
        );
      })}
      <g transform="translate(280,0)" fill="none" stroke={THEME.muted} strokeWidth={1.5}>
        <path d={symbol()() ?? ''} transform="translate(5,0)" />
        <path d={DIAMOND} transform="translate(19,0)" />
        <text x={30} dy="0.32em" fill={THEME.fg} stroke="none">
          epoch loss
        </text>
      </g>
    </g>
  );
}
