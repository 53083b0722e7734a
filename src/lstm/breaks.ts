/**
 * The "break it" switches: deliberate mistakes a reader can put into the hand-written side to see
 * what a mismatch looks like, in the forward pass (chapter 4) and in the gradients (chapter 5).
 * Each one is a mistake people really make when they port an LSTM.
 */
import * as tf from '@tensorflow/tfjs';
import type { GateActivation, LSTMWeights } from './cell';
import type { BreakVariant } from './experimentTypes';

/** tfjs' default recurrent activation: a piecewise-linear stand-in for the sigmoid. */
export const hardSigmoid: GateActivation = (z) =>
  tf.clipByValue(tf.add(tf.mul(z, 0.2), 0.5), 0, 1) as tf.Tensor2D;

/** The gates' activation under a break: sigmoid unless the break swaps it. */
export const sigmaFor = (variant: BreakVariant): GateActivation | undefined =>
  variant === 'hardSigmoid' ? hardSigmoid : undefined;

/**
 * Apply a break to the custom side's weights (the library keeps the true ones). Only the tensors
 * it returns survive; the caller disposes those that are not `w`'s own.
 */
export function brokenWeights(w: LSTMWeights, units: number, variant: BreakVariant): LSTMWeights {
  if (variant === 'none' || variant === 'hardSigmoid' || variant === 'dropBias') {
    return variant === 'dropBias' ? { ...w, bias: null } : w;
  }
  const [kernel, recurrentKernel, bias] = tf.tidy(() => {
    const b = broken(w, units, variant);
    return [b.kernel, b.recurrentKernel, ...(b.bias ? [b.bias] : [])];
  });
  return {
    kernel: kernel as tf.Tensor2D,
    recurrentKernel: recurrentKernel as tf.Tensor2D,
    bias: (bias as tf.Tensor1D | undefined) ?? null,
  };
}

/**
 * The weights as the broken layer reads them, as tensor ops (so tfjs can differentiate through
 * them): the caller owns the new tensors, inside a tidy or a gradient function.
 */
export function broken(w: LSTMWeights, units: number, variant: BreakVariant): LSTMWeights {
  const swap = (t: tf.Tensor) => {
    const [i, f, g, o] = tf.split(t, 4, t.rank - 1);
    return tf.concat([f!, i!, g!, o!], t.rank - 1);
  };
  switch (variant) {
    case 'swapGates':
      return {
        kernel: swap(w.kernel) as tf.Tensor2D,
        recurrentKernel: swap(w.recurrentKernel) as tf.Tensor2D,
        bias: w.bias ? (swap(w.bias) as tf.Tensor1D) : null,
      };
    case 'unitForgetBias': {
      const one = tf.concat([tf.zeros([units]), tf.ones([units]), tf.zeros([2 * units])]);
      return { ...w, bias: tf.add(w.bias ?? tf.zeros([4 * units]), one) as tf.Tensor1D };
    }
    case 'dropBias':
      return { ...w, bias: null };
    default:
      return w;
  }
}
