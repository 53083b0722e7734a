import * as tf from '@tensorflow/tfjs';
import type { ForwardConfig, Seeding } from './experimentTypes';
import { assertBiasInit, drawWeight, type InitSpec } from './initializers';
import { KERAS_DEFAULT_INITS, tf27WeightList, tfjsSpecs, type InitChoice } from './seeding';

/**
 * The initializers a config asks for, Keras' defaults where it names none. Throws for a bias
 * initializer a bias cannot take (orthogonal), whatever the config's type let through.
 */
export function initChoice(
  cfg: Pick<ForwardConfig, 'kernelInitializer' | 'recurrentInitializer' | 'biasInitializer'>,
): InitChoice {
  const bias = cfg.biasInitializer ?? KERAS_DEFAULT_INITS.bias;
  assertBiasInit(bias);
  return {
    kernel: cfg.kernelInitializer ?? KERAS_DEFAULT_INITS.kernel,
    recurrent: cfg.recurrentInitializer ?? KERAS_DEFAULT_INITS.recurrent,
    bias,
  };
}

/**
 * Initial weights in `getWeights()` order (kernel, recurrent kernel, [bias], then for the
 * training model [dense kernel, dense bias]): drawn by the TF 2.7 emulation, or by the tfjs
 * initializers the layer's config names (a fresh layer would draw the same, to ~1e-6).
 * Both the hand-written and the library layer start from these tensors; the caller disposes them.
 */
export function startWeights(
  shape: { units: number; features: number; seed: number; seeding: Seeding },
  useBias: boolean,
  inits: InitChoice,
  dense: boolean,
): tf.Tensor[] {
  const fused = 4 * shape.units;
  const shapes = [
    [shape.features, fused],
    [shape.units, fused],
  ];
  if (useBias) shapes.push([fused]);
  if (dense) shapes.push([shape.units, 1], [1]);
  // One tidy: if a draw throws part-way, the weights already drawn are freed with it.
  return tf.tidy(() => {
    if (shape.seeding === 'tf27') {
      const arrays = tf27WeightList({ ...shape, useBias, inits, dense });
      return shapes.map((s, k) => tf.tensor(arrays[k]!, s));
    }
    const specs = tfjsSpecs(shape.seed, inits);
    const order: InitSpec[] = [specs.kernelInitializer, specs.recurrentInitializer];
    if (useBias) order.push(specs.biasInitializer);
    if (dense) order.push(specs.denseKernelInitializer, { name: 'zeros' });
    return shapes.map((s, k) => drawWeight(order[k]!, s));
  });
}

/** The tutorial's input: 0, 1, 2, … laid out as [samples, timesteps, features]. */
export function rangeInput(samples: number, timesteps: number, features: number): tf.Tensor3D {
  return tf.tidy(() =>
    tf.reshape(tf.range(0, samples * timesteps * features), [samples, timesteps, features]),
  );
}
