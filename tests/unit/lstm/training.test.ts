import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { seededShuffle } from '../../../src/lstm/train/batchOrder';
import { fit } from '../../../src/lstm/train/fit';
import { buildTutorialModel, readWeights, writeWeights } from '../../../src/lstm/train/model';
import { KerasRMSprop } from '../../../src/lstm/train/rmsprop';
import { Trainer } from '../../../src/lstm/train/trainer';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const shape = { units: 8, timesteps: 5, features: 3 };
const inits = {
  kernelInitializer: { name: 'glorotUniform', seed: 41 },
  recurrentInitializer: { name: 'orthogonal', seed: 42 },
  denseKernelInitializer: { name: 'glorotUniform', seed: 43 },
} as const;

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

test('training: custom and library models give the same loss history, 10 epochs', async () => {
  const x = tf.randomUniform([100, 5, 3], 0, 1, 'float32', 1) as tf.Tensor3D;
  const y = tf.randomUniform([100, 1], 0, 1, 'float32', 2) as tf.Tensor2D;
  const custom = buildTutorialModel({ kind: 'custom', ...shape, ...inits });
  const library = buildTutorialModel({ kind: 'library', ...shape, ...inits });
  // Same specs give the same weights; copying makes the test independent of that.
  writeWeights(library, readWeights(custom));

  const run = async (model: tf.LayersModel) => {
    const trainer = new Trainer(model, x, y, { batchSize: 10, batchOrder: seededShuffle(313) });
    const history = await fit(trainer, { epochs: 10 });
    trainer.dispose();
    return history;
  };
  const a = await run(custom);
  const b = await run(library);
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
  expect(a.diverged).toBe(false);
  tf.dispose([x, y]);
  custom.dispose();
  library.dispose();
});

test('a partial last batch counts by its size in the epoch loss; cancel stops between batches', async () => {
  const x = tf.randomUniform([25, 5, 3], 0, 1, 'float32', 3) as tf.Tensor3D;
  const y = tf.randomUniform([25, 1], 0, 1, 'float32', 4) as tf.Tensor2D;
  const model = buildTutorialModel({ kind: 'custom', ...shape, ...inits });
  const trainer = new Trainer(model, x, y, { batchSize: 10, batchOrder: seededShuffle(1) });
  const history = await fit(trainer, { epochs: 1 });
  const [l0, l1, l2] = history.batchLosses[0]!;
  expect(history.batchLosses[0]).toHaveLength(3);
  expect(history.epochLosses[0]).toBeCloseTo((10 * l0! + 10 * l1! + 5 * l2!) / 25, 6);

  const controller = new AbortController();
  let seen = 0;
  const cancelled = await fit(trainer, {
    epochs: 5,
    signal: controller.signal,
    onBatchEnd: () => {
      if (++seen === 4) controller.abort();
    },
  });
  expect(cancelled.cancelled).toBe(true);
  expect(cancelled.batchLosses.flat()).toHaveLength(4);
  trainer.dispose();
  tf.dispose([x, y]);
  model.dispose();
});

test('a huge learning rate diverges and the run stops at the first non-finite loss', async () => {
  const x = tf.randomUniform([20, 5, 3], 0, 1, 'float32', 5) as tf.Tensor3D;
  const y = tf.mul(tf.randomUniform([20, 1], 0, 1, 'float32', 6), 1e20) as tf.Tensor2D;
  const model = buildTutorialModel({ kind: 'custom', ...shape, ...inits });
  const trainer = new Trainer(model, x, y, {
    batchSize: 10,
    batchOrder: seededShuffle(2),
    learningRate: 1e30,
  });
  const history = await fit(trainer, { epochs: 50 });
  expect(history.diverged).toBe(true);
  const flat = history.batchLosses.flat();
  expect(flat.slice(0, -1).every(Number.isFinite)).toBe(true);
  expect(Number.isFinite(flat[flat.length - 1]!)).toBe(false);
  trainer.dispose();
  tf.dispose([x, y]);
  model.dispose();
});
