/** Per-gate gradient norms over the batches of chapter 5's run, with a note on what they mean. */
import { useMemo, useRef, useState } from 'react';
import { ExportButtons } from '../charts/ExportButtons';
import { toCsv } from '../charts/export';
import { GradNormChart } from '../charts/GradNormChart';
import { useParentSize } from '../charts/useParentSize';
import type { GateNorms } from '../lstm/train/gradientTypes';
import { useStore } from '../state/store';

/** One row per batch with norms: the chart's input. */
const rowsOf = (norms: readonly (GateNorms | null)[]) =>
  norms.flatMap((n, k) => (n ? [{ batch: k + 1, ...n }] : []));

/** Both models' norms, batch by batch: custom_i … library_o (empty where a batch sent none). */
function csvOf(custom: readonly (GateNorms | null)[], library: readonly (GateNorms | null)[]) {
  const gates = ['i', 'f', 'g', 'o'] as const;
  const cells = (n: GateNorms | null | undefined) => gates.map((g) => (n ? n[g] : ''));
  return toCsv([
    ['batch', ...gates.map((g) => `custom_${g}`), ...gates.map((g) => `library_${g}`)],
    ...custom.map((c, k) => [k + 1, ...cells(c), ...cells(library[k])]),
  ]);
}

export function GateNormsChart() {
  const custom = useStore((s) => s.training.models.custom.gateNorms);
  const library = useStore((s) => s.training.models.library.gateNorms);
  const rows = useMemo(() => rowsOf(custom), [custom]);
  const [logScale, setLogScale] = useState(true);
  const svgRef = useRef<SVGSVGElement>(null);
  const { ref, width } = useParentSize<HTMLDivElement>(640, 260);

  return (
    <div className="gate-norms" data-testid="gate-norms">
      <h4>How large each gate’s gradient is, batch by batch</h4>
      <p className="muted">
        The length of ∂L/∂(W, U, b) over each gate’s columns, for the hand-written model (the
        library’s agrees to float32 rounding; the CSV has both). A line that sinks by decades means
        that gate has stopped learning, the vanishing gradient; one that leaps up by decades is an
        exploding gradient, and the next update overshoots. RMSprop divides each step by the
        gradient’s running size, so the step stays near the learning rate either way: that is why a
        rate of 100 throws the weights away even though no gradient is large.
      </p>
      <div className="live-loss-bar">
        <label className="live-loss-toggle">
          <input
            type="checkbox"
            checked={logScale}
            onChange={(e) => setLogScale(e.target.checked)}
            data-testid="norms-log-toggle"
          />
          Log scale
        </label>
        <ExportButtons
          name="gate-gradient-norms"
          label="gate gradient norms"
          svgRef={svgRef}
          csv={() => csvOf(custom, library)}
        />
      </div>
      <div ref={ref} className="live-loss-plot">
        {rows.length === 0 ? (
          <p className="muted">The norms appear as the models train.</p>
        ) : (
          <GradNormChart
            norms={rows}
            width={width}
            height={260}
            logScale={logScale}
            svgRef={svgRef}
          />
        )}
      </div>
    </div>
  );
}
