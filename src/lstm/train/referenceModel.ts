/**
 * The tutorial's whole model in float64 plain loops: LSTM → Dense(1) → mean squared error. The
 * oracle for gradients: a central finite difference of this loss needs no autodiff at all, so it
 * checks both tfjs gradients against arithmetic that shares nothing with them.
 */
import { referenceStep, type PlainWeights } from '../reference';

export interface PlainModel extends PlainWeights {
  /** [units], the Dense(1) kernel as a column. */
  denseKernel: ArrayLike<number>;
  denseBias: number;
}

/** A batch as flat arrays: x [samples, timesteps, features] row-major, y [samples]. */
export interface PlainBatch {
  samples: number;
  timesteps: number;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
}

/** Predictions of the model for every sample of the batch, in float64. */
export function referencePredict(m: PlainModel, batch: PlainBatch): Float64Array {
  const { samples, timesteps } = batch;
  const { features, units } = m;
  const out = new Float64Array(samples);
  for (let b = 0; b < samples; b++) {
    let h: ArrayLike<number> = new Float64Array(units);
    let c: ArrayLike<number> = new Float64Array(units);
    for (let t = 0; t < timesteps; t++) {
      const at = (b * timesteps + t) * features;
      const xT = Array.from({ length: features }, (_, k) => batch.x[at + k]!);
      const step = referenceStep(m, xT, h, c);
      h = step.h;
      c = step.c;
    }
    let prediction = m.denseBias;
    for (let u = 0; u < units; u++) prediction += h[u]! * m.denseKernel[u]!;
    out[b] = prediction;
  }
  return out;
}

/** L = mean over the batch of (prediction − target)², in float64. */
export function referenceLoss(m: PlainModel, batch: PlainBatch): number {
  const predictions = referencePredict(m, batch);
  let sum = 0;
  for (let b = 0; b < batch.samples; b++) sum += (predictions[b]! - batch.y[b]!) ** 2;
  return sum / batch.samples;
}
