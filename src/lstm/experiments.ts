import * as tf from '@tensorflow/tfjs';
import type {
  ChapterLayer,
  ForwardConfig,
  ForwardResult,
  ModelKind,
  TensorSummary,
  TrainCallbacks,
  TrainConfig,
  TrainHistory,
} from './experimentTypes';
import { disposeLayer } from './disposeLayer';
import { applyKerasEquivalent, kerasEquivalent } from './keras';
import type { LSTMBase } from './layers/base';
import { LSTMWithBias } from './layers/lstmWithBias';
import { LSTMWithOptions, type LSTMWithOptionsArgs } from './layers/lstmWithOptions';
import { SimpleLSTM } from './layers/simpleLstm';
import { TemporalLoopLSTM } from './layers/temporalLoopLstm';
import { KERAS_DEFAULT_INITS, PLACEHOLDER_SPECS, tfjsSpecs } from './seeding';
import { initChoice, rangeInput, startWeights } from './startWeights';
import { fit } from './train/fit';
import { TrainingSession } from './train/session';
import type { LossProbe } from './train/probeTypes';

export type * from './experimentTypes';
export {
  inspectForward,
  inspectBuffers,
  COMPARED_WITH,
  type BreakVariant,
  type InspectConfig,
  type InspectResult,
} from './inspect';
export type { TrainingSession, StepReport } from './train/session';
export { compareOptimizers } from './train/pitfall';
export { reloadModel } from './train/keep';

/** Chapters 1-3 ignore the chapter-4 options they are handed. */
const LAYERS: Record<ChapterLayer, (args: LSTMWithOptionsArgs) => LSTMBase> = {
  simple: (args) => new SimpleLSTM(args),
  bias: (args) => new LSTMWithBias(args),
  loop: (args) => new TemporalLoopLSTM(args),
  options: (args) => new LSTMWithOptions(args),
};

/** Read tensors back as plain summaries, one `data()` each; the caller disposes the tensors. */
async function summarize(tensors: tf.Tensor[], names: string[]): Promise<TensorSummary[]> {
  const data = await Promise.all(tensors.map((t) => t.data()));
  return tensors.map((t, k) => {
    const values = Float32Array.from(data[k] as ArrayLike<number>);
    return { name: names[k]!, shape: t.shape, sum: values.reduce((a, b) => a + b, 0), values };
  });
}

/**
 * max |a - b| over every element of every output; Infinity when the two sides differ in the
 * number of outputs, their names or their shapes, as misaligned elements cannot be compared.
 */
export function maxAbsDiff(a: TensorSummary[], b: TensorSummary[]): number {
  if (a.length !== b.length) return Infinity;
  const aligned = a.every((s, k) => {
    const other = b[k]!;
    return (
      s.name === other.name &&
      s.shape.length === other.shape.length &&
      s.shape.every((d, j) => d === other.shape[j]) &&
      s.values.length === other.values.length
    );
  });
  if (!aligned) return Infinity;
  let max = 0;
  a.forEach((s, k) => {
    const other = b[k]!.values;
    s.values.forEach((v, j) => {
      max = Math.max(max, Math.abs(v - other[j]!));
    });
  });
  return max;
}

/**
 * A chapter's experiment: the chapter's hand-written layer and the library LSTM, same weights,
 * same input (0, 1, 2, ... as the tutorial), run one after the other and compared.
 */
export async function compareForward(
  cfg: ForwardConfig,
  signal?: AbortSignal,
): Promise<ForwardResult> {
  const isOptions = cfg.layer === 'options';
  const useBias = cfg.layer === 'simple' ? false : isOptions ? (cfg.useBias ?? true) : true;
  const returnState = isOptions && (cfg.returnState ?? false);
  const returnSequences = isOptions && (cfg.returnSequences ?? false);
  const timeMajor = isOptions && (cfg.timeMajor ?? false);
  const inits = initChoice(cfg);
  const specs = tfjsSpecs(cfg.seed, inits);
  const names = returnState ? ['output', 'h', 'c'] : ['output'];
  // Everything below is made inside the try, so whatever throws, the finally frees what exists.
  const owned: tf.Tensor[] = [];
  let custom: LSTMBase | null = null;
  let library: tf.layers.Layer | null = null;
  try {
    // Both layers start from these tensors (a layer copies them when it first runs).
    const weights = startWeights(cfg, useBias, inits, false);
    owned.push(...weights);
    const args = {
      units: cfg.units,
      useBias,
      weights,
      kernelInitializer: specs.kernelInitializer,
      recurrentInitializer: specs.recurrentInitializer,
      biasInitializer: specs.biasInitializer,
    };
    custom = LAYERS[cfg.layer]({ ...args, returnSequences, returnState, timeMajor });
    // Its own initializers would only be overwritten: zeros cost nothing.
    library = kerasEquivalent({ ...args, ...PLACEHOLDER_SPECS, returnSequences, returnState });

    const batchMajor = rangeInput(cfg.samples, cfg.timesteps, cfg.features);
    owned.push(batchMajor);
    const input = timeMajor ? (tf.transpose(batchMajor, [1, 0, 2]) as tf.Tensor3D) : batchMajor;
    if (input !== batchMajor) owned.push(input);

    const t0 = performance.now();
    const ours = custom.apply(input) as tf.Tensor | tf.Tensor[];
    const oursList = Array.isArray(ours) ? ours : [ours];
    owned.push(...oursList);
    const customSummary = await summarize(oursList, names);
    const t1 = performance.now();
    signal?.throwIfAborted(); // A newer request replaced this one: skip the library's half.
    const theirs = applyKerasEquivalent(library, input, timeMajor);
    owned.push(...theirs);
    const librarySummary = await summarize(theirs, names);
    const t2 = performance.now();
    return {
      custom: customSummary,
      library: librarySummary,
      maxAbsDiff: maxAbsDiff(customSummary, librarySummary),
      customMs: t1 - t0,
      libraryMs: t2 - t1,
    };
  } finally {
    tf.dispose(owned);
    if (custom) disposeLayer(custom);
    if (library) disposeLayer(library);
  }
}

/**
 * Chapter 5: the tutorial's model (LSTM(units) -> Dense(1), MSE, Keras' RMSprop) trained twice,
 * once with the hand-written layer and once with the library LSTM, from the same weights over
 * the same batches, batch by batch in lockstep; callbacks say which model reported.
 */
export async function compareTraining(
  cfg: TrainConfig,
  callbacks: TrainCallbacks = {},
): Promise<Record<ModelKind, TrainHistory>> {
  const session = createTrainingSession(cfg);
  try {
    return await fit(session, {
      signal: callbacks.signal,
      onBatchEnd: (model, r) => callbacks.onBatchEnd?.({ model, ...r }),
      onEpochEnd: (model, epoch, loss) =>
        callbacks.onEpochEnd?.({ model, epoch, epochs: cfg.epochs, loss }),
    });
  } finally {
    session.dispose();
  }
}

/**
 * Chapter 5's two models, ready to train batch by batch (play, pause, step, reset). The caller
 * owns the session and must dispose it.
 */
export function createTrainingSession(cfg: TrainConfig): TrainingSession {
  const weights = startWeights(cfg, true, KERAS_DEFAULT_INITS, true);
  try {
    return new TrainingSession(cfg, weights);
  } finally {
    tf.dispose(weights);
  }
}

/**
 * Train the hand-written model alone under `cfg` and say how its loss went (a question's live
 * answer: does a larger learning rate learn faster, or diverge?). Frees everything it made.
 */
export async function probeTraining(cfg: TrainConfig, signal?: AbortSignal): Promise<LossProbe> {
  const session = createTrainingSession(cfg);
  try {
    const batches = await session.trainAlone('custom', signal);
    const last = batches[batches.length - 1]!;
    return {
      learningRate: cfg.learningRate,
      epochLosses: batches.flatMap((b) => (b.epochLoss === undefined ? [] : [b.epochLoss])),
      firstLoss: batches[0]!.loss,
      lastLoss: last.loss,
      diverged: batches.length < session.totalSteps || !Number.isFinite(last.loss),
    };
  } finally {
    session.dispose();
  }
}

/** The buffers to transfer when a forward result crosses to another thread. */
export function forwardBuffers(r: ForwardResult): ArrayBuffer[] {
  return [...r.custom, ...r.library].map((s) => s.values.buffer as ArrayBuffer);
}

/** Tensors and bytes tfjs holds right now, as plain numbers (the leak checks read it). */
export function engineMemory(): { numTensors: number; numBytes: number } {
  const { numTensors, numBytes } = tf.memory();
  return { numTensors, numBytes };
}
