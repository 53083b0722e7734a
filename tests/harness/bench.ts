/**
 * `npm run bench`'s LSTM timings, run in the page: per implementation (tf.layers.lstm, chapter
 * 4's readable layer, the fused layer, and the floor: the T recurrent matMuls alone), forward
 * and one training step, on the active backend. Implementations take turns within each
 * repetition, so a slow phase of the shared machine hits all of them alike.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../../src/lstm/experimentTypes';
import { FusedLSTM } from '../../src/lstm/fused/layer';
import { trainingSetup } from '../../src/lstm/fused/model';
import { kerasEquivalent } from '../../src/lstm/keras';
import { LSTMWithOptions } from '../../src/lstm/layers/lstmWithOptions';

export type BenchImpl = 'library' | 'readable' | 'fused' | 'floor';

export interface BenchSize {
  batch: number;
  time: number;
  features: number;
  units: number;
}

/** How a forward's result is read back: `await data()` (what the page does) or `dataSync()`. */
export type ReadBack = 'async' | 'sync' | 'none';

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

/**
 * Times each implementation `reps` times after `warmup` untimed runs (shader compiles, texture
 * pools), taking turns; returns milliseconds per implementation. `readBack` picks how a
 * forward's output is read (a training step always reads its loss as the trainer does).
 */
export async function benchLstm(
  impls: BenchImpl[],
  size: BenchSize,
  op: 'forward' | 'train-step',
  reps: number,
  readBack: ReadBack = 'async',
  warmup = 2,
): Promise<Record<string, number[]>> {
  const made: Partial<Record<BenchImpl, Workload>> = {};
  const times: Record<string, number[]> = {};
  try {
    for (const impl of impls) {
      made[impl] = op === 'forward' ? forwardWorkload(impl, size) : trainWorkload(impl, size);
      times[impl] = [];
    }
    for (let k = -warmup; k < reps; k++) {
      for (const impl of impls) {
        const t0 = performance.now();
        await made[impl]!.run(readBack);
        const ms = performance.now() - t0;
        if (k >= 0) times[impl]!.push(ms);
      }
    }
  } finally {
    Object.values(made).forEach((w) => w.dispose());
  }
  return times;
}
