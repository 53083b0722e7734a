import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { LSTMWithBias } from '../../../src/lstm/layers/lstmWithBias';
import { LSTMWithOptions } from '../../../src/lstm/layers/lstmWithOptions';
import { SimpleLSTM } from '../../../src/lstm/layers/simpleLstm';
import { TemporalLoopLSTM } from '../../../src/lstm/layers/temporalLoopLstm';
import { maxAbsDiff, useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const init = {
  units: 6,
  inputShape: [5, 3] as number[],
  kernelInitializer: { name: 'glorotUniform', seed: 31 },
  recurrentInitializer: { name: 'orthogonal', seed: 32 },
  biasInitializer: { name: 'randomNormal', seed: 33 },
} as const;

test.each([
  ['SimpleLSTM', () => new SimpleLSTM(init)],
  ['LSTMWithBias', () => new LSTMWithBias(init)],
  ['TemporalLoopLSTM', () => new TemporalLoopLSTM(init)],
  [
    'LSTMWithOptions',
    () => new LSTMWithOptions({ ...init, returnSequences: true, timeMajor: false }),
  ],
] as const)('%s survives a save/load round trip', async (name, make) => {
  const model = tf.sequential({
    layers: [
      make(),
      tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
  const x = tf.randomUniform([3, 5, 3], -1, 1, 'float32', 1);
  const before = model.predict(x) as tf.Tensor;

  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  expect(JSON.stringify(saved!.modelTopology)).toContain(name);
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
  expect(loaded.layers[0]!.getClassName()).toBe(name);
  const after = loaded.predict(x) as tf.Tensor;
  expect(after.shape).toEqual(before.shape);
  expect(maxAbsDiff(after.dataSync(), before.dataSync())).toBe(0);
  tf.dispose([x, before, after]);
  model.dispose();
  loaded.dispose();
});
