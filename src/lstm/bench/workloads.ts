/**
 * What the benchmark times: one forward pass or one training batch of each LSTM implementation,
 * built once with fixed weights and run again and again. Each run reads its result back, as the
 * page must, so the GPU's queued work is inside the timing.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../experimentTypes';
import { FusedLSTM } from '../fused/layer';
import { trainingSetup } from '../fused/model';
import { kerasEquivalent } from '../keras';
import { LSTMWithOptions } from '../layers/lstmWithOptions';
import type { BenchImpl, BenchOp, BenchSize, ReadBack } from './types';

async function readBack(t: tf.Tensor, how: ReadBack = 'async'): Promise<void> {
  if (how === 'async') await t.data();
  else if (how === 'sync') t.dataSync();
}

/** A timed piece of work and how to free it; `run` resolves once the result is read back. */
export interface Workload {
  run: (read?: ReadBack) => Promise<void>;
  dispose: () => void;
}

/** Random but fixed weights: glorotUniform everywhere (tfjs' orthogonal takes minutes at 256). */
export function forwardWorkload(impl: BenchImpl, s: BenchSize): Workload {
  const x = tf.randomUniform([s.batch, s.time, s.features], -1, 1, 'float32', 1) as tf.Tensor3D;
  if (impl === 'floor') {
    const h = tf.randomUniform([s.batch, s.units], -1, 1, 'float32', 2);
    const u = tf.randomUniform([s.units, 4 * s.units], -0.1, 0.1, 'float32', 3);
    return {
      run: async (how) => {
        let z: tf.Tensor | null = null;
        for (let t = 0; t < s.time; t++) {
          z?.dispose();
          z = tf.matMul(h, u);
        }
        await readBack(z!, how);
        z!.dispose();
      },
      dispose: () => tf.dispose([x, h, u]),
    };
  }
  const args = {
    units: s.units,
    kernelInitializer: { name: 'glorotUniform', seed: 4 },
    recurrentInitializer: { name: 'glorotUniform', seed: 5 },
    biasInitializer: { name: 'randomUniform', seed: 6 },
  } as const;
  const layer =
    impl === 'library'
      ? kerasEquivalent(args)
      : impl === 'readable'
        ? new LSTMWithOptions(args)
        : new FusedLSTM(args);
  return {
    run: async (how) => {
      const out = tf.tidy(() => layer.apply(x) as tf.Tensor);
      await readBack(out, how);
      out.dispose();
    },
    dispose: () => {
      layer.dispose();
      x.dispose();
    },
  };
}

/**
 * A training step's floor: the multiplications backpropagation through time cannot do without,
 * in sequence where the chain demands it. T forward `h·U` ([batch, units]·[units, 4·units]), the
 * T − 1 backward `dz·Uᵀ` that carry the gradient one step back, and `dU` over every step at once,
 * `Hᵀ·dZ` ([units, T·batch]·[T·batch, 4·units]). Its stacks are made beforehand, already
 * transposed as the fastest way to multiply them here (see webglBackward.ts): the floor leaves
 * out the gates and their gradients, the input's weights, the Dense layer, the loss and the
 * optimizer, so an implementation's time over it is everything else.
 */
function trainFloor(s: BenchSize): Workload {
  const rows = s.time * s.batch;
  const h = tf.randomUniform([s.batch, s.units], -1, 1, 'float32', 2);
  const u = tf.randomUniform([s.units, 4 * s.units], -0.1, 0.1, 'float32', 3);
  const dz = tf.randomUniform([s.batch, 4 * s.units], -1, 1, 'float32', 4);
  const hAllT = tf.randomUniform([s.units, rows], -1, 1, 'float32', 5);
  const dzAllT = tf.randomUniform([4 * s.units, rows], -1, 1, 'float32', 6);
  return {
    run: async (how) => {
      for (let t = 0; t < s.time; t++) tf.matMul(h, u).dispose();
      tf.matMul(hAllT, dzAllT, false, true).dispose();
      // The chain back through time last: reading its end waits for everything queued before.
      let dh: tf.Tensor | null = null;
      for (let t = s.time - 1; t > 0; t--) {
        dh?.dispose();
        dh = tf.matMul(dz, u, false, true);
      }
      // One step has no way back: its dh is dU's, read instead.
      dh ??= tf.matMul(hAllT, dzAllT, false, true);
      await readBack(dh, how);
      dh.dispose();
    },
    dispose: () => tf.dispose([h, u, dz, hAllT, dzAllT]),
  };
}

/**
 * One batch of chapter 5's training: LSTM -> Dense(1), MSE, Keras RMSprop, the loss read back.
 * Without the per-gate gradient norms the notebook's trainer adds for its chart: they are
 * instrumentation, not training, and about fifteen more programs on WebGL.
 */
export function trainWorkload(impl: BenchImpl, s: BenchSize): Workload {
  if (impl === 'floor') return trainFloor(s);
  const cfg: TrainConfig = {
    units: s.units,
    timesteps: s.time,
    features: s.features,
    samples: s.batch,
    batchSize: s.batch,
    epochs: 1_000_000,
    seed: 7,
    seeding: 'tfjs',
    learningRate: 0.001,
  };
  const setup = trainingSetup(cfg, impl, false);
  return {
    run: async () => {
      await setup.trainer.trainBatch();
    },
    dispose: setup.dispose,
  };
}

/**
 * The round trip: one trivial program (adding 1 to a [10, 32] tensor already on the device) and
 * its read-back. Whatever an implementation computes, seeing its result costs at least this.
 */
export function roundTripWorkload(): Workload {
  const x = tf.tidy(() => tf.add(tf.zeros([10, 32]), 1));
  return {
    run: async (read) => {
      const y = tf.add(x, 1);
      try {
        await readBack(y, read);
      } finally {
        y.dispose();
      }
    },
    dispose: () => x.dispose(),
  };
}

export const workloadFor = (impl: BenchImpl, size: BenchSize, op: BenchOp): Workload =>
  op === 'forward' ? forwardWorkload(impl, size) : trainWorkload(impl, size);
