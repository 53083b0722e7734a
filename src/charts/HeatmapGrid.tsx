import { useCallback, useMemo, useRef } from 'react';
import { traceRow, type LSTMTrace } from '../lstm/traceData';
import { ExportButtons } from './ExportButtons';
import { pageCssVar, stackSvgs, svgToString, traceToCsv } from './export';
import { GateHeatmap, type HeatCell } from './GateHeatmap';
import { colorDomain, GATE_KEYS, type GateKey } from './palette';
import './charts.css';

/** Props of the six heatmaps of one sample. */
export interface HeatmapGridProps {
  /** Every gate and state, [t][sample][unit], straight from the engine's traceLSTM. */
  trace: LSTMTrace;
  /** Controlled: which sample is shown. */
  sample: number;
  onSampleChange: (sample: number) => void;
  /** Number of samples to offer; defaults to the trace's batch size. */
  samples?: number;
  width: number;
  /** Which quantities, in order (default i, f, g, o, c, h). */
  keys?: readonly GateKey[];
  /** Emphasise one heatmap (linked from the diagram, equations or code). */
  highlighted?: GateKey | null;
  /** The cell under the pointer in any heatmap; the gate alone says which heatmap is hovered. */
  onHover?: (gate: GateKey | null, cell: HeatCell | null) => void;
  /** Outline one time step in every heatmap (the debugger's t). */
  activeT?: number | null;
  /** File name base for exports. */
  exportName?: string;
}

/** values[t][u] of one quantity of one sample. */
export function sliceSample(trace: LSTMTrace, key: GateKey, sample: number): number[][] {
  if (sample < 0 || sample >= trace.samples) return [];
  return Array.from({ length: trace.steps }, (_, t) => Array.from(traceRow(trace, key, t, sample)));
}

/** Columns for the available width: three side by side on wide pages, one on phones. */
export function gridColumns(width: number): number {
  return width >= 760 ? 3 : width >= 460 ? 2 : 1;
}

/** Heatmap height: about 18 px per unit, within bounds that keep labels readable. */
export function heatmapHeight(units: number): number {
  return Math.round(Math.min(340, Math.max(150, units * 18 + 60)));
}

const GAP = 12; // Matches .heatmap-grid's 0.75rem gap.

/**
 * The gates and states of one chosen sample as six heatmaps with a sample selector. Colour
 * domains are computed over all samples, so switching samples never changes what a colour means.
 */
export function HeatmapGrid({
  trace,
  sample,
  onSampleChange,
  samples,
  width,
  keys = GATE_KEYS,
  highlighted = null,
  onHover,
  activeT = null,
  exportName = 'lstm-heatmaps',
}: HeatmapGridProps) {
  const count = samples ?? trace.samples;
  const shown = Math.min(Math.max(0, sample), Math.max(0, count - 1));
  const cols = gridColumns(width);
  const chartW = Math.floor((width - GAP * (cols - 1)) / cols);
  const units = trace.units;
  const chartH = heatmapHeight(units);
  const gridRef = useRef<HTMLDivElement>(null);

  const domains = useMemo(
    () => Object.fromEntries(keys.map((k) => [k, colorDomain(k, trace.values[k])])),
    [trace, keys],
  ) as Record<GateKey, [number, number]>;
  const slices = useMemo(
    () => Object.fromEntries(keys.map((k) => [k, sliceSample(trace, k, shown)])),
    [trace, keys, shown],
  ) as Record<GateKey, number[][]>;

  const getSvg = useCallback(() => {
    const grid = gridRef.current;
    if (!grid) return null;
    const origin = grid.getBoundingClientRect();
    const parts = [...grid.querySelectorAll<SVGSVGElement>('svg.chart')].map((svg) => {
      const box = svg.getBoundingClientRect();
      return { svg: svgToString(svg), x: box.left - origin.left, y: box.top - origin.top };
    });
    const bg = pageCssVar('--bg')?.trim() || '#ffffff';
    return stackSvgs(parts, Math.round(origin.width), Math.round(origin.height), bg);
  }, []);

  return (
    <section className="heatmap-grid-wrap" aria-label={`Gates and states of sample ${shown}`}>
      <div className="heatmap-grid-bar">
        <label>
          Sample{' '}
          <select
            value={shown}
            onChange={(e) => onSampleChange(Number(e.target.value))}
            disabled={count <= 1}
          >
            {Array.from({ length: count }, (_, b) => (
              <option key={b} value={b}>
                {b}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">of {count}</span>
        <ExportButtons
          name={`${exportName}-sample-${shown}`}
          label="gate heatmaps"
          getSvg={getSvg}
          csv={() => traceToCsv(trace, keys)}
        />
      </div>
      <div
        ref={gridRef}
        className="heatmap-grid"
        style={{ gridTemplateColumns: `repeat(${cols}, ${chartW}px)` }}
      >
        {keys.map((k) => (
          <div
            key={k}
            onPointerEnter={() => onHover?.(k, null)}
            onPointerLeave={() => onHover?.(null, null)}
            onFocus={() => onHover?.(k, null)}
            onBlur={() => onHover?.(null, null)}
          >
            <GateHeatmap
              values={slices[k]}
              gate={k}
              width={chartW}
              height={chartH}
              domain={domains[k]}
              sample={shown}
              highlighted={highlighted === k}
              activeT={activeT}
              onHover={(cell) => onHover?.(k, cell)}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
