/**
 * Chapter 5's gradient check: ∂L/∂w of the hand-written LSTM (tfjs' autodiff through the chapter's
 * own loop and cell, optionally broken) against tf.layers.lstm's, weight by weight, and both
 * against central finite differences of the float64 reference model. Everything leaves as plain
 * numbers, read back in one go.
 */
import * as tf from '@tensorflow/tfjs';
import { broken, sigmaFor } from '../breaks';
import type { BreakVariant, ModelKind } from '../experimentTypes';
import { temporalLoop } from '../loop';
import { writeWeights } from './model';
import { referenceLoss, type PlainBatch, type PlainModel } from './referenceModel';
import {
  WEIGHT_GATES,
  WEIGHT_NAMES,
  type FiniteDifferenceSample,
  type GateNorms,
  type GradientCheck,
  type WeightGradient,
} from './gradientTypes';

/**
 * The L2 norm of the gradient over each gate's columns of W, U and b: [i, f, g, o]. Gate q owns
 * columns q·units … (q+1)·units − 1 of every fused LSTM weight.
 */
export function gateGradNorms(
  kernel: tf.Tensor,
  recurrentKernel: tf.Tensor,
  bias: tf.Tensor | null,
  units: number,
): tf.Tensor1D {
  return tf.tidy(() => {
    // Squares as x·x, not tf.square: see rmsprop.ts.
    const square = (x: tf.Tensor) => tf.mul(x, x);
    let perColumn = tf.add(tf.sum(square(kernel), 0), tf.sum(square(recurrentKernel), 0));
    if (bias) perColumn = tf.add(perColumn, square(bias));
    return tf.sqrt(tf.sum(tf.reshape(perColumn, [4, units]), 1)) as tf.Tensor1D;
  });
}

export const normsOf = (values: ArrayLike<number>): GateNorms => ({
  i: values[0]!,
  f: values[1]!,
  g: values[2]!,
  o: values[3]!,
});

export interface GradientCheckInput {
  /** The custom model's current weights, `getWeights()` order (kernel, U, b, dense W, dense b). */
  weights: Float32Array[];
  units: number;
  features: number;
  batch: PlainBatch & { x: Float32Array; y: Float32Array };
  breakIt: BreakVariant;
  /** A library-kind tutorial model used as a probe: its weights are overwritten. */
  library: tf.LayersModel;
  where: Pick<GradientCheck, 'at' | 'epoch' | 'batch' | 'batches' | 'trained'>;
}

/** The finite difference's step: small against the weights, large against float64 rounding. */
export const FD_STEP = 1e-5;

/** Multiply-adds the float64 finite differences may spend (about a second in plain JS). */
export const FD_MACS = 2e8;

/** The batch's MSE through the hand-written loop, as a function of the five weights. */
function customLoss(x: tf.Tensor3D, y: tf.Tensor2D, units: number, variant: BreakVariant) {
  return (
    kernel: tf.Tensor,
    recurrentKernel: tf.Tensor,
    bias: tf.Tensor,
    denseKernel: tf.Tensor,
    denseBias: tf.Tensor,
  ): tf.Scalar => {
    const w = broken(
      {
        kernel: kernel as tf.Tensor2D,
        recurrentKernel: recurrentKernel as tf.Tensor2D,
        bias: bias as tf.Tensor1D,
      },
      units,
      variant,
    );
    const zeros = tf.zeros([x.shape[0], units]) as tf.Tensor2D;
    const { hSeq } = temporalLoop(tf.transpose(x, [1, 0, 2]), zeros, zeros, w, {
      sigma: sigmaFor(variant),
    });
    const last = tf.squeeze(tf.slice(hSeq, [hSeq.shape[0] - 1, 0, 0], [1, -1, -1]), [0]);
    const prediction = tf.add(tf.matMul(last, denseKernel as tf.Tensor2D), denseBias);
    const loss = tf.mean(tf.squaredDifference(prediction, y)) as tf.Scalar;
    // A dropped bias plays no part in the loss: its gradient is an honest zero, not an error.
    return w.bias ? loss : tf.add(loss, tf.mul(tf.sum(bias), 0));
  };
}

/** Which elements to perturb: per gate, the LSTM weight's largest true gradient; then the dense layer's. */
function pickSamples(
  library: Float32Array[],
  shapes: number[][],
  units: number,
): Omit<
  FiniteDifferenceSample,
  'finiteDiff' | 'custom' | 'library' | 'relCustom' | 'relLibrary'
>[] {
  const picks: ReturnType<typeof pickSamples> = [];
  const argmax = (g: Float32Array, keep: (k: number) => boolean) => {
    let best = -1;
    for (let k = 0; k < g.length; k++) {
      if (keep(k) && (best < 0 || Math.abs(g[k]!) > Math.abs(g[best]!))) best = k;
    }
    return best;
  };
  WEIGHT_NAMES.forEach((weight, w) => {
    const g = library[w]!;
    const cols = shapes[w]!.length === 2 ? shapes[w]![1]! : g.length;
    const at = (index: number, gate: FiniteDifferenceSample['gate']) =>
      picks.push({ weight, index, row: Math.floor(index / cols), col: index % cols, gate });
    if (w < 3) {
      WEIGHT_GATES.forEach((gate, q) => {
        const inGate = (k: number) => Math.floor((k % cols) / units) === q;
        at(argmax(g, inGate), gate);
      });
    } else
      at(
        argmax(g, () => true),
        null,
      );
  });
  return picks;
}

const relative = (a: number, truth: number) =>
  Math.abs(a - truth) / Math.max(Math.abs(truth), Number.MIN_VALUE);

function compareWeights(
  custom: Float32Array[],
  library: Float32Array[],
  shapes: number[][],
): WeightGradient[] {
  return WEIGHT_NAMES.map((name, w) => {
    let maxAbsDiff = 0;
    let maxAbs = 0;
    const a = custom[w]!;
    const b = library[w]!;
    for (let k = 0; k < b.length; k++) {
      const d = Math.abs(a[k]! - b[k]!);
      if (d > maxAbsDiff || Number.isNaN(d)) maxAbsDiff = d;
      maxAbs = Math.max(maxAbs, Math.abs(b[k]!));
    }
    const relError = maxAbs === 0 ? (maxAbsDiff === 0 ? 0 : Infinity) : maxAbsDiff / maxAbs;
    return { name, shape: shapes[w]!, maxAbsDiff, maxAbs, relError };
  });
}

/** The plain model with one weight element moved by `delta` (a copy; the input is untouched). */
function nudged(base: Float64Array[], w: number, index: number, delta: number, m: PlainModel) {
  const arrays = base.map((a, k) => (k === w ? Float64Array.from(a) : a));
  arrays[w]![index]! += delta;
  return {
    ...m,
    kernel: arrays[0]!,
    recurrentKernel: arrays[1]!,
    bias: arrays[2]!,
    denseKernel: arrays[3]!,
    denseBias: arrays[4]![0]!,
  };
}

/** Run the check on one batch. The probe's weights are overwritten; nothing else changes. */
export async function checkGradients(input: GradientCheckInput): Promise<GradientCheck> {
  const { weights, units, features, batch, breakIt, library } = input;
  const shapes = library.getWeights().map((w) => w.shape);
  writeWeights(library, weights);
  const variables = library.trainableWeights.map((w) => w.read() as tf.Variable);
  const packed = tf.tidy(() => {
    const x = tf.tensor3d(batch.x, [batch.samples, batch.timesteps, features]);
    const y = tf.tensor2d(batch.y, [batch.samples, 1]);
    const ours = tf.valueAndGrads(customLoss(x, y, units, breakIt))(
      weights.map((w, k) => tf.tensor(w, shapes[k]!)),
    );
    const theirs = tf.variableGrads(
      () => tf.mean(tf.squaredDifference(library.apply(x) as tf.Tensor, y)) as tf.Scalar,
      variables,
    );
    const libraryGrads = variables.map((v) => theirs.grads[v.name]!);
    const norms = (g: tf.Tensor[]) => gateGradNorms(g[0]!, g[1]!, g[2]!, units);
    return tf.concat([
      ...ours.grads.map((g) => tf.reshape(g, [-1])),
      ...libraryGrads.map((g) => tf.reshape(g, [-1])),
      tf.reshape(ours.value, [1]),
      tf.reshape(theirs.value, [1]),
      norms(ours.grads),
      norms(libraryGrads),
    ]);
  });
  const flat = (await packed.data()) as Float32Array;
  packed.dispose();

  let at = 0;
  const take = (n: number) => flat.slice(at, (at += n));
  const custom = weights.map((w) => take(w.length));
  const lib = weights.map((w) => take(w.length));
  const [customValue, libraryValue] = take(2);
  const gateNorms: Record<ModelKind, GateNorms> = {
    custom: normsOf(take(4)),
    library: normsOf(take(4)),
  };

  const base = weights.map((w) => Float64Array.from(w));
  const plain: PlainModel = {
    features,
    units,
    kernel: base[0]!,
    recurrentKernel: base[1]!,
    bias: base[2]!,
    denseKernel: base[3]!,
    denseBias: base[4]![0]!,
  };
  const reference = referenceLoss(plain, batch);
  const perLoss = batch.samples * batch.timesteps * 4 * units * (features + units);
  const affordable = Math.floor(FD_MACS / (2 * perLoss));
  const finiteDifferences = pickSamples(lib, shapes, units)
    .slice(0, affordable)
    .map((s) => {
      const w = WEIGHT_NAMES.indexOf(s.weight);
      const up = referenceLoss(nudged(base, w, s.index, FD_STEP, plain), batch);
      const down = referenceLoss(nudged(base, w, s.index, -FD_STEP, plain), batch);
      const finiteDiff = (up - down) / (2 * FD_STEP);
      const c = custom[w]![s.index]!;
      const l = lib[w]![s.index]!;
      return {
        ...s,
        finiteDiff,
        custom: c,
        library: l,
        relCustom: relative(c, finiteDiff),
        relLibrary: relative(l, finiteDiff),
      };
    });

  return {
    ...input.where,
    samples: batch.samples,
    breakIt,
    loss: { custom: customValue!, library: libraryValue!, reference },
    weights: compareWeights(custom, lib, shapes),
    finiteDifferences,
    step: FD_STEP,
    gateNorms,
  };
}
