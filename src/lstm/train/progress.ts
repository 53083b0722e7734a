/**
 * A training run as plain numbers: each model's progress, the batches that cross from the engine
 * worker (deltas, one per model's batch), and the divergence guard. No tensors, no UI: the worker
 * fills these in, the page replays the same deltas into its copy, the log and the curve read it.
 */
import type { ModelKind } from '../experimentTypes';
import type { GateNorms } from './gradientTypes';
import type { BatchResult } from './trainer';

/** One model's run as the Keras-style log and the loss curve show it. */
export interface ModelProgress {
  /** 1-based epoch in progress (0 before the first batch). */
  epoch: number;
  epochs: number;
  /** Batches finished in the current epoch. */
  batch: number;
  batches: number;
  /** Mean of this epoch's batch losses so far, as Keras' progress bar prints it. */
  runningLoss: number | null;
  epochLosses: number[];
  batchLosses: number[][];
  /** Per-gate gradient norms of every batch, in training order (null where none was sent). */
  gateNorms: (GateNorms | null)[];
  diverged: boolean;
}

export type Progress = Record<ModelKind, ModelProgress>;

/**
 * idle: ready at the first batch; running: playing; paused: stopped part-way, resumable;
 * done: every batch trained; diverged: stopped by the guard; cancelled: the run was dropped
 * (its numbers stay on screen); error: something failed.
 */
export type TrainingStatus =
  'idle' | 'running' | 'paused' | 'done' | 'diverged' | 'cancelled' | 'error';

/** One model's batch, as it crosses from the worker: only what is new. */
export interface BatchDelta extends Pick<BatchResult, 'epoch' | 'batch' | 'batches' | 'loss'> {
  model: ModelKind;
  epochLoss?: number;
  gateNorms?: GateNorms;
}

/** Where and why the divergence guard stopped a run. */
export interface DivergenceInfo {
  /** The model(s) whose loss tripped the guard at this batch. */
  models: ModelKind[];
  /** Global batch number from 1, as the curve's x axis counts; epoch and batch from 1. */
  index: number;
  epoch: number;
  batch: number;
  /** The loss that tripped the guard. */
  value: number;
  /** The run's first batch loss, which an exploded loss is measured against. */
  firstLoss: number | null;
  /** nonfinite: NaN or ±Infinity; exploded: finite but far above where the run started. */
  reason: 'nonfinite' | 'exploded';
}

export function emptyProgress(epochs = 0): ModelProgress {
  return {
    epoch: 0,
    epochs,
    batch: 0,
    batches: 0,
    runningLoss: null,
    epochLosses: [],
    batchLosses: [],
    gateNorms: [],
    diverged: false,
  };
}

export const freshProgress = (epochs: number): Progress => ({
  custom: emptyProgress(epochs),
  library: emptyProgress(epochs),
});

/** Add one batch's result to a model's progress, in place. */
export function recordBatch(p: ModelProgress, r: Omit<BatchDelta, 'model'>): void {
  const losses = (p.batchLosses[r.epoch] ??= []);
  losses.push(r.loss);
  p.epoch = r.epoch + 1;
  p.batch = r.batch + 1;
  p.batches = r.batches;
  p.runningLoss = losses.reduce((a, b) => a + b, 0) / losses.length;
  p.gateNorms.push(r.gateNorms ?? null);
  if (!Number.isFinite(r.loss)) p.diverged = true;
  if (r.epochLoss !== undefined) p.epochLosses[r.epoch] = r.epochLoss;
}

/**
 * A copy of `progress` with `deltas` added: the page's side of the protocol. Only the models and
 * epochs that changed are copied, so a store holding the old value sees a new one.
 */
export function applyDeltas(progress: Progress, deltas: readonly BatchDelta[]): Progress {
  if (deltas.length === 0) return progress;
  const next: Progress = { ...progress };
  const copied = new Set<ModelKind>();
  for (const d of deltas) {
    if (!copied.has(d.model)) {
      const p = progress[d.model];
      next[d.model] = {
        ...p,
        epochLosses: [...p.epochLosses],
        gateNorms: [...p.gateNorms],
        batchLosses: p.batchLosses.map((epoch, k) => (k >= d.epoch ? [...epoch] : epoch)),
      };
      copied.add(d.model);
    }
    recordBatch(next[d.model], d);
  }
  return next;
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
