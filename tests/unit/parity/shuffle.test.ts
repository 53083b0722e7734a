import { describe, expect, it } from 'vitest';

import { TfRandomShuffleKernel, kerasEpochPermutations } from '../../../src/parity';
import fixture from '../fixtures/parity/tf_shuffle.json';
import fit from '../fixtures/parity/tf_tutorial_fit.json';

describe('kerasEpochPermutations / TfRandomShuffleKernel', () => {
  for (const c of fixture.tfFunction) {
    it(`replays TF ${fixture.tensorflow}'s RandomShuffle: seed ${c.seed}, op seed ${c.opSeed}, n ${c.n}`, () => {
      expect(kerasEpochPermutations(c.seed, c.n, c.perms.length, c.opSeed)).toEqual(c.perms);
    });
  }

  it("matches the tf.data pipeline Keras' fit builds (range(1).repeat(epochs).map(shuffle))", () => {
    const d = fixture.dataset;
    expect(kerasEpochPermutations(d.seed, d.n, d.perms.length)).toEqual(d.perms);
  });

  it('returns permutations and leaves tiny inputs alone', () => {
    for (const p of kerasEpochPermutations(313, 100, 3)) {
      expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    }
    const kernel = new TfRandomShuffleKernel([1, 2]);
    expect(kernel.permutation(1)).toEqual([0]);
    expect(kernel.shuffle([])).toEqual([]);
  });
});

describe("the tutorial's training order", () => {
  it('is the order under which plain TF training reproduces every printed loss', () => {
    // tf_tutorial_fit.json: chapter 5 trained in TF with these weights, data and permutations.
    const perms = kerasEpochPermutations(313, 100, 10);
    const epochOf = (e: number) => fit.batchLosses.slice(e * 10, e * 10 + 10);
    expect(perms).toEqual(fixture.tfFunction[0]!.perms);
    expect(fit.epochLosses.map((v) => v.toFixed(4))).toEqual(fit.printed.epochLosses);
    expect(perms.map((_, e) => epochOf(e)[0]!.toFixed(4))).toEqual(fit.printed.firstBatchLosses);
    expect(fit.epochLossSum).toBeCloseTo(fit.printed.epochLossSum, 6);
  });
});
