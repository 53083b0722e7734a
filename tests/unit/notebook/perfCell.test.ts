/** The benchmark cell's plain helpers: the reps field and folding progress rows in. */
import { expect, test } from 'vitest';
import { parseReps } from '../../../src/notebook/PerfCell';
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
