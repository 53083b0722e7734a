import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { createTrainingSession } from '../../../src/lstm/experiments';
import { reloadModel } from '../../../src/lstm/train/keep';
import { freshData, tutorialData } from '../../../src/lstm/seeding';
import { checkTrainConfig } from '../../../src/runtime/validate';
import { TUTORIAL_TRAINING } from '../../tutorial';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);

test('fresh data continues NumPy’s stream after the training x and y', () => {
  // np.random.seed(313); x = random(1500); y = random(100); then these.
  const fresh = freshData(313, 100, 5, 3);
  expect(fresh.x[0]).toBeCloseTo(0.97068687, 7);
  expect(fresh.x[1]).toBeCloseTo(0.00940234, 7);
  expect(fresh.y[0]).toBeCloseTo(0.16670066, 7);
  expect(sum(fresh.x)).toBeCloseTo(767.3855936254704, 3);
  expect(sum(fresh.y)).toBeCloseTo(50.11846545821025, 4);
  // Not the training data again.
  expect(fresh.x[0]).not.toBe(tutorialData(313, 100, 5, 3).x[0]);
});

test('predictions of both models agree; a saved model loads back predicting exactly the same', async () => {
  const session = createTrainingSession({ ...TUTORIAL_TRAINING, epochs: 2 });
  for (let k = 0; k < 7; k++) await session.step();
  const p = await session.predict();
  expect(p.trained).toBe(7);
  expect(p.train.custom).toHaveLength(TUTORIAL_TRAINING.samples);
  for (const set of [p.train, p.fresh]) {
    for (let k = 0; k < set.custom.length; k++) {
      expect(Math.abs(set.custom[k]! - set.library[k]!)).toBeLessThan(1e-6);
    }
  }
  const { file } = await session.save('file');
  const before = tf.memory().numTensors;
  const kept = await reloadModel('file', file!, checkTrainConfig);
  expect(tf.memory().numTensors).toBe(before);
  session.dispose();
  expect(kept.maxAbsDiff).toBe(0);
  expect(Array.from(kept.train.predictions)).toEqual(Array.from(p.train.custom));
  expect(Array.from(kept.fresh.predictions)).toEqual(Array.from(p.fresh.custom));
  expect(kept.config.epochs).toBe(2);
});

test('a file whose settings were tampered with is refused, and nothing leaks', async () => {
  const session = createTrainingSession(TUTORIAL_TRAINING);
  const { file } = await session.save('file');
  session.dispose();
  const json = JSON.parse(file!.modelJson) as { userDefinedMetadata: { config: object } };
  const tamper = (config: object) => ({
    modelJson: JSON.stringify({
      ...json,
      userDefinedMetadata: { ...json.userDefinedMetadata, config },
    }),
    weights: file!.weights,
  });
  const before = tf.memory().numTensors;
  await expect(
    reloadModel('file', tamper({ ...TUTORIAL_TRAINING, units: 1e9 }), checkTrainConfig),
  ).rejects.toThrow(/saved settings are not usable/);
  await expect(
    reloadModel('file', tamper({ ...TUTORIAL_TRAINING, timesteps: 7 }), checkTrainConfig),
  ).rejects.toThrow(/takes \[.*5, 3\] but its settings say 7 steps/);
  expect(tf.memory().numTensors).toBe(before);
});
