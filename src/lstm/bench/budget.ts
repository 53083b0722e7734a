/**
 * The work budget of a live benchmark. It stops between any two runs, so what must fit the
 * engine's budget is one run of one implementation, estimated as the budget estimates everything
 * (milliseconds on tfjs' CPU backend, the slowest backend a reader may pick).
 */
import { BUDGET, estimateMs } from '../budget';
import { BENCH_SIZES, type BenchConfig, type BenchOp, type BenchSizeName } from './types';

/** Estimated CPU milliseconds of one run of one implementation. */
export function benchRunMs(size: BenchSizeName, op: BenchOp): number {
  const s = BENCH_SIZES[size];
  const p = {
    units: s.units,
    timesteps: s.time,
    features: s.features,
    samples: s.batch,
    epochs: 1,
    batchSize: s.batch,
  };
  // The estimates are of the chapters' requests, which run two models: one is half of that.
  return estimateMs(op === 'forward' ? 'forward' : 'train', p) / 2;
}

/** Why a live benchmark is refused before it starts, or null when every run fits. */
export function benchOverBudget(c: BenchConfig): { message: string; field: 'sizes' } | null {
  for (const size of c.sizes) {
    for (const op of c.ops) {
      const ms = benchRunMs(size, op);
      if (ms > BUDGET.ms) {
        return {
          field: 'sizes',
          message: `One ${op} at ${size} size is estimated at ${(ms / 1000).toFixed(1)} s on the CPU backend, over the ${BUDGET.ms / 1000} s a single run may take; leave out ${size} or ${op}.`,
        };
      }
    }
  }
  return null;
}
