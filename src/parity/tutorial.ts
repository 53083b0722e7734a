/**
 * The tutorial's initial weights: `seed_all(seed)` followed by building an LSTM (and, in the
 * training chapter, a Dense head). `seed_all` also seeds Python's and NumPy's generators, but
 * those never feed TensorFlow's op seeds, so only `tf.random.set_seed` matters here.
 */

import { initializerTakesSeed, kerasInitializer, type KerasInitializerName } from './keras';
import { TfGlobalGenerator } from './tfRandom';

/** What to build, with Keras 2.7's LSTM defaults for anything left out. */
export interface TutorialWeightsOptions {
  /** The global seed passed to `tf.random.set_seed` (313 in the tutorial). */
  seed: number;
  /** Input features per time step. */
  inputDim: number;
  /** LSTM units. */
  units: number;
  /** Whether the LSTM has a bias vector. */
  useBias: boolean;
  /** Units of a Dense layer built right after the LSTM (omit for none). */
  denseUnits?: number;
  /** LSTM kernel initializer (default glorotUniform). */
  kernelInitializer?: KerasInitializerName;
  /** LSTM recurrent kernel initializer (default orthogonal). */
  recurrentInitializer?: KerasInitializerName;
  /** LSTM bias initializer (default zeros, as with unit_forget_bias=False). */
  biasInitializer?: KerasInitializerName;
  /**
   * 'keras': kernel, recurrent kernel, bias (Keras' LSTMCell.build). 'biasFirst': bias, kernel,
   * recurrent kernel (the tutorial's hand-written layers). Only matters for a random bias.
   */
  buildOrder?: 'keras' | 'biasFirst';
}

/** Initial weights, row-major float32, gates fused in the order i, f, c (candidate), o. */
export interface TutorialWeights {
  /** LSTM input kernel, [inputDim, 4 * units]. */
  kernel: Float32Array;
  /** LSTM recurrent kernel, [units, 4 * units]. */
  recurrentKernel: Float32Array;
  /** LSTM bias, [4 * units], or null without bias. */
  bias: Float32Array | null;
  /** Dense kernel (glorotUniform), [units, denseUnits], when a Dense layer was asked for. */
  denseKernel?: Float32Array;
  /** Dense bias (zeros), [denseUnits], when a Dense layer was asked for. */
  denseBias?: Float32Array;
}

/**
 * Replays the weight draws of `seed_all(seed)` and building the layers in Keras 2.7: each random
 * initializer takes the next op seed from the global stream, in build order; zeros take none.
 */
export function tutorialWeights(options: TutorialWeightsOptions): TutorialWeights {
  const { seed, inputDim, units, useBias, denseUnits } = options;
  const gen = new TfGlobalGenerator(seed);
  const draw = (name: KerasInitializerName, shape: number[]): Float32Array =>
    kerasInitializer(name, shape, initializerTakesSeed(name) ? gen.nextOpSeeds() : null);

  const biasName = options.biasInitializer ?? 'zeros';
  const drawBias = (): Float32Array | null => (useBias ? draw(biasName, [4 * units]) : null);

  const biasFirst = options.buildOrder === 'biasFirst';
  const earlyBias = biasFirst ? drawBias() : null;
  const kernel = draw(options.kernelInitializer ?? 'glorotUniform', [inputDim, 4 * units]);
  const recurrentKernel = draw(options.recurrentInitializer ?? 'orthogonal', [units, 4 * units]);
  const bias = biasFirst ? earlyBias : drawBias();

  const weights: TutorialWeights = { kernel, recurrentKernel, bias };
  if (denseUnits !== undefined && denseUnits > 0) {
    weights.denseKernel = draw('glorotUniform', [units, denseUnits]);
    weights.denseBias = new Float32Array(denseUnits);
  }
  return weights;
}
