import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { compareOptimizers } from '../../../src/lstm/train/pitfall';
import { PYTHON_LOSS_SUM } from '../../../src/notebook/tutorialNumbers';
import pitfall from '../fixtures/pitfall.json';
import { TUTORIAL_TRAINING } from '../../tutorial';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const tutorial = TUTORIAL_TRAINING;

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

test('tf.train.rmsprop lands a measured gap away from Keras, which matches Python', async () => {
  const before = tf.memory().numTensors;
  const r = await compareOptimizers(tutorial);
  expect(tf.memory().numTensors).toBe(before);
  expect(r.keras.epochLosses).toHaveLength(10);
  expect(r.tfjs.epochLosses).toHaveLength(10);
  expect(r.tfjsEpsilon).toBe(1e-7);
  const keras = sum(r.keras.epochLosses);
  const tfjs = sum(r.tfjs.epochLosses);
  expect(Math.abs(keras - PYTHON_LOSS_SUM)).toBeLessThan(1e-5);
  // The committed fixture is what the browser test holds WebGL to.
  expect(keras).toBeCloseTo(pitfall.kerasSum, 6);
  const expected = pitfall.byEpsilon['1e-7'];
  expect(tfjs).toBeCloseTo(expected.tfjsSum, 6);
  expect(tfjs - keras).toBeCloseTo(expected.gap, 6);
  // Far outside what float32 rounding or the backend could explain.
  expect(tfjs - keras).toBeGreaterThan(100 * 1e-5);
  // Both start from the same weights and the same first batch: the first losses are equal.
  expect(r.tfjs.batchLosses[0]).toBe(r.keras.batchLosses[0]);
});

test("with WebGL's epsilon of 1e-4 the gap is some thirty times larger", async () => {
  const r = await compareOptimizers(tutorial, undefined, 1e-4);
  expect(r.tfjsEpsilon).toBe(1e-4);
  const keras = sum(r.keras.epochLosses);
  const tfjs = sum(r.tfjs.epochLosses);
  const expected = pitfall.byEpsilon['0.0001'];
  expect(keras).toBeCloseTo(pitfall.kerasSum, 6);
  expect(tfjs).toBeCloseTo(expected.tfjsSum, 6);
  expect(tfjs - keras).toBeCloseTo(expected.gap, 6);
  expect(expected.gap).toBeGreaterThan(20 * pitfall.byEpsilon['1e-7'].gap);
});

test('a cancelled comparison stops between batches and frees everything', async () => {
  const before = tf.memory().numTensors;
  const controller = new AbortController();
  const running = compareOptimizers({ ...tutorial, epochs: 50 }, controller.signal);
  setTimeout(() => controller.abort(), 50);
  await expect(running).rejects.toThrow();
  expect(tf.memory().numTensors).toBe(before);
});
