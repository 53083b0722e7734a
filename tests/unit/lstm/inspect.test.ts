import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { compareForward } from '../../../src/lstm/experiments';
import { inspectForward, type BreakVariant } from '../../../src/lstm/inspect';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const cfg = {
  units: 8,
  timesteps: 4,
  features: 3,
  samples: 3,
  seed: 313,
  seeding: 'tf27',
} as const;
const worst = (r: Awaited<ReturnType<typeof inspectForward>>) =>
  Math.max(...Object.values(r.maxDiffPerStep).flat());

test('traces of both sides agree step by step, and end where the layer ends', async () => {
  const r = await inspectForward(cfg);
  expect(r.custom.h).toHaveLength(4);
  expect(r.custom.i[0]).toHaveLength(3);
  expect(r.custom.i[0]![0]).toHaveLength(8);
  expect(worst(r)).toBeLessThanOrEqual(1e-6);
  const last = await compareForward({ ...cfg, layer: 'loop' });
  const lastH = r.custom.h[3]!.flat();
  lastH.forEach((v, k) => expect(v).toBeCloseTo(last.custom[0]!.values[k]!, 6));
});

test.each([
  ['hardSigmoid', 1e-3],
  ['swapGates', 1e-3],
  ['unitForgetBias', 1e-3],
] as [BreakVariant, number][])('breaking it with %s shows a mismatch', async (breakIt, atLeast) => {
  const r = await inspectForward({ ...cfg, breakIt });
  expect(worst(r)).toBeGreaterThan(atLeast);
});

test('dropping a zeros bias changes nothing; dropping a real one does', async () => {
  expect(worst(await inspectForward({ ...cfg, breakIt: 'dropBias' }))).toBeLessThanOrEqual(1e-6);
  const r = await inspectForward({ ...cfg, breakIt: 'dropBias', biasInitializer: 'randomUniform' });
  expect(worst(r)).toBeGreaterThan(1e-4);
});

test('inspecting leaks no tensors', async () => {
  await inspectForward(cfg);
  const before = tf.memory().numTensors;
  for (let k = 0; k < 5; k++) await inspectForward({ ...cfg, breakIt: 'swapGates' });
  expect(tf.memory().numTensors).toBe(before);
});
