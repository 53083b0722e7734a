/**
 * The Performance chapter in real Chromium (software WebGL): it waits for Run, runs the live
 * benchmark in the engine worker with a progress bar, shows the ratio table and the bar chart
 * beside the reference numbers, stops on Cancel with partial results while the page stays
 * responsive, shows refusals in place, and leaves the worker's tf.memory flat across runs.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SCREENSHOT_STYLE, launch, watchErrors } from './chromium';

const base = () => inject('baseUrl');
const CELL = '.cell[aria-label="Benchmark on your device"]';

let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = watchErrors(page);
  await page.goto(`${base()}#/performance`);
  await page.locator(CELL).waitFor();
});
afterAll(async () => {
  await browser?.close();
});

const cell = () => page.locator(CELL);
const status = () => cell().getAttribute('data-status');
const progress = () => cell().getByRole('progressbar', { name: 'Benchmark progress' });

/** Tick exactly these sizes, set the training-step box and the repetitions. */
async function settings(sizes: string[], train: boolean, reps: string) {
  for (const size of ['tutorial', 'medium']) {
    await cell()
      .getByRole('checkbox', { name: new RegExp(`^${size} \\(`) })
      .setChecked(sizes.includes(size));
  }
  await cell()
    .getByRole('checkbox', { name: /also one training step/ })
    .setChecked(train);
  await cell()
    .getByRole('spinbutton', { name: /Repetitions/ })
    .fill(reps);
}

/** The largest gap between 50 ms timer ticks on the page since `startGaps`. */
const startGaps = () =>
  page.evaluate(() => {
    const w = window as unknown as { __gap: number; __last: number; __timer: number };
    w.__gap = 0;
    w.__last = performance.now();
    w.__timer = window.setInterval(() => {
      const now = performance.now();
      w.__gap = Math.max(w.__gap, now - w.__last);
      w.__last = now;
    }, 50);
  });
const stopGaps = () =>
  page.evaluate(() => {
    const w = window as unknown as { __gap: number; __timer: number };
    clearInterval(w.__timer);
    return w.__gap;
  });

describe('#/performance', () => {
  test('is a chapter after training, in the contents, with prev/next', async () => {
    await expect(page.locator('article h1').textContent()).resolves.toBe('6. Performance');
    const toc = page.getByRole('navigation', { name: 'Chapters' });
    await expect(toc.getByRole('link', { name: /Performance/ }).count()).resolves.toBe(1);
    // The lazily loaded chapter's sections still reach the contents.
    await expect.poll(() => toc.getByRole('button', { name: 'The floor' }).count()).toBe(1);
    const prevNext = page.getByRole('navigation', { name: 'Previous and next chapter' });
    await expect(prevNext.getByRole('link').textContent()).resolves.toContain('Training');
    expect(await page.title()).toBe('Performance — LSTM from scratch');
    await page.screenshot({
      path: 'test-results/screenshots/performance-chapter.png',
      fullPage: true,
      style: SCREENSHOT_STYLE,
    });
  });

  test('shows the fused kernel’s real source, and does not run the benchmark by itself', async () => {
    const kernel = page.locator('.cell[aria-label="The fused WebGL kernel"]');
    await expect(kernel.locator('.source').textContent()).resolves.toContain(
      'export class StepProgram',
    );
    await kernel.getByRole('tab', { name: /glsl\.ts/ }).click();
    await expect(kernel.locator('.source').textContent()).resolves.toContain('fusedPick');
    await page.waitForTimeout(1500);
    expect(await status()).toBe('idle');
    expect(await progress().count()).toBe(0);
    // The reference numbers are there before anything runs.
    const fusedHere = cell().locator(
      'tr[data-impl="fused"][data-size="tutorial"] td[data-col="reference"]',
    );
    await expect(fusedHere.first().textContent()).resolves.toMatch(/^\d+\.\d\d$/);
  });

  test('a bad repetition count is refused with a message', async () => {
    await settings(['tutorial'], false, '0');
    await expect(cell().getByRole('alert').textContent()).resolves.toMatch(
      /Repetitions must be a whole number from 1 to 30/,
    );
    await cell()
      .getByRole('button', { name: /Run benchmark/ })
      .click();
    await page.waitForTimeout(300);
    expect(await status()).toBe('idle');
  });

  test('Run: progress, then the ratio table and the chart beside the reference', async () => {
    await settings(['tutorial'], true, '3');
    await startGaps();
    await cell()
      .getByRole('button', { name: /Run benchmark/ })
      .click();
    await progress().waitFor();
    const seen = new Set<number>();
    await expect
      .poll(
        async () => {
          const now = await progress()
            .getAttribute('aria-valuenow')
            .catch(() => null);
          if (now !== null) seen.add(Number(now));
          return status();
        },
        { timeout: 120_000, interval: 100 },
      )
      .toBe('done');
    const gap = await stopGaps();
    console.log(
      `bench run: progress values seen ${[...seen].sort((a, b) => a - b).join(',')}; max timer gap ${gap.toFixed(0)} ms`,
    );
    // 4 forward impls + 4 training impls, (3 + 2 warm-up) runs each.
    expect(await cell().locator('[role=progressbar]').count()).toBe(0);
    expect(seen.size).toBeGreaterThan(1);
    expect(Math.max(...seen)).toBeLessThanOrEqual(40);
    const yours = await cell().locator('td[data-col="yours"]').allTextContents();
    expect(yours).toHaveLength(3 + 3);
    for (const v of yours) expect(v).toMatch(/^\d+\.\d\d$/);
    const chart = cell().locator('svg.bench-chart');
    await expect(chart.locator('title').textContent()).resolves.toBe(
      'Time relative to tf.layers.lstm',
    );
    await expect(chart.locator('desc').textContent()).resolves.toMatch(
      /tutorial forward, fused: yours \d/,
    );
    expect(await chart.locator('[data-series="yours"] rect').count()).toBe(6);
    expect(await chart.locator('[data-series="reference"] rect').count()).toBe(6);
    await expect(cell().textContent()).resolves.toMatch(
      /Measured on webgl, in the engine worker, 3 repetitions each, forwards read back with await data\(\)\./,
    );
    // The round trip, timed in the worker after the LSTMs, and what it bounds.
    await expect(page.getByTestId('round-trip').textContent()).resolves.toMatch(
      /^A round trip, one trivial program and its read-back, took \d+(\.\d)? ms on your device: no run can take less, so at tutorial size no implementation could be more than \d+\.\d times as fast as the library's forward \(\d+(\.\d)? ms\) here\.$/,
    );
    await expect(page.getByTestId('backend-badge').getAttribute('data-backend')).resolves.toBe(
      'webgl',
    );
    expect(gap).toBeLessThan(500);
    // The CSV holds both columns.
    const download = page.waitForEvent('download');
    await cell().getByRole('button', { name: 'Download benchmark chart data as CSV' }).click();
    const csv = await (await download).createReadStream();
    const text = await new Promise<string>((resolve) => {
      let s = '';
      csv.on('data', (d: Buffer) => (s += d.toString()));
      csv.on('end', () => resolve(s));
    });
    expect(text.split('\n')[0]).toBe(
      'size,op,impl,your_ratio_to_library,reference_ratio_to_library,your_median_ms,reference_median_ms',
    );
    expect(text).toMatch(/^tutorial,forward,fused,\d/m);
    await cell().screenshot({
      path: 'test-results/screenshots/performance-bench.png',
      style: SCREENSHOT_STYLE,
    });
  });

  test('Cancel stops a long run part-way, keeps partial results, and the page stays responsive', async () => {
    await settings(['tutorial', 'medium'], false, '30');
    await startGaps();
    await cell()
      .getByRole('button', { name: /Run benchmark/ })
      .click();
    await expect
      .poll(async () => Number(await progress().getAttribute('aria-valuenow')), {
        timeout: 60_000,
        interval: 100,
      })
      .toBeGreaterThanOrEqual(12);
    const total = Number(await progress().getAttribute('aria-valuemax'));
    expect(total).toBe(2 * 4 * 32);
    // The page answers at once while the worker benchmarks.
    const t0 = Date.now();
    await page.evaluate(() => document.querySelector('article h1')?.textContent);
    await cell()
      .getByRole('checkbox', { name: /^tutorial \(/ })
      .isChecked();
    expect(Date.now() - t0).toBeLessThan(1000);
    const clicked = Date.now();
    await cell().getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => status(), { timeout: 15_000, interval: 50 }).toBe('idle');
    const stopMs = Date.now() - clicked;
    const gap = await stopGaps();
    console.log(`cancel: stopped ${stopMs} ms after the click; max timer gap ${gap.toFixed(0)} ms`);
    const note = cell().locator('.perf-cancelled');
    await expect(note.textContent()).resolves.toMatch(/Cancelled after \d+ of 256 runs/);
    expect(await progress().count()).toBe(0);
    const yours = await cell()
      .locator('tr[data-size="tutorial"] td[data-col="yours"]')
      .allTextContents();
    expect(yours.some((v) => /^\d+\.\d\d$/.test(v))).toBe(true);
    // A cancelled run never timed its round trip: no bound is claimed.
    expect(await page.getByTestId('round-trip').count()).toBe(0);
    expect(gap).toBeLessThan(500);
  });

  test('a run over the budget is refused in place, and the next run works', async () => {
    await settings(['medium'], true, '1');
    await cell()
      .getByRole('button', { name: /Run benchmark/ })
      .click();
    await expect.poll(() => status(), { timeout: 15_000 }).toBe('error');
    await expect(cell().locator('.cell-error').textContent()).resolves.toMatch(
      /train-step at medium size .* leave out medium or train-step/,
    );
    await settings(['tutorial'], false, '1');
    await cell()
      .getByRole('button', { name: /Run benchmark/ })
      .click();
    await expect.poll(() => status(), { timeout: 60_000 }).toBe('done');
    expect(await cell().locator('.cell-error').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('a run read back with dataSync() says so, and so does its round trip', async () => {
    await settings(['tutorial'], false, '2');
    const sync = cell().getByRole('radio', { name: /^dataSync\(\)/ });
    await sync.check();
    await cell()
      .getByRole('button', { name: /Run benchmark/ })
      .click();
    // The previous run left the cell done: wait for this run's note, not for the status.
    await expect
      .poll(() => cell().textContent(), { timeout: 60_000 })
      .toMatch(
        /forwards read back with dataSync\(\) \(the numbers measured here used await data\(\)/,
      );
    expect(await status()).toBe('done');
    await expect(page.getByTestId('round-trip').textContent()).resolves.toMatch(
      /^A round trip, one trivial program and its read-back, took \d+(\.\d)? ms on your device/,
    );
    await cell()
      .getByRole('radio', { name: /^await data\(\)/ })
      .check();
    expect(errors).toEqual([]);
  });
});

describe('embed routes', () => {
  test('each cell of the chapter can be embedded alone', async () => {
    const embed = await browser.newPage({ viewport: { width: 900, height: 900 } });
    const embedErrors = watchErrors(embed);
    for (const [id, title] of [
      ['bench', 'Benchmark on your device'],
      ['kernel', 'The fused WebGL kernel'],
    ]) {
      await embed.goto(`${base()}#/embed/performance/${id}`);
      await embed.locator(`.cell[aria-label="${title}"]`).waitFor();
      expect(await embed.locator('.cell').count()).toBe(1);
      expect(await embed.locator('article h2').count()).toBe(0);
    }
    expect(embedErrors).toEqual([]);
    await embed.close();
  });
});

describe('the engine worker', () => {
  test('tf.memory is flat across two benchmark runs, read with the protocol’s memory request', async () => {
    const harness = await browser.newPage();
    await harness.goto(`${base()}harness.html`);
    await harness.waitForFunction(() => window.harnessReady === true);
    const r = await harness.evaluate(() =>
      window.harness.workerRepeat(
        {
          kind: 'bench.run',
          backend: 'webgl',
          config: { sizes: ['tutorial'], ops: ['forward', 'train-step'], reps: 2 },
        },
        2,
      ),
    );
    console.log(
      `bench in the worker, tf.memory before → after 2 runs: ${JSON.stringify([r.before, r.after])}`,
    );
    expect(r.after).toEqual(r.before);
    expect((r.last as { kind: string }).kind).toBe('bench.done');
    await harness.close();
  });
});
