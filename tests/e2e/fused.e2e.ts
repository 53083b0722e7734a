import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { TESTED_BACKENDS } from './backends';
import { launch, watchErrors } from './chromium';
import { TUTORIAL_TRAINING } from '../tutorial';

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

// On WebGL the fused GLSL programs, on WebGPU the WGSL ones, on wasm the typed-array kernel
// (reading its inputs back). WebGPU must start: a missing adapter fails its block.
describe.each(TESTED_BACKENDS)('on %s', (backend) => {
  beforeAll(async () => {
    const info = await page.evaluate((b) => window.harness.useBackend(b), backend);
    expect(info).toEqual({ backend, float32: true });
  });

  const base = { features: 3, returnSequences: false, returnState: false, useBias: true };

  test.each([
    // Each output mode takes its own path out of the kernel: last h, every h, every state.
    ['tutorial size, last h', { ...base, batch: 10, time: 5, units: 32 }],
    ['sequences', { ...base, batch: 4, time: 6, units: 8, returnSequences: true }],
    [
      'sequences and states',
      { ...base, batch: 4, time: 6, units: 8, returnSequences: true, returnState: true },
    ],
    [
      'an initial state, last h and states',
      { ...base, batch: 4, time: 3, units: 6, returnState: true, initialState: true },
    ],
    // More steps than one stacking shader reads (14), odd batch: stacked blocks share texels.
    ['17 steps, odd batch', { ...base, batch: 3, time: 17, units: 5 }],
    // More blocks than one joining shader reads (14 of 14 steps): WebGL joins them in rounds.
    // (WebGPU and wasm stack with tf.stack, and on WebGPU this case takes two minutes here.)
    ...(backend === 'webgl'
      ? ([['200 steps, odd batch', { ...base, batch: 3, time: 200, units: 6 }]] as const)
      : []),
    // Even batch: backward stacks whole texels; odd units leave a padding column to keep at 0.
    ['17 steps, even batch, odd units', { ...base, batch: 4, time: 17, units: 5 }],
    // From 96 units (H_INPUT_UNITS) the step reads h from an h-only copy (h0 seeds it), and the
    // training forward keeps each step's z for backward: odd and even sizes of both.
    [
      'h-only copy, initial state, sequences and states',
      {
        ...base,
        batch: 4,
        time: 5,
        units: 96,
        returnSequences: true,
        returnState: true,
        initialState: true,
      },
    ],
    ['h-only copy, odd batch and units', { ...base, batch: 3, time: 4, units: 97 }],
    [
      'h-only copy, odd batch, sequences',
      { ...base, batch: 5, time: 3, units: 98, returnSequences: true },
    ],
    // Odd sizes put rows and columns in the padding of packed texels.
    [
      'odd batch and units, no bias',
      { ...base, batch: 3, time: 4, features: 5, units: 7, useBias: false, returnSequences: true },
    ],
  ] as const)(
    `fused ${backend} kernel (%s) equals tf.layers.lstm and chapter 4, and leaks nothing`,
    async (name, cfg) => {
      const r = await page.evaluate((c) => window.harness.fusedParity(c), cfg);
      console.log(`${backend} fused ${name}: ${JSON.stringify(r)}`);
      expect(r.backend).toBe(backend);
      expect(r.outputs).toBe(cfg.returnState ? 3 : 1);
      // W, U, [b], x, [h0, c0]
      expect(r.grads).toBe((cfg.useBias ? 4 : 3) + ('initialState' in cfg ? 2 : 0));
      expect(r.forwardVsLibrary).toBeLessThanOrEqual(1e-5);
      expect(r.forwardVsReadable).toBeLessThanOrEqual(1e-5);
      expect(r.gradVsLibrary).toBeLessThanOrEqual(1e-4);
      expect(r.gradVsReadable).toBeLessThanOrEqual(1e-4);
      expect(r.largestGrad).toBeGreaterThan(1e-2);
      expect(r.after).toBe(r.before);
      expect(errors).toEqual([]);
    },
  );

  // Library and fused, 10 epochs each: 29 s on WebGPU here, 5 s on WebGL, under 1 s on wasm.
  test(`10 epochs through the fused ${backend} kernel follow the library loss history within 1e-5`, async () => {
    const cfg = { ...TUTORIAL_TRAINING, seeding: 'tfjs' } as const;
    const r = await page.evaluate((c) => window.harness.fusedTraining(c), cfg);
    console.log(
      `${backend} fused training: ${r.fused.epochLosses.map((l) => l.toFixed(5)).join(' ')}`,
    );
    expect(r.fused.epochLosses).toHaveLength(10);
    r.fused.epochLosses.forEach((loss, k) => {
      const lib = r.library.epochLosses[k]!;
      expect(Math.abs(loss - lib) / lib).toBeLessThanOrEqual(1e-5);
    });
    expect(r.after).toBe(r.before);
    expect(errors).toEqual([]);
  });
});

// tests/bench/profile.mjs's pieces mode: each piece must be what the fused pass really runs,
// so its program counts are checked against the dispatches of a real run of the same size.
describe('the piece-by-piece profile on webgl', () => {
  beforeAll(async () => {
    await page.evaluate(() => window.harness.useBackend('webgl'));
  });

  const small = { batch: 3, time: 4, features: 3 };
  test.each([
    ['one program a step', { ...small, units: 8 }, 'forward'],
    ['one program a step, z recomputed', { ...small, units: 8 }, 'train-step'],
    ['h-only copies', { ...small, units: 96 }, 'forward'],
    ['z kept', { ...small, units: 96 }, 'train-step'],
  ] as const)('%s: the pieces dispatch what the pass dispatches', async (_, size, op) => {
    const r = await page.evaluate(
      async ({ s, o }) => ({
        profile: await window.harness.profilePieces(s, o, 1),
        real: await window.harness.countDispatches('fused', s, o),
      }),
      { s: size, o: op },
    );
    const { rows } = r.profile;
    expect(rows.filter((row) => row.of === 'whole').map((row) => row.name)).toEqual([
      'library',
      'fused',
      'floor',
    ]);
    const programs = rows.filter((row) => row.inputs !== null);
    // The forward's step program, or its z and cell programs where training keeps z (from 96
    // units); from 96 units the h copies; when training, the step-back and dz·Uᵀ programs.
    const wide = size.units >= 96;
    const training = op === 'train-step';
    const forward = training && wide ? 2 : 1;
    expect(programs).toHaveLength(forward + (wide ? 1 : 0) + (training ? 2 : 0));
    for (const row of programs) {
      const dispatched = Object.entries(r.real.byKind)
        .filter(([kind]) => kind.endsWith(`(${row.inputs})`))
        .reduce((sum, [, n]) => sum + n, 0);
      // The output's last h is taken out of the state by the h copies' program too.
      const output = row.inputs === 's' ? 1 : 0;
      expect(dispatched, row.name).toBe(row.programs! + output);
    }
    for (const row of rows) {
      expect(Number.isFinite(row.medianMs) && row.netMs >= 0, row.name).toBe(true);
    }
    expect(r.profile.bound).toBeGreaterThan(0);
    expect(r.profile.leaked).toBe(0);
    expect(errors).toEqual([]);
  });
});
