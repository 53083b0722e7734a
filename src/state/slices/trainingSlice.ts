import type { StateCreator } from 'zustand';
import type { ModelKind, TrainConfig } from '../../lstm/experimentTypes';
import type { GradientCheck } from '../../lstm/train/gradientTypes';
import {
  emptyProgress,
  type DivergenceInfo,
  type ModelProgress,
  type TrainingStatus,
} from '../../lstm/train/progress';
import type { CodeProblem } from '../../runtime/edits/problem';
import type { Store } from '../store';

export interface TrainingSlice {
  training: {
    status: TrainingStatus;
    error: string | null;
    /** When the error is the reader's code: its place, marked in the editor. */
    problem: CodeProblem | null;
    config: TrainConfig | null;
    /** Time spent training so far, summed over play and step, excluding pauses. */
    elapsedMs: number;
    /** Batches trained on each model so far, and in the whole run. */
    steps: number;
    totalSteps: number;
    models: Record<ModelKind, ModelProgress>;
    divergence: DivergenceInfo | null;
    /** The latest gradient check of this run, or why it failed. */
    gradients: GradientCheck | null;
    gradientsError: string | null;
    gradientsProblem: CodeProblem | null;
    /** This run's models were built from the reader's edited code. */
    edited: boolean;
  };
  /**
   * A fresh run of `config` at its first batch (new session, or reset to the same weights);
   * `status` stays `running` when a play opened it.
   */
  trainingReset: (
    config: TrainConfig,
    totalSteps: number,
    edited?: boolean,
    status?: 'idle' | 'running',
  ) => void;
  /** Both models' progress after `steps` batches (the runner batches these per frame). */
  trainingProgress: (models: Record<ModelKind, ModelProgress>, steps: number) => void;
  trainingStatus: (
    status: TrainingStatus,
    extra?: { elapsedMs?: number; error?: string; problem?: CodeProblem },
  ) => void;
  trainingDiverged: (divergence: DivergenceInfo) => void;
  trainingGradients: (result: GradientCheck | null, error?: string, problem?: CodeProblem) => void;
}

export const createTrainingSlice: StateCreator<Store, [], [], TrainingSlice> = (set) => ({
  training: {
    status: 'idle',
    error: null,
    problem: null,
    config: null,
    elapsedMs: 0,
    steps: 0,
    totalSteps: 0,
    models: { custom: emptyProgress(), library: emptyProgress() },
    divergence: null,
    gradients: null,
    gradientsError: null,
    gradientsProblem: null,
    edited: false,
  },
  trainingReset: (config, totalSteps, edited = false, status = 'idle') =>
    set({
      training: {
        status,
        error: null,
        problem: null,
        config,
        elapsedMs: 0,
        steps: 0,
        totalSteps,
        models: { custom: emptyProgress(config.epochs), library: emptyProgress(config.epochs) },
        divergence: null,
        edited,
        gradients: null,
        gradientsError: null,
        gradientsProblem: null,
      },
    }),
  trainingProgress: (models, steps) => set((s) => ({ training: { ...s.training, models, steps } })),
  trainingStatus: (status, extra = {}) =>
    set((s) => ({
      training: {
        ...s.training,
        status,
        error: extra.error ?? null,
        problem: extra.problem ?? null,
        elapsedMs: extra.elapsedMs ?? s.training.elapsedMs,
      },
    })),
  trainingDiverged: (divergence) => set((s) => ({ training: { ...s.training, divergence } })),
  trainingGradients: (gradients, error, problem) =>
    set((s) => ({
      training: {
        ...s.training,
        // A failed check keeps the last good one on screen, beside the message.
        gradients: gradients ?? s.training.gradients,
        gradientsError: error ?? null,
        gradientsProblem: problem ?? null,
      },
    })),
});
