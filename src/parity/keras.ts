/**
 * Keras 2.7 initializers (keras/initializers/initializers_v2.py) on the emulated TF ops. An
 * unseeded Keras 2.7 initializer calls the stateful `tf.random.*` op with seed=None, so each
 * random initializer consumes exactly one op seed from the global stream; constants consume none.
 */

import { householderQR } from './qr';
import { tfRandomNormal, tfRandomUniform, tfTruncatedNormal, type OpSeeds } from './tfRandom';

/** The initializers this emulation knows, by their Keras class names in camelCase. */
export type KerasInitializerName =
  | 'glorotUniform'
  | 'glorotNormal'
  | 'orthogonal'
  | 'zeros'
  | 'ones'
  | 'randomUniform'
  | 'randomNormal'
  | 'truncatedNormal';

/** Constructor arguments; unset ones take the Keras 2.7 defaults. */
export interface KerasInitializerOptions {
  /** Orthogonal: multiplicative factor (default 1). */
  gain?: number;
  /** RandomUniform bounds (default -0.05, 0.05). */
  minval?: number;
  maxval?: number;
  /** RandomNormal / TruncatedNormal parameters (default 0, 0.05). */
  mean?: number;
  stddev?: number;
}

/** Whether the initializer runs a random op, and so takes one op seed from the global stream. */
export function initializerTakesSeed(name: KerasInitializerName): boolean {
  return name !== 'zeros' && name !== 'ones';
}

/** Keras' `_compute_fans`: (fan_in, fan_out), with convolution kernels' receptive field folded in. */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length === 0) return [1, 1];
  if (shape.length === 1) return [shape[0]!, shape[0]!];
  if (shape.length === 2) return [shape[0]!, shape[1]!];
  let receptive = 1;
  for (const d of shape.slice(0, -2)) receptive *= d;
  return [shape[shape.length - 2]! * receptive, shape[shape.length - 1]! * receptive];
}

/** Glorot's variance-scaling factor: scale 1 over max(1, (fan_in + fan_out) / 2). */
function glorotScale(shape: readonly number[]): number {
  const [fanIn, fanOut] = computeFans(shape);
  return 1 / Math.max(1, (fanIn + fanOut) / 2);
}

/** Keras' truncated-normal correction: the stddev of a unit normal truncated to (-2, 2). */
const TRUNCATED_STDDEV = 0.87962566103423978;

function size(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Keras 2.7 `Orthogonal`: a standard normal of shape (max(rows, cols), min(rows, cols)), its QR,
 * Q's columns times sign(diag R), transposed when rows < cols, times gain. Rows are the product
 * of all but the last dimension. QR runs in Float64 where TF used float32, so values agree to
 * about 1e-6, not bit for bit.
 */
export function orthogonal(
  shape: readonly number[],
  seeds: Readonly<OpSeeds>,
  gain = 1,
): Float32Array {
  if (shape.length < 2) throw new RangeError('Orthogonal needs a shape of rank 2 or more');
  const cols = shape[shape.length - 1]!;
  const rows = size(shape) / cols;
  return orthogonalFromNormal(
    tfRandomNormal(seeds, Math.max(rows, cols) * Math.min(rows, cols)),
    shape,
    gain,
  );
}

/**
 * The deterministic half of the orthogonal initializer, given its standard-normal draw of shape
 * (max(rows, cols), min(rows, cols)). tfjs' own orthogonal runs the same recipe with its own
 * normal draw, so feeding that draw here reproduces it without tfjs' slow QR.
 */
export function orthogonalFromNormal(
  normal: ArrayLike<number>,
  shape: readonly number[],
  gain = 1,
): Float32Array {
  const cols = shape[shape.length - 1]!;
  const rows = size(shape) / cols;
  const tall = Math.max(rows, cols);
  const wide = Math.min(rows, cols);
  const { q, r } = householderQR(normal, tall, wide);
  const out = new Float32Array(rows * cols);
  const g = Math.fround(gain);
  for (let i = 0; i < tall; i++) {
    for (let j = 0; j < wide; j++) {
      const d = r[j * wide + j]!;
      const v = Math.fround(q[i * wide + j]! * Math.sign(d));
      // q is tall×wide; when rows < cols the result is its transpose, wide×tall.
      const at = rows < cols ? j * tall + i : i * wide + j;
      out[at] = Math.fround(g * v);
    }
  }
  return out;
}

/**
 * Runs a Keras 2.7 initializer for `shape` (row-major Float32Array). `seeds` are the op seeds of
 * the one random op it runs; pass null for `zeros` / `ones`, which run none.
 */
export function kerasInitializer(
  name: KerasInitializerName,
  shape: readonly number[],
  seeds: Readonly<OpSeeds> | null,
  options: KerasInitializerOptions = {},
): Float32Array {
  const n = size(shape);
  if (name === 'zeros') return new Float32Array(n);
  if (name === 'ones') return new Float32Array(n).fill(1);
  if (seeds === null) throw new Error(`${name} runs a random op and needs op seeds`);
  switch (name) {
    case 'glorotUniform': {
      const limit = Math.sqrt(3 * glorotScale(shape));
      return tfRandomUniform(seeds, n, -limit, limit);
    }
    case 'glorotNormal': {
      const stddev = Math.sqrt(glorotScale(shape)) / TRUNCATED_STDDEV;
      return tfTruncatedNormal(seeds, n, 0, stddev);
    }
    case 'orthogonal':
      return orthogonal(shape, seeds, options.gain ?? 1);
    case 'randomUniform':
      return tfRandomUniform(seeds, n, options.minval ?? -0.05, options.maxval ?? 0.05);
    case 'randomNormal':
      return tfRandomNormal(seeds, n, options.mean ?? 0, options.stddev ?? 0.05);
    case 'truncatedNormal':
      return tfTruncatedNormal(seeds, n, options.mean ?? 0, options.stddev ?? 0.05);
  }
}
