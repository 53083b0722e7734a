/** The benchmark: the timing core of `npm run bench`, and its live run for the Performance chapter. */
export * from './types';
export { benchLstm, timeInTurns, type TimingOptions } from './timing';
export {
  forwardWorkload,
  roundTripWorkload,
  trainWorkload,
  workloadFor,
  type Workload,
} from './workloads';
export { runBench, type LiveBenchResult } from './live';
export { benchOverBudget, benchRunMs } from './budget';
