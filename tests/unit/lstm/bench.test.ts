/**
 * The benchmark's timing core (src/lstm/bench), shared by `npm run bench` and the Performance
 * chapter: its arithmetic with a fake clock, and its real workloads on tfjs' CPU backend, leak-free.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  BENCH_SIZES,
  benchLstm,
  benchOverBudget,
  benchRuns,
  median,
  runBench,
  type BenchImpl,
  type BenchProgress,
  type Workload,
} from '../../../src/lstm/bench';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

/** A clock that moves only when a fake run says so: each impl's run takes a fixed time. */
function fakeBench(msOf: Record<string, number[]>) {
  let clock = 0;
  const calls: string[] = [];
  const disposed: string[] = [];
  const counts: Record<string, number> = {};
  const make = (impl: BenchImpl): Workload => ({
    run: async () => {
      calls.push(impl);
      const k = (counts[impl] = (counts[impl] ?? 0) + 1) - 1;
      const list = msOf[impl]!;
      clock += list[Math.min(k, list.length - 1)]!;
    },
    dispose: () => disposed.push(impl),
  });
  return { make, now: () => clock, advance: (ms: number) => (clock += ms), calls, disposed };
}

describe('median', () => {
  test('odd and even counts, unsorted input left as it is', () => {
    const xs = [5, 1, 3];
    expect(median(xs)).toBe(3);
    expect(xs).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });
});

describe('benchLstm', () => {
  test('warm-up runs are untimed, impls take turns, every workload is disposed', async () => {
    const f = fakeBench({ library: [100, 100, 10, 12, 11], fused: [50, 50, 3, 5, 4] });
    const times = await benchLstm(['library', 'fused'], BENCH_SIZES.tutorial, 'forward', 3, {
      warmup: 2,
      make: f.make,
      now: f.now,
    });
    expect(times).toEqual({ library: [10, 12, 11], fused: [3, 5, 4] });
    expect(f.calls).toEqual(Array.from({ length: 5 }, () => ['library', 'fused']).flat());
    expect(f.disposed.sort()).toEqual(['fused', 'library']);
  });

  test('an aborted signal stops it before the next run, and still disposes everything', async () => {
    const f = fakeBench({ library: [1], fused: [1] });
    const controller = new AbortController();
    let runs = 0;
    const run = benchLstm(['library', 'fused'], BENCH_SIZES.tutorial, 'forward', 10, {
      make: f.make,
      now: f.now,
      signal: controller.signal,
      onRun: () => {
        if (++runs === 3) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(f.calls).toHaveLength(3);
    expect(f.disposed.sort()).toEqual(['fused', 'library']);
  });
});

describe('runBench', () => {
  test('reports every run, medians so far, and one row per impl, size and op', async () => {
    const f = fakeBench({ library: [9, 9, 4, 6, 5], readable: [1], fused: [2], floor: [1] });
    const seen: BenchProgress[] = [];
    const config = { sizes: ['tutorial' as const], ops: ['forward' as const], reps: 3 };
    // The round trip runs after the LSTMs, off the progress count: 2 warm-up runs, then 3 timed.
    const tripMs = [50, 50, 3, 5, 4];
    let trips = 0;
    const makeRoundTrip = (): Workload => ({
      run: async () => {
        f.advance(tripMs[trips++]!);
      },
      dispose: () => f.disposed.push('round trip'),
    });
    const { rows, roundTripMs } = await runBench(config, undefined, (p) => seen.push(p), {
      make: f.make,
      now: f.now,
      makeRoundTrip,
    });
    expect(trips).toBe(5);
    expect(roundTripMs).toBe(4);
    expect(f.disposed).toContain('round trip');
    expect(seen.map((p) => p.done)).toEqual(Array.from({ length: 20 }, (_, k) => k + 1));
    expect(seen.every((p) => p.total === benchRuns(config))).toBe(true);
    expect(benchRuns(config)).toBe(4 * (3 + 2));
    // The first 8 runs (2 warm-up rounds of 4 impls) carry no row.
    expect(seen.slice(0, 8).every((p) => p.row === undefined)).toBe(true);
    const libraryRows = seen.flatMap((p) => (p.row?.impl === 'library' ? [p.row] : []));
    expect(libraryRows.map((r) => [r.medianMs, r.reps])).toEqual([
      [4, 1],
      [5, 2],
      [5, 3],
    ]);
    expect(rows).toEqual([
      { impl: 'library', size: 'tutorial', op: 'forward', medianMs: 5, reps: 3 },
      { impl: 'readable', size: 'tutorial', op: 'forward', medianMs: 1, reps: 3 },
      { impl: 'fused', size: 'tutorial', op: 'forward', medianMs: 2, reps: 3 },
      { impl: 'floor', size: 'tutorial', op: 'forward', medianMs: 1, reps: 3 },
    ]);
  });

  test('every timed forward and the round trip read back as the config says', async () => {
    const reads: (string | undefined)[] = [];
    const stub = (): Workload => ({
      run: async (read) => {
        reads.push(read);
      },
      dispose: () => {},
    });
    for (const readBack of ['sync', 'async', undefined] as const) {
      reads.length = 0;
      const config = { sizes: ['tutorial' as const], ops: ['forward' as const], reps: 1 };
      await runBench(readBack ? { ...config, readBack } : config, undefined, undefined, {
        make: stub,
        makeRoundTrip: stub,
      });
      // 4 impls and the round trip, 1 + 2 warm-up runs each.
      expect(reads).toEqual(Array.from({ length: 15 }, () => readBack ?? 'async'));
    }
  });

  test('a training step times all four impls, its own floor among them', () => {
    expect(benchRuns({ sizes: ['tutorial', 'medium'], ops: ['train-step'], reps: 1 })).toBe(
      2 * 4 * 3,
    );
  });

  test('the real workloads on the CPU backend: positive medians and no tensor left behind', async () => {
    const before = tf.memory().numTensors;
    const { rows, roundTripMs } = await runBench(
      { sizes: ['tutorial'], ops: ['forward', 'train-step'], reps: 2 },
      undefined,
      undefined,
      { warmup: 1 },
    );
    expect(rows.map((r) => `${r.op}/${r.impl}`)).toEqual([
      'forward/library',
      'forward/readable',
      'forward/fused',
      'forward/floor',
      'train-step/library',
      'train-step/readable',
      'train-step/fused',
      'train-step/floor',
    ]);
    for (const r of rows) expect(r.medianMs).toBeGreaterThan(0);
    expect(Number.isFinite(roundTripMs) && roundTripMs >= 0).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  test('a run aborted part-way leaves no tensor behind either', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = runBench(
      { sizes: ['tutorial'], ops: ['forward'], reps: 5 },
      controller.signal,
      (p) => p.done === 6 && controller.abort(),
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('benchOverBudget', () => {
  test('forward at both live sizes fits; a medium training step is refused, naming it', () => {
    expect(benchOverBudget({ sizes: ['tutorial', 'medium'], ops: ['forward'], reps: 30 })).toBe(
      null,
    );
    expect(benchOverBudget({ sizes: ['tutorial'], ops: ['forward', 'train-step'], reps: 30 })).toBe(
      null,
    );
    const over = benchOverBudget({ sizes: ['medium'], ops: ['train-step'], reps: 1 });
    expect(over?.field).toBe('sizes');
    expect(over?.message).toMatch(/train-step at medium size .* leave out medium or train-step/);
  });
});
