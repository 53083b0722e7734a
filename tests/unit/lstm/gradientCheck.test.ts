import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { createTrainingSession } from '../../../src/lstm/experiments';
import { BREAK_VARIANTS } from '../../../src/lstm/experimentTypes';
import { WEIGHT_NAMES } from '../../../src/lstm/train/gradientTypes';
import { referenceLoss } from '../../../src/lstm/train/referenceModel';
import { TUTORIAL_TRAINING } from '../../tutorial';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const tutorial = TUTORIAL_TRAINING;

test('before training: every weight agrees to 1e-5, finite differences to 1e-4 relative', async () => {
  const session = createTrainingSession(tutorial);
  const check = await session.gradientCheck('none');
  session.dispose();
  expect(check).toMatchObject({ epoch: 1, batch: 1, batches: 10, trained: 0, samples: 10 });
  expect(check.weights.map((w) => w.name)).toEqual([...WEIGHT_NAMES]);
  expect(check.weights.map((w) => w.shape)).toEqual([[3, 32], [8, 32], [32], [8, 1], [1]]);
  for (const w of check.weights) {
    expect(w.maxAbsDiff).toBeLessThanOrEqual(1e-5);
    expect(w.maxAbs).toBeGreaterThan(1e-4); // not trivially zero
  }
  // 4 gates × (W, U, b) + the dense kernel and bias.
  expect(check.finiteDifferences).toHaveLength(14);
  for (const s of check.finiteDifferences) {
    expect(s.relCustom).toBeLessThanOrEqual(1e-4);
    expect(s.relLibrary).toBeLessThanOrEqual(1e-4);
  }
  expect(Math.abs(check.loss.custom - check.loss.reference)).toBeLessThan(1e-6);
  expect(Math.abs(check.loss.library - check.loss.reference)).toBeLessThan(1e-6);
  for (const g of ['i', 'f', 'g', 'o'] as const) {
    expect(check.gateNorms.custom[g]).toBeGreaterThan(0);
    expect(Math.abs(check.gateNorms.custom[g] - check.gateNorms.library[g])).toBeLessThan(1e-6);
  }
});

test('after some batches: the check follows the cursor and still agrees', async () => {
  const session = createTrainingSession(tutorial);
  for (let k = 0; k < 13; k++) await session.step();
  const check = await session.gradientCheck('none');
  expect(check).toMatchObject({ epoch: 2, batch: 4, trained: 13 });
  for (const w of check.weights) expect(w.maxAbsDiff).toBeLessThanOrEqual(1e-5);
  session.dispose();
});

test.each(BREAK_VARIANTS.filter((v) => v !== 'none'))(
  'break %s: the hand-written gradients depart, the library still matches finite differences',
  async (variant) => {
    const session = createTrainingSession(tutorial);
    const check = await session.gradientCheck(variant);
    session.dispose();
    const worst = Math.max(...check.weights.map((w) => w.maxAbsDiff));
    expect(worst).toBeGreaterThan(1e-3);
    expect(Math.max(...check.finiteDifferences.map((s) => s.relCustom))).toBeGreaterThan(1e-2);
    for (const s of check.finiteDifferences) expect(s.relLibrary).toBeLessThanOrEqual(1e-4);
  },
);

test('the float64 reference loss is the mean squared error of a hand-computed model', () => {
  // One unit, one feature, one step, zero recurrent weights: h = o·tanh(i·g).
  const z = [0.3, -0.2, 0.5, 0.1]; // i, f, g, o pre-activations from kernel 1·x with x = 1
  const m = {
    features: 1,
    units: 1,
    kernel: z,
    recurrentKernel: [0, 0, 0, 0],
    bias: [0, 0, 0, 0],
    denseKernel: [2],
    denseBias: 0.25,
  };
  const s = (v: number) => 1 / (1 + Math.exp(-v));
  const h = s(z[3]!) * Math.tanh(s(z[0]!) * Math.tanh(z[2]!));
  const prediction = 2 * h + 0.25;
  const loss = referenceLoss(m, { samples: 1, timesteps: 1, x: [1], y: [0.7] });
  expect(loss).toBeCloseTo((prediction - 0.7) ** 2, 14);
});

test('the check leaks no tensors, repeated', async () => {
  const session = createTrainingSession(tutorial);
  await session.gradientCheck('swapGates');
  const before = tf.memory().numTensors;
  for (let k = 0; k < 5; k++) await session.gradientCheck(k % 2 ? 'none' : 'dropBias');
  expect(tf.memory().numTensors).toBe(before);
  session.dispose();
});
