import { describe, expect, it } from 'vitest';

import { NumpyRandomState, PyRandom, bitLength, seedWords } from '../../../src/parity';
import numpyFixture from '../fixtures/parity/numpy_random.json';
import pyFixture from '../fixtures/parity/python_random.json';

describe('PyRandom (Python random.Random)', () => {
  it('seeds from the 32-bit words of |seed|, low word first', () => {
    expect(seedWords(0)).toEqual([0]);
    expect(seedWords(313)).toEqual([313]);
    expect(seedWords(-313)).toEqual([313]);
    expect(seedWords(2 ** 32 + 5)).toEqual([5, 1]);
    expect(bitLength(2 ** 31)).toBe(32);
    expect(bitLength(2 ** 31 - 1)).toBe(31);
    expect(bitLength(2 ** 41 + 1)).toBe(42);
  });

  for (const c of pyFixture.cases) {
    it(`matches CPython ${pyFixture.python} for seed ${c.seed}`, () => {
      const rng = new PyRandom(BigInt(c.seed));
      expect(c.getrandbits32.map(() => Number(rng.getrandbits(32)))).toEqual(c.getrandbits32);
      expect(c.getrandbits7.map(() => Number(rng.getrandbits(7)))).toEqual(c.getrandbits7);
      expect(c.getrandbits64.map(() => rng.getrandbits(64).toString())).toEqual(c.getrandbits64);
      expect(c.getrandbits100.map(() => rng.getrandbits(100).toString())).toEqual(c.getrandbits100);
      expect(c.randintOpSeed.map(() => rng.randint(0, 2 ** 31 - 1))).toEqual(c.randintOpSeed);
      expect(c.randintDie.map(() => rng.randint(1, 6))).toEqual(c.randintDie);
      expect(c.randintWide.map(() => rng.randint(-(2 ** 40), 2 ** 40))).toEqual(c.randintWide);
      expect(c.random.map(() => rng.random())).toEqual(c.random);
    });
  }

  it('rejects seeds that are not integers', () => {
    expect(() => new PyRandom(1.5)).toThrow(RangeError);
    expect(() => new PyRandom(0).randint(3, 2)).toThrow(RangeError);
  });
});

describe('NumpyRandomState (legacy np.random.seed / np.random.random)', () => {
  for (const c of numpyFixture.cases) {
    it(`matches NumPy ${numpyFixture.numpy} for seed ${c.seed} bit for bit`, () => {
      expect(Array.from(new NumpyRandomState(c.seed).random(c.random.length))).toEqual(c.random);
    });
  }

  it("reproduces the tutorial's training data after np.random.seed(313)", () => {
    const t = numpyFixture.tutorial;
    const rs = new NumpyRandomState(313);
    const xx = rs.random(100 * 5 * 3);
    const y = rs.random(100);
    expect(Array.from(xx.subarray(0, 8))).toEqual(t.xxHead);
    for (const [i, v] of Object.entries(t.xxAt)) expect(xx[Number(i)]).toBe(v);
    expect(Array.from(y.subarray(0, 8))).toEqual(t.yHead);
    expect(y[99]).toBe(t.yAt['99']);
    // NumPy sums pairwise, so the totals agree to rounding, not bit for bit.
    expect(xx.reduce((a, b) => a + b, 0)).toBeCloseTo(t.xxSum, 10);
    expect(y.reduce((a, b) => a + b, 0)).toBeCloseTo(t.ySum, 11);
  });

  it('rejects seeds outside [0, 2**32)', () => {
    expect(() => new NumpyRandomState(-1)).toThrow(RangeError);
    expect(() => new NumpyRandomState(2 ** 32)).toThrow(RangeError);
  });
});
