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

/** One batch of chapter 5's training (LSTM -> Dense(1), MSE, Keras RMSprop, loss read back). */
export function trainWorkload(impl: BenchImpl, s: BenchSize): Workload {
  if (impl === 'floor') throw new Error('The floor is a forward-pass measure only.');
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
  const setup = trainingSetup(cfg, impl);
  return {
    run: async () => {
      await setup.trainer.trainBatch();
    },
    dispose: setup.dispose,
  };
}

export const workloadFor = (impl: BenchImpl, size: BenchSize, op: BenchOp): Workload =>
  op === 'forward' ? forwardWorkload(impl, size) : trainWorkload(impl, size);
