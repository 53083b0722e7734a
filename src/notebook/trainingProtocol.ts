/**
 * The messages between chapter 5's runner (on the page) and the training service, which owns the
 * session and runs either in a Web Worker or, where a worker cannot do the job, on the page.
 * Plain data only: everything here survives `postMessage`.
 */
import type { TrainConfig } from '../lstm/experimentTypes';
import type { Backend } from '../state/hyperparams';
import type { BackendInfo } from '../state/slices/runtimeSlice';
import type { DivergenceInfo } from '../state/slices/trainingSlice';
import type { Progress } from './trainingProgress';

/** Every request but `abort` is answered once, by the same `id`. */
export type TrainingRequest =
  /** Build a new session (both models at their starting weights) on `backend`. */
  | { kind: 'open'; id: number; config: TrainConfig; backend: Backend }
  /** Train until done, diverged or aborted; `fromStart` goes back to the starting weights. */
  | { kind: 'play'; id: number; fromStart: boolean }
  /** Train one batch on each model. */
  | { kind: 'step'; id: number }
  /** Back to the starting weights, nothing trained. */
  | { kind: 'reset'; id: number }
  /** Drop the session and free its tensors. */
  | { kind: 'close'; id: number }
  /** Tensors and bytes held by this side's tfjs, to prove nothing leaks. */
  | { kind: 'memory'; id: number }
  /** Stop the play with this id (or any earlier one) between two batches, or before it starts. */
  | { kind: 'abort'; id: number };

/** Where the session stands once a request is done. */
export interface RunState {
  /** idle: at the first batch; paused: part-way, resumable. */
  status: 'idle' | 'paused' | 'done' | 'diverged';
  /** Batches trained on both models. */
  steps: number;
  /** Time spent training, summed over play and step. */
  elapsedMs: number;
  progress: Progress;
  divergence: DivergenceInfo | null;
}

export type TrainingReply =
  | { kind: 'opened'; id: number; backend: BackendInfo; totalSteps: number }
  /** After each model's batch, while a play or step runs. */
  | {
      kind: 'progress';
      id: number;
      steps: number;
      progress: Progress;
      divergence: DivergenceInfo | null;
      /** Set on the report a play sends when it went back to the starting weights first. */
      restarted?: true;
    }
  | { kind: 'settled'; id: number; state: RunState }
  | { kind: 'closed'; id: number }
  | { kind: 'memory'; id: number; numTensors: number; numBytes: number }
  | { kind: 'failed'; id: number; message: string };
