import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import {
  compareForward,
  inspectForward,
  type BiasInitName,
  type ForwardConfig,
} from '../../../src/lstm/experiments';
import { BIAS_INIT_NAMES, INIT_NAMES, assertBiasInit } from '../../../src/lstm/initializers';
import { kerasEquivalent } from '../../../src/lstm/keras';
import { LSTMWithBias } from '../../../src/lstm/layers/lstmWithBias';
import { LSTMWithOptions } from '../../../src/lstm/layers/lstmWithOptions';
import { initChoice } from '../../../src/lstm/startWeights';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const REFUSED = /biasInitializer cannot be 'orthogonal': a bias is a vector/;
// What a caller outside the types (a stale message, plain JavaScript) could still send.
const orthogonal = 'orthogonal' as BiasInitName;

const forward: ForwardConfig = {
  layer: 'options',
  units: 3,
  timesteps: 4,
  features: 2,
  samples: 2,
  seed: 313,
  seeding: 'tfjs',
  returnState: true,
  recurrentInitializer: 'glorotUniform',
};

test('the bias list is every initializer but orthogonal, in the same order', () => {
  expect(BIAS_INIT_NAMES).toEqual(INIT_NAMES.filter((n) => n !== 'orthogonal'));
  for (const name of BIAS_INIT_NAMES) expect(() => assertBiasInit(name)).not.toThrow();
  expect(() => assertBiasInit('orthogonal')).toThrow(REFUSED);
  // The message says what to pick instead.
  expect(() => assertBiasInit('orthogonal')).toThrow(
    'Use one of glorotUniform, zeros, ones, randomUniform, randomNormal.',
  );
});

test('the layers refuse an orthogonal bias when they are made, by name or by spec', () => {
  expect(() => new LSTMWithOptions({ units: 2, biasInitializer: 'orthogonal' })).toThrow(REFUSED);
  expect(
    () => new LSTMWithBias({ units: 2, biasInitializer: { name: 'orthogonal', seed: 5 } }),
  ).toThrow(REFUSED);
  expect(() => kerasEquivalent({ units: 2, biasInitializer: 'orthogonal' })).toThrow(REFUSED);
  // Orthogonal stays fine where it belongs.
  const layer = new LSTMWithOptions({ units: 2, recurrentInitializer: 'orthogonal' });
  expect(layer.recurrentInitializer.name).toBe('orthogonal');
});

test('the experiments refuse an orthogonal bias before drawing anything', async () => {
  expect(() => initChoice({ biasInitializer: orthogonal })).toThrow(REFUSED);
  const baseline = tf.memory().numTensors;
  for (const seeding of ['tfjs', 'tf27'] as const) {
    await expect(
      compareForward({ ...forward, seeding, biasInitializer: orthogonal }),
    ).rejects.toThrow(REFUSED);
    await expect(
      inspectForward({ ...forward, seeding, biasInitializer: orthogonal }),
    ).rejects.toThrow(REFUSED);
  }
  expect(tf.memory().numTensors).toBe(baseline);
});

test('every initializer the bias list offers runs, and both layers agree on it', async () => {
  for (const seeding of ['tfjs', 'tf27'] as const) {
    for (const biasInitializer of BIAS_INIT_NAMES) {
      const r = await compareForward({ ...forward, seeding, biasInitializer });
      expect(r.maxAbsDiff, `${seeding} ${biasInitializer}`).toBeLessThanOrEqual(1e-6);
    }
  }
});
