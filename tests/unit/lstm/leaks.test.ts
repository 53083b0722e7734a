import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { compareForward, compareTraining } from '../../../src/lstm/experiments';
import { LSTMWithOptions } from '../../../src/lstm/layers/lstmWithOptions';
import { traceLSTM } from '../../../src/lstm/traces';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

test('100 forward calls leave no tensor behind', async () => {
  const layer = new LSTMWithOptions({
    units: 8,
    returnSequences: true,
    returnState: true,
    recurrentInitializer: 'glorotUniform',
  });
  const x = tf.randomUniform([4, 5, 3]) as tf.Tensor3D;
  tf.dispose(layer.apply(x) as tf.Tensor[]); // builds the weights, which stay
  const baseline = tf.memory().numTensors;
  for (let k = 0; k < 100; k++) tf.dispose(layer.apply(x) as tf.Tensor[]);
  expect(tf.memory().numTensors).toBe(baseline);
  const input = tf.tensor3d([[[1, 2, 3]]]);
  await traceLSTM(layer.cellWeights(), input);
  input.dispose();
  expect(tf.memory().numTensors).toBe(baseline);
  layer.dispose();
  x.dispose();
});

test('the notebook experiments, re-run, keep tf.memory() flat', async () => {
  const forward = {
    layer: 'options',
    units: 8,
    timesteps: 5,
    features: 3,
    samples: 10,
    seed: 313,
    seeding: 'tfjs',
    returnSequences: true,
    returnState: true,
    recurrentInitializer: 'glorotUniform',
  } as const;
  const train = {
    units: 4,
    timesteps: 5,
    features: 3,
    samples: 20,
    seed: 313,
    seeding: 'tfjs',
    epochs: 2,
    batchSize: 10,
    learningRate: 0.001,
  } as const;
  await compareForward(forward);
  await compareTraining(train);
  const baseline = tf.memory().numTensors;
  for (let k = 0; k < 20; k++) await compareForward(forward);
  // Every training run builds two models and an optimizer; all of it must go.
  for (let k = 0; k < 3; k++) await compareTraining(train);
  expect(tf.memory().numTensors).toBe(baseline);
});

test('a training run cancelled before it starts reports both models as cancelled', async () => {
  const controller = new AbortController();
  controller.abort();
  const h = await compareTraining(
    {
      units: 4,
      timesteps: 5,
      features: 3,
      samples: 20,
      seed: 1,
      seeding: 'tf27',
      epochs: 2,
      batchSize: 10,
      learningRate: 0.001,
    },
    { signal: controller.signal },
  );
  expect(h.custom.cancelled).toBe(true);
  expect(h.library.cancelled).toBe(true);
  expect(h.library.epochLosses).toEqual([]);
});
