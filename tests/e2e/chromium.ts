import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
// @ts-expect-error: a plain .mjs script shared with the benchmark and .ci/run, typed by use.
import { CHROMIUM_ARGS } from '../../scripts/ensure-chromium.mjs';

/** Headless Chromium with the suite's flags, plus `extraArgs`, less any in `withoutArgs`. */
export function launch(
  executablePath: string,
  extraArgs: string[] = [],
  withoutArgs: string[] = [],
): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    args: [...(CHROMIUM_ARGS as string[]), ...extraArgs].filter((a) => !withoutArgs.includes(a)),
  });
}

/**
 * One browser for a test file: launched before its tests, closed after them. Call at the top
 * level; the getter gives the browser once it is up.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launch(inject('chromiumPath'));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => browser!;
}

/** Collects page errors and unhandled rejections so a test can assert there were none. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()}`);
  });
  return errors;
}

/** For tall screenshots: Chromium stitches them while scrolling, and the sticky top bar would be
 *  painted into the middle of the picture (the sidebar too). Pass as `style` to `screenshot()`. */
export const SCREENSHOT_STYLE =
  '.topbar, .sidebar { position: static !important; } .source { content-visibility: visible !important; }';

/**
 * Wait until every cell on the page has finished (done or error) at least once, so its outputs
 * are on the page; with `minCells` 0, a page without cells (the overview) counts as settled.
 */
export async function cellsSettled(page: Page, timeout = 120_000, minCells = 1) {
  await page.waitForFunction(
    (min) => {
      const cells = [...document.querySelectorAll('.cell')];
      return (
        cells.length >= min &&
        cells.every((c) => ['done', 'error'].includes(c.getAttribute('data-status') ?? ''))
      );
    },
    minCells,
    { timeout },
  );
}
