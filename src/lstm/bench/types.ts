/**
 * The benchmark's plain data: which LSTM implementations it times, at which sizes, and what it
 * reports. No tfjs here, so the protocol's checks and the chapter's views can use it.
 */

/**
 * `library`: tf.layers.lstm; `readable`: chapter 4's layer; `fused`: src/lstm/fused; `floor`:
 * the recurrent matMuls alone, the least any LSTM must dispatch: forward, the T `h·U`; a
 * training step, those, the T − 1 `dz·Uᵀ` back through time and `dU` (workloads.ts).
 */
export const BENCH_IMPLS = ['library', 'readable', 'fused', 'floor'] as const;
export type BenchImpl = (typeof BENCH_IMPLS)[number];

export const BENCH_OPS = ['forward', 'train-step'] as const;
export type BenchOp = (typeof BENCH_OPS)[number];

export interface BenchSize {
  batch: number;
  time: number;
  features: number;
  units: number;
}

/** The sizes `npm run bench` and the Performance chapter share. */
export const BENCH_SIZES = {
  tutorial: { batch: 10, time: 5, features: 3, units: 32 },
  medium: { batch: 64, time: 50, features: 16, units: 128 },
  large: { batch: 256, time: 200, features: 64, units: 256 },
} as const satisfies Record<string, BenchSize>;
export type BenchSizeName = keyof typeof BENCH_SIZES;

/** The sizes a reader's browser may run live: `large` takes minutes on a software GPU. */
export const LIVE_SIZES = ['tutorial', 'medium'] as const satisfies readonly BenchSizeName[];
export type LiveSize = (typeof LIVE_SIZES)[number];

/**
 * How a live benchmark reads each forward's result back: `async` is `await data()`, what the
 * notebook does; `sync` is `dataSync()`, which blocks the engine worker (not the page) until the
 * GPU is done, without waiting on the browser's timers (see the Performance chapter).
 */
export const LIVE_READBACKS = ['async', 'sync'] as const;
export type LiveReadBack = (typeof LIVE_READBACKS)[number];

/** What a live benchmark request asks for. */
export interface BenchConfig {
  sizes: LiveSize[];
  ops: BenchOp[];
  /** Timed repetitions per implementation, after the warm-up runs. */
  reps: number;
  /** How forwards and the round trip are read back; `async` when absent. */
  readBack?: LiveReadBack;
}

/** Bounds of a live request: enough reps for a median, few enough to finish in a minute. */
export const BENCH_LIMITS = { reps: [1, 30], warmup: 2 } as const;

/** How a forward's result is read back: `await data()` (what the page does) or `dataSync()`. */
export type ReadBack = 'async' | 'sync' | 'none';

/** One measured median, as `bench-results/bench.json` writes its rows. */
export interface BenchRow {
  impl: BenchImpl;
  size: BenchSizeName;
  op: BenchOp;
  medianMs: number;
  /** Timed repetitions the median is over. */
  reps: number;
}

/** After every run: how far the benchmark is, and the row of the implementation just timed. */
export interface BenchProgress {
  /** Runs finished, warm-up included, out of `total`. */
  done: number;
  total: number;
  /** The median so far of the implementation just run; absent while it warms up. */
  row?: BenchRow;
}

/** Runs a live request makes, warm-up included: what the progress bar counts to. */
export function benchRuns(c: BenchConfig, warmup: number = BENCH_LIMITS.warmup): number {
  return c.sizes.length * c.ops.length * BENCH_IMPLS.length * (c.reps + warmup);
}

/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
