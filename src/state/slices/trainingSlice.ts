import type { StateCreator } from 'zustand';
import type { ModelKind, TrainConfig } from '../../lstm/experimentTypes';
import type { Store } from '../store';

/** One model's run as the Keras-style log shows it. Plain numbers only. */
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

export type TrainingStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface TrainingSlice {
  training: {
    status: TrainingStatus;
    error: string | null;
    config: TrainConfig | null;
    elapsedMs: number;
    models: Record<ModelKind, ModelProgress>;
  };
  trainingStart: (config: TrainConfig) => void;
  /** Replace one model's progress (the runner batches these per animation frame). */
  trainingProgress: (model: ModelKind, progress: ModelProgress) => void;
  trainingFinish: (status: TrainingStatus, elapsedMs: number, error?: string | null) => void;
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
    models: { custom: emptyProgress(), library: emptyProgress() },
  },
  trainingStart: (config) =>
    set({
      training: {
        status: 'running',
        error: null,
        config,
        elapsedMs: 0,
        models: { custom: emptyProgress(config.epochs), library: emptyProgress(config.epochs) },
      },
    }),
  trainingProgress: (model, progress) =>
    set((s) => ({
      training: { ...s.training, models: { ...s.training.models, [model]: progress } },
    })),
  trainingFinish: (status, elapsedMs, error = null) =>
    set((s) => ({ training: { ...s.training, status, elapsedMs, error } })),
});
