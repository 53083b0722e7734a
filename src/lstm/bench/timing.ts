/**
 * The timing core `npm run bench` and the Performance chapter share: every implementation run
 * `warmup` times untimed (shader compiles, texture pools), then `reps` times timed. They take
 * turns within each repetition, so a slow phase of a shared machine hits all of them alike.
 */
import type { BenchImpl, BenchOp, BenchSize, ReadBack } from './types';
import { workloadFor, type Workload } from './workloads';

export interface TimingOptions {
  readBack?: ReadBack;
  warmup?: number;
  /** Checked before every run: an aborted signal stops the bench with an AbortError. */
  signal?: AbortSignal;
  /** After every run, warm-up included; `ms` is null for a warm-up run. */
  onRun?: (impl: BenchImpl, ms: number | null, times: readonly number[]) => void;
  /** The clock (tests pass a fake one). */
  now?: () => number;
  /** Builds the work to time (tests pass stand-ins). */
  make?: (impl: BenchImpl, size: BenchSize, op: BenchOp) => Workload;
}

export function abortError(): Error {
  const e = new Error('The benchmark was cancelled.');
  e.name = 'AbortError';
  return e;
}

/** Milliseconds of each timed run, per implementation. Every workload is disposed, even on abort. */
export async function benchLstm(
  impls: readonly BenchImpl[],
  size: BenchSize,
  op: BenchOp,
  reps: number,
  options: TimingOptions = {},
): Promise<Record<string, number[]>> {
  const { readBack = 'async', warmup = 2, signal, onRun } = options;
  const now = options.now ?? (() => performance.now());
  const make = options.make ?? workloadFor;
  const made: Workload[] = [];
  const times: Record<string, number[]> = {};
  try {
    const work = new Map<BenchImpl, Workload>();
    for (const impl of impls) {
      const w = make(impl, size, op);
      made.push(w);
      work.set(impl, w);
      times[impl] = [];
    }
    for (let k = -warmup; k < reps; k++) {
      for (const impl of impls) {
        if (signal?.aborted) throw abortError();
        const t0 = now();
        await work.get(impl)!.run(readBack);
        const ms = now() - t0;
        if (k >= 0) times[impl]!.push(ms);
        onRun?.(impl, k >= 0 ? ms : null, times[impl]!);
      }
    }
  } finally {
    made.forEach((w) => w.dispose());
  }
  return times;
}
