import * as tf from '@tensorflow/tfjs';

/** A layer's `call` receives a tensor or a list; the chapter layers take exactly one 3-D input. */
export function singleInput(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor3D {
  const x = Array.isArray(inputs) ? inputs[0] : inputs;
  if (!x || x.rank !== 3) {
    throw new Error(
      `An LSTM layer takes one 3-D input [batch, time, features], got rank ${x?.rank}.`,
    );
  }
  return x as tf.Tensor3D;
}
