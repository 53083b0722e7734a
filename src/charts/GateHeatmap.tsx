import {
  useEffect,
  useMemo,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type Ref,
} from 'react';
import { scaleBand } from 'd3';
import { ChartTable } from './ChartTable';
import { HeatmapAxes } from './HeatmapAxes';
import { cellValue, heatmapTableRows, keyToCell } from './heatmapData';
import { ColorLegend } from './ColorLegend';
import { DENSE_CELLS, heatmapImage } from './denseHeatmap';
import { formatExact, formatValue, thinTicks } from './format';
import {
  CHART_FONT,
  colorDomain,
  contrastText,
  gateColor,
  GATE_NAMES,
  heatColorScale,
  THEME,
  type GateKey,
  type HeatColorScale,
} from './palette';
import './charts.css';

/** One hovered or focused heatmap cell. */
export interface HeatCell {
  gate: GateKey;
  t: number;
  u: number;
  value: number;
}

/** Props of one units × time-steps heatmap. */
export interface GateHeatmapProps {
  /** One quantity of one sample, values[t][u]: `trace[gate][t][sample]` mapped over t. */
  values: readonly (readonly number[])[];
  gate: GateKey;
  width: number;
  height: number;
  /** Colour domain; pass one shared across samples so colours do not jump when switching. */
  domain?: [number, number];
  /** Only used in labels. */
  sample?: number;
  /** Called with the cell under the pointer (or keyboard cursor), null when it leaves. */
  onHover?: (cell: HeatCell | null) => void;
  /** Emphasise this chart: linked from the diagram, the equations or the code. */
  highlighted?: boolean;
  /** Outline one time step, e.g. the debugger's current t. */
  activeT?: number | null;
  /** The <svg>, for export. */
  svgRef?: Ref<SVGSVGElement>;
  /** Show the "Data table" disclosure under the chart (default true). */
  showTable?: boolean;
}

const MARGIN = { top: 24, right: 56, bottom: 36, left: 46 };

/**
 * A dense heatmap's image, painted in a task of its own after the chart has rendered: six large
 * charts then cost six short tasks, not one long one that blocks input.
 */
function useDenseImage(
  dense: boolean,
  values: readonly (readonly number[])[],
  color: HeatColorScale,
): string | null {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    if (!dense) return setImage(null);
    const timer = setTimeout(() => setImage(heatmapImage(values, color)), 0);
    return () => clearTimeout(timer);
  }, [dense, values, color]);
  return dense ? image : null;
}

/**
 * Units (rows, unit 0 on top) × time steps (columns) of one gate or state for one sample, as SVG
 * rects. Each rect carries data-t, data-u and data-value (the full float) for browser tests.
 */
export function GateHeatmap({
  values,
  gate,
  width,
  height,
  domain,
  sample,
  onHover,
  highlighted = false,
  activeT = null,
  svgRef,
  showTable = true,
}: GateHeatmapProps) {
  const steps = values.length;
  const units = values[0]?.length ?? 0;
  const innerW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const innerH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const [cursor, setCursor] = useState<{ t: number; u: number } | null>(null);

  const color = useMemo(
    () => heatColorScale(gate, domain ?? colorDomain(gate, values as number[][])),
    [gate, domain, values],
  );
  const { xs, ys, xTicks, yTicks } = useMemo(() => {
    const ts = Array.from({ length: steps }, (_, t) => t);
    const us = Array.from({ length: units }, (_, u) => u);
    // Gaps between cells only while cells are big enough for a gap not to swallow them.
    const padX = innerW / Math.max(1, steps) > 8 ? 0.06 : 0;
    const padY = innerH / Math.max(1, units) > 8 ? 0.06 : 0;
    return {
      xs: scaleBand<number>().domain(ts).range([0, innerW]).paddingInner(padX),
      ys: scaleBand<number>().domain(us).range([0, innerH]).paddingInner(padY),
      xTicks: thinTicks(steps, innerW / 26),
      yTicks: thinTicks(units, innerH / 14),
    };
  }, [steps, units, innerW, innerH]);

  const cw = xs.bandwidth();
  const ch = ys.bandwidth();
  const showNumbers = cw >= 40 && ch >= 16;

  // Thousands of rects take seconds to create and lay out: large heatmaps are one image.
  const dense = steps * units > DENSE_CELLS;
  const image = useDenseImage(dense, values, color);
  const cells = useMemo(
    () =>
      dense
        ? []
        : values.flatMap((step, t) =>
            step.map((value, u) => {
              const fill = color.color(value);
              return { t, u, value, fill, x: xs(t) ?? 0, y: ys(u) ?? 0 };
            }),
          ),
    [values, color, xs, ys],
  );

  const move = (next: { t: number; u: number } | null) => {
    setCursor(next);
    onHover?.(next ? { gate, ...next, value: cellValue(values, next.t, next.u) } : null);
  };
  const onPointerMove = (e: PointerEvent<SVGGElement>) => {
    if (dense) {
      // One image: the pointer's place in it says which cell.
      const box = (e.currentTarget as SVGGElement).getBoundingClientRect();
      const t = Math.floor(((e.clientX - box.left) / box.width) * steps);
      const u = Math.floor(((e.clientY - box.top) / box.height) * units);
      if (t < 0 || u < 0 || t >= steps || u >= units) return;
      if (cursor?.t !== t || cursor?.u !== u) move({ t, u });
      return;
    }
    // One handler for all cells: the cell under the pointer says where it is.
    const target = e.target as Element;
    const t = target.getAttribute('data-t');
    const u = target.getAttribute('data-u');
    if (t === null || u === null) return;
    if (cursor?.t !== Number(t) || cursor?.u !== Number(u)) move({ t: Number(t), u: Number(u) });
  };
  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const next = keyToCell(e.key, cursor, steps, units);
    if (next === undefined) return;
    e.preventDefault();
    move(next);
  };

  const name = GATE_NAMES[gate];
  const label =
    `Heatmap of the ${name} ${gate}${sample === undefined ? '' : ` for sample ${sample}`}: ` +
    `${units} units by ${steps} time steps, colour scale from ${formatValue(color.domain[0])} ` +
    `to ${formatValue(color.domain[1])}. Arrow keys read single cells; a data table follows.`;
  const hovered = cursor ? cellValue(values, cursor.t, cursor.u) : null;
  const readout =
    cursor && hovered !== null ? `t=${cursor.t} unit=${cursor.u}: ${formatValue(hovered)}` : '';

  return (
    <figure className="gate-heatmap" data-gate={gate} style={{ margin: 0 }}>
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
        data-highlighted={highlighted}
        data-gate={gate}
        data-steps={steps}
        data-units={units}
      >
        <text x={MARGIN.left} y={15} fontSize={13} fontWeight={600} fill={gateColor(gate)}>
          {gate} <tspan fontWeight={400}>{name}</tspan>
        </text>
        {readout ? (
          <text
            x={width - MARGIN.right}
            y={15}
            fontSize={12}
            textAnchor="end"
            fill={THEME.fg}
            className="heatmap-readout"
          >
            {readout}
          </text>
        ) : null}
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          <g onPointerMove={onPointerMove} onPointerLeave={() => move(null)}>
            {image ? (
              <image
                href={image}
                width={innerW}
                height={innerH}
                preserveAspectRatio="none"
                style={{ imageRendering: 'pixelated' }}
                data-dense="true"
              />
            ) : null}
            {cells.map((c) => (
              <rect
                key={`${c.t}-${c.u}`}
                className="cell-rect"
                x={c.x}
                y={c.y}
                width={cw}
                height={ch}
                fill={c.fill}
                data-t={c.t}
                data-u={c.u}
                data-value={formatExact(c.value)}
              >
                <title>{`${gate}[t=${c.t}, unit=${c.u}] = ${formatExact(c.value)}`}</title>
              </rect>
            ))}
            {showNumbers
              ? cells.map((c) => (
                  <text
                    key={`n${c.t}-${c.u}`}
                    x={c.x + cw / 2}
                    y={c.y + ch / 2}
                    dy="0.32em"
                    textAnchor="middle"
                    fontSize={10}
                    fill={contrastText(c.fill)}
                    pointerEvents="none"
                  >
                    {formatValue(c.value)}
                  </text>
                ))
              : null}
          </g>
          <rect
            className="chart-frame"
            x={-1}
            y={-1}
            width={innerW + 2}
            height={innerH + 2}
            fill="none"
            stroke={gateColor(gate)}
            strokeWidth={highlighted ? 3 : 1}
            pointerEvents="none"
          />
          {activeT !== null && activeT >= 0 && activeT < steps ? (
            <rect
              className="active-step"
              x={(xs(activeT) ?? 0) - 1.5}
              y={-3}
              width={cw + 3}
              height={innerH + 6}
              fill="none"
              stroke={THEME.fg}
              strokeWidth={2}
              pointerEvents="none"
            />
          ) : null}
          {cursor ? (
            <rect
              x={xs(cursor.t) ?? 0}
              y={ys(cursor.u) ?? 0}
              width={cw}
              height={ch}
              fill="none"
              stroke={THEME.fg}
              strokeWidth={2}
              pointerEvents="none"
            />
          ) : null}
          <HeatmapAxes
            xs={xs}
            ys={ys}
            xTicks={xTicks}
            yTicks={yTicks}
            innerW={innerW}
            innerH={innerH}
          />
          <ColorLegend scale={color} x={innerW + 10} y={0} height={innerH} />
        </g>
      </svg>
      {/* The svg is role="img", so keyboard readouts are announced from here. */}
      <p className="visually-hidden" aria-live="polite">
        {readout ? `${gate} ${readout}` : ''}
      </p>
      {showTable ? (
        <ChartTable
          caption={`${name} ${gate}${sample === undefined ? '' : `, sample ${sample}`}: rows are units, columns time steps`}
          columns={['unit', ...values.map((_, t) => `t=${t}`)]}
          rows={() => heatmapTableRows(values)}
          summary={`Data table: ${gate}`}
        />
      ) : null}
    </figure>
  );
}
