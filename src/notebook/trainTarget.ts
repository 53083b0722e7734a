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
