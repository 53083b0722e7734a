import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { cpuBackward, cpuForward, type FusedDims } from '../../../src/lstm/fused/cpuKernel';
import { referenceForward } from '../../../src/lstm/reference';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const random = (shape: number[], seed: number) =>
  tf.tidy(() => tf.randomUniform(shape, -1, 1, 'float32', seed).dataSync() as Float32Array);

test('the typed-array kernel equals the float64 reference, every step and gate', () => {
  const d: FusedDims = { batch: 3, time: 4, features: 5, units: 6 };
  const input = {
    x: random([3, 4, 5], 1),
    kernel: random([5, 24], 2),
    recurrentKernel: random([6, 24], 3),
    bias: random([24], 4),
    h0: random([3, 6], 5),
    c0: random([3, 6], 6),
  };
  const { states, gates } = cpuForward(d, input);
  const nested = Array.from({ length: 3 }, (_, b) =>
    Array.from({ length: 4 }, (_, t) =>
      Array.from(input.x.subarray((b * 4 + t) * 5, (b * 4 + t + 1) * 5)),
    ),
  );
  const rows = (a: Float32Array) =>
    Array.from({ length: 3 }, (_, b) => Array.from(a.subarray(b * 6, b * 6 + 6)));
  const steps = referenceForward(
    { features: 5, units: 6, ...input },
    nested,
    rows(input.h0),
    rows(input.c0),
  );
  let max = 0;
  steps.forEach((sequence, b) =>
    sequence.forEach((step, t) => {
      for (let u = 0; u < 6; u++) {
        const s = ((t * 3 + b) * 6 + u) * 2;
        const g = (t * 3 + b) * 24;
        const pairs: [number, number][] = [
          [states[s]!, step.h[u]!],
          [states[s + 1]!, step.c[u]!],
          [gates[g + u]!, step.i[u]!],
          [gates[g + 6 + u]!, step.f[u]!],
          [gates[g + 12 + u]!, step.g[u]!],
          [gates[g + 18 + u]!, step.o[u]!],
        ];
        for (const [a, e] of pairs) max = Math.max(max, Math.abs(a - e));
      }
    }),
  );
  expect(max).toBeLessThanOrEqual(1e-6);
});

test('the typed-array backward equals float64 finite differences of the reference', () => {
  const d: FusedDims = { batch: 2, time: 3, features: 2, units: 3 };
  const input = {
    x: random([2, 3, 2], 11),
    kernel: random([2, 12], 12),
    recurrentKernel: random([3, 12], 13),
    bias: random([12], 14),
    h0: random([2, 3], 15),
    c0: random([2, 3], 16),
  };
  const probe = random([3, 2, 6], 17);
  // L = Σ probe ⊙ states, so ∂L/∂states = probe.
  const loss = (inp: typeof input) => {
    const { states } = cpuForwardF64(d, inp);
    return states.reduce((s, v, k) => s + v * probe[k]!, 0);
  };
  const grads = cpuBackward(d, input, cpuForward(d, input), probe);
  for (const key of ['x', 'kernel', 'recurrentKernel', 'bias', 'h0', 'c0'] as const) {
    const values = Float64Array.from(input[key]);
    for (let k = 0; k < values.length; k++) {
      const h = 1e-4;
      const at = (delta: number) => {
        const v = Float64Array.from(values);
        v[k] = v[k]! + delta;
        return loss({ ...input, [key]: v });
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      expect(Math.abs(grads[key][k]! - numeric)).toBeLessThanOrEqual(1e-4);
    }
  }
});

/** The kernel's forward on float64 inputs (finite differences need more than float32). */
function cpuForwardF64(d: FusedDims, inp: Record<string, ArrayLike<number>>) {
  const steps = referenceForward(
    {
      features: d.features,
      units: d.units,
      kernel: inp.kernel!,
      recurrentKernel: inp.recurrentKernel!,
      bias: inp.bias!,
    },
    Array.from({ length: d.batch }, (_, b) =>
      Array.from({ length: d.time }, (_, t) =>
        Array.from({ length: d.features }, (_, f) => inp.x![(b * d.time + t) * d.features + f]!),
      ),
    ),
    Array.from({ length: d.batch }, (_, b) =>
      Array.from({ length: d.units }, (_, u) => inp.h0![b * d.units + u]!),
    ),
    Array.from({ length: d.batch }, (_, b) =>
      Array.from({ length: d.units }, (_, u) => inp.c0![b * d.units + u]!),
    ),
  );
  const states: number[] = new Array(d.time * d.batch * 2 * d.units);
  steps.forEach((seq, b) =>
    seq.forEach((step, t) => {
      for (let u = 0; u < d.units; u++) {
        states[((t * d.batch + b) * d.units + u) * 2] = step.h[u]!;
        states[((t * d.batch + b) * d.units + u) * 2 + 1] = step.c[u]!;
      }
    }),
  );
  return { states };
}
