/**
 * NumPy's legacy global generator: `np.random.seed(seed)` then `np.random.random(n)`.
 *
 * For an integer seed in [0, 2^32) legacy `RandomState` seeds MT19937 with `init_genrand(seed)`
 * (not `init_by_array`, which it keeps for array seeds). NumPy freezes the legacy stream, so
 * NumPy 2.x reproduces the numbers NumPy 1.21 printed for the tutorial; the fixtures check it.
 */

import { MT19937 } from './mt19937';

/** NumPy's `RandomState(seed)` for an integer seed, with the float sampler the tutorial uses. */
export class NumpyRandomState {
  private readonly mt: MT19937;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`NumPy seeds must be integers in [0, 2**32 - 1], got ${seed}`);
    }
    this.mt = MT19937.fromGenrand(seed);
  }

  /** `random(n)`: n doubles in [0, 1), in the order NumPy fills a C-contiguous array. */
  random(n: number): Float64Array {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = this.mt.nextDouble();
    return out;
  }
}
