/**
 * A chapter's live cell: build the chapter's hand-written layer and tfjs' own LSTM from the same
 * seed, run both on the same input, and compare.
 */
import type { ChapterLayer, ForwardConfig } from '../lstm/experimentTypes';
import { isTutorialSetting } from '../state/hyperparams';
import { isTutorialOptions } from '../state/slices/optionsSlice';
import { useStore } from '../state/store';
import { Cell } from './Cell';
import { ForwardOutput } from './ForwardOutput';
import { LoadingNote } from './LoadingNote';
import { PYTHON_FORWARD_SUM, PYTHON_SEQUENCE_SUM } from './tutorialNumbers';
import { forwardShape, useEngineCell } from './useEngineCell';
import { forwardTolerance } from './tolerance';
import { useReportResult } from './useEmbedView';
import { useEditKey } from './EditBar';
import type { ResultValues } from '../embed/hostApi';
import type { ForwardResult } from '../lstm/experimentTypes';
import type { BackendInfo } from '../state/slices/runtimeSlice';

/** The run's verdict for an embedding host: every output's sum on both sides, the max |Δ|. */
function forwardVerdict(r: ForwardResult, info: BackendInfo): ResultValues {
  const sums: Record<string, number> = {};
  for (const s of r.custom) sums[`custom.${s.name}`] = s.sum;
  for (const s of r.library) sums[`library.${s.name}`] = s.sum;
  return { sums, maxDiff: r.maxAbsDiff, match: r.maxAbsDiff <= forwardTolerance(info) };
}

/** What each chapter's cell shows: its layer first, then what that layer is built from. */
const FILES: Record<ChapterLayer, string[]> = {
  simple: ['layers/simpleLstm.ts', 'cell.ts', 'rnn.ts'],
  bias: ['layers/lstmWithBias.ts', 'cell.ts', 'rnn.ts'],
  loop: ['layers/temporalLoopLstm.ts', 'loop.ts', 'cell.ts'],
  options: ['layers/lstmWithOptions.ts', 'loop.ts', 'cell.ts'],
};

const FORWARD_DEPENDS = [
  'units',
  'time steps',
  'features',
  'samples',
  'seed',
  'seeding',
  'backend',
];

export function ForwardCell({
  layer,
  title,
  id,
}: {
  layer: ChapterLayer;
  title: string;
  id: string;
}) {
  const hyper = useStore((s) => s.hyper.forward);
  const options = useStore((s) => s.options);
  const backendInfo = useStore((s) => s.backendInfo);

  const cfg: ForwardConfig = {
    layer,
    ...forwardShape(hyper),
    ...(layer === 'options' ? options : {}),
  };
  const cell = useEngineCell('forward', hyper.backend, cfg, undefined, useEditKey(id));
  useReportResult(
    id,
    cell.result,
    cell.result && backendInfo ? forwardVerdict(cell.result, backendInfo) : null,
  );

  // The Python number only means something for the exact run the tutorial made.
  const tutorial =
    hyper.seeding === 'tf27' &&
    isTutorialSetting(hyper, 'forward') &&
    (layer !== 'options' || isTutorialOptions(options));
  const pythonSum = !tutorial
    ? null
    : layer === 'options'
      ? PYTHON_SEQUENCE_SUM
      : PYTHON_FORWARD_SUM;

  return (
    <Cell
      title={title}
      id={id}
      files={FILES[layer]}
      status={cell.status}
      ms={cell.ms}
      error={cell.error}
      depends={layer === 'options' ? [...FORWARD_DEPENDS, 'the options above'] : FORWARD_DEPENDS}
      onRun={cell.run}
      editable
      problem={cell.problem}
      edited={cell.edited}
      onEditOpen={cell.prepareEdits}
    >
      {cell.result ? (
        <ForwardOutput result={cell.result} backend={backendInfo} pythonSum={pythonSum} />
      ) : (
        cell.status !== 'error' && <LoadingNote />
      )}
    </Cell>
  );
}
