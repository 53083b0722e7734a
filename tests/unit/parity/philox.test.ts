import { describe, expect, it } from 'vitest';

import { PhiloxStream, SingleSampleAdapter, philox4x32_10 } from '../../../src/parity';

const hex = (words: ArrayLike<number>): string[] =>
  Array.from(words, (w) => w.toString(16).padStart(8, '0'));

/** A BigInt transcription of the Philox4x32-10 definition, used only as an oracle. */
function philoxBig(counter: number[], key: number[]): number[] {
  const mask = 0xffffffffn;
  let c = counter.map(BigInt);
  let k = key.map(BigInt);
  for (let round = 0; round < 10; round++) {
    if (round > 0) k = [(k[0]! + 0x9e3779b9n) & mask, (k[1]! + 0xbb67ae85n) & mask];
    const p0 = 0xd2511f53n * c[0]!;
    const p1 = 0xcd9e8d57n * c[2]!;
    c = [(p1 >> 32n) ^ c[1]! ^ k[0]!, p1 & mask, (p0 >> 32n) ^ c[3]! ^ k[1]!, p0 & mask];
  }
  return c.map(Number);
}

describe('philox4x32_10', () => {
  // Known-answer vectors published with Random123 (kat_vectors, philox4x32 with 10 rounds).
  it.each([
    [
      [0, 0, 0, 0],
      [0, 0],
      ['6627e8d5', 'e169c58d', 'bc57ac4c', '9b00dbd8'],
    ],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      ['408f276d', '41c83b0e', 'a20bc7c6', '6d5451fd'],
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
      ['d16cfe09', '94fdcceb', '5001e420', '24126ea1'],
    ],
  ])('matches Random123 for counter %j key %j', (counter, key, expected) => {
    expect(hex(philox4x32_10(counter, key))).toEqual(expected);
  });

  it('agrees with a BigInt reference on scattered inputs (exercises the 32x32 multiply)', () => {
    let x = 0x12345678;
    const next = (): number => {
      // xorshift32: deterministic, dependency-free test inputs
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return x >>> 0;
    };
    for (let t = 0; t < 200; t++) {
      const counter = [next(), next(), next(), next()];
      const key = [next(), next()];
      expect(Array.from(philox4x32_10(counter, key))).toEqual(philoxBig(counter, key));
    }
  });
});

describe('PhiloxStream', () => {
  it('lays seeds out as PhiloxRandom(seed_lo, seed_hi): key = seed_lo, counter[2..3] = seed_hi', () => {
    const s = new PhiloxStream(2 ** 32 + 7, 3 * 2 ** 32 + 9);
    expect(Array.from(s.key)).toEqual([7, 1]);
    expect(Array.from(s.counter)).toEqual([0, 0, 9, 3]);
    expect(Array.from(s.next())).toEqual(Array.from(philox4x32_10([0, 0, 9, 3], [7, 1])));
    expect(Array.from(s.counter)).toEqual([1, 0, 9, 3]);
  });

  it('increments the 128-bit counter with carries', () => {
    const s = PhiloxStream.fromState([0xffffffff, 0xffffffff, 0xffffffff, 5], [1, 2]);
    s.skip(1);
    expect(Array.from(s.counter)).toEqual([0, 0, 0, 6]);
    const t = PhiloxStream.fromState([0xfffffffe, 0, 0, 0], [0, 0]);
    t.skip(2 ** 33 + 3);
    expect(Array.from(t.counter)).toEqual([1, 3, 0, 0]);
  });

  it('reserve() hands out the current position and moves past the reserved blocks', () => {
    const s = new PhiloxStream(313, 0);
    const a = s.reserve(3);
    expect(Array.from(s.counter)).toEqual([3, 0, 0, 0]);
    expect(Array.from(a.counter)).toEqual([0, 0, 0, 0]);
    const single = new SingleSampleAdapter(a);
    const first = philox4x32_10([0, 0, 0, 0], [313, 0]);
    const second = philox4x32_10([1, 0, 0, 0], [313, 0]);
    const taken = Array.from({ length: 6 }, () => single.next());
    expect(taken).toEqual([...first, ...second.subarray(0, 2)]);
  });

  it('rejects negative or fractional seeds', () => {
    expect(() => new PhiloxStream(-1, 0)).toThrow(RangeError);
    expect(() => new PhiloxStream(0, 0.5)).toThrow(RangeError);
  });
});
