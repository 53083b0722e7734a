/**
 * Philox4x32-10 (Salmon et al., Random123), the counter-based generator behind TensorFlow's
 * stateful random ops, laid out as TensorFlow's `random::PhiloxRandom` lays it out.
 */

const M4X32_A = 0xd2511f53;
const M4X32_B = 0xcd9e8d57;
const W32_A = 0x9e3779b9;
const W32_B = 0xbb67ae85;
const TWO_32 = 0x100000000;

/** High 32 bits of the 64-bit product of two uint32s, from 16-bit halves so doubles stay exact. */
function mulHi(a: number, b: number): number {
  const aH = a >>> 16;
  const aL = a & 0xffff;
  const bH = b >>> 16;
  const bL = b & 0xffff;
  const ll = aL * bL;
  const lh = aL * bH;
  const hl = aH * bL;
  const mid = (ll >>> 16) + (lh & 0xffff) + (hl & 0xffff);
  return (aH * bH + (lh >>> 16) + (hl >>> 16) + (mid >>> 16)) >>> 0;
}

/** Ten rounds on (counter, key), written into `out[offset..offset+3]`. */
function philoxRounds(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
  offset: number,
): void {
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      k0 = (k0 + W32_A) >>> 0;
      k1 = (k1 + W32_B) >>> 0;
    }
    const lo0 = Math.imul(M4X32_A, c0) >>> 0;
    const hi0 = mulHi(M4X32_A, c0);
    const lo1 = Math.imul(M4X32_B, c2) >>> 0;
    const hi1 = mulHi(M4X32_B, c2);
    c0 = (hi1 ^ c1 ^ k0) >>> 0;
    c1 = lo1;
    c2 = (hi0 ^ c3 ^ k1) >>> 0;
    c3 = lo0;
  }
  out[offset] = c0;
  out[offset + 1] = c1;
  out[offset + 2] = c2;
  out[offset + 3] = c3;
}

/** The bare block function: four uint32 outputs for a 4-word counter and a 2-word key. */
export function philox4x32_10(counter: ArrayLike<number>, key: ArrayLike<number>): Uint32Array {
  const out = new Uint32Array(4);
  philoxRounds(
    counter[0]! >>> 0,
    counter[1]! >>> 0,
    counter[2]! >>> 0,
    counter[3]! >>> 0,
    key[0]! >>> 0,
    key[1]! >>> 0,
    out,
    0,
  );
  return out;
}

/** Splits a non-negative safe integer into its low and high 32-bit words. */
function words64(value: number, what: string): [number, number] {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer, got ${value}`);
  }
  return [value % TWO_32, Math.floor(value / TWO_32)];
}

/**
 * A Philox stream as `PhiloxRandom(seed_lo, seed_hi)` builds it: key = seed_lo's two words,
 * counter = (0, 0, seed_hi's two words). Each call returns the block for the current counter,
 * then adds one to the 128-bit counter.
 */
export class PhiloxStream {
  /** Counter words, least significant first. */
  private readonly ctr = new Uint32Array(4);
  /** Key words, least significant first. */
  private readonly k = new Uint32Array(2);

  constructor(seedLo: number, seedHi: number) {
    const [klo, khi] = words64(seedLo, 'Philox seed_lo');
    const [clo, chi] = words64(seedHi, 'Philox seed_hi');
    this.k[0] = klo;
    this.k[1] = khi;
    this.ctr[2] = clo;
    this.ctr[3] = chi;
  }

  /** A stream positioned at an explicit counter and key (for tests and known-answer vectors). */
  static fromState(counter: ArrayLike<number>, key: ArrayLike<number>): PhiloxStream {
    const s = new PhiloxStream(0, 0);
    for (let i = 0; i < 4; i++) s.ctr[i] = counter[i]! >>> 0;
    s.k[0] = key[0]! >>> 0;
    s.k[1] = key[1]! >>> 0;
    return s;
  }

  /** The current counter (a copy). */
  get counter(): Uint32Array {
    return this.ctr.slice();
  }

  /** The key (a copy). */
  get key(): Uint32Array {
    return this.k.slice();
  }

  /** An independent copy at the same position. */
  clone(): PhiloxStream {
    return PhiloxStream.fromState(this.ctr, this.k);
  }

  /** Writes the next block into `out[offset..offset+3]` and advances the counter by one. */
  nextInto(out: Uint32Array, offset = 0): void {
    const c = this.ctr;
    philoxRounds(c[0]!, c[1]!, c[2]!, c[3]!, this.k[0]!, this.k[1]!, out, offset);
    this.skip(1);
  }

  /** The next block of four uint32s. */
  next(): Uint32Array {
    const out = new Uint32Array(4);
    this.nextInto(out);
    return out;
  }

  /** Advances the 128-bit counter by `count` blocks (TF's `PhiloxRandom::Skip`). */
  skip(count: number): void {
    const [lo, hi] = words64(count, 'Philox skip count');
    const c = this.ctr;
    const s0 = c[0]! + lo;
    c[0] = s0;
    const s1 = c[1]! + hi + (s0 >= TWO_32 ? 1 : 0);
    c[1] = s1;
    if (s1 >= TWO_32) {
      c[2] = c[2]! + 1;
      if (c[2] === 0) c[3] = c[3]! + 1;
    }
  }

  /**
   * GuardedPhiloxRandom's `ReserveSamples128(count)`: hands out a copy at the current position
   * and moves this stream `count` blocks past it, so the next reservation never overlaps.
   */
  reserve(count: number): PhiloxStream {
    const local = this.clone();
    this.skip(count);
    return local;
  }
}

/**
 * TF's `SingleSampleAdapter`: serves the four outputs of each block one at a time, in order,
 * fetching a new block only when the last one is used up.
 */
export class SingleSampleAdapter {
  private readonly block = new Uint32Array(4);
  private used = 4;

  constructor(private readonly stream: PhiloxStream) {}

  /** The next uint32. */
  next(): number {
    if (this.used === 4) {
      this.stream.nextInto(this.block);
      this.used = 0;
    }
    return this.block[this.used++]!;
  }
}
