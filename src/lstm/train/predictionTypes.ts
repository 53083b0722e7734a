/** What chapter 5's models predict, as plain arrays: what crosses to the page. No tfjs. */
import type { TrainConfig } from '../experimentTypes';

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

/** Where a kept model lives: this browser's IndexedDB, or the two downloaded files. */
export const KEEP_PLACES = ['browser', 'file'] as const;
export type KeepPlace = (typeof KEEP_PLACES)[number];

/** A saved model loaded back, run again on the data of the run that trained it. */
export interface KeptModel {
  from: KeepPlace;
  /** The run's settings, as saved (checked like any training request before use). */
  config: TrainConfig;
  savedAt: string;
  /** What the loaded model predicts for the training data, and what it predicted when saved. */
  train: { targets: Float32Array; predictions: Float32Array; saved: Float32Array };
  fresh: { targets: Float32Array; predictions: Float32Array };
  /** max |now − when saved| over the training data: 0 when the model came back intact. */
  maxAbsDiff: number;
}

export const keptBuffers = (k: KeptModel): ArrayBuffer[] =>
  [k.train.targets, k.train.predictions, k.train.saved, k.fresh.targets, k.fresh.predictions].map(
    (a) => a.buffer as ArrayBuffer,
  );
