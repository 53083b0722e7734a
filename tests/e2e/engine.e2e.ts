import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launch, watchErrors } from './chromium';

let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
  page = await browser.newPage();
  errors = watchErrors(page);
  await page.goto(`${inject('baseUrl')}harness.html`);
  await page.waitForFunction(() => window.harnessReady === true);
});
afterAll(async () => {
  await browser?.close();
});

test('the engine runs on WebGL in float32', async () => {
  const info = await page.evaluate(() => window.harness.useBackend('webgl'));
  expect(info).toEqual({ backend: 'webgl', float32: true });
});

// Custom and library run on the same backend; WebGL's float32 shaders round differently from
// the CPU, so the bound is looser than the 1e-6 the unit tests hold on the CPU.
const WEBGL_TOL = 1e-5;

test.each(['simple', 'bias', 'loop', 'options'] as const)(
  'chapter layer %s equals tf.layers.lstm on WebGL (tfjs seeding)',
  async (layer) => {
    const result = await page.evaluate((cfg) => window.harness.compareForward(cfg), {
      layer,
      units: 32,
      timesteps: 5,
      features: 3,
      samples: 10,
      seed: 313,
      seeding: 'tfjs' as const,
      returnSequences: true,
      returnState: true,
    });
    console.log(`webgl ${layer}: max |custom - library| = ${result.maxAbsDiff.toExponential(2)}`);
    expect(result.maxAbsDiff).toBeLessThanOrEqual(WEBGL_TOL);
    expect(result.custom[0]!.shape).toEqual(layer === 'options' ? [10, 5, 32] : [10, 32]);
    expect(Math.abs(result.custom[0]!.sum)).toBeGreaterThan(0.1);
  },
);

test('re-running a cell 50 times on WebGL keeps the tensor count flat', async () => {
  const cfg = {
    layer: 'options' as const,
    units: 16,
    timesteps: 5,
    features: 3,
    samples: 10,
    seed: 1,
    seeding: 'tfjs' as const,
    recurrentInitializer: 'glorotUniform' as const,
  };
  const counts = await page.evaluate(async (c) => {
    await window.harness.compareForward(c);
    const before = window.harness.memory();
    for (let k = 0; k < 50; k++) await window.harness.compareForward(c);
    return [before, window.harness.memory()];
  }, cfg);
  expect(counts[1]).toBe(counts[0]);
  expect(errors).toEqual([]);
});
