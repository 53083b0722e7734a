import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { compareForward, compareTraining, type ChapterLayer } from '../../../src/lstm/experiments';
import { LSTMWithOptions } from '../../../src/lstm/layers/lstmWithOptions';
import { KERAS_DEFAULT_INITS } from '../../../src/lstm/seeding';
import { startWeights } from '../../../src/lstm/startWeights';
import { TrainingSession } from '../../../src/lstm/train/session';
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

describe('a failure part-way frees every tensor made before it', () => {
  const forward = {
    layer: 'options',
    units: 4,
    timesteps: 3,
    features: 2,
    samples: 2,
    seed: 7,
    seeding: 'tfjs',
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
    epochs: 1,
    batchSize: 10,
    learningRate: 0.001,
  } as const;

  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('compareForward, handed a layer it does not know, after drawing the weights', async () => {
    const baseline = tf.memory().numTensors;
    const unknown = { ...forward, layer: 'chapter9' as ChapterLayer };
    await expect(compareForward(unknown)).rejects.toThrow(TypeError);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  test('compareForward, when its layer fails on its first call', async () => {
    vi.spyOn(LSTMWithOptions.prototype, 'call').mockImplementation(() => {
      throw new Error('call failed');
    });
    const baseline = tf.memory().numTensors;
    // The library layer never ran: its error must not replace the layer's.
    await expect(compareForward(forward)).rejects.toThrow('call failed');
    expect(tf.memory().numTensors).toBe(baseline);
  });

  test('compareForward, when its layer refuses its starting weights after building', async () => {
    vi.spyOn(LSTMWithOptions.prototype, 'setWeights').mockImplementation(() => {
      throw new Error('weights refused');
    });
    const baseline = tf.memory().numTensors;
    // Built but never applied: tfjs' own dispose() would throw here and leak the weights.
    await expect(compareForward(forward)).rejects.toThrow('weights refused');
    expect(tf.memory().numTensors).toBe(baseline);
  });

  test('compareForward, on an input with no time step, reports the real error', async () => {
    const baseline = tf.memory().numTensors;
    await expect(compareForward({ ...forward, timesteps: 0 })).rejects.toThrow(
      'The temporal loop needs at least one time step.',
    );
    expect(tf.memory().numTensors).toBe(baseline);
  });

  test('startWeights, when a draw fails after the first weights are drawn', () => {
    // The bias (zeros by default) is drawn third, after the kernel and the recurrent kernel.
    const zeros = Object.getPrototypeOf(tf.initializers.zeros()) as { apply: () => tf.Tensor };
    vi.spyOn(zeros, 'apply').mockImplementation(() => {
      throw new Error('draw failed');
    });
    const baseline = tf.memory().numTensors;
    expect(() => startWeights(train, true, KERAS_DEFAULT_INITS, true)).toThrow('draw failed');
    expect(tf.memory().numTensors).toBe(baseline);
  });

  test('TrainingSession, handed weights that do not fit its models', () => {
    const tooFew = startWeights(train, true, KERAS_DEFAULT_INITS, false); // no Dense weights
    const baseline = tf.memory().numTensors;
    // Fails after the data and both models are built.
    expect(() => new TrainingSession(train, tooFew)).toThrow(/setWeights/);
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose(tooFew);
  });

  test('TrainingSession, given an invalid config, after making its data', () => {
    const weights = startWeights(train, true, KERAS_DEFAULT_INITS, true);
    const baseline = tf.memory().numTensors;
    expect(() => new TrainingSession({ ...train, units: 0 }, weights)).toThrow(
      'units must be a positive integer',
    );
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose(weights);
  });

  test('TrainingSession, when its second model fails to take the weights', () => {
    const weights = startWeights(train, true, KERAS_DEFAULT_INITS, true);
    const setWeights = tf.LayersModel.prototype.setWeights;
    let calls = 0;
    vi.spyOn(tf.LayersModel.prototype, 'setWeights').mockImplementation(function (
      this: tf.LayersModel,
      w: tf.Tensor[],
    ) {
      if (++calls === 2) throw new Error('second model refused');
      setWeights.call(this, w);
    });
    const baseline = tf.memory().numTensors;
    expect(() => new TrainingSession(train, weights)).toThrow('second model refused');
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose(weights);
  });
});
