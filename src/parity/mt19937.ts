/**
 * MT19937, the Mersenne Twister behind both Python's `random` and NumPy's legacy `RandomState`.
 * The two differ only in how they seed it, so both seedings live here.
 */

const N = 624;
const M = 397;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;
const MATRIX_A = 0x9908b0df;

/** 32-bit unsigned product of two uint32 values (the C `uint32_t * uint32_t`). */
function mul32(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

/** The 624-word generator state with its read position. */
export class MT19937 {
  private readonly mt = new Uint32Array(N);
  private index = N + 1;

  /** Reference `init_genrand(s)`: NumPy's seeding for an integer seed in [0, 2^32). */
  static fromGenrand(seed: number): MT19937 {
    const g = new MT19937();
    g.initGenrand(seed >>> 0);
    return g;
  }

  /** Reference `init_by_array(key)`: Python's seeding, key = the seed's 32-bit words, low first. */
  static fromArray(key: ArrayLike<number>): MT19937 {
    const g = new MT19937();
    g.initByArray(key);
    return g;
  }

  private initGenrand(s: number): void {
    const mt = this.mt;
    mt[0] = s;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]!;
      mt[i] = (mul32(1812433253, (prev ^ (prev >>> 30)) >>> 0) + i) >>> 0;
    }
    this.index = N;
  }

  private initByArray(key: ArrayLike<number>): void {
    const mt = this.mt;
    this.initGenrand(19650218);
    const len = key.length;
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, len); k > 0; k--) {
      const prev = mt[i - 1]!;
      const mixed = mul32((prev ^ (prev >>> 30)) >>> 0, 1664525);
      mt[i] = ((((mt[i]! ^ mixed) >>> 0) + (key[j]! >>> 0) + j) % 0x100000000) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= len) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]!;
      const mixed = mul32((prev ^ (prev >>> 30)) >>> 0, 1566083941);
      mt[i] = ((((mt[i]! ^ mixed) >>> 0) - i + 0x100000000) % 0x100000000) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    // The reference forces a non-zero state with the top bit set.
    mt[0] = 0x80000000;
  }

  private twist(): void {
    const mt = this.mt;
    for (let kk = 0; kk < N; kk++) {
      const y = ((mt[kk]! & UPPER_MASK) | (mt[(kk + 1) % N]! & LOWER_MASK)) >>> 0;
      const mag = y & 1 ? MATRIX_A : 0;
      mt[kk] = (mt[(kk + M) % N]! ^ (y >>> 1) ^ mag) >>> 0;
    }
    this.index = 0;
  }

  /** Next tempered 32-bit output, as an unsigned number. */
  nextUint32(): number {
    if (this.index >= N) this.twist();
    let y = this.mt[this.index++]!;
    y ^= y >>> 11;
    y = (y ^ ((y << 7) & 0x9d2c5680)) >>> 0;
    y = (y ^ ((y << 15) & 0xefc60000)) >>> 0;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) from 53 random bits, as both Python's `random()` and NumPy build it. */
  nextDouble(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
