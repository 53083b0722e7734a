import { expect, test } from 'vitest';
import { maxAbsDiff, type TensorSummary } from '../../../src/lstm/experiments';

const summary = (name: string, shape: number[], values: number[]): TensorSummary => ({
  name,
  shape,
  sum: values.reduce((a, b) => a + b, 0),
  values: Float32Array.from(values),
});

const output = summary('output', [2, 2], [1, 2, 3, 4]);
const h = summary('h', [2, 2], [0.5, 0.25, 0, -1]);

test('maxAbsDiff is the largest elementwise difference over every output', () => {
  const shifted = summary('h', [2, 2], [0.5, 0.25, 0.125, -1]);
  expect(maxAbsDiff([output, h], [output, shifted])).toBe(0.125);
  expect(maxAbsDiff([output, h], [output, h])).toBe(0);
});

test('maxAbsDiff calls outputs that do not line up a mismatch, never comparing their elements', () => {
  // Different number of outputs: a missing state, or an extra one.
  expect(maxAbsDiff([output, h], [output])).toBe(Infinity);
  expect(maxAbsDiff([output], [output, h])).toBe(Infinity);
  expect(maxAbsDiff([], [output])).toBe(Infinity);
  // Same values under another name: h where c was expected.
  expect(maxAbsDiff([output, h], [output, { ...h, name: 'c' }])).toBe(Infinity);
  // Same elements, another shape: [4] or [1, 4] is not [2, 2].
  expect(maxAbsDiff([output], [{ ...output, shape: [4] }])).toBe(Infinity);
  expect(maxAbsDiff([output], [{ ...output, shape: [1, 4] }])).toBe(Infinity);
  // A shorter side would otherwise be compared against undefined, or its tail skipped.
  expect(maxAbsDiff([output], [{ ...output, values: Float32Array.of(1, 2, 3) }])).toBe(Infinity);
  expect(maxAbsDiff([{ ...output, values: Float32Array.of(1, 2, 3) }], [output])).toBe(Infinity);
});
