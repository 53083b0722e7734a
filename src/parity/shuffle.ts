/**
 * The order in which Keras 2.7's `fit` visits samples. Its data adapter builds, once per `fit`,
 * a dataset whose traced map function calls `tf.random.shuffle(tf.range(n))` once per epoch.
 * That RandomShuffle kernel is created once, so its Philox state carries over from epoch to epoch.
 */

import { PhiloxStream, SingleSampleAdapter } from './philox';
import { combineSeeds, type OpSeeds } from './tfRandom';

/**
 * TF's `RandomShuffleOp` for a 1-D input: each call reserves ceil((n - 1) / 4) Philox blocks,
 * then runs Fisher–Yates forward: for i = 0 .. n-2, swap i with i + (next uint32 mod (n - i)),
 * taking uint32s one at a time from the reserved blocks.
 */
export class TfRandomShuffleKernel {
  private readonly generator: PhiloxStream;

  constructor(seeds: Readonly<OpSeeds>) {
    this.generator = new PhiloxStream(seeds[0], seeds[1]);
  }

  /** One execution of the kernel on `values` (not modified); returns the shuffled copy. */
  shuffle<T>(values: readonly T[]): T[] {
    const out = values.slice();
    const n = out.length;
    if (n <= 1) return out;
    const local = this.generator.reserve(Math.ceil((n - 1) / 4));
    const single = new SingleSampleAdapter(local);
    for (let i = 0; i < n - 1; i++) {
      const j = i + (single.next() % (n - i));
      const t = out[i]!;
      out[i] = out[j]!;
      out[j] = t;
    }
    return out;
  }

  /** One execution on 0..n-1: the permutation of sample indices. */
  permutation(n: number): number[] {
    return this.shuffle(Array.from({ length: n }, (_, i) => i));
  }
}

/**
 * Per-epoch sample orders of Keras' `fit(x, y, shuffle=True)` after `tf.random.set_seed(seed)`;
 * batches take each permutation in order.
 *
 * The shuffle op is built inside a traced graph, so its op seed is not drawn from the eager
 * stream; graph-mode `get_seed` gives the first unseeded random op of a graph op seed 0, hence
 * seeds (seed mod (2^31 - 1), 0). That is what TF 2.21 does, and with it plain TF training
 * reproduces every loss the TF 2.7 tutorial printed (tf_tutorial_fit fixture). `opSeed` is
 * there for other graphs.
 */
export function kerasEpochPermutations(
  seed: number,
  n: number,
  epochs: number,
  opSeed = 0,
): number[][] {
  const kernel = new TfRandomShuffleKernel(combineSeeds(seed, opSeed));
  const perms: number[][] = [];
  for (let e = 0; e < epochs; e++) perms.push(kernel.permutation(n));
  return perms;
}
