import type { BiasInitName, InitName, Seeding } from './experimentTypes';
import type { InitSpec } from './initializers';
import { NumpyRandomState, kerasEpochPermutations, tutorialWeights } from '../parity';
import { seededShuffle } from './train/batchOrder';
import type { BatchOrder } from './train/trainer';

/** Which initializer each weight uses; Keras' defaults unless a reader changes them. */
export interface InitChoice {
  kernel: InitName;
  recurrent: InitName;
  bias: BiasInitName;
}

export const KERAS_DEFAULT_INITS: InitChoice = {
  kernel: 'glorotUniform',
  recurrent: 'orthogonal',
  bias: 'zeros',
};

/**
 * tfjs seeding: each weight gets its own tfjs seed derived from the reader's seed (never 0, which
 * tfjs reads as "unseeded"). The same specs give the custom and the library layer equal weights.
 */
export function tfjsSpecs(seed: number, inits: InitChoice) {
  const base = (seed % 1_000_000_007) * 4;
  return {
    kernelInitializer: { name: inits.kernel, seed: base + 1 } satisfies InitSpec,
    recurrentInitializer: { name: inits.recurrent, seed: base + 2 } satisfies InitSpec,
    biasInitializer: { name: inits.bias, seed: base + 3 } satisfies InitSpec,
    denseKernelInitializer: { name: 'glorotUniform', seed: base + 4 } satisfies InitSpec,
  };
}

/** Specs that cost nothing to run: the weights are overwritten right after the build. */
export const PLACEHOLDER_SPECS = {
  kernelInitializer: { name: 'zeros' },
  recurrentInitializer: { name: 'zeros' },
  biasInitializer: { name: 'zeros' },
  denseKernelInitializer: { name: 'zeros' },
} as const satisfies Record<string, InitSpec>;

/**
 * TensorFlow 2.7's weights for `seed_all(seed)` followed by building the layers, in
 * `getWeights()` order: kernel, recurrent kernel, [bias], then [dense kernel, dense bias].
 */
export function tf27WeightList(options: {
  seed: number;
  features: number;
  units: number;
  useBias: boolean;
  inits: InitChoice;
  dense: boolean;
}): Float32Array[] {
  const w = tutorialWeights({
    seed: options.seed,
    inputDim: options.features,
    units: options.units,
    useBias: options.useBias,
    denseUnits: options.dense ? 1 : undefined,
    kernelInitializer: options.inits.kernel,
    recurrentInitializer: options.inits.recurrent,
    biasInitializer: options.inits.bias,
  });
  const list = [w.kernel, w.recurrentKernel];
  if (options.useBias && w.bias) list.push(w.bias);
  if (options.dense) list.push(w.denseKernel!, w.denseBias ?? new Float32Array(1));
  return list;
}

/** The tutorial's training data: `np.random.seed(seed)`, then x and y from `np.random.random`. */
export function tutorialData(seed: number, samples: number, timesteps: number, features: number) {
  const rng = new NumpyRandomState(seed);
  const x = rng.random(samples * timesteps * features);
  const y = rng.random(samples);
  return { x: Float32Array.from(x), y: Float32Array.from(y) };
}

/**
 * Data the model never trained on, from the same seed stream: the tutorial's x and y are drawn,
 * then a second x and y of the same sizes, as the next lines of the Python script would draw them.
 */
export function freshData(seed: number, samples: number, timesteps: number, features: number) {
  const rng = new NumpyRandomState(seed);
  rng.random(samples * timesteps * features);
  rng.random(samples);
  const x = rng.random(samples * timesteps * features);
  const y = rng.random(samples);
  return { x: Float32Array.from(x), y: Float32Array.from(y) };
}

/** The order in which each epoch visits the samples, for either seeding. */
export function epochOrder(
  seeding: Seeding,
  seed: number,
  samples: number,
  epochs: number,
): BatchOrder {
  if (seeding === 'tfjs') return seededShuffle(seed);
  const permutations = kerasEpochPermutations(seed, samples, epochs);
  return (epoch) => permutations[epoch]!;
}
