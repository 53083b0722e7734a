/**
 * What every chapter page must show, whatever backend computes it: the backend asked for actually
 * running (no silent fallback), every match badge green, no failed cell, and the Python
 * tutorial's printed numbers. Shared by notebook.e2e.ts (WebGL) and backends.e2e.ts.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Backend } from '../../src/lstm/experimentTypes';
import { PRINTED, relative } from '../tutorial';

/** The four forward chapters, by slug. */
export const FORWARD_CHAPTERS = ['simple-lstm', 'bias', 'temporal-loop', 'options'] as const;

/** The badge names `backend` as the one running, not reached by falling back. */
export async function expectActive(page: Page, backend: Backend) {
  const badge = page.getByTestId('backend-badge');
  expect(await badge.getAttribute('data-backend')).toBe(backend);
  expect(await badge.getAttribute('data-fallback')).toBe('false');
}

const matchBadges = (page: Page) =>
  page
    .getByTestId('match-badge')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-match')));

/** A settled forward chapter matches the library and the Python tutorial on `backend`. */
export async function expectChapterMatches(page: Page, slug: string, backend: Backend) {
  await expectActive(page, backend);
  // One forward cell per chapter, so exactly one badge: none rendering must fail too.
  expect(await matchBadges(page)).toEqual(['true']);
  expect(await page.locator('.cell[data-status="error"]').count()).toBe(0);
  // Our own sum is the number the Python tutorial printed, and says so.
  const ours = Number(await page.getByTestId('sum-custom-output').innerText());
  const printed = slug === 'options' ? PRINTED.sequenceSum : PRINTED.lastOutputSum;
  expect(relative(ours, printed)).toBeLessThanOrEqual(1e-6);
  expect(await page.getByTestId('python-match-output').getAttribute('data-match')).toBe('true');
}

/**
 * A settled training chapter trained both models to the tutorial's losses, and they match. With
 * `epochs: 1` (a backend too slow here for all ten) the one loss is Keras' first printed one.
 */
export async function expectTrainingMatches(page: Page, backend: Backend, epochs = 10) {
  await expectActive(page, backend);
  for (const id of ['loss-sum-custom', 'loss-sum-library']) {
    const sum = await page.getByTestId(id).innerText();
    if (epochs === 10) expect(sum).toMatch(/1\.18319/);
    else expect(Number(sum).toFixed(4)).toBe(PRINTED.epochLosses[0]!.toFixed(4));
  }
  // The epoch losses, and the gradients of the run as it ended.
  expect(await matchBadges(page)).toEqual(['true', 'true']);
}
