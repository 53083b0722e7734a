/**
 * TensorFlow's stateful random ops as TF 2.7 runs them eagerly on CPU: how an op gets its two
 * seeds, and how `RandomUniform`, `RandomStandardNormal` and `TruncatedNormal` turn a fresh
 * kernel's Philox stream into float32 values.
 */

import { PhiloxStream, SingleSampleAdapter } from './philox';
import { PyRandom } from './pyRandom';

/** The (seed, seed2) pair a random op kernel is built with. */
export type OpSeeds = [number, number];

/** `random_seed._MAXINT32`: seeds are reduced modulo 2^31 - 1. */
export const MAXINT32 = 2147483647;
/** The graph seed TF uses when only an op seed is given. */
export const DEFAULT_GRAPH_SEED = 87654321;

/** `_truncate_seed`: Python's `seed % (2**31 - 1)`, never negative. */
export function truncateSeed(seed: number): number {
  return ((seed % MAXINT32) + MAXINT32) % MAXINT32;
}

/** The final step of `get_seed`: (0, 0) means "nondeterministic" to the kernels, so avoid it. */
export function combineSeeds(globalSeed: number, opSeed: number): OpSeeds {
  const seeds: OpSeeds = [truncateSeed(globalSeed), truncateSeed(opSeed)];
  return seeds[0] === 0 && seeds[1] === 0 ? [0, MAXINT32] : seeds;
}

/**
 * The eager context's seeding: `tf.random.set_seed(s)` restarts a Python `random.Random(s)`,
 * and every random op created without its own seed takes `randint(0, 2^31 - 1)` from it.
 */
export class TfGlobalGenerator {
  private globalSeed: number | null = null;
  private rng: PyRandom | null = null;

  constructor(seed?: number) {
    if (seed !== undefined) this.setSeed(seed);
  }

  /** `tf.random.set_seed(seed)`; it also clears the kernel cache, so kernels start afresh. */
  setSeed(seed: number): void {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`set_seed needs an integer, got ${seed}`);
    this.globalSeed = seed;
    this.rng = new PyRandom(seed);
  }

  /** `random_seed.get_seed(opSeed)` in eager mode; only an unseeded op draws from the stream. */
  getSeed(opSeed: number | null = null): OpSeeds {
    if (this.globalSeed === null || this.rng === null) {
      if (opSeed === null) throw new Error('no global seed: TF would pick nondeterministic seeds');
      return combineSeeds(DEFAULT_GRAPH_SEED, opSeed);
    }
    const op = opSeed ?? this.rng.randint(0, MAXINT32);
    return combineSeeds(this.globalSeed, op);
  }

  /** Seeds for the next random op created without a seed. */
  nextOpSeeds(): OpSeeds {
    return this.getSeed(null);
  }
}

const bitsView = new Uint32Array(1);
const floatView = new Float32Array(bitsView.buffer);

/** TF's `Uint32ToFloat`: 23 random mantissa bits under exponent 127 give [1, 2); minus one. */
export function uint32ToFloat(x: number): number {
  bitsView[0] = 0x3f800000 | (x & 0x7fffff);
  return Math.fround(floatView[0]! - 1);
}

const TWO_PI = 2 * Math.PI;
const EPSILON = Math.fround(1e-7);
const pair = new Float32Array(2);

/**
 * TF's `BoxMullerFloat` in float32, written into out[i] and out[i + 1] (when inside `limit`):
 * u1 = max(float(x0), 1e-7f), v = float(2π · float(x1)), r = sqrtf(-2 logf(u1)), then
 * sin(v)·r and cos(v)·r. JS's double sin/cos/log rounded to float match glibc's float
 * functions except for an occasional last-bit difference.
 */
function boxMullerInto(x0: number, x1: number, out: Float32Array, i: number, limit: number): void {
  let u1 = uint32ToFloat(x0);
  if (u1 < EPSILON) u1 = EPSILON;
  const v = Math.fround(TWO_PI * uint32ToFloat(x1));
  const r = Math.fround(Math.sqrt(Math.fround(-2 * Math.fround(Math.log(u1)))));
  if (i < limit) out[i] = Math.fround(Math.sin(v)) * r;
  if (i + 1 < limit) out[i + 1] = Math.fround(Math.cos(v)) * r;
}

/** TF's `BoxMullerFloat` on two uint32s: the float32 pair [sin(v)·r, cos(v)·r]. */
export function boxMullerFloat(x0: number, x1: number): [number, number] {
  boxMullerInto(x0, x1, pair, 0, 2);
  return [pair[0]!, pair[1]!];
}

/** Calls `fillGroup(block, start)` for each Philox block a fresh kernel with `seeds` uses for n outputs. */
function forEachBlock(
  seeds: Readonly<OpSeeds>,
  n: number,
  fillGroup: (block: Uint32Array, start: number) => void,
): void {
  const stream = new PhiloxStream(seeds[0], seeds[1]);
  const block = new Uint32Array(4);
  // Output k comes from block floor(k / 4), output k % 4, whatever the CPU sharding.
  for (let start = 0; start < n; start += 4) {
    stream.nextInto(block);
    fillGroup(block, start);
  }
}

/** Applies TF's `rnd * stddev + mean` in float32 (skipped when it is the identity). */
function scaleInPlace(out: Float32Array, mean: number, stddev: number): Float32Array {
  if (mean === 0 && stddev === 1) return out;
  const m = Math.fround(mean);
  const s = Math.fround(stddev);
  for (let i = 0; i < out.length; i++) out[i] = Math.fround(Math.fround(out[i]! * s) + m);
  return out;
}

/** `RandomUniform` (float32 in [0, 1)) from a fresh kernel, then `u * (max - min) + min` in float32. */
export function tfRandomUniform(
  seeds: Readonly<OpSeeds>,
  n: number,
  min = 0,
  max = 1,
): Float32Array {
  const out = new Float32Array(n);
  forEachBlock(seeds, n, (block, start) => {
    for (let i = 0; i < 4 && start + i < n; i++) out[start + i] = uint32ToFloat(block[i]!);
  });
  const lo = Math.fround(min);
  return scaleInPlace(out, lo, Math.fround(Math.fround(max) - lo));
}

/** `RandomStandardNormal` from a fresh kernel: Box–Muller on output pairs (0,1) and (2,3) of each block. */
export function tfRandomNormal(
  seeds: Readonly<OpSeeds>,
  n: number,
  mean = 0,
  stddev = 1,
): Float32Array {
  const out = new Float32Array(n);
  forEachBlock(seeds, n, (block, start) => {
    boxMullerInto(block[0]!, block[1]!, out, start, n);
    boxMullerInto(block[2]!, block[3]!, out, start + 2, n);
  });
  return scaleInPlace(out, mean, stddev);
}

/** Philox blocks set aside per group of four truncated normals (TF's kReservedSamplesPerOutput). */
const TRUNCATED_BLOCKS_PER_GROUP = 256;
const TRUNCATE_AT = 2;

/**
 * `TruncatedNormal` from a fresh kernel: each group of four outputs starts 256 blocks after the
 * previous one and takes uint32s one at a time, in pairs through Box–Muller, keeping values with
 * |z| < 2 until it has four.
 */
export function tfTruncatedNormal(
  seeds: Readonly<OpSeeds>,
  n: number,
  mean = 0,
  stddev = 1,
): Float32Array {
  const out = new Float32Array(n);
  const base = new PhiloxStream(seeds[0], seeds[1]);
  for (let start = 0; start < n; start += 4) {
    const single = new SingleSampleAdapter(base.clone());
    base.skip(TRUNCATED_BLOCKS_PER_GROUP);
    let filled = 0;
    while (filled < 4) {
      for (const z of boxMullerFloat(single.next(), single.next())) {
        if (filled < 4 && Math.abs(z) < TRUNCATE_AT) {
          if (start + filled < n) out[start + filled] = z;
          filled++;
        }
      }
    }
  }
  return scaleInPlace(out, mean, stddev);
}
