import { describe, expect, it } from 'vitest';

import {
  TfGlobalGenerator,
  computeFans,
  householderQR,
  kerasInitializer,
  tfRandomNormal,
  tfTruncatedNormal,
  tutorialWeights,
} from '../../../src/parity';
import fixture from '../fixtures/parity/tf_tutorial_weights.json';

const floats = (b: number[]): Float32Array => new Float32Array(Uint32Array.from(b).buffer);
const bits = (a: Float32Array): number[] => Array.from(new Uint32Array(a.buffer));

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('householderQR', () => {
  it('factors A = QR with orthonormal Q and upper-triangular R', () => {
    const m = 9;
    const n = 4;
    const a = Float64Array.from({ length: m * n }, (_, i) => Math.sin(i * 1.7) + (i % 5));
    const { q, r } = householderQR(a, m, n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += q[i * n + k]! * r[k * n + j]!;
        expect(s).toBeCloseTo(a[i * n + j]!, 12);
      }
    }
    for (let c1 = 0; c1 < n; c1++) {
      for (let c2 = 0; c2 < n; c2++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += q[i * n + c1]! * q[i * n + c2]!;
        expect(s).toBeCloseTo(c1 === c2 ? 1 : 0, 12);
      }
      for (let row = c1 + 1; row < n; row++) expect(r[row * n + c1]).toBe(0);
    }
  });

  it('keeps a zero column as a zero column of R', () => {
    const { r } = householderQR([1, 0, 2, 0, 3, 0], 3, 2);
    expect(r[3]).toBe(0);
  });
});

describe('Keras 2.7 initializers', () => {
  it('computes fans as Keras does', () => {
    expect(computeFans([3, 128])).toEqual([3, 128]);
    expect(computeFans([7])).toEqual([7, 7]);
    expect(computeFans([3, 3, 16, 32])).toEqual([144, 288]);
  });

  it('orthogonal gives orthonormal rows for a wide shape, times gain', () => {
    const w = kerasInitializer('orthogonal', [16, 64], [5, 6], { gain: 2 });
    for (let r1 = 0; r1 < 16; r1++) {
      for (let r2 = 0; r2 < 16; r2++) {
        let s = 0;
        for (let j = 0; j < 64; j++) s += w[r1 * 64 + j]! * w[r2 * 64 + j]!;
        expect(s).toBeCloseTo(r1 === r2 ? 4 : 0, 5);
      }
    }
  });

  it('constants take no seeds; random ones insist on them', () => {
    expect(Array.from(kerasInitializer('zeros', [2, 2], null))).toEqual([0, 0, 0, 0]);
    expect(Array.from(kerasInitializer('ones', [3], null))).toEqual([1, 1, 1]);
    expect(() => kerasInitializer('glorotUniform', [2, 2], null)).toThrow();
  });

  it('randomNormal uses Keras defaults (mean 0, stddev 0.05) on the same stream', () => {
    const w = kerasInitializer('randomNormal', [10], [3, 4]);
    const z = tfRandomNormal([3, 4], 10);
    z.forEach((v, i) => expect(w[i]).toBe(Math.fround(v * Math.fround(0.05))));
  });
});

describe('tutorialWeights build order', () => {
  it('takes op seeds kernel, recurrent, (random) bias, then Dense; zeros take none', () => {
    const opts = { seed: 313, inputDim: 3, units: 4, useBias: true, denseUnits: 2 } as const;
    const gen = new TfGlobalGenerator(313);
    const s = [gen.nextOpSeeds(), gen.nextOpSeeds(), gen.nextOpSeeds(), gen.nextOpSeeds()];
    const plain = tutorialWeights(opts);
    expect(plain.denseKernel).toEqual(kerasInitializer('glorotUniform', [4, 2], s[2]!));
    expect(plain.denseBias).toEqual(new Float32Array(2));

    const keras = tutorialWeights({ ...opts, biasInitializer: 'randomUniform' });
    expect(keras.kernel).toEqual(kerasInitializer('glorotUniform', [3, 16], s[0]!));
    expect(keras.recurrentKernel).toEqual(kerasInitializer('orthogonal', [4, 16], s[1]!));
    expect(keras.bias).toEqual(kerasInitializer('randomUniform', [16], s[2]!));
    expect(keras.denseKernel).toEqual(kerasInitializer('glorotUniform', [4, 2], s[3]!));

    const first = tutorialWeights({ ...opts, biasInitializer: 'ones', buildOrder: 'biasFirst' });
    expect(first.kernel).toEqual(plain.kernel);
    expect(Array.from(first.bias!)).toEqual(new Array(16).fill(1));
    const randomFirst = tutorialWeights({
      ...opts,
      biasInitializer: 'randomNormal',
      buildOrder: 'biasFirst',
    });
    expect(randomFirst.bias).toEqual(kerasInitializer('randomNormal', [16], s[0]!));
    expect(randomFirst.kernel).toEqual(kerasInitializer('glorotUniform', [3, 16], s[1]!));
    expect(tutorialWeights({ ...opts, useBias: false, denseUnits: undefined }).bias).toBeNull();
  });

  it('glorotNormal is a truncated normal with stddev sqrt(scale) / 0.8796...', () => {
    const w = kerasInitializer('glorotNormal', [3, 5], [11, 12]);
    const stddev = Math.sqrt(1 / 4) / 0.87962566103423978;
    expect(w).toEqual(tfTruncatedNormal([11, 12], 15, 0, stddev));
  });
});

describe(`tutorial weights against TF ${fixture.tensorflow} draws`, () => {
  for (const [chapter, f] of Object.entries({
    ch1to4: fixture.chapters1to4,
    ch5: fixture.chapter5,
  })) {
    it(`${chapter}: kernel bit-identical, recurrent normal and orthogonal kernel within tolerance`, () => {
      const w = tutorialWeights({
        seed: 313,
        inputDim: f.inputDim,
        units: f.units,
        useBias: true,
        denseUnits: 'denseUnits' in f ? f.denseUnits : undefined,
      });
      expect(bits(w.kernel)).toEqual(f.kernel);

      // Re-draw the recurrent kernel's normal to compare the raw draw too.
      const gen = new TfGlobalGenerator(313);
      gen.nextOpSeeds();
      const normal = tfRandomNormal(gen.nextOpSeeds(), f.recurrentNormal.length);
      const ref = floats(f.recurrentNormal);
      const exact = normal.filter((v, i) => Object.is(v, ref[i])).length;
      // glibc's logf/sinf/cosf differ from JS's rounded doubles in the last bit now and then.
      expect(maxAbsDiff(normal, ref)).toBeLessThanOrEqual(1e-6);
      expect(exact / normal.length).toBeGreaterThan(0.98);

      const rk = floats(f.recurrentKernel);
      // TF factors in float32, this port in Float64: agreement to float32 rounding, not bits.
      expect(maxAbsDiff(w.recurrentKernel, rk)).toBeLessThanOrEqual(1e-6);
      expect(Array.from(w.bias!)).toEqual(new Array(4 * f.units).fill(0));
      if ('denseKernel' in f) expect(bits(w.denseKernel!)).toEqual(f.denseKernel);
    });
  }
});
