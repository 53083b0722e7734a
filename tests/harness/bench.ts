/**
 * `npm run bench`'s LSTM timings, run in the page: the engine's own timing core
 * (src/lstm/bench), the one the Performance chapter runs live in the engine worker.
 */
import {
  benchLstm as time,
  median,
  roundTripWorkload,
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
 * The engine's round trip (`roundTripWorkload`: one trivial program and its read-back), read back
 * asynchronously (`await data()`, as the engine reads) and blocking (`dataSync()`), in turns.
 * Medians in milliseconds.
 */
export async function roundTrip(reps: number): Promise<{ async: number; sync: number }> {
  const work = roundTripWorkload();
  const times: { async: number[]; sync: number[] } = { async: [], sync: [] };
  try {
    for (let k = -3; k < reps; k++) {
      for (const how of ['async', 'sync'] as const) {
        const t0 = performance.now();
        await work.run(how);
        if (k >= 0) times[how].push(performance.now() - t0);
      }
    }
  } finally {
    work.dispose();
  }
  return { async: median(times.async), sync: median(times.sync) };
}
