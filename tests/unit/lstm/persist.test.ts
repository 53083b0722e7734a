import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tutorialData, PLACEHOLDER_SPECS } from '../../../src/lstm/seeding';
import { inOrder } from '../../../src/lstm/train/batchOrder';
import { buildTutorialModel } from '../../../src/lstm/train/model';
import {
  BROWSER_KEY,
  fromArtifacts,
  loadFromBrowser,
  readMetadata,
  saveToBrowser,
  toArtifacts,
  WEIGHTS_FILE,
  type PlainArtifacts,
  type SavedMetadata,
} from '../../../src/lstm/train/persist';
import { Trainer } from '../../../src/lstm/train/trainer';
import { useCpuBackend } from '../setup';

const shape = { units: 6, timesteps: 5, features: 3 };
const samples = 20;
let baseline = 0;
let model: tf.Sequential;
let x: tf.Tensor3D;
let y: tf.Tensor2D;
let saved: PlainArtifacts;

const metadata = (predictions: number[]): SavedMetadata => ({
  format: 'lstm-notebook/1',
  config: { ...shape, samples, seed: 7, seeding: 'tfjs', epochs: 1, batchSize: 5 },
  predictions,
  savedAt: '2025-01-02T03:04:05.000Z',
});

const predict = (m: tf.LayersModel) =>
  tf.tidy(() => (m.predict(x) as tf.Tensor).dataSync() as Float32Array);

beforeAll(async () => {
  await useCpuBackend();
  baseline = tf.memory().numTensors;
  const data = tutorialData(7, samples, shape.timesteps, shape.features);
  x = tf.tensor3d(data.x, [samples, shape.timesteps, shape.features]);
  y = tf.tensor2d(data.y, [samples, 1]);
  model = buildTutorialModel({
    kind: 'custom',
    ...shape,
    ...PLACEHOLDER_SPECS,
    kernelInitializer: { name: 'glorotUniform', seed: 1 },
    recurrentInitializer: { name: 'orthogonal', seed: 2 },
    denseKernelInitializer: { name: 'glorotUniform', seed: 3 },
  });
  // A few batches, so the weights (and the bias) are no longer their initial values.
  const trainer = new Trainer(model, x, y, {
    batchSize: 5,
    batchOrder: inOrder,
    learningRate: 0.01,
  });
  for (let k = 0; k < 4; k++) await trainer.trainBatch();
  trainer.dispose();
  saved = await toArtifacts(model, metadata(Array.from(predict(model))));
});

afterAll(() => {
  model.dispose();
  tf.dispose([x, y]);
  expect(tf.memory().numTensors).toBe(baseline);
});

/** Load, hand the model to `use`, dispose it, and check nothing was left behind. */
async function withLoaded(
  a: PlainArtifacts,
  use: (loaded: Awaited<ReturnType<typeof fromArtifacts>>) => void,
) {
  const before = tf.memory().numTensors;
  const loaded = await fromArtifacts(a);
  use(loaded);
  loaded.model.dispose();
  expect(tf.memory().numTensors).toBe(before);
}

const editJson = (edit: (json: Record<string, unknown>) => void): PlainArtifacts => {
  const json = JSON.parse(saved.modelJson) as Record<string, unknown>;
  edit(json);
  return { modelJson: JSON.stringify(json), weights: saved.weights };
};

describe('toArtifacts', () => {
  it('writes the model.json downloads:// would, naming the weights file', () => {
    const json = JSON.parse(saved.modelJson);
    expect(Object.keys(json).sort()).toEqual(
      [
        'convertedBy',
        'format',
        'generatedBy',
        'modelTopology',
        'userDefinedMetadata',
        'weightsManifest',
      ].sort(),
    );
    expect(json.format).toBe('layers-model');
    expect(json.generatedBy).toMatch(/^TensorFlow\.js tfjs-layers v4\./);
    expect(json.modelTopology.config.layers[0].class_name).toBe('LSTMWithOptions');
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual([`./${WEIGHTS_FILE}`]);
    expect(json.weightsManifest[0].weights.map((w: { name: string }) => w.name)).toEqual([
      'lstm/kernel',
      'lstm/recurrent_kernel',
      'lstm/bias',
      'dense/kernel',
      'dense/bias',
    ]);
    const { units: u, features: f } = shape;
    expect(saved.weights.byteLength).toBe(4 * (f * 4 * u + u * 4 * u + 4 * u + u + 1));
  });

  it('leaves the saved model without metadata of its own', () => {
    expect(model.getUserDefinedMetadata()).toBeUndefined();
  });
});

describe('fromArtifacts', () => {
  it('gives back the same model: predictions bitwise equal, metadata intact', async () => {
    const before = predict(model);
    await withLoaded(saved, ({ model: loaded, metadata: meta }) => {
      expect(loaded.layers[0]!.getClassName()).toBe('LSTMWithOptions');
      const after = predict(loaded);
      let maxDiff = 0;
      after.forEach((v, k) => (maxDiff = Math.max(maxDiff, Math.abs(v - before[k]!))));
      expect(after).toHaveLength(samples);
      expect(maxDiff).toBe(0);
      expect(meta).toEqual(metadata(Array.from(before)));
      expect(loaded.getUserDefinedMetadata()).toEqual(
        JSON.parse(saved.modelJson).userDefinedMetadata,
      );
    });
  });

  it('keeps a NaN prediction as NaN (JSON stores it as null)', async () => {
    const a = await toArtifacts(model, metadata([0.5, NaN]));
    expect(JSON.parse(a.modelJson).userDefinedMetadata.predictions).toEqual([0.5, null]);
    await withLoaded(a, ({ metadata: meta }) => expect(meta!.predictions).toEqual([0.5, NaN]));
  });

  it('loads a model without the notebook metadata, with metadata null', async () => {
    const plain = editJson((json) => delete json.userDefinedMetadata);
    await withLoaded(plain, ({ metadata: meta }) => expect(meta).toBeNull());
    expect(readMetadata({ format: 'someone-else/2' })).toBeNull();
    expect(() => readMetadata({ format: 'lstm-notebook/1', predictions: [] })).toThrow(
      /no training config/,
    );
  });

  it('says what is wrong with a file it cannot load, and leaks nothing', async () => {
    const before = tf.memory().numTensors;
    const fail = (a: PlainArtifacts) => expect(fromArtifacts(a)).rejects;
    await fail({ modelJson: '{"modelTop', weights: saved.weights }).toThrow(/not JSON/);
    await fail(editJson((json) => delete json.modelTopology)).toThrow(/no modelTopology/);
    await fail({ modelJson: saved.modelJson, weights: saved.weights.slice(4) }).toThrow(
      /has \d+ bytes; model.json expects \d+/,
    );
    const renamed = editJson((json) => {
      const topology = json.modelTopology as { config: { layers: { class_name: string }[] } };
      topology.config.layers[0]!.class_name = 'MyLSTM';
    });
    await fail(renamed).toThrow(/does not know: MyLSTM/);
    // A weight name that matches no variable: tfjs throws after building the model.
    const misnamed = editJson((json) => {
      const manifest = json.weightsManifest as { weights: { name: string }[] }[];
      manifest[0]!.weights[4]!.name = 'dense/other';
    });
    await fail(misnamed).toThrow(/no target variable: dense\/other/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

it('round-trips the library model too', async () => {
  const library = buildTutorialModel({ kind: 'library', ...shape, ...PLACEHOLDER_SPECS });
  const before = predict(library);
  const a = await toArtifacts(library, metadata([]));
  library.dispose();
  await withLoaded(a, ({ model: loaded }) => {
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(['LSTM', 'Dense']);
    expect(predict(loaded)).toEqual(before);
  });
});

describe('browser storage outside a browser', () => {
  it('refuses clearly where there is no IndexedDB', async () => {
    await expect(saveToBrowser(model, metadata([]), BROWSER_KEY)).rejects.toThrow(/no IndexedDB/);
    await expect(loadFromBrowser(BROWSER_KEY)).rejects.toThrow(
      'No model is saved in this browser under "lstm-notebook/training".',
    );
  });
});
