import type { StateCreator } from 'zustand';
import type { ModelKind, TrainConfig } from '../../lstm/experimentTypes';
import type { Store } from '../store';

/** One model's run as the Keras-style log and the loss curve show it. Plain numbers only. */
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
  diverged: boolean;
}

/**
 * idle: ready at the first batch; running: playing; paused: stopped part-way, resumable;
 * done: every batch trained; diverged: stopped at a NaN or infinite loss; cancelled: the run
 * was dropped (its numbers stay on screen); error: something failed.
 */
export type TrainingStatus =
  'idle' | 'running' | 'paused' | 'done' | 'diverged' | 'cancelled' | 'error';

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

export interface TrainingSlice {
  training: {
    status: TrainingStatus;
    error: string | null;
    config: TrainConfig | null;
    /** Time spent training so far, summed over play and step, excluding pauses. */
    elapsedMs: number;
    /** Batches trained on each model so far, and in the whole run. */
    steps: number;
    totalSteps: number;
    models: Record<ModelKind, ModelProgress>;
    divergence: DivergenceInfo | null;
  };
  /** A fresh run of `config` at its first batch (new session, or reset to the same weights). */
  trainingReset: (config: TrainConfig, totalSteps: number) => void;
  /** Both models' progress after `steps` batches (the runner batches these per frame). */
  trainingProgress: (models: Record<ModelKind, ModelProgress>, steps: number) => void;
  trainingStatus: (status: TrainingStatus, extra?: { elapsedMs?: number; error?: string }) => void;
  trainingDiverged: (divergence: DivergenceInfo) => void;
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
    diverged: false,
  };
}

export const createTrainingSlice: StateCreator<Store, [], [], TrainingSlice> = (set) => ({
  training: {
    status: 'idle',
    error: null,
    config: null,
    elapsedMs: 0,
    steps: 0,
    totalSteps: 0,
    models: { custom: emptyProgress(), library: emptyProgress() },
    divergence: null,
  },
  trainingReset: (config, totalSteps) =>
    set({
      training: {
        status: 'idle',
        error: null,
        config,
        elapsedMs: 0,
        steps: 0,
        totalSteps,
        models: { custom: emptyProgress(config.epochs), library: emptyProgress(config.epochs) },
        divergence: null,
      },
    }),
  trainingProgress: (models, steps) => set((s) => ({ training: { ...s.training, models, steps } })),
  trainingStatus: (status, extra = {}) =>
    set((s) => ({
      training: {
        ...s.training,
        status,
        error: extra.error ?? null,
        elapsedMs: extra.elapsedMs ?? s.training.elapsedMs,
      },
    })),
  trainingDiverged: (divergence) => set((s) => ({ training: { ...s.training, divergence } })),
});
