/**
 * The one protocol between the page and the engine: every cell's work (forward comparisons,
 * inspection traces, chapter 5's training, the live benchmark) is a numbered request, answered
 * once by the same id, with training or benchmark progress in between. The engine service answers it in the engine worker, or on the
 * page where a worker cannot do the job. Plain data only: everything here survives `postMessage`,
 * and typed arrays in replies are transferred, not copied.
 */
import type {
  Backend,
  BackendInfo,
  BreakVariant,
  ForwardConfig,
  ForwardResult,
  TrainConfig,
} from '../lstm/experimentTypes';
import type { BenchConfig, BenchProgress } from '../lstm/bench/types';
import type { LiveBenchResult } from '../lstm/bench/live';
import type { InspectConfig, InspectResult } from '../lstm/inspect';
import type { CheckAt, GradientCheck } from '../lstm/train/gradientTypes';
import type { OptimizerComparison } from '../lstm/train/pitfallTypes';
import type { KeepPlace, KeptModel, Predictions } from '../lstm/train/predictionTypes';
import type { BatchDelta, DivergenceInfo } from '../lstm/train/progress';
import type { LossProbe } from '../lstm/train/probeTypes';
import type { CodeLocation, EditedFiles } from './edits/types';

/** Bumped on any change a worker built from older code would misread. */
export const PROTOCOL_VERSION = 1;

/** What a caller asks for, before the client numbers it. */
export type Ask =
  /** Start (or keep) a backend; answered with what actually runs. */
  | { kind: 'backend'; backend: Backend }
  /**
   * A chapter's hand-written layer against tf.layers.lstm, same weights and input; with `edits`,
   * the engine as the reader edited it (answered only by a worker, never on the page).
   */
  | { kind: 'forward'; backend: Backend; config: ForwardConfig; edits?: EditedFiles }
  /** Every gate and state of every step, with the per-step differences; `edits` as above. */
  | { kind: 'inspect'; backend: Backend; config: InspectConfig; edits?: EditedFiles }
  /** Chapter 5: build a new session (both models at their starting weights); `edits` as above. */
  | { kind: 'train.open'; backend: Backend; config: TrainConfig; edits?: EditedFiles }
  /** Train until done, diverged or cancelled; `fromStart` goes back to the starting weights. */
  | { kind: 'train.play'; fromStart: boolean }
  /** Train one batch on each model. */
  | { kind: 'train.step' }
  /** Back to the starting weights, nothing trained. */
  | { kind: 'train.reset' }
  /** Drop the session and free its tensors. */
  | { kind: 'train.close' }
  /** Both models' gradients on the next batch, at the hand-written model's weights. */
  | { kind: 'train.gradcheck'; breakIt: BreakVariant; at: CheckAt }
  /** Both models' predictions for the training data and for fresh data. */
  | { kind: 'train.predict' }
  /** Save the hand-written model: in this browser, or as two files handed back for download. */
  | { kind: 'train.save'; to: KeepPlace }
  /** Load a kept model (from this browser, or from its two files) and run it again. */
  | {
      kind: 'model.load';
      backend: Backend;
      from: KeepPlace;
      /** The two files, when loading from files. */
      file?: { modelJson: string; weights: ArrayBuffer };
      /** The training run's edits (the layer it registers to load with may be the reader's). */
      edits?: EditedFiles;
    }
  /** Train the hand-written model alone under `config` (its own throwaway run): how did it go? */
  | { kind: 'train.probe'; backend: Backend; config: TrainConfig }
  /** The optimizer pitfall: the hand-written model under Keras' RMSprop and under tfjs'. */
  | { kind: 'optimizers'; backend: Backend; config: TrainConfig; edits?: EditedFiles }
  /**
   * Time the LSTM implementations on this side's backend (the Performance chapter): progress after
   * every run, stoppable by `cancel` between any two runs.
   */
  | { kind: 'bench.run'; backend: Backend; config: BenchConfig }
  /** Tensors and bytes held by this side's tfjs, to prove nothing leaks. */
  | { kind: 'memory' }
  /** Answered at once, ahead of any queued work: a worker that does not answer is stuck. */
  | { kind: 'ping' }
  /**
   * Lose the WebGL context on purpose (WEBGL_lose_context), as a driver reset or the browser
   * reclaiming the GPU would; answered at once, ahead of the queue, before the loss lands.
   */
  | { kind: 'gpu.lose' };

export type AskKind = Ask['kind'];

/** Every request but `cancel` is answered exactly once, by the same `id`. */
export type EngineRequest =
  | (Ask & { v: typeof PROTOCOL_VERSION; id: number })
  /**
   * Stop request `target`: one still waiting its turn never starts; a running one stops at its
   * next checkpoint (between the two layers, between phases, between two training batches).
   */
  | { v: typeof PROTOCOL_VERSION; kind: 'cancel'; id: number; target: number };

/** Where a training session stands once a request is done. */
export interface RunState {
  /** idle: at the first batch; paused: part-way, resumable. */
  status: 'idle' | 'paused' | 'done' | 'diverged';
  /** Batches trained on both models. */
  steps: number;
  /** Time spent training, summed over play and step. */
  elapsedMs: number;
  divergence: DivergenceInfo | null;
}

/** Why a request failed: refused before it started (bad or over budget), or failed running. */
export type FailCode = 'invalid' | 'budget' | 'error';

export type EngineReply =
  | { kind: 'backend'; id: number; info: BackendInfo }
  | { kind: 'forward'; id: number; info: BackendInfo; result: ForwardResult }
  | { kind: 'inspect'; id: number; info: BackendInfo; result: InspectResult }
  | { kind: 'train.opened'; id: number; info: BackendInfo; totalSteps: number }
  /**
   * While a play or step runs: the batches trained since the last report (deltas, never the
   * whole history), where the session stands, and the guard's verdict.
   */
  | {
      kind: 'train.progress';
      id: number;
      steps: number;
      batches: BatchDelta[];
      divergence: DivergenceInfo | null;
      /** Set on the report a play sends when it went back to the starting weights first. */
      restarted?: true;
    }
  | { kind: 'train.settled'; id: number; state: RunState }
  | { kind: 'train.closed'; id: number }
  | { kind: 'train.gradcheck'; id: number; result: GradientCheck }
  | { kind: 'train.predicted'; id: number; result: Predictions }
  | {
      kind: 'train.saved';
      id: number;
      to: KeepPlace;
      savedAt: string;
      file?: { modelJson: string; weights: ArrayBuffer };
    }
  | { kind: 'model.loaded'; id: number; info: BackendInfo; result: KeptModel }
  | { kind: 'optimizers'; id: number; info: BackendInfo; result: OptimizerComparison }
  | { kind: 'train.probed'; id: number; info: BackendInfo; result: LossProbe }
  /** While a benchmark runs: after every run, how far it is and the median just updated. */
  | ({ kind: 'bench.progress'; id: number } & BenchProgress)
  | { kind: 'bench.done'; id: number; info: BackendInfo; result: LiveBenchResult }
  | { kind: 'memory'; id: number; numTensors: number; numBytes: number }
  | { kind: 'pong'; id: number }
  /** Whether there was a WebGL context to lose. */
  | { kind: 'gpu.lose'; id: number; lost: boolean }
  /**
   * Unasked (id 0): this side's WebGL context is gone. Every tensor on it is gone too, and work
   * on it would wait forever on its read-backs, so the page ends this worker and starts another.
   */
  | { kind: 'lost'; id: 0; message: string }
  /** The request was cancelled before it finished. */
  | { kind: 'cancelled'; id: number }
  | {
      kind: 'failed';
      id: number;
      code: FailCode;
      message: string;
      /** The config field to blame, when one is. */
      field?: string;
      /** Where in the reader's edited code it failed, when it did. */
      where?: CodeLocation;
    };

/** The reply each kind of request settles with. */
export interface Answers {
  backend: Extract<EngineReply, { kind: 'backend' }>;
  forward: Extract<EngineReply, { kind: 'forward' }>;
  inspect: Extract<EngineReply, { kind: 'inspect' }>;
  'train.open': Extract<EngineReply, { kind: 'train.opened' }>;
  'train.play': Extract<EngineReply, { kind: 'train.settled' }>;
  'train.step': Extract<EngineReply, { kind: 'train.settled' }>;
  'train.reset': Extract<EngineReply, { kind: 'train.settled' }>;
  'train.close': Extract<EngineReply, { kind: 'train.closed' }>;
  'train.gradcheck': Extract<EngineReply, { kind: 'train.gradcheck' }>;
  'train.predict': Extract<EngineReply, { kind: 'train.predicted' }>;
  'train.save': Extract<EngineReply, { kind: 'train.saved' }>;
  'model.load': Extract<EngineReply, { kind: 'model.loaded' }>;
  optimizers: Extract<EngineReply, { kind: 'optimizers' }>;
  'train.probe': Extract<EngineReply, { kind: 'train.probed' }>;
  'bench.run': Extract<EngineReply, { kind: 'bench.done' }>;
  memory: Extract<EngineReply, { kind: 'memory' }>;
  ping: Extract<EngineReply, { kind: 'pong' }>;
  'gpu.lose': Extract<EngineReply, { kind: 'gpu.lose' }>;
}

export type ProgressReply = Extract<EngineReply, { kind: 'train.progress' }>;
export type BenchProgressReply = Extract<EngineReply, { kind: 'bench.progress' }>;

/** Where requests go and replies come from: a Web Worker, or the service running on the page. */
export interface EnginePort {
  send: (request: EngineRequest) => void;
  /** Called once, by the client, with its receiver and what to do if the port dies. */
  listen: (onReply: (reply: EngineReply) => void, onDeath: (reason: string) => void) => void;
  close: () => void;
}
