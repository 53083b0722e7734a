import { describe, expect, it } from 'vitest';

import {
  MAXINT32,
  TfGlobalGenerator,
  combineSeeds,
  tfRandomNormal,
  tfRandomUniform,
  tfTruncatedNormal,
  truncateSeed,
  type OpSeeds,
} from '../../../src/parity';
import fixture from '../fixtures/parity/tf_random.json';

const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer));
const floats = (b: number[]): Float32Array => new Float32Array(Uint32Array.from(b).buffer);

/** Bitwise-equal count and largest absolute difference against TF's float32 values. */
function compare(ours: Float32Array, theirs: number[]): { exact: number; maxDiff: number } {
  const ref = floats(theirs);
  let exact = 0;
  let maxDiff = 0;
  ours.forEach((v, i) => {
    if (Object.is(v, ref[i])) exact++;
    maxDiff = Math.max(maxDiff, Math.abs(v - ref[i]!));
  });
  return { exact, maxDiff };
}

const seedsOf = (s: number[]): OpSeeds => [s[0]!, s[1]!];

describe('TfGlobalGenerator (tf.random.set_seed + get_seed in eager mode)', () => {
  it(`hands out TF ${fixture.tensorflow}'s op seeds after set_seed`, () => {
    const check = (seed: number, expected: number[][]) => {
      const gen = new TfGlobalGenerator(seed);
      expect(expected.map(() => [...gen.nextOpSeeds()])).toEqual(expected);
    };
    check(313, fixture.api.opSeeds);
    check(0, fixture.api.zeroSeedOpSeeds);
    check(2 ** 31 + 10, fixture.api.bigSeedOpSeeds);
  });

  it('set_seed restarts the stream; an explicit op seed does not consume it', () => {
    const gen = new TfGlobalGenerator(313);
    const first = gen.nextOpSeeds();
    gen.setSeed(313);
    expect(gen.getSeed(7)).toEqual([313, 7]);
    expect(gen.nextOpSeeds()).toEqual(first);
  });

  it('truncates modulo 2^31 - 1 and never returns (0, 0)', () => {
    expect(truncateSeed(MAXINT32)).toBe(0);
    expect(truncateSeed(-1)).toBe(MAXINT32 - 1);
    expect(combineSeeds(0, 0)).toEqual([0, MAXINT32]);
    expect(combineSeeds(MAXINT32, MAXINT32)).toEqual([0, MAXINT32]);
    expect(new TfGlobalGenerator().getSeed(5)).toEqual([87654321, 5]);
    expect(() => new TfGlobalGenerator().nextOpSeeds()).toThrow();
  });
});

describe('random op kernels against TF fixtures', () => {
  for (const s of fixture.streams) {
    const seeds = seedsOf(s.seeds);
    it(`RandomUniform ${s.seeds} is bit-identical`, () => {
      expect(bits(tfRandomUniform(seeds, s.uniform.length))).toEqual(s.uniform);
    });
    it(`RandomStandardNormal ${s.seeds}: within 1e-6, over 90% bit-identical`, () => {
      const { exact, maxDiff } = compare(tfRandomNormal(seeds, s.normal.length), s.normal);
      expect(maxDiff).toBeLessThanOrEqual(1e-6);
      expect(exact / s.normal.length).toBeGreaterThan(0.9);
    });
    it(`TruncatedNormal ${s.seeds}: within 1e-6, over 90% bit-identical`, () => {
      const ours = tfTruncatedNormal(seeds, s.truncatedNormal.length);
      const { exact, maxDiff } = compare(ours, s.truncatedNormal);
      expect(maxDiff).toBeLessThanOrEqual(1e-6);
      expect(exact / s.truncatedNormal.length).toBeGreaterThan(0.9);
    });
  }

  it('scales like tf.random.uniform / normal / truncated_normal after set_seed(313)', () => {
    const gen = new TfGlobalGenerator(fixture.api.seed);
    const u = tfRandomUniform(gen.nextOpSeeds(), 10, -0.25, 0.75);
    expect(bits(u)).toEqual(fixture.api.uniformMinus025To075);
    const n = tfRandomNormal(gen.nextOpSeeds(), 10, 0.5, 2);
    const t = tfTruncatedNormal(gen.nextOpSeeds(), 10, 0, 0.3);
    console.log(
      compare(n, fixture.api.normalMean05Std2),
      compare(t, fixture.api.truncatedNormalStd03),
    );
    expect(compare(n, fixture.api.normalMean05Std2).maxDiff).toBeLessThanOrEqual(4e-6);
    expect(compare(t, fixture.api.truncatedNormalStd03).maxDiff).toBeLessThanOrEqual(1e-6);
  });
});
