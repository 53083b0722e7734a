/** The optimizer pitfall's result as plain numbers (see pitfall.ts). No tfjs: the page reads it. */
import type { OptimizerName } from './optimizerTypes';

export interface OptimizerRun {
  name: OptimizerName;
  /** Keras' history['loss']: the sample-weighted mean loss of each epoch. */
  epochLosses: number[];
  /** Every batch's loss, in training order. */
  batchLosses: number[];
  /** Stopped at a NaN or infinite loss. */
  diverged: boolean;
}

export interface OptimizerComparison {
  keras: OptimizerRun;
  tfjs: OptimizerRun;
  /** The epsilon tf.train.rmsprop took from the backend (1e-7 at float32, 1e-4 at float16). */
  tfjsEpsilon: number;
}
