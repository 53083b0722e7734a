/**
 * What the Python tutorial printed (TensorFlow 2.7, NumPy 1.21, seed_all(313)), shown beside our
 * numbers when the reader runs the tutorial's own settings with tf27 seeding.
 */
export const PYTHON_FORWARD_SUM = 25.964834;
/** Chapter 4 with return_sequences=True sums all five steps. */
export const PYTHON_SEQUENCE_SUM = 115.15204;
export const PYTHON_EPOCH_LOSSES: readonly number[] = [
  0.225, 0.167, 0.1329, 0.1106, 0.0976, 0.092, 0.0903, 0.09, 0.0893, 0.0886,
];
/** Keras printed each epoch loss to 4 decimals. */
export const PYTHON_EPOCH_DIGITS = 4;
export const PYTHON_LOSS_SUM = 1.183198258280754;
/** Python prints float32 sums with ~8 significant digits; agree to this absolute gap. */
export const PYTHON_SUM_TOLERANCE = 1e-4;
