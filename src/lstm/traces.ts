import * as tf from '@tensorflow/tfjs';
import type { GateActivation, LSTMWeights } from './cell';
import { GATE_KEYS, type GateKey } from './gates';
import { temporalLoop } from './loop';
import type { LSTMTrace } from './traceData';

/**
 * Read tensors back, one `data()` each, then dispose them. Float32 copies: the arrays are handed
 * on (and transferred between threads), and must not alias a backend's own storage.
 */
export async function readAll(tensors: tf.Tensor[]): Promise<Float32Array[]> {
  try {
    const data = await Promise.all(tensors.map((t) => t.data()));
    return data.map((d) => Float32Array.from(d as ArrayLike<number>));
  } finally {
    tf.dispose(tensors);
  }
}

/**
 * Run the hand-written loop on a batch-major input [samples, time, features] and read back every
 * intermediate: each quantity's steps are stacked into one [time, samples, units] tensor and read
 * once. The caller keeps `input`.
 */
export async function traceLSTM(
  weights: LSTMWeights,
  input: tf.Tensor3D,
  sigma?: GateActivation,
): Promise<LSTMTrace> {
  const [samples, steps] = input.shape;
  const units = weights.recurrentKernel.shape[0];
  const stacked = tf.tidy(() => {
    const zeros = tf.zeros([samples, units]) as tf.Tensor2D;
    const loop = temporalLoop(tf.transpose(input, [1, 0, 2]), zeros, zeros, weights, {
      keepSteps: true,
      sigma,
    });
    return GATE_KEYS.map((key) => tf.stack(loop.steps.map((step) => step[key])));
  });
  const arrays = await readAll(stacked);
  const values = Object.fromEntries(GATE_KEYS.map((k, n) => [k, arrays[n]!])) as Record<
    GateKey,
    Float32Array
  >;
  return { steps, samples, units, values };
}
