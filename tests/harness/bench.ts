/**
 * `npm run bench`'s LSTM timings, run in the page: the engine's own timing core
 * (src/lstm/bench), the one the Performance chapter runs live in the engine worker.
 */
import * as tf from '@tensorflow/tfjs';
import {
  benchLstm as time,
  median,
  type BenchImpl,
  type BenchOp,
  type BenchSize,
  type ReadBack,
} from '../../src/lstm/bench';

export {
  forwardWorkload,
  trainWorkload,
  type BenchImpl,
  type BenchSize,
  type ReadBack,
  type Workload,
} from '../../src/lstm/bench';

/** Milliseconds of each timed run per implementation, and their medians. */
export async function benchLstm(
  impls: BenchImpl[],
  size: BenchSize,
  op: BenchOp,
  reps: number,
  readBack: ReadBack = 'async',
  warmup = 2,
): Promise<{ times: Record<string, number[]>; medians: Record<string, number> }> {
  const times = await time(impls, size, op, reps, { readBack, warmup });
  const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  return { times, medians };
}

/**
 * One trivial program (adding 1 to a [10, 32] tensor already on the device) and its read-back,
 * asynchronous (`await data()`, as the engine reads) and blocking (`dataSync()`), in turns: what
 * seeing any result costs before anything is computed. Medians in milliseconds.
 */
export async function roundTrip(reps: number): Promise<{ async: number; sync: number }> {
  const x = tf.tidy(() => tf.add(tf.zeros([10, 32]), 1));
  const times: { async: number[]; sync: number[] } = { async: [], sync: [] };
  try {
    for (let k = -3; k < reps; k++) {
      for (const how of ['async', 'sync'] as const) {
        const t0 = performance.now();
        const y = tf.add(x, 1);
        if (how === 'async') await y.data();
        else y.dataSync();
        const ms = performance.now() - t0;
        y.dispose();
        if (k >= 0) times[how].push(ms);
      }
    }
  } finally {
    x.dispose();
  }
  return { async: median(times.async), sync: median(times.sync) };
}
