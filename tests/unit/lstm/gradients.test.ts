import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { kerasEquivalent } from '../../../src/lstm/keras';
import { LSTMWithBias } from '../../../src/lstm/layers/lstmWithBias';
import { LSTMWithOptions } from '../../../src/lstm/layers/lstmWithOptions';
import { SimpleLSTM } from '../../../src/lstm/layers/simpleLstm';
import { TemporalLoopLSTM } from '../../../src/lstm/layers/temporalLoopLstm';
import { maxAbsDiff, useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const init = {
  units: 16,
  kernelInitializer: { name: 'glorotUniform', seed: 21 },
  recurrentInitializer: { name: 'orthogonal', seed: 22 },
  biasInitializer: { name: 'randomUniform', seed: 23 },
} as const;

/** Gradients of a scalar loss, sum(output · probe), with respect to every weight of a layer. */
function gradientsOf(layer: tf.layers.Layer, x: tf.Tensor3D, probe: tf.Tensor): Float32Array[] {
  layer.apply(x); // builds the weights
  const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  return tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      const out = layer.apply(x) as tf.Tensor;
      return tf.sum(tf.mul(out, probe));
    }, variables);
    return variables.map((v) => grads[v.name]!.dataSync() as Float32Array);
  });
}

test.each([
  ['SimpleLSTM', () => new SimpleLSTM(init), false],
  ['LSTMWithBias', () => new LSTMWithBias(init), true],
  ['TemporalLoopLSTM', () => new TemporalLoopLSTM(init), true],
  [
    'LSTMWithOptions (sequences)',
    () => new LSTMWithOptions({ ...init, returnSequences: true }),
    true,
  ],
] as const)('%s: gradients equal the library LSTM within 1e-5', (_name, make, useBias) => {
  const layer = make();
  const sequences = layer instanceof LSTMWithOptions && layer.returnSequences;
  const library = kerasEquivalent({ ...init, useBias, returnSequences: sequences });
  const x = tf.randomUniform([4, 6, 3], -1, 1, 'float32', 7) as tf.Tensor3D;
  const probe = tf.randomUniform(sequences ? [4, 6, 16] : [4, 16], -1, 1, 'float32', 8);
  const ours = gradientsOf(layer, x, probe);
  const theirs = gradientsOf(library, x, probe);
  expect(ours.length).toBe(useBias ? 3 : 2);
  expect(theirs.length).toBe(ours.length);
  ours.forEach((g, k) => {
    expect(maxAbsDiff(g, theirs[k]!)).toBeLessThanOrEqual(1e-5);
    expect(Math.max(...g.map(Math.abs))).toBeGreaterThan(1e-3); // the gradient is not trivially zero
  });
  tf.dispose([x, probe]);
});
