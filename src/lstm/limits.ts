/**
 * The range each shareable number may take, in one place: the URL codec, the fields, the work
 * budget and the engine service's request check all read these. Pure data.
 */

/** The largest seed NumPy's legacy `RandomState` and TF accept everywhere we use them. */
export const MAX_SEED = 2 ** 31 - 2;

/** Whole-number fields: [min, max], both inclusive. */
export const INT_BOUNDS = {
  units: [1, 256],
  timesteps: [1, 50],
  features: [1, 16],
  samples: [1, 256],
  seed: [0, MAX_SEED],
  epochs: [1, 200],
  // Like Keras, a batch larger than the data set is simply one batch per epoch.
  batchSize: [1, 256],
} as const satisfies Record<string, readonly [number, number]>;

export type IntField = keyof typeof INT_BOUNDS;

/** The learning rate: above 0, at most 1000 (so readers can watch RMSprop diverge at 100). */
export const LR_BOUNDS = { minExclusive: 0, max: 1000 } as const;

/** Gradient clipping (clipnorm, clipvalue): 0 means off, otherwise above 0 and at most this. */
export const CLIP_BOUNDS = { max: 1e6 } as const;

/** True when `v` is a clip setting: 0 (off), or a number in (0, CLIP_BOUNDS.max]. */
export function isClip(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= CLIP_BOUNDS.max;
}

/** True when `v` is a whole number within the field's bounds. */
export function inIntBounds(field: IntField, v: unknown): v is number {
  const [min, max] = INT_BOUNDS[field];
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}
