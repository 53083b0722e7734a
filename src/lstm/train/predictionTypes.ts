/** What chapter 5's models predict, as plain arrays: what crosses to the page. No tfjs. */

/** One data set: its targets and what each model predicts for every sample. */
export interface PredictionSet {
  targets: Float32Array;
  custom: Float32Array;
  library: Float32Array;
}

export interface Predictions {
  /** Updates the models had made. */
  trained: number;
  /** The samples they trained on. */
  train: PredictionSet;
  /** As many new samples, drawn next from the same seed stream. */
  fresh: PredictionSet;
}

export const predictionBuffers = (p: Predictions): ArrayBuffer[] =>
  [p.train, p.fresh].flatMap((s) =>
    [s.targets, s.custom, s.library].map((a) => a.buffer as ArrayBuffer),
  );
