import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { PRINTED, TUTORIAL_SETUP, TUTORIAL_TRAINING, relative } from '../tutorial';
import { TESTED_BACKENDS, TRAINING_BACKENDS, forwardBound } from './backends';
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

describe.each(TESTED_BACKENDS)('on %s', (backend) => {
  const trains = (TRAINING_BACKENDS as readonly string[]).includes(backend);
  beforeAll(async () => {
    await page.evaluate((b) => window.harness.useBackend(b), backend);
  });

  test(`the engine runs on ${backend} in float32`, async () => {
    const info = await page.evaluate((b) => window.harness.useBackend(b), backend);
    expect(info).toEqual({ backend, float32: true });
  });

  // Custom and library run on the same backend; GPU float32 shaders round differently from the
  // CPU, so their bound (1e-5) is looser than the 1e-6 the CPU and wasm are held to.
  const TOL = forwardBound(backend);

  test.each(['simple', 'bias', 'loop', 'options'] as const)(
    `chapter layer %s equals tf.layers.lstm on ${backend} (tfjs seeding)`,
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
      console.log(
        `${backend} ${layer}: max |custom - library| = ${result.maxAbsDiff.toExponential(2)}`,
      );
      expect(result.maxAbsDiff).toBeLessThanOrEqual(TOL);
      expect(result.custom[0]!.shape).toEqual(layer === 'options' ? [10, 5, 32] : [10, 32]);
      expect(Math.abs(result.custom[0]!.sum)).toBeGreaterThan(0.1);
    },
  );

  test(`re-running a cell 50 times on ${backend} keeps the tensor count flat`, async () => {
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

  test.runIf(trains)(
    `the training worker trains on its own ${backend}, as the page does, and leaks nothing`,
    async () => {
      const cfg = {
        units: 8,
        timesteps: 5,
        features: 3,
        samples: 20,
        seed: 3,
        seeding: 'tfjs' as const,
        epochs: 2,
        batchSize: 10,
        learningRate: 0.01,
      };
      const r = await page.evaluate(
        async ([c, b]) => {
          const worker = await window.harness.workerTraining(c, 10, b);
          const here = await window.harness.compareTraining(c);
          return { ...worker, here: here.custom.batchLosses.flat() };
        },
        [cfg, backend] as const,
      );
      expect(r.backend).toMatchObject({
        active: backend,
        thread: 'worker',
        floatBits: 32,
        fallbackReason: null,
      });
      expect(r.after).toEqual(r.before);
      expect(r.losses).toHaveLength(4);
      // Same engine, same backend, another thread: the same losses up to float32 rounding.
      r.losses.forEach((loss, k) => expect(relative(loss, r.here[k]!)).toBeLessThanOrEqual(1e-5));
      expect(errors).toEqual([]);
    },
  );

  // The Python tutorial's printed numbers, reproduced with TF 2.7 seeding.

  test(`tf27 seeding on ${backend} prints 25.964834 (chapters 1-3) and 115.15204 (chapter 4)`, async () => {
    for (const layer of ['simple', 'bias', 'loop'] as const) {
      const r = await page.evaluate((cfg) => window.harness.compareForward(cfg), {
        ...TUTORIAL_SETUP,
        layer,
      });
      console.log(
        `${backend} tf27 ${layer}: ${r.custom[0]!.sum} / ${r.library[0]!.sum}, diff ${r.maxAbsDiff}`,
      );
      expect(relative(r.custom[0]!.sum, PRINTED.lastOutputSum)).toBeLessThanOrEqual(1e-6);
      expect(relative(r.library[0]!.sum, PRINTED.lastOutputSum)).toBeLessThanOrEqual(1e-6);
    }
    const r = await page.evaluate((cfg) => window.harness.compareForward(cfg), {
      ...TUTORIAL_SETUP,
      layer: 'options' as const,
      returnSequences: true,
    });
    console.log(`${backend} tf27 options: ${r.custom[0]!.sum} / ${r.library[0]!.sum}`);
    expect(relative(r.custom[0]!.sum, PRINTED.sequenceSum)).toBeLessThanOrEqual(1e-6);
    expect(relative(r.library[0]!.sum, PRINTED.sequenceSum)).toBeLessThanOrEqual(1e-6);
  });

  test.runIf(trains)(`tf27 seeding on ${backend} trains to the tutorial loss history`, async () => {
    const h = await page.evaluate((cfg) => window.harness.compareTraining(cfg), TUTORIAL_TRAINING);
    const { epochLosses } = PRINTED;
    for (const kind of ['custom', 'library'] as const) {
      const losses = h[kind].epochLosses;
      const sum = losses.reduce((a, b) => a + b, 0);
      console.log(
        `${backend} tf27 training ${kind}: ${losses.map((l) => l.toFixed(4)).join(' ')} sum ${sum}`,
      );
      losses.forEach((l, k) => expect(l).toBeCloseTo(epochLosses[k]!, 4));
      expect(relative(sum, PRINTED.lossSum)).toBeLessThanOrEqual(1e-6);
    }
  });
});
