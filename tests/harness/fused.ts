/**
 * The fused LSTM in the browser, for tests/e2e/fused.e2e.ts: forward and gradients of FusedLSTM,
 * tf.layers.lstm and chapter 4's layer from the same weights, on whatever backend is active.
 * Only plain numbers cross back to the test.
 */
import * as tf from '@tensorflow/tfjs';
import { FusedLSTM } from '../../src/lstm/fused/layer';
import { trainHistory } from '../../src/lstm/fused/model';
import { kerasEquivalent } from '../../src/lstm/keras';
import { LSTMWithOptions } from '../../src/lstm/layers/lstmWithOptions';
import type { TrainConfig } from '../../src/lstm/experimentTypes';

export interface ParityConfig {
  batch: number;
  time: number;
  features: number;
  units: number;
  returnSequences: boolean;
  returnState: boolean;
  useBias: boolean;
  /** Start from random h0, c0 (passed as `initialState`) instead of zeros. */
  initialState?: boolean;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k]! - b[k]!));
  return Number.isNaN(max) ? Infinity : max;
}

function layersFor(cfg: ParityConfig) {
  const args = {
    units: cfg.units,
    useBias: cfg.useBias,
    returnSequences: cfg.returnSequences,
    returnState: cfg.returnState,
    kernelInitializer: { name: 'glorotUniform', seed: 11 },
    // tfjs' orthogonal initializer takes about a minute from 96 units up (a Gram-Schmidt of
    // many small ops); the kernel under test does not care how U was drawn.
    recurrentInitializer:
      cfg.units < 64
        ? ({ name: 'orthogonal', seed: 12 } as const)
        : ({ name: 'glorotUniform', seed: 12 } as const),
    biasInitializer: { name: 'randomUniform', seed: 13 },
  } as const;
  return {
    fused: new FusedLSTM(args),
    library: kerasEquivalent(args),
    readable: new LSTMWithOptions(args),
  };
}

const asList = (out: tf.Tensor | tf.Tensor[]) => (Array.isArray(out) ? out : [out]);

/** Outputs, and ∂(Σ output·probe)/∂(W, U, b, x[, h0, c0]), of each layer, as arrays. */
async function run(layer: tf.layers.Layer, x: tf.Tensor3D, probe: tf.Tensor, start: tf.Tensor[]) {
  const apply = (input: tf.Tensor, state: tf.Tensor[]) =>
    asList(layer.apply(input, state.length ? { initialState: state } : {}) as tf.Tensor);
  const forward = tf.tidy(() => apply(x, start));
  const outputs = await Promise.all(forward.map((t) => t.data()));
  tf.dispose(forward);
  const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const grads = tf.tidy(() => {
    const loss = (input: tf.Tensor, ...state: tf.Tensor[]) =>
      tf.sum(tf.mul(apply(input, state)[0]!, probe)) as tf.Scalar;
    const { grads: g } = tf.variableGrads(() => loss(x, ...start), variables);
    return [...variables.map((v) => g[v.name]!), ...tf.grads(loss)([x, ...start])];
  });
  const gradValues = await Promise.all(grads.map((t) => t.data()));
  tf.dispose(grads);
  return { outputs, grads: gradValues };
}

/**
 * max |fused − library| and max |fused − readable| over every output and every gradient, and
 * the tensor count before and after (a second, fresh run: shader compiles are not leaks).
 */
export async function fusedParity(cfg: ParityConfig) {
  const x = tf.randomUniform(
    [cfg.batch, cfg.time, cfg.features],
    -1,
    1,
    'float32',
    3,
  ) as tf.Tensor3D;
  const probeShape = cfg.returnSequences
    ? [cfg.batch, cfg.time, cfg.units]
    : [cfg.batch, cfg.units];
  const probe = tf.randomUniform(probeShape, -1, 1, 'float32', 4);
  const start = cfg.initialState
    ? [5, 6].map((seed) => tf.randomUniform([cfg.batch, cfg.units], -1, 1, 'float32', seed))
    : [];
  const layers = layersFor(cfg);
  try {
    const fused = await run(layers.fused, x, probe, start);
    const library = await run(layers.library, x, probe, start);
    const readable = await run(layers.readable, x, probe, start);
    const worst = (other: typeof fused, key: 'outputs' | 'grads') =>
      Math.max(...fused[key].map((v, k) => maxDiff(v, other[key][k] ?? [])));
    const before = tf.memory().numTensors;
    await run(layers.fused, x, probe, start);
    const after = tf.memory().numTensors;
    return {
      backend: tf.getBackend(),
      outputs: fused.outputs.length,
      grads: fused.grads.length,
      forwardVsLibrary: worst(library, 'outputs'),
      forwardVsReadable: worst(readable, 'outputs'),
      gradVsLibrary: worst(library, 'grads'),
      gradVsReadable: worst(readable, 'grads'),
      largestGrad: Math.max(...fused.grads.map((g) => Math.max(...Array.from(g, Math.abs)))),
      before,
      after,
    };
  } finally {
    tf.dispose([x, probe, ...start]);
    Object.values(layers).forEach((l) => l.dispose());
  }
}

/** Epoch losses of the fused and the library model over the same training run. */
export async function fusedTraining(cfg: TrainConfig) {
  const before = tf.memory().numTensors;
  const fused = await trainHistory(cfg, 'fused');
  const library = await trainHistory(cfg, 'library');
  return { fused, library, before, after: tf.memory().numTensors };
}
