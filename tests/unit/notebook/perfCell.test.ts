/**
 * The benchmark cell's plain helpers: the reps field, folding progress rows in, and what the
 * round trip says about the reader's numbers.
 */
import { expect, test } from 'vitest';
import { parseReps, roundTripText } from '../../../src/notebook/PerfCell';
import { withRow } from '../../../src/notebook/useBench';
import type { BenchRow } from '../../../src/lstm/bench/types';

test('reps: whole numbers from 1 to 30, anything else refused with the bounds', () => {
  expect(parseReps('1')).toEqual({ reps: 1 });
  expect(parseReps('30')).toEqual({ reps: 30 });
  for (const bad of ['0', '31', '2.5', '', ' ', 'abc', 'NaN', 'Infinity', '-3', '1e3']) {
    expect(parseReps(bad)).toEqual({
      error: 'Repetitions must be a whole number from 1 to 30.',
    });
  }
});

test('a newer median of the same impl, size and op replaces the older one in place', () => {
  const a: BenchRow = { impl: 'library', size: 'tutorial', op: 'forward', medianMs: 5, reps: 1 };
  const b: BenchRow = { ...a, impl: 'fused', medianMs: 2 };
  const rows = withRow(withRow([], a), b);
  expect(withRow(rows, { ...a, medianMs: 6, reps: 2 })).toEqual([
    { ...a, medianMs: 6, reps: 2 },
    b,
  ]);
});

test('the round trip bounds the tutorial forward: library ÷ round trip, or just the time', () => {
  const library: BenchRow = {
    impl: 'library',
    size: 'tutorial',
    op: 'forward',
    medianMs: 12,
    reps: 5,
  };
  expect(roundTripText([library], 4.8)).toBe(
    'A round trip, one trivial program and its read-back, took 4.8 ms on your device: no run can ' +
      "take less, so at tutorial size no implementation could be more than 2.5 times as fast as the library's forward (12 ms) here.",
  );
  // Without the library's tutorial forward (medium only, or a training step only): the time alone.
  const medium = { ...library, size: 'medium' as const, medianMs: 300 };
  expect(roundTripText([medium], 0.9)).toBe(
    'A round trip, one trivial program and its read-back, took 0.9 ms on your device: no run can take less.',
  );
  // A clock too coarse to see it (0 ms) gives no ratio either.
  expect(roundTripText([library], 0)).toMatch(
    /took 0\.0 ms on your device: no run can take less\.$/,
  );
});
