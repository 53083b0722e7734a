/** Turns the engine's per-batch reports into the plain progress the log and the curve read. */
import type { ModelKind } from '../lstm/experimentTypes';
import type { BatchResult } from '../lstm/train/trainer';
import {
  emptyProgress,
  type DivergenceInfo,
  type ModelProgress,
} from '../state/slices/trainingSlice';

export type Progress = Record<ModelKind, ModelProgress>;

export const freshProgress = (epochs: number): Progress => ({
  custom: emptyProgress(epochs),
  library: emptyProgress(epochs),
});

/** Add one batch's result to a model's progress, in place. */
export function recordBatch(p: ModelProgress, r: BatchResult): void {
  const losses = (p.batchLosses[r.epoch] ??= []);
  losses.push(r.loss);
  p.epoch = r.epoch + 1;
  p.batch = r.batch + 1;
  p.batches = r.batches;
  p.runningLoss = losses.reduce((a, b) => a + b, 0) / losses.length;
  if (!Number.isFinite(r.loss)) p.diverged = true;
  if (r.epochLoss !== undefined) p.epochLosses[r.epoch] = r.epochLoss;
}

/**
 * How far above the run's first batch loss a loss may climb before the guard calls the run
 * diverged. RMSprop moves every weight by about the learning rate whatever the gradient's size,
 * so a too-large rate does not always overflow to NaN: the gates saturate, the loss leaps by
 * orders of magnitude and keeps bouncing there (learning rate 100 on the tutorial: 0.17, then
 * 3.6e6). A healthy run's spikes stay far below this (learning rate 1: 2,400 times, recovered).
 */
export const EXPLODED_FACTOR = 1e4;

/** The guard: a NaN or infinite loss, or one that exploded; null while the run is healthy. */
export function checkDivergence(
  model: ModelKind,
  p: ModelProgress,
  r: BatchResult,
  index: number,
): DivergenceInfo | null {
  const firstLoss = p.batchLosses[0]?.[0] ?? null;
  const at = {
    models: [model],
    index,
    epoch: r.epoch + 1,
    batch: r.batch + 1,
    value: r.loss,
    firstLoss,
  };
  if (!Number.isFinite(r.loss)) return { ...at, reason: 'nonfinite' };
  if (firstLoss !== null && Number.isFinite(firstLoss) && r.loss > EXPLODED_FACTOR * firstLoss) {
    return { ...at, reason: 'exploded' };
  }
  return null;
}

/** The announcement at an epoch's end: "Epoch 3 of 10 finished: custom loss 0.1234, …". */
export function epochAnnouncement(models: Progress): string {
  const done = Math.min(models.custom.epochLosses.length, models.library.epochLosses.length);
  if (done === 0) return '';
  const loss = (m: ModelKind) => models[m].epochLosses[done - 1]!.toFixed(4);
  return (
    `Epoch ${done} of ${models.custom.epochs} finished: ` +
    `hand-written LSTM loss ${loss('custom')}, tf.layers.lstm loss ${loss('library')}.`
  );
}
