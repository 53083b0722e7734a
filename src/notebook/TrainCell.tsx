/** Chapter 5's cell: train the hand-written LSTM and tf.layers.lstm from the same start. */
import type { TrainConfig } from '../lstm/experimentTypes';
import { isTutorialSetting } from '../state/hyperparams';
import { useStore } from '../state/store';
import { ensureBackend } from './backend';
import { Cell, formatMs } from './Cell';
import { loadEngine } from './engine';
import { LoadingNote } from './LoadingNote';
import { LossTable } from './LossTable';
import { TrainLog } from './TrainLog';
import { runTraining } from './trainingRunner';
import { useCell } from './useCell';

const DEPENDS = [
  'units',
  'time steps',
  'features',
  'samples',
  'epochs',
  'batch size',
  'learning rate',
  'seed',
  'seeding',
  'backend',
];

export function TrainCell({ title }: { title: string }) {
  const hyper = useStore((s) => s.hyper.training);
  const status = useStore((s) => s.training.status);
  const elapsed = useStore((s) => s.training.elapsedMs);
  const started = useStore((s) => s.training.config !== null);

  const cfg: TrainConfig = {
    units: hyper.units,
    timesteps: hyper.timesteps,
    features: hyper.features,
    samples: hyper.samples,
    seed: hyper.seed,
    seeding: hyper.seeding,
    epochs: hyper.epochs,
    batchSize: hyper.batchSize,
    learningRate: hyper.lr,
  };
  const backend = hyper.backend;
  const cell = useCell(
    async (signal) => {
      await ensureBackend(backend);
      const engine = await loadEngine();
      return runTraining(engine, cfg, signal);
    },
    JSON.stringify([cfg, backend]),
  );

  const showPython = hyper.seeding === 'tf27' && isTutorialSetting(hyper, 'training');

  return (
    <Cell
      title={title}
      files={['train/fit.ts', 'train/rmsprop.ts', 'keras.ts', 'layers/lstmWithOptions.ts']}
      status={cell.status}
      ms={cell.ms}
      error={cell.error}
      depends={DEPENDS}
      onRun={cell.run}
      onCancel={cell.cancel}
      runLabel="Train"
    >
      {!started && cell.status !== 'error' && <LoadingNote />}
      {started && (
        <>
          <p className="muted" data-testid="training-status">
            {status === 'running' && 'Training both models, one batch at a time…'}
            {status === 'done' && `Both models trained in ${formatMs(elapsed)}.`}
            {status === 'cancelled' &&
              'Cancelled. Press Train to start again from the same weights.'}
            {status === 'error' && 'Training stopped with an error.'}
          </p>
          <TrainLog />
          <LossTable showPython={showPython} />
        </>
      )}
    </Cell>
  );
}
