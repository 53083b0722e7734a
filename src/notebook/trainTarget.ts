/** What chapter 5 trains, from the store's hyperparameters: one place for the cell and its panels. */
import type { TrainConfig } from '../lstm/experimentTypes';
import type { Hyperparameters } from '../state/hyperparams';
import type { TrainTarget } from '../runtime/trainingRunner';

export function trainConfigOf(h: Hyperparameters): TrainConfig {
  return {
    units: h.units,
    timesteps: h.timesteps,
    features: h.features,
    samples: h.samples,
    seed: h.seed,
    seeding: h.seeding,
    epochs: h.epochs,
    batchSize: h.batchSize,
    learningRate: h.lr,
    optimizer: h.optimizer,
    clipnorm: h.clipnorm,
    clipvalue: h.clipvalue,
  };
}

export const trainTargetOf = (h: Hyperparameters): TrainTarget => ({
  config: trainConfigOf(h),
  backend: h.backend,
});

/** Where the training cell's edits are kept (chapter and cell id, as every cell's are). */
export const TRAIN_EDIT_KEY = 'training/train';

/**
 * The gradient check and the model cell run on the training cell's session, so their edits are
 * its edits: kept under its key, and in force from the session the next run opens.
 */
export const SHARED_TRAIN_EDITS = {
  key: TRAIN_EDIT_KEY,
  note: 'This cell runs on the training run of this chapter: your edits here are that run’s, shared with the training cell and the other cells below it. Running with a change starts a fresh run from the starting weights.',
} as const;

/** What chapter 5's training re-runs for, in the words of the settings panel. */
export const TRAIN_DEPENDS = [
  'units',
  'time steps',
  'features',
  'samples',
  'epochs',
  'batch size',
  'learning rate',
  'optimizer',
  'clip norm',
  'clip value',
  'seed',
  'seeding',
  'backend',
];
