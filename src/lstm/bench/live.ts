/**
 * The benchmark as the Performance chapter runs it on the reader's device, in the engine worker:
 * each size and op in turn, medians reported after every run so the page can draw a growing
 * table, and a stop between any two runs.
 */
import { benchLstm, timeInTurns, type TimingOptions } from './timing';
import { roundTripWorkload, type Workload } from './workloads';
import {
  BENCH_LIMITS,
  BENCH_SIZES,
  benchRuns,
  BENCH_IMPLS,
  median,
  type BenchConfig,
  type BenchProgress,
  type BenchRow,
} from './types';

export interface LiveBenchResult {
  rows: BenchRow[];
  /**
   * Median ms of the round trip (`roundTripWorkload`), timed after the LSTMs as often as each of
   * them: no run on this device can take less.
   */
  roundTripMs: number;
}

export async function runBench(
  config: BenchConfig,
  signal?: AbortSignal,
  onProgress?: (p: BenchProgress) => void,
  options: Pick<TimingOptions, 'now' | 'make' | 'warmup'> & {
    makeRoundTrip?: () => Workload;
  } = {},
): Promise<LiveBenchResult> {
  const warmup = options.warmup ?? BENCH_LIMITS.warmup;
  const readBack = config.readBack ?? 'async';
  const total = benchRuns(config, warmup);
  const rows: BenchRow[] = [];
  let done = 0;
  for (const size of config.sizes) {
    for (const op of config.ops) {
      const times = await benchLstm(BENCH_IMPLS, BENCH_SIZES[size], op, config.reps, {
        ...options,
        readBack,
        warmup,
        signal,
        onRun: (impl, ms, so) => {
          done++;
          const row =
            ms === null ? undefined : { impl, size, op, medianMs: median(so), reps: so.length };
          onProgress?.({ done, total, ...(row ? { row } : {}) });
        },
      });
      for (const impl of BENCH_IMPLS) {
        rows.push({ impl, size, op, medianMs: median(times[impl]!), reps: config.reps });
      }
    }
  }
  // The round trip last, as often as each implementation, off the progress count.
  const makeRoundTrip = options.makeRoundTrip ?? roundTripWorkload;
  const { trip } = await timeInTurns(['trip'], makeRoundTrip, config.reps, {
    readBack,
    warmup,
    signal,
    now: options.now,
  });
  return { rows, roundTripMs: median(trip) };
}
