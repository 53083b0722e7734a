import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { compareForward } from '../../../src/lstm/experiments';
import { COMPARED_WITH, inspectForward, type BreakVariant } from '../../../src/lstm/inspect';
import { GATE_KEYS } from '../../../src/lstm/gates';
import { traceRow } from '../../../src/lstm/traceData';
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
  Math.max(...Object.values(r.maxDiffPerStep).flatMap((d) => Array.from(d)));

test('traces of both sides agree step by step, and end where the layer ends', async () => {
  const r = await inspectForward(cfg);
  expect(r.custom).toMatchObject({ steps: 4, samples: 3, units: 8 });
  for (const k of GATE_KEYS) {
    expect(r.custom.values[k]).toHaveLength(4 * 3 * 8);
    expect(r.maxDiffPerStep[k]).toHaveLength(4);
  }
  expect(r.input.values).toHaveLength(3 * 4 * 3);
  expect(worst(r)).toBeLessThanOrEqual(1e-6);
  const last = await compareForward({ ...cfg, layer: 'loop' });
  const lastH = [0, 1, 2].flatMap((b) => Array.from(traceRow(r.custom, 'h', 3, b)));
  lastH.forEach((v, k) => expect(v).toBeCloseTo(last.custom[0]!.values[k]!, 6));
});

test('gates are checked against the float64 reference, states against tf.layers.lstm', async () => {
  expect(COMPARED_WITH).toMatchObject({
    i: 'float64 reference',
    c: 'tf.layers.lstm',
    h: 'tf.layers.lstm',
  });
  // Hard sigmoid bends every gate: the reference (true sigmoid) sees it in i at the first step.
  const r = await inspectForward({ ...cfg, breakIt: 'hardSigmoid' });
  expect(r.maxDiffPerStep.i[0]).toBeGreaterThan(1e-3);
});

test('each step carries the size of what it is compared with, for a scaled tolerance', async () => {
  const r = await inspectForward(cfg);
  for (const k of ['i', 'f', 'g', 'o'] as const) {
    for (const s of r.scalePerStep[k]) expect(s).toBeLessThanOrEqual(1);
  }
  // The cell state is unbounded: with the tutorial's growing input it passes 1.
  expect(Math.max(...r.scalePerStep.c)).toBeGreaterThan(1);
  for (const s of r.scalePerStep.h) expect(s).toBeLessThanOrEqual(1);
});

test('a cancelled inspection stops and leaks nothing', async () => {
  await inspectForward(cfg);
  const before = tf.memory().numTensors;
  const controller = new AbortController();
  controller.abort();
  await expect(inspectForward(cfg, controller.signal)).rejects.toThrow();
  expect(tf.memory().numTensors).toBe(before);
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
