/**
 * The shareable hyperparameters: their types, the tutorial's values and the bounds a reader may
 * choose within. Pure data, no React and no store, so the URL codec and its tests can use it alone.
 */
import type { Backend, Seeding } from '../lstm/experimentTypes';
import type { OptimizerName } from '../lstm/train/optimizerTypes';

export type { Backend };

export interface Hyperparameters {
  units: number;
  timesteps: number;
  features: number;
  samples: number;
  seed: number;
  seeding: Seeding;
  backend: Backend;
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: OptimizerName;
  /** 0: off. */
  clipnorm: number;
  /** 0: off. */
  clipvalue: number;
}

export type HyperKey = keyof Hyperparameters;

/**
 * Chapters 1–4 run a forward pass on `tf.range(150)` shaped (10, 5, 3) through 32 units; chapter 5
 * trains LSTM(8) -> Dense(1) on 100 random samples. Each set of chapters keeps its own values so
 * both start exactly where the Python tutorial did.
 */
export type Profile = 'forward' | 'training';

export const FORWARD_DEFAULTS: Readonly<Hyperparameters> = Object.freeze({
  units: 32,
  timesteps: 5,
  features: 3,
  samples: 10,
  seed: 313,
  seeding: 'tf27',
  backend: 'webgl',
  epochs: 10,
  batchSize: 10,
  lr: 0.001,
  optimizer: 'rmsprop',
  clipnorm: 0,
  clipvalue: 0,
});

export const TRAINING_DEFAULTS: Readonly<Hyperparameters> = Object.freeze({
  ...FORWARD_DEFAULTS,
  units: 8,
  samples: 100,
});

export function defaultsFor(profile: Profile): Hyperparameters {
  return { ...(profile === 'training' ? TRAINING_DEFAULTS : FORWARD_DEFAULTS) };
}

export { MAX_SEED } from '../lstm/limits';

/** What each field means to a reader, and the range it accepts. */
export interface FieldInfo {
  label: string;
  /** One line of help shown under the field. */
  help: string;
}

export const FIELD_INFO: Record<HyperKey, FieldInfo> = {
  units: { label: 'Units', help: 'Size of h and c (lstm_units).' },
  timesteps: { label: 'Time steps', help: 'Sequence length (lookback_steps).' },
  features: { label: 'Features', help: 'Inputs per time step (num_inputs).' },
  samples: { label: 'Samples', help: 'Batch of sequences (num_samples).' },
  seed: { label: 'Seed', help: 'Passed to seed_all before each model.' },
  seeding: { label: 'Seeding', help: 'tf27 replays TensorFlow 2.7; tfjs uses its own RNG.' },
  backend: { label: 'Backend', help: 'Where tensors are computed.' },
  epochs: { label: 'Epochs', help: 'Passes over the training data.' },
  batchSize: { label: 'Batch size', help: 'Samples per gradient step.' },
  lr: {
    label: 'Learning rate',
    help: 'Step size (Keras: 0.001 for RMSprop and Adam, 0.01 for SGD).',
  },
  optimizer: {
    label: 'Optimizer',
    help: 'Keras 2.7 RMSprop (the tutorial’s), Adam or SGD, or tfjs’ own RMSprop.',
  },
  clipnorm: {
    label: 'Clip norm',
    help: 'Keras clipnorm: each gradient’s own L2 norm at most this; 0 is off.',
  },
  clipvalue: {
    label: 'Clip value',
    help: 'Keras clipvalue: each gradient element within ±this; 0 is off.',
  },
};

/** The fields each profile's panel shows; the training chapter uses all of them. */
export const PROFILE_FIELDS: Record<Profile, HyperKey[]> = {
  forward: ['units', 'timesteps', 'features', 'samples', 'seed', 'seeding', 'backend'],
  training: [
    'units',
    'timesteps',
    'features',
    'samples',
    'epochs',
    'batchSize',
    'lr',
    'optimizer',
    'clipnorm',
    'clipvalue',
    'seed',
    'seeding',
    'backend',
  ],
};

/**
 * True when every field the profile uses equals the tutorial's value. The backend does not count:
 * the tutorial's numbers should come out on any backend.
 */
export function isTutorialSetting(h: Hyperparameters, profile: Profile): boolean {
  const d = defaultsFor(profile);
  return PROFILE_FIELDS[profile].every((k) => k === 'backend' || h[k] === d[k]);
}
