import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { createTrainingSession } from '../../../src/lstm/experiments';
import { fit } from '../../../src/lstm/train/fit';
import { KerasRMSprop } from '../../../src/lstm/train/rmsprop';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

test('Keras RMSprop: one step by hand, epsilon outside the root', () => {
  const w = tf.variable(tf.tensor1d([1, -2, 0.5]), true, 'w');
  const g = tf.tensor1d([0.1, -0.4, 0]);
  const opt = new KerasRMSprop({ learningRate: 0.01 });
  opt.applyGradients([w], { w: g });
  opt.applyGradients([w], { w: g });
  const values = w.dataSync();
  // Step 1: v = 0.1 g², w -= 0.01 g / (sqrt(v) + 1e-7). Step 2: v = 0.19 g².
  const expected = [1, -2, 0.5].map((w0, k) => {
    const gk = [0.1, -0.4, 0][k]!;
    const s1 = gk === 0 ? 0 : (0.01 * gk) / (Math.sqrt(0.1 * gk * gk) + 1e-7);
    const s2 = gk === 0 ? 0 : (0.01 * gk) / (Math.sqrt(0.19 * gk * gk) + 1e-7);
    return w0 - s1 - s2;
  });
  expected.forEach((e, k) => expect(values[k]).toBeCloseTo(e, 6));
  expect(opt.stateTensorCount).toBe(1);
  opt.dispose();
  tf.dispose([w, g]);
});

const train = {
  units: 8,
  timesteps: 5,
  features: 3,
  samples: 100,
  seed: 313,
  seeding: 'tfjs',
  epochs: 10,
  batchSize: 10,
  learningRate: 0.001,
} as const;

test('training: custom and library models give the same loss history, 10 epochs', async () => {
  const session = createTrainingSession(train);
  const h = await fit(session);
  session.dispose();
  const [a, b] = [h.custom, h.library];
  expect(a.epochLosses).toHaveLength(10);
  expect(a.batchLosses.flat()).toHaveLength(100);
  a.epochLosses.forEach((loss, k) => {
    expect(Math.abs(loss - b.epochLosses[k]!) / loss).toBeLessThanOrEqual(1e-6);
  });
  a.batchLosses.flat().forEach((loss, k) => {
    expect(Math.abs(loss - b.batchLosses.flat()[k]!) / loss).toBeLessThanOrEqual(1e-6);
  });
  // It learned something: the last epoch is clearly better than the first.
  expect(a.epochLosses[9]!).toBeLessThan(a.epochLosses[0]! * 0.8);
  expect(a.diverged || b.diverged).toBe(false);
});

test('a partial last batch counts by its size in the epoch loss; cancel stops between batches', async () => {
  const session = createTrainingSession({ ...train, samples: 25, epochs: 5 });
  const controller = new AbortController();
  let seen = 0;
  const first = await fit(session, {
    signal: controller.signal,
    onBatchEnd: (model) => {
      if (model === 'library' && ++seen === 4) controller.abort();
    },
  });
  const [l0, l1, l2] = first.custom.batchLosses[0]!;
  expect(first.custom.batchLosses[0]).toHaveLength(3);
  expect(first.custom.epochLosses[0]).toBeCloseTo((10 * l0! + 10 * l1! + 5 * l2!) / 25, 6);
  expect(first.custom.cancelled).toBe(true);
  expect(session.steps).toBe(4);

  // Resuming carries on from batch 5 and finishes the run.
  const rest = await fit(session);
  expect(rest.custom.batchLosses.flat()).toHaveLength(15 - 4);
  expect(session.done).toBe(true);
  session.dispose();
});

test('reset returns both models to the same start: a replay gives the same losses', async () => {
  const session = createTrainingSession({ ...train, epochs: 1 });
  const once = await fit(session);
  session.reset();
  expect(session.steps).toBe(0);
  const again = await fit(session);
  expect(again.custom.batchLosses).toEqual(once.custom.batchLosses);
  expect(again.library.batchLosses).toEqual(once.library.batchLosses);
  session.dispose();
});

test('a huge learning rate diverges and the run stops at the first non-finite loss', async () => {
  const session = createTrainingSession({ ...train, samples: 20, epochs: 200, learningRate: 1e38 });
  const h = await fit(session);
  expect(h.custom.diverged || h.library.diverged).toBe(true);
  for (const kind of ['custom', 'library'] as const) {
    const flat = h[kind].batchLosses.flat();
    expect(flat.slice(0, -1).every(Number.isFinite)).toBe(true);
  }
  expect(session.done).toBe(false);
  session.dispose();
});

test('lockstep: one model cannot run a batch ahead of the other', async () => {
  const session = createTrainingSession({ ...train, epochs: 1 });
  await session.trainOne('custom');
  expect(session.steps).toBe(0);
  await expect(session.trainOne('custom')).rejects.toThrow(/ahead/);
  await session.trainOne('library');
  expect(session.steps).toBe(1);
  session.dispose();
});

test('sessions leave no tensors behind', async () => {
  const before = tf.memory().numTensors;
  const session = createTrainingSession({ ...train, epochs: 1 });
  await fit(session);
  session.reset();
  await session.step();
  session.dispose();
  expect(tf.memory().numTensors).toBe(before);
});
