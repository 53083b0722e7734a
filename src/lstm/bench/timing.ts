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

function abortError(): Error {
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
  const make = options.make ?? workloadFor;
  return timeInTurns(impls, (impl) => make(impl, size, op), reps, options);
}

/**
 * The loop under `benchLstm`, for any named workloads (the live run's round trip too): `warmup`
 * untimed rounds, then `reps` timed ones, each round running every workload once in turn.
 */
export async function timeInTurns<K extends string>(
  names: readonly K[],
  make: (name: K) => Workload,
  reps: number,
  options: Pick<TimingOptions, 'readBack' | 'warmup' | 'signal' | 'now'> & {
    onRun?: (name: K, ms: number | null, times: readonly number[]) => void;
  } = {},
): Promise<Record<K, number[]>> {
  const { readBack = 'async', warmup = 2, signal, onRun } = options;
  const now = options.now ?? (() => performance.now());
  const made: Workload[] = [];
  const times = {} as Record<K, number[]>;
  try {
    const work = new Map<K, Workload>();
    for (const name of names) {
      const w = make(name);
      made.push(w);
      work.set(name, w);
      times[name] = [];
    }
    for (let k = -warmup; k < reps; k++) {
      for (const name of names) {
        if (signal?.aborted) throw abortError();
        const t0 = now();
        await work.get(name)!.run(readBack);
        const ms = now() - t0;
        if (k >= 0) times[name].push(ms);
        onRun?.(name, k >= 0 ? ms : null, times[name]);
      }
    }
  } finally {
    made.forEach((w) => w.dispose());
  }
  return times;
}
