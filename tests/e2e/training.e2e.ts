/**
 * Chapter 5 in real Chromium (software WebGL): the live loss curve, the training controls, the
 * divergence guard, CSV export, and how long the main thread is blocked while training runs.
 * The tests share one page, in order, because a full training run costs ~20 s of CPU here.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { TRAINING_TOLERANCE } from '../../src/notebook/tolerance';
import { SCREENSHOT_STYLE, launch, watchErrors } from './chromium';

/** The training cell itself: chapter 5 has three more cells below it. */
const TRAIN_CELL = '.cell[aria-label^="Chapter 5: train"]';

/** The cell to wait for on a page: chapter 5's training cell, or any cell elsewhere. */
const cellOf = (hash: string) => (hash.startsWith('#/training') ? TRAIN_CELL : '.cell');

let browser: Browser;
let page: Page;
let errors: string[];
/** The custom model's batch losses of the first test's full run, trained in the worker. */
let workerLosses: number[] = [];

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  errors = watchErrors(page);
  // Before any script of the page runs: every long task, and when training started and ended.
  await page.addInitScript(() => {
    const w = window as unknown as TimingWindow;
    w.__longTasks = [];
    w.__marks = {};
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
    const poll = setInterval(() => {
      const status = document
        .querySelector('.cell[aria-label^="Chapter 5: train"]')
        ?.getAttribute('data-status');
      const steps = Number(document.querySelector('[data-testid="train-steps"]')?.textContent);
      const now = performance.now();
      if (status === 'running') w.__marks.running ??= now;
      if (steps >= 1) w.__marks.firstBatch ??= now;
      // What moves on the page while it trains: every endless animation, with its easings.
      if (steps >= 1 && status === 'running') {
        w.__endless ??= document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().iterations === Infinity)
          .map((a) => ({
            name: (a as CSSAnimation).animationName,
            easings: (a.effect as KeyframeEffect).getKeyframes().map((k) => k.easing),
          }));
      }
      if (status === 'done' && w.__marks.running !== undefined) {
        w.__marks.done = now;
        clearInterval(poll);
      }
    }, 20);
  });
});
afterAll(async () => {
  await browser?.close();
});

interface TimingWindow {
  __longTasks: { start: number; duration: number }[];
  __marks: { running?: number; firstBatch?: number; done?: number };
  __endless?: { name: string; easings: string[] }[];
}

const shoot = (name: string) =>
  page.screenshot({
    path: `test-results/screenshots/${name}.png`,
    fullPage: true,
    style: SCREENSHOT_STYLE,
  });
const shootCell = (name: string) =>
  page
    .locator(TRAIN_CELL)
    .screenshot({ path: `test-results/screenshots/${name}.png`, style: SCREENSHOT_STYLE });

const cellStatus = () => page.locator(TRAIN_CELL).getAttribute('data-status');
const steps = async () => Number(await page.getByTestId('train-steps').innerText());
const trainStatus = () => page.getByTestId('training-status').innerText();

/** How many points a model's line has. */
const pointsOf = (model: string) =>
  page
    .locator(`.loss-curve .series[data-model="${model}"] path[data-points]`)
    .getAttribute('data-points');

/** Every per-batch dot of a model: batch number → loss, as the chart wrote them. */
const dotsOf = (model: string) =>
  page
    .locator(`.loss-curve .series[data-model="${model}"] circle[data-index]`)
    .evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-index'), e.getAttribute('data-loss')]),
    );

async function waitForSteps(n: number) {
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="train-steps"]')?.textContent) === n,
    n,
    { timeout: 60_000 },
  );
}

describe('chapter 5: live training', () => {
  test('trains on load with the main thread free, both curves one point per batch', async () => {
    await page.goto(`${inject('baseUrl')}#/training`);
    await page.waitForSelector(`${TRAIN_CELL}[data-status="done"]`, { timeout: 170_000 });
    const badge = page.getByTestId('backend-badge');
    await expect(badge.getAttribute('data-backend')).resolves.toBe('webgl');
    await expect(badge.getAttribute('data-thread')).resolves.toBe('worker');

    const { tasks, marks } = await page.evaluate(() => {
      const w = window as unknown as TimingWindow;
      return { tasks: w.__longTasks, marks: w.__marks };
    });
    // The running dot blinks in two steps a second, and every other endless animation ticks too:
    // a smooth one repaints every frame, and on software WebGL those repaints share the GPU with
    // the training (a run in view went four to eight times slower with the smooth pulse).
    const endless = await page.evaluate(() => (window as unknown as TimingWindow).__endless);
    expect(endless?.map((a) => a.name)).toContain('pulse');
    for (const a of endless!) expect(a.easings.every((e) => e.startsWith('steps'))).toBe(true);
    // The marks must exist: without them the figures below would measure nothing.
    expect(marks.running).toBeTypeOf('number');
    expect(marks.firstBatch).toBeTypeOf('number');
    expect(marks.done).toBeTypeOf('number');
    expect(marks.done!).toBeGreaterThan(marks.firstBatch!);
    const during = (from: number, to: number) =>
      tasks.filter((t) => t.start + t.duration >= from && t.start <= to);
    const longest = (ts: { duration: number }[]) => Math.max(0, ...ts.map((t) => t.duration));
    const whole = during(marks.running!, marks.done!);
    const steady = during(marks.firstBatch!, marks.done!);
    console.log(
      `chapter 5 training: ${whole.length} long tasks, longest ${longest(whole).toFixed(0)} ms ` +
        `(after the first batch: longest ${longest(steady).toFixed(0)} ms), ` +
        `wall ${(marks.done! - marks.running!).toFixed(0)} ms`,
    );

    expect(await pointsOf('custom')).toBe('100');
    expect(await pointsOf('library')).toBe('100');
    const custom = await dotsOf('custom');
    const library = await dotsOf('library');
    expect(custom).toHaveLength(100);
    workerLosses = custom.map((d) => Number(d[1]));
    expect(library.map((d) => d[0])).toEqual(custom.map((d) => d[0]));
    const diffs = custom.map((d, k) => Math.abs(Number(d[1]) - Number(library[k]![1])));
    expect(Math.max(...diffs)).toBeLessThanOrEqual(TRAINING_TOLERANCE.webgl);
    // The epoch-loss table and the tutorial's numbers are still there.
    await expect(page.getByTestId('loss-sum-custom').innerText()).resolves.toMatch(/1\.18319/);
    await expect(page.getByTestId('train-announcer').innerText()).resolves.toMatch(
      /Epoch 10 of 10/,
    );
    expect(await page.locator('.loss-curve svg').innerHTML()).not.toContain('NaN');
    await shoot('training-live-done');

    // Hover reads values; the log scale redraws the same points.
    const plot = page.locator('.loss-curve svg rect[fill="transparent"]');
    const box = (await plot.boundingBox())!;
    // hover() scrolls the chart into view first; the position is relative to the rect.
    await plot.hover({ position: { x: box.width * 0.3, y: box.height / 2 } });
    await expect(page.locator('.chart-readout').innerText()).resolves.toMatch(/batch \d+: custom/);
    await shootCell('training-live-hover');
    await page.getByTestId('loss-log-toggle').check();
    await expect(page.locator('.loss-curve svg').getAttribute('data-log')).resolves.toBe('true');
    expect(await pointsOf('custom')).toBe('100');
    await shootCell('training-live-log');
    await page.getByTestId('loss-log-toggle').uncheck();
    expect(errors).toEqual([]);
    const worst = [...whole].sort((a, b) => b.duration - a.duration).slice(0, 8);
    console.log(
      `longest tasks while training: ${worst.map((t) => t.duration.toFixed(0)).join(', ')} ms`,
    );
    // Timings are reported, never asserted (they depend on the machine and its load); the
    // printed figures are the metric (the marks they need are asserted above).
  });

  test('CSV export holds exactly the losses the chart shows', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download loss curve data as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('loss-curve.csv');
    const lines = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('model,epoch,batch,loss');
    expect(lines).toHaveLength(201);
    for (const model of ['custom', 'library']) {
      const shown = (await dotsOf(model)).map((d) => d[1]);
      const exported = lines.filter((l) => l.startsWith(`${model},`)).map((l) => l.split(',')[3]);
      expect(exported).toEqual(shown);
    }
  });

  test('pause, step and reset: one batch per step, reset replays the same first loss', async () => {
    await page.getByTestId('train-reset').click();
    await waitForSteps(0);
    await expect(trainStatus()).resolves.toMatch(/Ready/);
    expect(await pointsOf('custom')).toBe('0');

    await page.getByTestId('train-step').click();
    await waitForSteps(1);
    expect(await pointsOf('custom')).toBe('1');
    expect(await pointsOf('library')).toBe('1');
    const first = (await dotsOf('custom'))[0]![1];

    await page.getByTestId('train-play').click();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="train-steps"]')?.textContent) >= 4,
    );
    await page.getByTestId('train-pause').click();
    await expect(page.getByTestId('train-play').innerText()).resolves.toMatch(/Resume/);
    const paused = await steps();
    await page.waitForTimeout(600);
    expect(await steps()).toBe(paused); // Paused means paused.
    expect(await cellStatus()).toBe('idle');

    // From the keyboard: focus the Step button and press Enter.
    await page.getByTestId('train-step').focus();
    await page.keyboard.press('Enter');
    await waitForSteps(paused + 1);
    expect(await pointsOf('custom')).toBe(String(paused + 1));
    await shootCell('training-live-paused');

    await page.getByTestId('train-reset').click();
    await waitForSteps(0);
    await page.getByTestId('train-step').click();
    await waitForSteps(1);
    expect((await dotsOf('custom'))[0]![1]).toBe(first);

    // Cancel drops the run but keeps what was drawn.
    await page.getByTestId('train-play').click();
    await page.getByTestId('train-cancel').click();
    await expect.poll(() => trainStatus(), { timeout: 20_000 }).toMatch(/Cancelled/);
    expect(errors).toEqual([]);
  });

  test('learning rate 100 diverges: explained in place, no NaN in the chart, Reset works', async () => {
    await page.getByTestId('field-lr').fill('100');
    await page.waitForFunction(() => location.hash.includes('lr=100'));
    const note = page.getByTestId('divergence-note');
    await note.waitFor({ timeout: 120_000 });
    await expect(note.innerText()).resolves.toMatch(/lower learning rate/);
    expect(await page.locator(TRAIN_CELL).getAttribute('data-status')).toBe('done');
    const chart = page.locator('.loss-curve svg');
    // The ✕ label may name the bad value; no coordinate or tick may be NaN.
    const attrs = await chart.evaluate((svg) =>
      [...svg.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.value)),
    );
    expect(attrs.filter((v) => v.includes('NaN'))).toEqual([]);
    const ticks = await chart.locator('g[aria-hidden="true"] text').allInnerTexts();
    expect(ticks.join(' ')).not.toMatch(/NaN|Infinity/);
    // Stopped at once: the curve ends at the offending batch, drawn (finite) or marked ✕.
    const stoppedAt = await steps();
    expect(stoppedAt).toBeLessThan(100);
    const drawn = Number(await pointsOf('custom'));
    const marked = await chart.locator('.divergence').count();
    expect(drawn === stoppedAt || (drawn === stoppedAt - 1 && marked > 0)).toBe(true);
    // Whether the loss went non-finite or exploded, the stopping point carries the ✕.
    expect(marked).toBeGreaterThan(0);
    await shoot('training-live-diverged');

    await page.getByTestId('train-reset').click();
    await waitForSteps(0);
    await expect(note.count()).resolves.toBe(0);
    await page.getByTestId('train-step').click();
    await waitForSteps(1);
    expect(errors).toEqual([]);
  });
});

describe('after chapter 5', () => {
  test('chapters 4 → 5 → 4: every chapter computes in the engine worker, and the badge says so', async () => {
    const badge = page.getByTestId('backend-badge');
    const visit = async (hash: string) => {
      await page.evaluate((h) => (location.hash = h), hash);
      await page.waitForSelector(`${cellOf(hash)}[data-status="done"]`, { timeout: 120_000 });
    };
    await page.goto(`${inject('baseUrl')}#/options`);
    await page.waitForSelector('.cell[data-status="done"]', { timeout: 120_000 });
    await expect.poll(() => badge.getAttribute('data-thread')).toBe('worker');
    await visit('#/training?epochs=1');
    await expect.poll(() => badge.getAttribute('data-thread')).toBe('worker');
    await visit('#/options');
    await expect.poll(() => badge.getAttribute('data-thread')).toBe('worker');
    await expect(badge.innerText()).resolves.toMatch(/worker/);
    expect(errors).toEqual([]);
  });
});

describe('without the engine worker', () => {
  test('a worker that cannot load leaves the page to compute, with the same losses', async () => {
    const fallback = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const pageErrors = watchErrors(fallback);
    // As on a host that blocks worker scripts: the worker's module never arrives.
    await fallback.route(/\/worker-[^/]*\.js$/, (route) => route.abort());
    await fallback.goto(`${inject('baseUrl')}#/training?epochs=1`);
    await fallback.waitForSelector(`${TRAIN_CELL}[data-status="done"]`, { timeout: 120_000 });
    const badge = fallback.getByTestId('backend-badge');
    await expect(badge.getAttribute('data-thread')).resolves.toBe('page');
    await expect(badge.getAttribute('data-backend')).resolves.toBe('webgl');
    const losses = await fallback
      .locator('.loss-curve .series[data-model="custom"] circle[data-index]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-loss'))));
    expect(losses).toHaveLength(10);
    // The first epoch of the full run above, trained in the worker: the same numbers.
    losses.forEach((loss, k) =>
      expect(Math.abs(loss - workerLosses[k]!)).toBeLessThanOrEqual(TRAINING_TOLERANCE.webgl),
    );
    // Chapter 4 computes on the page too, and still matches.
    await fallback.evaluate(() => (location.hash = '#/options'));
    await fallback.waitForSelector('[data-cell-id="forward"][data-status="done"]', {
      timeout: 120_000,
    });
    await expect(badge.getAttribute('data-thread')).resolves.toBe('page');
    const matches = await fallback
      .getByTestId('match-badge')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-match')));
    expect(matches.length).toBeGreaterThan(0);
    expect(matches.every((m) => m === 'true')).toBe(true);
    expect(pageErrors.filter((e) => !/worker|Failed to load/i.test(e))).toEqual([]);
    await fallback.close();
  });
});
