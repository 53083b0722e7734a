/**
 * The Python tutorial's setting and what it printed (../shared/reference, TensorFlow 2.7,
 * seed_all(313) before each model): the expectations of the parity tests, unit and browser alike.
 */
export const TUTORIAL_SETUP = {
  units: 32,
  timesteps: 5,
  features: 3,
  samples: 10,
  seed: 313,
  seeding: 'tf27',
} as const;

/** Chapter 5's model and fit() call: LSTM(8), 100 samples, batches of 10, 10 epochs. */
export const TUTORIAL_TRAINING = {
  ...TUTORIAL_SETUP,
  units: 8,
  samples: 100,
  epochs: 10,
  batchSize: 10,
  learningRate: 0.001,
} as const;

export const PRINTED = {
  lastOutputSum: 25.964834,
  sequenceSum: 115.15204,
  epochLosses: [0.225, 0.167, 0.1329, 0.1106, 0.0976, 0.092, 0.0903, 0.09, 0.0893, 0.0886],
  firstBatchLosses: [0.2666, 0.1784, 0.1832, 0.052, 0.1114, 0.0948, 0.1118, 0.0413, 0.1029, 0.0631],
  lossSum: 1.183198258280754,
} as const;

/** |a - b| / |b|: Python printed float32 sums to 8 significant digits, so 1e-6 is the bar. */
export const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
