/** Chapter 5's cell: train the hand-written LSTM and tf.layers.lstm from the same start. */
import { isTutorialSetting } from '../state/hyperparams';
import type { TrainingStatus } from '../lstm/train/progress';
import { useStore } from '../state/store';
import { Cell } from './Cell';
import { DivergenceNote } from './DivergenceNote';
import { LiveLossChart } from './LiveLossChart';
import { LoadingNote } from './LoadingNote';
import { LossTable } from './LossTable';
import { TrainingAnnouncer, TrainingControls } from './TrainingControls';
import { TrainLog } from './TrainLog';
import type { CellStatus } from './useCell';
import { TRAIN_DEPENDS, trainConfigOf } from './trainTarget';
import { useTraining } from './useTraining';
import { trainingTolerance } from './tolerance';
import { useEmbedFigure, useReportResult } from './useEmbedView';
import type { ResultValues } from '../embed/hostApi';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The run's verdict for an embedding host: both loss sums and the worst epoch's gap. */
function lossVerdict(custom: number[], library: number[], tolerance: number): ResultValues {
  const maxDiff = Math.max(...custom.map((c, k) => Math.abs(c - library[k]!)));
  return {
    sums: { custom: sum(custom), library: sum(library) },
    maxDiff,
    match: maxDiff <= tolerance,
  };
}

const DEPENDS = TRAIN_DEPENDS;

/** The engine files this cell runs, relative to src/lstm/. */
const FILES = [
  'train/session.ts',
  'train/fit.ts',
  'train/trainer.ts',
  'train/rmsprop.ts',
  'keras.ts',
  'layers/lstmWithOptions.ts',
  'loop.ts',
  'cell.ts',
];

/** A run that stopped on a NaN did its job (it found the divergence): the cell is done. */
const CELL_STATUS: Record<TrainingStatus, CellStatus> = {
  idle: 'idle',
  running: 'running',
  paused: 'idle',
  done: 'done',
  diverged: 'done',
  cancelled: 'idle',
  error: 'error',
};

export function TrainCell({ title, id }: { title: string; id: string }) {
  const hyper = useStore((s) => s.hyper.training);
  const status = useStore((s) => s.training.status);
  const error = useStore((s) => s.training.error);
  const problem = useStore((s) => s.training.problem);
  const elapsed = useStore((s) => s.training.elapsedMs);
  const started = useStore((s) => s.training.config !== null);

  const cfg = trainConfigOf(hyper);
  const handle = useTraining(cfg, hyper.backend);
  const showPython = hyper.seeding === 'tf27' && isTutorialSetting(hyper, 'training');
  const cellStatus = CELL_STATUS[status];
  // The run on show was trained from the reader's edits (the session key says so).
  const edited = useStore((s) => s.training.edited);
  const figure = useEmbedFigure();
  const custom = useStore((s) => s.training.models.custom.epochLosses);
  const library = useStore((s) => s.training.models.library.epochLosses);
  const backend = useStore((s) => s.backendInfo);
  useReportResult(
    id,
    // A finished run's epoch losses are a new array per run: one report each.
    status === 'done' ? custom : null,
    status === 'done' && backend && custom.length > 0 && custom.length === library.length
      ? lossVerdict(custom, library, trainingTolerance(backend))
      : null,
  );

  return (
    <Cell
      title={title}
      id={id}
      files={FILES}
      status={cellStatus}
      ms={cellStatus === 'done' ? elapsed : null}
      error={error}
      depends={DEPENDS}
      onRun={handle.train}
      runLabel="Train"
      editable
      edited={edited}
      problem={problem}
    >
      {!started && status !== 'error' && <LoadingNote />}
      {started && figure === 'loss-curve' && <LiveLossChart />}
      {started && !figure && (
        <>
          <TrainingControls handle={handle} />
          <TrainingAnnouncer />
          {/* The cell's output is a polite live region; a per-batch log would flood it. */}
          <div aria-live="off">
            <DivergenceNote />
            <LiveLossChart />
            <TrainLog />
            <LossTable showPython={showPython} />
          </div>
        </>
      )}
    </Cell>
  );
}
