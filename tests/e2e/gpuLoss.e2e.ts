/**
 * A WebGL context lost mid-training (WEBGL_lose_context in the engine worker, as a driver reset
 * would do it): the run stops with a message, the engine comes back on a fresh worker, and the
 * next run trains to the end. A cell that loses its context between runs just runs again.
 */
import type { Page, Worker } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { useBrowser, watchErrors } from './chromium';

const browser = useBrowser();

const TRAIN = '[data-cell-id="train"]';

/** The engine worker of `page` (the module worker the notebook starts; the scratch one is later). */
async function engineWorker(page: Page): Promise<Worker> {
  await expect.poll(() => page.workers().length, { timeout: 60_000 }).toBeGreaterThan(0);
  return page.workers()[0]!;
}

/** Ask the worker to lose its context, through its own protocol (a request like any other). */
const loseContext = (worker: Worker) =>
  worker.evaluate(() => {
    const scope = self as unknown as { onmessage: (e: { data: unknown }) => void };
    scope.onmessage({ data: { v: 1, id: 1_000_000, kind: 'gpu.lose' } });
  });

// The optimizer comparison further down the page waits for the run to stand still; the failed
// run lets it start on the fresh worker, and the reader's Run must still go first (it steps aside).
test('a context lost mid-training stops the run with a message; the next run trains to the end', async () => {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  // Long enough a run (150 batches) that the loss lands part-way through the first one.
  await page.goto(`${inject('baseUrl')}#/training?epochs=15`);
  const first = await engineWorker(page);
  await expect
    .poll(async () => Number(await page.getByTestId('train-steps').innerText()), {
      timeout: 120_000,
    })
    .toBeGreaterThan(2);
  await loseContext(first);
  await page.waitForSelector(`${TRAIN}[data-status="error"]`, { timeout: 30_000 });
  const message = await page.locator(`${TRAIN} .cell-error`).innerText();
  expect(message).toMatch(/WebGL context was lost/);
  expect(message).toMatch(/run again/);
  const stoppedAt = Number(await page.getByTestId('train-steps').innerText());
  expect(stoppedAt).toBeLessThan(
    Number(/of (\d+)/.exec(await page.locator(TRAIN).innerText())![1]),
  );

  // The page still answers, and the next run starts a fresh worker and trains to the end.
  await page.locator(`${TRAIN} .run-button`).click();
  await page.waitForSelector(`${TRAIN}[data-status="done"]`, { timeout: 240_000 });
  // The comparison had started on the fresh worker and stepped aside for the reader's run: it
  // has no result yet (ahead of the run, it would have held the engine for its whole length).
  expect(await page.getByTestId('pitfall').count()).toBe(0);
  expect(await page.getByTestId('backend-badge').innerText()).toMatch(/WebGL/);
  expect(page.workers().length).toBeGreaterThan(0);
  expect(page.workers()).not.toContain(first);
  expect(errors).toEqual([]);
  await page.close();
}, 360_000);

test('a context lost between runs costs nothing: the next run goes to a fresh worker and matches', async () => {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${inject('baseUrl')}#/simple-lstm`);
  const forward = page.locator('[data-cell-id="forward"]');
  await page.waitForSelector('[data-cell-id="forward"][data-status="done"]', { timeout: 120_000 });
  const worker = await engineWorker(page);
  await loseContext(worker);
  await expect.poll(() => page.workers().includes(worker), { timeout: 10_000 }).toBe(false);
  await forward.evaluate((el) => el.setAttribute('data-status', 'pending'));
  await forward.locator('.run-button').click();
  await page.waitForSelector('[data-cell-id="forward"][data-status="done"]', { timeout: 120_000 });
  expect(await forward.getByTestId('match-badge').getAttribute('data-match')).toBe('true');
  await page.close();
});
