import * as tf from '@tensorflow/tfjs';
import {
  lstmStep,
  splitWeights,
  type GateActivation,
  type LSTMWeights,
  type StepResult,
} from './cell';

export interface LoopResult {
  /** h of every step, time-major [time, batch, units]. */
  hSeq: tf.Tensor3D;
  /** c of every step, time-major [time, batch, units]. */
  cSeq: tf.Tensor3D;
  /** Every intermediate of every step, when asked for (traces); otherwise empty. */
  steps: StepResult[];
}

/**
 * The temporal loop, written out: no helper, just a `for` over time steps that feeds each step's
 * h and c into the next. This is all a recurrent layer is.
 *
 * @param inputs Time-major input, [time, batch, features].
 * @param h0 Hidden state before the first step, [batch, units].
 * @param c0 Cell state before the first step, [batch, units].
 * @param options.keepSteps Keep every gate of every step (for traces and the step debugger).
 * @param options.sigma The gates' activation (sigmoid unless deliberately broken).
 */
export function temporalLoop(
  inputs: tf.Tensor3D,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  weights: LSTMWeights,
  options: { keepSteps?: boolean; sigma?: GateActivation } = {},
): LoopResult {
  const timeSteps = inputs.shape[0];
  let h = h0;
  let c = c0;
  const hs: tf.Tensor2D[] = [];
  const cs: tf.Tensor2D[] = [];
  const steps: StepResult[] = [];
  const gates = splitWeights(weights);
  for (let t = 0; t < timeSteps; t++) {
    const xT = tf.squeeze(tf.slice(inputs, [t, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
    const step = lstmStep(xT, h, c, gates, options.sigma);
    h = step.h;
    c = step.c;
    hs.push(h);
    cs.push(c);
    if (options.keepSteps) steps.push(step);
  }
  if (timeSteps === 0) throw new Error('The temporal loop needs at least one time step.');
  return { hSeq: tf.stack(hs) as tf.Tensor3D, cSeq: tf.stack(cs) as tf.Tensor3D, steps };
}
