import * as tf from '@tensorflow/tfjs';

/** A recurrent step: input at t and the states from t - 1 in, output and new states out. */
export type StepFunction = (
  input: tf.Tensor2D,
  states: tf.Tensor2D[],
) => [output: tf.Tensor2D, newStates: tf.Tensor2D[]];

export interface RnnResult {
  /** Output of the last time step, [batch, units]. */
  lastOutput: tf.Tensor2D;
  /** Outputs of every step, batch-major [batch, time, units]. */
  outputs: tf.Tensor3D;
  /** States after the last step. */
  states: tf.Tensor2D[];
}

/**
 * A generic recurrence helper, the tfjs-side twin of Keras' `K.rnn`: it knows nothing about
 * LSTMs, it only walks a step function over the time axis of a batch-major input.
 * tfjs keeps its own `rnn()` internal, so the engine carries this small one.
 *
 * @param step The cell: any function of (input_t, states) -> (output_t, states).
 * @param inputs Batch-major input, [batch, time, features].
 * @param initialStates States before the first step.
 */
export function rnn(
  step: StepFunction,
  inputs: tf.Tensor3D,
  initialStates: tf.Tensor2D[],
): RnnResult {
  const perStep = tf.unstack(inputs, 1) as tf.Tensor2D[];
  let states = initialStates;
  const outputs: tf.Tensor2D[] = [];
  for (const input of perStep) {
    const [output, next] = step(input, states);
    outputs.push(output);
    states = next;
  }
  const lastOutput = outputs[outputs.length - 1];
  if (!lastOutput) throw new Error('rnn() needs at least one time step.');
  return { lastOutput, outputs: tf.stack(outputs, 1) as tf.Tensor3D, states };
}
