/** Chapter 5's live loss curve: both models per batch, a log-scale toggle, and exports. */
import { useId, useRef, useState } from 'react';
import { ExportButtons } from '../charts/ExportButtons';
import { historyToCsv } from '../charts/export';
import { LossCurve } from '../charts/LossCurve';
import { useParentSize } from '../charts/useParentSize';
import { store, useStore } from '../state/store';

export function LiveLossChart() {
  const models = useStore((s) => s.training.models);
  const total = useStore((s) => s.training.totalSteps);
  const divergence = useStore((s) => s.training.divergence);
  // A finite loss the guard judged exploded gets its ✕ on the point itself.
  const histories =
    divergence?.reason === 'exploded'
      ? Object.fromEntries(
          (['custom', 'library'] as const).map((m) => [
            m,
            divergence.models.includes(m)
              ? { ...models[m], explodedAt: divergence.index }
              : models[m],
          ]),
        )
      : models;
  const [logScale, setLogScale] = useState(false);
  const svgRef = useRef<SVGSVGElement>(null);
  const { ref, width } = useParentSize<HTMLDivElement>(640, 300);
  const toggleId = useId();

  return (
    <div className="live-loss" data-testid="loss-chart">
      <div className="live-loss-bar">
        <span className="live-loss-toggle">
          <input
            id={toggleId}
            type="checkbox"
            checked={logScale}
            onChange={(e) => setLogScale(e.target.checked)}
            data-testid="loss-log-toggle"
          />
          <label htmlFor={toggleId}>Log scale</label>
        </span>
        <ExportButtons
          name="loss-curve"
          label="loss curve"
          svgRef={svgRef}
          // Read at click time: the freshest numbers, not those of the last render.
          csv={() => historyToCsv(store.getState().training.models)}
        />
      </div>
      <div ref={ref} className="live-loss-plot">
        <LossCurve
          histories={histories}
          width={width}
          height={300}
          logScale={logScale}
          totalBatches={total}
          svgRef={svgRef}
        />
      </div>
    </div>
  );
}
