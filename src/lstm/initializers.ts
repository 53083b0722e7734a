import * as tf from '@tensorflow/tfjs';
import { orthogonalFromNormal } from '../parity';
import { BIAS_INIT_NAMES, INIT_NAMES, type BiasInitName, type InitName } from './experimentTypes';

export { BIAS_INIT_NAMES, INIT_NAMES, type BiasInitName, type InitName };

/** A tfjs initializer object (the class itself is not exported by tfjs). */
export type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/**
 * A serializable recipe for an initializer: a name and an optional seed. Layer configs hold
 * these rather than initializer objects so that a saved model can be rebuilt from JSON.
 */
export interface InitSpec {
  name: InitName;
  /** tfjs seed; 0 or absent means unseeded for the normal-based initializers. */
  seed?: number;
}

/** Build the tfjs initializer a spec describes. Keras' defaults are used for the ranges. */
export function createInitializer(spec: InitSpec): Initializer {
  const seed = spec.seed;
  switch (spec.name) {
    case 'glorotUniform':
      return tf.initializers.glorotUniform({ seed });
    case 'orthogonal':
      return tf.initializers.orthogonal({ seed, gain: 1 });
    case 'zeros':
      return tf.initializers.zeros();
    case 'ones':
      return tf.initializers.ones();
    case 'randomUniform':
      return tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed });
    case 'randomNormal':
      return tf.initializers.randomNormal({ mean: 0, stddev: 0.05, seed });
  }
}

/**
 * Refuse an initializer a bias cannot take (orthogonal: a bias is 1-D), before any weight is
 * drawn; tfjs would fail later with a less helpful message, and our orthogonal shortcut not at all.
 */
export function assertBiasInit(name: InitName): asserts name is BiasInitName {
  if (!(BIAS_INIT_NAMES as readonly string[]).includes(name)) {
    throw new Error(
      `biasInitializer cannot be '${name}': a bias is a vector of 4 * units values, and ` +
        `'${name}' needs a matrix. Use one of ${BIAS_INIT_NAMES.join(', ')}.`,
    );
  }
}

/** Accept a spec or a bare name. */
export function toSpec(init: InitSpec | InitName): InitSpec {
  return typeof init === 'string' ? { name: init } : { ...init };
}

/**
 * Draw a weight the way the spec's tfjs initializer would. Orthogonal takes a shortcut: the
 * same seeded normal draw as `tf.initializers.orthogonal`, then a Float64 Householder QR in
 * plain JavaScript instead of tfjs' QR, which is made of many tiny ops and takes ~1 s on the
 * CPU backend and ~30 s on software WebGL at 32 units. Values agree with tfjs' to ~1e-6.
 */
export function drawWeight(spec: InitSpec, shape: number[]): tf.Tensor {
  if (spec.name !== 'orthogonal') return createInitializer(spec).apply(shape, 'float32');
  const cols = shape[shape.length - 1]!;
  const rows = shape.reduce((a, b) => a * b, 1) / cols;
  const normalShape = [Math.max(rows, cols), Math.min(rows, cols)];
  const normal = tf.tidy(() => tf.randomNormal(normalShape, 0, 1, 'float32', spec.seed).dataSync());
  return tf.tensor(orthogonalFromNormal(normal, shape), shape, 'float32');
}
