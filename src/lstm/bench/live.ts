/**
 * The benchmark as the Performance chapter runs it on the reader's device, in the engine worker:
 * each size and op in turn, medians reported after every run so the page can draw a growing
 * table, and a stop between any two runs.
 */
import { benchLstm, type TimingOptions } from './timing';
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
}

export async function runBench(
  config: BenchConfig,
  signal?: AbortSignal,
  onProgress?: (p: BenchProgress) => void,
  options: Pick<TimingOptions, 'now' | 'make' | 'warmup'> = {},
): Promise<LiveBenchResult> {
  const warmup = options.warmup ?? BENCH_LIMITS.warmup;
  const total = benchRuns(config, warmup);
  const rows: BenchRow[] = [];
  let done = 0;
  for (const size of config.sizes) {
    for (const op of config.ops) {
      const times = await benchLstm(BENCH_IMPLS, BENCH_SIZES[size], op, config.reps, {
        ...options,
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
  return { rows };
}
