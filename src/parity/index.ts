/**
 * Pure-TypeScript emulation of the random streams behind the tutorial's numbers: Python's
 * `random`, NumPy's legacy `np.random`, and TensorFlow 2.7 / Keras 2.7 seeding (Philox op
 * kernels, initializers, `fit`'s per-epoch shuffle). No tfjs, no UI.
 */

export { MT19937 } from './mt19937';
export { PyRandom, bitLength, seedWords } from './pyRandom';
export { NumpyRandomState } from './numpyRandom';
export { PhiloxStream, SingleSampleAdapter, philox4x32_10 } from './philox';
export {
  DEFAULT_GRAPH_SEED,
  MAXINT32,
  TfGlobalGenerator,
  boxMullerFloat,
  combineSeeds,
  tfRandomNormal,
  tfRandomUniform,
  tfTruncatedNormal,
  truncateSeed,
  uint32ToFloat,
  type OpSeeds,
} from './tfRandom';
export { householderQR, type QRResult } from './qr';
export {
  computeFans,
  initializerTakesSeed,
  kerasInitializer,
  orthogonal,
  orthogonalFromNormal,
  type KerasInitializerName,
  type KerasInitializerOptions,
} from './keras';
export { tutorialWeights, type TutorialWeights, type TutorialWeightsOptions } from './tutorial';
export { TfRandomShuffleKernel, kerasEpochPermutations } from './shuffle';
