import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { FusedLSTM } from '../../../src/lstm/fused/layer';
import { trainHistory, trainingSetup } from '../../../src/lstm/fused/model';
import { fusedLstm } from '../../../src/lstm/fused/op';
import { kerasEquivalent } from '../../../src/lstm/keras';
import { LSTMWithOptions } from '../../../src/lstm/layers/lstmWithOptions';
import { temporalLoop } from '../../../src/lstm/loop';
import { maxAbsDiff, useCpuBackend } from '../setup';
import { TUTORIAL_TRAINING } from '../../tutorial';

beforeAll(useCpuBackend);

const init = {
  units: 7,
  kernelInitializer: { name: 'glorotUniform', seed: 41 },
  recurrentInitializer: { name: 'orthogonal', seed: 42 },
  biasInitializer: { name: 'randomUniform', seed: 43 },
} as const;

const flat = (out: tf.Tensor | tf.Tensor[]) =>
  (Array.isArray(out) ? out : [out]).map((t) => t.dataSync() as Float32Array);

test.each([
  ['last h, with bias', { returnSequences: false, returnState: false, useBias: true }],
  ['sequences and states', { returnSequences: true, returnState: true, useBias: true }],
  ['sequences, no bias', { returnSequences: true, returnState: false, useBias: false }],
] as const)('FusedLSTM (%s) equals tf.layers.lstm and chapter 4 forward', (_name, options) => {
  const x = tf.randomUniform([3, 6, 4], -1, 1, 'float32', 5) as tf.Tensor3D;
  const fused = new FusedLSTM({ ...init, ...options });
  const library = kerasEquivalent({ ...init, ...options });
  const readable = new LSTMWithOptions({ ...init, ...options });
  const ours = flat(fused.apply(x) as tf.Tensor);
  const theirs = flat(library.apply(x) as tf.Tensor);
  const chapter = flat(readable.apply(x) as tf.Tensor);
  expect(ours).toHaveLength(options.returnState ? 3 : 1);
  ours.forEach((o, k) => {
    expect(maxAbsDiff(o, theirs[k]!)).toBeLessThanOrEqual(1e-6);
    expect(maxAbsDiff(o, chapter[k]!)).toBeLessThanOrEqual(1e-6);
  });
  // The recorded path (inside a gradient) returns the same numbers as the forward-only one.
  const recorded = tf.tidy(() => {
    let seen: Float32Array[] = [];
    tf.grad((input: tf.Tensor) => {
      const out = fused.apply(input) as tf.Tensor | tf.Tensor[];
      seen = flat(out);
      return tf.sum(Array.isArray(out) ? out[0]! : out);
    })(x);
    return seen;
  });
  recorded.forEach((o, k) => expect(maxAbsDiff(o, ours[k]!)).toBe(0));
  [fused, library, readable].forEach((l) => l.dispose());
  x.dispose();
});

/** ∂(Σ output ⊙ probe)/∂(every weight) of a layer. */
function weightGrads(layer: tf.layers.Layer, x: tf.Tensor3D, probe: tf.Tensor): Float32Array[] {
  layer.apply(x);
  const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  return tf.tidy(() => {
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, probe)),
      variables,
    );
    return variables.map((v) => grads[v.name]!.dataSync() as Float32Array);
  });
}

test.each([false, true])(
  'FusedLSTM gradients equal tf.layers.lstm and chapter 4 (returnSequences %s)',
  (returnSequences) => {
    const x = tf.randomUniform([4, 5, 3], -1, 1, 'float32', 7) as tf.Tensor3D;
    const probe = tf.randomUniform(returnSequences ? [4, 5, 7] : [4, 7], -1, 1, 'float32', 8);
    const ours = weightGrads(new FusedLSTM({ ...init, returnSequences }), x, probe);
    const theirs = weightGrads(kerasEquivalent({ ...init, returnSequences }), x, probe);
    const chapter = weightGrads(new LSTMWithOptions({ ...init, returnSequences }), x, probe);
    expect(ours).toHaveLength(3);
    ours.forEach((g, k) => {
      expect(maxAbsDiff(g, theirs[k]!)).toBeLessThanOrEqual(1e-5);
      expect(maxAbsDiff(g, chapter[k]!)).toBeLessThanOrEqual(1e-5);
      expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(1e-3);
    });
    tf.dispose([x, probe]);
  },
);

test.each([true, false])(
  'gradients with respect to the input and the initial state equal the readable loop (returnState %s)',
  (returnState) => {
    const [batch, time, features, units] = [3, 4, 2, 5];
    const w = {
      kernel: tf.randomUniform([features, 4 * units], -0.5, 0.5, 'float32', 1) as tf.Tensor2D,
      recurrentKernel: tf.randomUniform([units, 4 * units], -0.5, 0.5, 'float32', 2) as tf.Tensor2D,
      bias: tf.randomUniform([4 * units], -0.5, 0.5, 'float32', 3) as tf.Tensor1D,
    };
    const x = tf.randomUniform([batch, time, features], -1, 1, 'float32', 4) as tf.Tensor3D;
    const h0 = tf.randomUniform([batch, units], -1, 1, 'float32', 5) as tf.Tensor2D;
    const c0 = tf.randomUniform([batch, units], -1, 1, 'float32', 6) as tf.Tensor2D;
    const probe = tf.randomUniform([batch, time, units], -1, 1, 'float32', 9);
    const probeC = tf.randomUniform([batch, units], -1, 1, 'float32', 10);
    const baseline = tf.memory().numTensors;
    const fusedLoss = (xi: tf.Tensor, h: tf.Tensor, c: tf.Tensor) => {
      const r = fusedLstm(xi as tf.Tensor3D, w, [h as tf.Tensor2D, c as tf.Tensor2D], {
        returnSequences: true,
        returnState,
      });
      const seq = tf.sum(tf.mul(r.output, probe));
      return returnState ? tf.add(seq, tf.sum(tf.mul(r.c!, probeC))) : seq;
    };
    const readableLoss = (xi: tf.Tensor, h: tf.Tensor, c: tf.Tensor) => {
      const r = temporalLoop(
        tf.transpose(xi, [1, 0, 2]) as tf.Tensor3D,
        h as tf.Tensor2D,
        c as tf.Tensor2D,
        w,
      );
      const cLast = tf.squeeze(tf.slice(r.cSeq, [time - 1, 0, 0], [1, -1, -1]), [0]);
      const hSeq = tf.transpose(r.hSeq, [1, 0, 2]);
      const seq = tf.sum(tf.mul(hSeq, probe));
      return returnState ? tf.add(seq, tf.sum(tf.mul(cLast, probeC))) : seq;
    };
    const ours = tf.tidy(() =>
      tf
        .grads(fusedLoss)([x, h0, c0])
        .map((g) => g.dataSync()),
    );
    const theirs = tf.tidy(() =>
      tf
        .grads(readableLoss)([x, h0, c0])
        .map((g) => g.dataSync()),
    );
    ours.forEach((g, k) => {
      expect(maxAbsDiff(g, theirs[k]!)).toBeLessThanOrEqual(1e-5);
      expect(Math.max(...Array.from(g, Math.abs))).toBeGreaterThan(1e-3);
    });
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose([x, h0, c0, probe, probeC, w.kernel, w.recurrentKernel, w.bias]);
  },
);

test('forward and gradient passes, repeated, leave no tensor behind', () => {
  const layer = new FusedLSTM({ units: 6, returnSequences: true, returnState: true });
  const x = tf.randomUniform([2, 5, 3]) as tf.Tensor3D;
  tf.dispose(layer.apply(x) as tf.Tensor[]);
  const variables = layer.trainableWeights.map((v) => v.read() as tf.Variable);
  const baseline = tf.memory().numTensors;
  for (let k = 0; k < 20; k++) {
    tf.dispose(layer.apply(x) as tf.Tensor[]);
    const { value, grads } = tf.variableGrads(() => {
      const [out, , c] = layer.apply(x) as tf.Tensor[];
      return tf.add(tf.sum(out!), tf.sum(c!));
    }, variables);
    tf.dispose([value, ...Object.values(grads)]);
  }
  expect(tf.memory().numTensors).toBe(baseline);
  layer.dispose();
  x.dispose();
});

test('FusedLSTM survives a save/load round trip', async () => {
  const model = tf.sequential({
    layers: [
      new FusedLSTM({ ...init, inputShape: [5, 3], returnSequences: true }),
      tf.layers.dense({ units: 2 }),
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
  expect(JSON.stringify(saved!.modelTopology)).toContain('FusedLSTM');
  const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
  expect(loaded.layers[0]!.getClassName()).toBe('FusedLSTM');
  const after = loaded.predict(x) as tf.Tensor;
  expect(maxAbsDiff(after.dataSync(), before.dataSync())).toBe(0);
  tf.dispose([x, before, after]);
  model.dispose();
  loaded.dispose();
});

test('10 epochs of Keras RMSprop through FusedLSTM follow the library loss history', async () => {
  const cfg = { ...TUTORIAL_TRAINING, seeding: 'tfjs' } as const;
  const baseline = tf.memory().numTensors;
  const fused = await trainHistory(cfg, 'fused');
  const library = await trainHistory(cfg, 'library');
  expect(fused.batchLosses).toHaveLength(100);
  fused.epochLosses.forEach((loss, k) => {
    expect(Math.abs(loss - library.epochLosses[k]!) / library.epochLosses[k]!).toBeLessThanOrEqual(
      1e-5,
    );
  });
  expect(fused.epochLosses[9]!).toBeLessThan(fused.epochLosses[0]! * 0.8);
  expect(tf.memory().numTensors).toBe(baseline);
});

test('the gate norms ride along unless turned off; the loss is the same either way', async () => {
  const cfg = { ...TUTORIAL_TRAINING, seeding: 'tfjs' } as const;
  const [withNorms, without] = [true, false].map((norms) => trainingSetup(cfg, 'fused', norms));
  const a = await withNorms!.trainer.trainBatch();
  const b = await without!.trainer.trainBatch();
  expect(a.gateNorms?.f).toBeGreaterThan(0);
  expect(b.gateNorms).toBeUndefined();
  expect(b.loss).toBe(a.loss);
  withNorms!.dispose();
  without!.dispose();
});
