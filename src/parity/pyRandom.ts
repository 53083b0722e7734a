/**
 * Python's `random.Random(seed)` for integer seeds: MT19937 seeded by `init_by_array` with the
 * seed's 32-bit words, plus the `getrandbits` / `randint` / `random` that TensorFlow's eager
 * context relies on for op seeds.
 */

import { MT19937 } from './mt19937';

const TWO_32 = 0x100000000;

/** The 32-bit words of |seed|, least significant first; seed 0 gives [0], as CPython does. */
export function seedWords(seed: number | bigint): number[] {
  if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
    throw new RangeError(`PyRandom seed must be a safe integer or a bigint, got ${seed}`);
  }
  let rest = BigInt(seed);
  if (rest < 0n) rest = -rest;
  const words: number[] = [];
  while (rest > 0n) {
    words.push(Number(rest & 0xffffffffn));
    rest >>= 32n;
  }
  return words.length ? words : [0];
}

/** Python's `random.Random`, seeded with an integer. */
export class PyRandom {
  private readonly mt: MT19937;

  constructor(seed: number | bigint) {
    this.mt = MT19937.fromArray(seedWords(seed));
  }

  /** `getrandbits(k)` for k <= 32, as a number: the top k bits of one output. */
  private bitsUpTo32(k: number): number {
    const word = this.mt.nextUint32();
    return k === 32 ? word : word >>> (32 - k);
  }

  /**
   * `getrandbits(k)`: a uniform integer in [0, 2^k). Wider values take whole 32-bit outputs for
   * the low words first and the top bits of one more output for the remainder, like CPython.
   */
  getrandbits(k: number): bigint {
    if (!Number.isInteger(k) || k < 0)
      throw new RangeError(`getrandbits(k) needs k >= 0, got ${k}`);
    if (k === 0) return 0n;
    if (k <= 32) return BigInt(this.bitsUpTo32(k));
    let result = 0n;
    let shift = 0n;
    for (let left = k; left > 0; left -= 32) {
      result |= BigInt(this.bitsUpTo32(Math.min(left, 32))) << shift;
      shift += 32n;
    }
    return result;
  }

  /**
   * `randint(a, b)`: uniform on [a, b] by rejection, as `_randbelow_with_getrandbits`:
   * k = bit length of n = b - a + 1, draw k bits until the value is below n. Note that a power
   * of two such as n = 2^31 still takes k = 32 bits, so about half the draws are rejected.
   */
  randint(a: number, b: number): number {
    if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || b < a) {
      throw new RangeError(`randint(${a}, ${b}) needs safe integers with a <= b`);
    }
    const n = b - a + 1;
    if (!Number.isSafeInteger(n)) throw new RangeError(`randint range ${n} is too wide`);
    const k = bitLength(n);
    if (k <= 32) {
      let r = this.bitsUpTo32(k);
      while (r >= n) r = this.bitsUpTo32(k);
      return a + r;
    }
    const big = BigInt(n);
    let r = this.getrandbits(k);
    while (r >= big) r = this.getrandbits(k);
    return a + Number(r);
  }

  /** `random()`: a double in [0, 1) from 53 bits. */
  random(): number {
    return this.mt.nextDouble();
  }
}

/** Python's `int.bit_length()` for a positive safe integer. */
export function bitLength(n: number): number {
  if (n < TWO_32) return n === 0 ? 0 : 32 - Math.clz32(n);
  return 32 + bitLength(Math.floor(n / TWO_32));
}
