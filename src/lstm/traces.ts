import * as tf from '@tensorflow/tfjs';
import type { GateActivation, LSTMWeights } from './cell';
import { temporalLoop } from './loop';

/** The six quantities a trace records, in the order the equations produce them. */
export const TRACE_KEYS = ['i', 'f', 'g', 'o', 'c', 'h'] as const;
export type TraceKey = (typeof TRACE_KEYS)[number];

/**
 * Every gate and state of every step, as plain numbers: trace[key][t][b][u] for time step t,
 * sample b and unit u. Safe to hand to charts: no tensors inside.
 */
export type LSTMTrace = Record<TraceKey, number[][][]>;

/**
 * Run the hand-written loop on a batch-major input and read back every intermediate.
 * All tensors are created and released inside one `tf.tidy`.
 */
export function traceLSTM(
  weights: LSTMWeights,
  inputs: number[][][],
  sigma?: GateActivation,
): LSTMTrace {
  return tf.tidy(() => {
    const x = tf.tensor3d(inputs);
    const [batch, ,] = x.shape;
    const units = weights.recurrentKernel.shape[0];
    const zeros = tf.zeros([batch, units]) as tf.Tensor2D;
    const { steps } = temporalLoop(tf.transpose(x, [1, 0, 2]), zeros, zeros, weights, {
      keepSteps: true,
      sigma,
    });
    const trace = {} as LSTMTrace;
    for (const key of TRACE_KEYS) {
      trace[key] = steps.map((step) => step[key].arraySync());
    }
    return trace;
  });
}
