/**
 * `npm run bench`'s LSTM timings, run in the page: the engine's own timing core
 * (src/lstm/bench), the one the Performance chapter runs live in the engine worker.
 */
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
