/**
 * Plain-data contract between the engine and the notebook: hyperparameters in, numbers out.
 * No tensors cross this boundary.
 */

import type { OptimizerName } from './train/optimizerTypes';

/** How initial weights are drawn: TensorFlow 2.7's seeded streams, or tfjs' own seeded initializers. */
export const SEEDINGS = ['tf27', 'tfjs'] as const;
export type Seeding = (typeof SEEDINGS)[number];

/** Initializers a reader can pick for the kernel, the recurrent kernel and the bias. */
export type InitName =
  'glorotUniform' | 'orthogonal' | 'zeros' | 'ones' | 'randomUniform' | 'randomNormal';

/** Every initializer name the engine understands, in the order a picker lists them. */
export const INIT_NAMES: readonly InitName[] = [
  'glorotUniform',
  'orthogonal',
  'zeros',
  'ones',
  'randomUniform',
  'randomNormal',
];

/** Where tensors are computed: WebGL is the default; WebGPU and wasm load only when chosen. */
export const BACKENDS = ['webgl', 'webgpu', 'wasm', 'cpu'] as const;
export type Backend = (typeof BACKENDS)[number];

/** What each backend falls back to when it cannot start; the CPU always starts. */
export const BACKEND_FALLBACK: Readonly<Record<Backend, Backend | null>> = {
  webgpu: 'webgl',
  webgl: 'cpu',
  wasm: 'cpu',
  cpu: null,
};

/** How each backend is named to the reader. */
export const BACKEND_LABEL: Readonly<Record<Backend, string>> = {
  webgl: 'WebGL',
  webgpu: 'WebGPU',
  wasm: 'wasm',
  cpu: 'the CPU',
};

/** `requested`, then what it falls back to, in order: ['webgpu', 'webgl', 'cpu']. */
export function fallbackChain(requested: Backend): Backend[] {
  const chain: Backend[] = [];
  for (let b: Backend | null = requested; b; b = BACKEND_FALLBACK[b]) chain.push(b);
  return chain;
}

/** What actually computes, as plain data: the backend that runs, and why if it is not the one asked for. */
export interface BackendInfo {
  /** The backend that actually runs. */
  active: Backend;
  requested: Backend;
  /** Bits of float precision the backend computes with (32, or 16 on weak GPUs). */
  floatBits: 32 | 16;
  /** Set when the requested backend could not start and the engine fell back. */
  fallbackReason: string | null;
  /** e.g. "WebGL 2", "WebGPU (swiftshader)", "wasm SIMD"; empty for the CPU. */
  detail: string;
  /** Where this backend computes: the engine worker, or the page itself (the fallback). */
  thread: 'page' | 'worker';
}

/** Initializers that suit a bias: a bias is 1-D, and an orthogonal matrix needs two dimensions. */
export type BiasInitName = Exclude<InitName, 'orthogonal'>;

/** The bias's picker list: every initializer but orthogonal, in INIT_NAMES' order. */
export const BIAS_INIT_NAMES: readonly BiasInitName[] = [
  'glorotUniform',
  'zeros',
  'ones',
  'randomUniform',
  'randomNormal',
];

/** The four layers the chapters build, one per chapter of the tutorial. */
export const CHAPTER_LAYERS = ['simple', 'bias', 'loop', 'options'] as const;
export type ChapterLayer = (typeof CHAPTER_LAYERS)[number];

/**
 * Deliberate mistakes a reader can switch on for the hand-written side, to see what a mismatch
 * looks like: the gates through hard sigmoid (tfjs' default), the input and forget blocks read in
 * the wrong order, Keras' default unit forget bias (+1 on f), or the bias left out.
 */
export const BREAK_VARIANTS = [
  'none',
  'hardSigmoid',
  'swapGates',
  'unitForgetBias',
  'dropBias',
] as const;
export type BreakVariant = (typeof BREAK_VARIANTS)[number];

/** Everything a forward-pass comparison needs. */
export interface ForwardConfig {
  layer: ChapterLayer;
  units: number;
  timesteps: number;
  features: number;
  samples: number;
  seed: number;
  seeding: Seeding;
  /** Chapter 4 options; ignored by the other layers. */
  returnSequences?: boolean;
  returnState?: boolean;
  timeMajor?: boolean;
  useBias?: boolean;
  kernelInitializer?: InitName;
  recurrentInitializer?: InitName;
  biasInitializer?: BiasInitName;
}

/** One output tensor, as plain numbers. */
export interface TensorSummary {
  /** What the output is: "output", "h", "c". */
  name: string;
  shape: number[];
  /** Sum of all elements, the number the tutorial prints. */
  sum: number;
  /** All elements, row-major (transferred, not copied, between threads). */
  values: Float32Array;
}

export interface ForwardResult {
  custom: TensorSummary[];
  library: TensorSummary[];
  /** max |custom - library| over every element of every output; Infinity if they do not line up. */
  maxAbsDiff: number;
  /** Milliseconds each side took, including the read-back. */
  customMs: number;
  libraryMs: number;
}

export interface TrainConfig {
  units: number;
  timesteps: number;
  features: number;
  samples: number;
  seed: number;
  seeding: Seeding;
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** Both models' optimizer; Keras' RMSprop when absent, as the tutorial compiles it. */
  optimizer?: OptimizerName;
  /** Keras' clipnorm and clipvalue; 0 or absent: no clipping. */
  clipnorm?: number;
  clipvalue?: number;
}

export type ModelKind = 'custom' | 'library';

export interface BatchEvent {
  model: ModelKind;
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
}

export interface EpochEvent {
  model: ModelKind;
  epoch: number;
  epochs: number;
  loss: number;
}

export interface TrainHistory {
  /** Sample-weighted mean loss of each epoch, Keras' history['loss']. */
  epochLosses: number[];
  /** Loss of every batch, epoch by epoch. */
  batchLosses: number[][];
  /** True when a NaN or infinite loss stopped the run. */
  diverged: boolean;
  /** True when the signal cancelled the run. */
  cancelled: boolean;
}

export interface TrainCallbacks {
  onBatchEnd?: (e: BatchEvent) => void;
  onEpochEnd?: (e: EpochEvent) => void;
  signal?: AbortSignal;
}
