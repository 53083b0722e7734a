/**
 * The optimizers a reader can pick, their Keras 2.7 defaults and the rule a spec must pass: plain
 * data, no tfjs, so the page, the URL codec and the request check can read them too.
 */

export const OPTIMIZERS = ['rmsprop', 'adam', 'sgd', 'tfjs-rmsprop'] as const;

export type OptimizerName = (typeof OPTIMIZERS)[number];

/** What a training run asks of its optimizer. */
export interface OptimizerSpec {
  name: OptimizerName;
  /** Step size, above 0. */
  learningRate: number;
  /** Each gradient tensor is rescaled so that its own L2 norm is at most this (Keras' `clipnorm`). */
  clipnorm?: number;
  /** Each gradient element is clipped to [-clipvalue, clipvalue] (Keras' `clipvalue`). */
  clipvalue?: number;
  /**
   * tfjs-rmsprop only: an explicit epsilon instead of the backend's (tests use it to reproduce
   * what WebGL hands out on the CPU). Unset, as a tfjs user leaves it, everywhere in the notebook.
   */
  epsilon?: number;
}

export const OPTIMIZER_INFO: Record<OptimizerName, { label: string; help: string }> = {
  rmsprop: {
    label: 'RMSprop (Keras)',
    help: 'Keras 2.7 RMSprop: divides by a running root mean square, epsilon outside the root.',
  },
  adam: {
    label: 'Adam (Keras)',
    help: 'Keras 2.7 Adam: momentum plus RMS scaling, bias correction folded into the step size.',
  },
  sgd: {
    label: 'SGD (Keras)',
    help: 'Plain gradient descent, no momentum: every weight moves by learning rate times gradient.',
  },
  'tfjs-rmsprop': {
    label: "RMSprop (tfjs' built-in)",
    help: 'tf.train.rmsprop as tfjs users call it: epsilon inside the root, so small gradients step less.',
  },
};

/** Keras 2.7 `tf.keras.optimizers.RMSprop` defaults (momentum 0, not centered). */
export const KERAS_RMSPROP = { learningRate: 0.001, rho: 0.9, epsilon: 1e-7 } as const;

/** Keras 2.7 `tf.keras.optimizers.Adam` defaults (amsgrad off). */
export const KERAS_ADAM = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

/** Keras 2.7 `tf.keras.optimizers.SGD` defaults (momentum 0, no Nesterov). */
export const KERAS_SGD = { learningRate: 0.01 } as const;

/**
 * `tf.train.rmsprop(learningRate)` with nothing else set: decay 0.9, momentum 0, and epsilon
 * taken from the backend (1e-7 at float32, 1e-4 where WebGL only has half floats).
 */
export const TFJS_RMSPROP = { decay: 0.9, momentum: 0 } as const;

/** The learning rate each optimizer starts from when the reader picks it. */
export const DEFAULT_LEARNING_RATE: Record<OptimizerName, number> = {
  rmsprop: KERAS_RMSPROP.learningRate,
  adam: KERAS_ADAM.learningRate,
  sgd: KERAS_SGD.learningRate,
  'tfjs-rmsprop': KERAS_RMSPROP.learningRate,
};

export function isOptimizerName(v: unknown): v is OptimizerName {
  return typeof v === 'string' && (OPTIMIZERS as readonly string[]).includes(v);
}

const positiveFinite = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v > 0;

/**
 * What is wrong with a spec, in a sentence the reader can act on, or undefined when it is fine.
 * Stricter than Keras, which accepts clipnorm = 0 and clipvalue = 0 (both zero every gradient).
 */
export function optimizerSpecError(spec: OptimizerSpec): string | undefined {
  if (!isOptimizerName(spec.name)) {
    return `optimizer must be one of ${OPTIMIZERS.join(', ')}; got ${String(spec.name)}.`;
  }
  if (!positiveFinite(spec.learningRate)) {
    return `learningRate must be a finite number above 0; got ${String(spec.learningRate)}.`;
  }
  for (const key of ['clipnorm', 'clipvalue'] as const) {
    const v = spec[key];
    if (v !== undefined && !positiveFinite(v)) {
      return `${key} must be a finite number above 0, or left unset; got ${String(v)}.`;
    }
  }
  return undefined;
}
