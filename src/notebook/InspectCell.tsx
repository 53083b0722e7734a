/**
 * Look inside the cell: the hand-written loop and the library LSTM traced step by step, with the
 * six gate/state heatmaps of one sample, and (per chapter) the time-step debugger or the
 * equivalence panel. The trace is plain numbers from the engine; nothing here holds a tensor.
 */
import { useParentSize } from '../charts/useParentSize';
import { HeatmapGrid } from '../charts/HeatmapGrid';
import type { InspectConfig, InspectResult } from '../lstm/inspect';
import { useStore } from '../state/store';
import { Cell } from './Cell';
import { EquivalencePanel } from './EquivalencePanel';
import { LoadingNote } from './LoadingNote';
import { StepDebugger } from './StepDebugger';
import { forwardShape, useEngineCell } from './useEngineCell';
import { useEmbedFigure, useReportResult } from './useEmbedView';
import { forwardTolerance } from './tolerance';
import { useEditKey } from './EditBar';
import type { ResultValues } from '../embed/hostApi';

const DEPENDS = ['units', 'time steps', 'features', 'samples', 'seed', 'seeding', 'backend'];

/** The trace's verdict for an embedding host: the worst h or c gap to tf.layers.lstm, scaled. */
function traceVerdict(r: InspectResult, tolerance: number): ResultValues {
  let maxDiff = 0;
  let match = true;
  for (const key of ['h', 'c'] as const) {
    r.maxDiffPerStep[key].forEach((d, t) => {
      maxDiff = Math.max(maxDiff, d);
      if (!(d <= tolerance * Math.max(1, r.scalePerStep[key][t]!))) match = false;
    });
  }
  const sum = (a: Float32Array) => a.reduce((x, y) => x + y, 0);
  return { sums: { h: sum(r.custom.values.h), c: sum(r.custom.values.c) }, maxDiff, match };
}

export interface InspectCellProps {
  title: string;
  /** The cell's stable id (see src/embed/hostApi.ts). */
  id: string;
  /** Chapter 2 on adds the bias; chapter 1 has none. */
  bias?: boolean;
  /** Chapter 3: step through the loop one time step at a time. */
  stepper?: boolean;
  /** Chapter 4: per-step differences and the "break it" switches. */
  equivalence?: boolean;
}

export function InspectCell({
  title,
  id,
  bias = true,
  stepper = false,
  equivalence = false,
}: InspectCellProps) {
  const hyper = useStore((s) => s.hyper.forward);
  const breakIt = useStore((s) => s.breakIt);
  const sample = useStore((s) => s.sample);
  const setSample = useStore((s) => s.setSample);
  const highlight = useStore((s) => s.highlight);
  const setHighlight = useStore((s) => s.setHighlight);
  const debugT = useStore((s) => s.debugT);
  const options = useStore((s) => s.options);
  const { ref, width } = useParentSize<HTMLDivElement>(720);

  const cfg: InspectConfig = {
    ...forwardShape(hyper),
    useBias: bias,
    // Only the equivalence panel breaks things, and only it follows chapter 4's initializers.
    ...(equivalence
      ? {
          breakIt,
          useBias: options.useBias,
          kernelInitializer: options.kernelInitializer,
          recurrentInitializer: options.recurrentInitializer,
          biasInitializer: options.biasInitializer,
        }
      : {}),
  };
  const cell = useEngineCell('inspect', hyper.backend, cfg, undefined, useEditKey(id));
  const trace = cell.result?.custom;
  const figure = useEmbedFigure();
  const info = useStore((s) => s.backendInfo);
  useReportResult(
    id,
    cell.result,
    cell.result && info ? traceVerdict(cell.result, forwardTolerance(info)) : null,
  );

  return (
    <Cell
      title={title}
      id={id}
      files={['inspect.ts', 'traces.ts', 'loop.ts', 'cell.ts']}
      status={cell.status}
      ms={cell.ms}
      error={cell.error}
      depends={equivalence ? [...DEPENDS, 'the break-it choice', 'the options above'] : DEPENDS}
      onRun={cell.run}
      editable
      problem={cell.problem}
      edited={cell.edited}
      onEditOpen={cell.prepareEdits}
    >
      <div ref={ref} className="inspect-out">
        {cell.result && trace ? (
          <>
            {equivalence && (!figure || figure === 'equivalence') && (
              <EquivalencePanel result={cell.result} />
            )}
            {stepper && !figure && <StepDebugger result={cell.result} />}
            {(!figure || figure === 'heatmaps') && (
              <HeatmapGrid
                trace={trace}
                sample={Math.min(sample, hyper.samples - 1)}
                onSampleChange={setSample}
                width={Math.max(280, width)}
                highlighted={highlight}
                onHover={(gate) => setHighlight(gate)}
                activeT={stepper ? debugT : null}
                exportName="lstm-gates"
              />
            )}
          </>
        ) : (
          cell.status !== 'error' && <LoadingNote />
        )}
      </div>
    </Cell>
  );
}
