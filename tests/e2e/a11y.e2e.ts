/**
 * axe-core over every chapter, light and dark, once its cells have rendered their outputs.
 * It asserts zero violations overall, so it also fails for markup in src/notebook/; the list a
 * failure prints names the rule, the element and axe's explanation, which says where to fix it.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { cellsSettled, launch, watchErrors } from './chromium';

let browser: Browser;

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
});
afterAll(async () => {
  await browser?.close();
});

/** One line per failing element: rule, impact, selector and what axe says is wrong. */
async function violations(page: Page): Promise<string[]> {
  // Code far from the viewport is not laid out (content-visibility: auto), so axe would read the
  // colours of whatever lies under it; lay it all out, as a reader scrolling there sees it.
  await page.addStyleTag({ content: '.source { content-visibility: visible !important; }' });
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
    .analyze();
  return violations.flatMap((v) =>
    v.nodes.map(
      (n) =>
        `${v.id} (${v.impact}) ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`,
    ),
  );
}

const CHAPTERS = ['', 'simple-lstm', 'bias', 'temporal-loop', 'options', 'training', 'performance'];

describe('no axe violations', () => {
  for (const slug of CHAPTERS) {
    test(`#/${slug}, light and dark`, async () => {
      // A context of its own: axe injects its script into every frame of it.
      const context = await browser.newContext({
        viewport: { width: 1280, height: 900 },
        colorScheme: 'light',
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${inject('baseUrl')}#/${slug}`);
      await page.locator(`article[data-chapter="${slug || 'overview'}"] h1`).waitFor();
      if (slug === 'performance') {
        // Its benchmark waits for Run (it costs seconds); its kernel cell only shows source.
        await page.locator('.cell[aria-label="The fused WebGL kernel"] .source').waitFor();
        await page
          .locator('.cell[aria-label="Benchmark on your device"] svg.bench-chart')
          .waitFor();
      } else {
        // Chapter 5 trains both models before its log and curve are complete.
        await cellsSettled(page, slug === 'training' ? 170_000 : 120_000, 0);
      }
      const light = await violations(page);
      // The theme follows the system live: no reload, so the trained outputs stay.
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await violations(page);
      expect({ light, dark }).toEqual({ light: [], dark: [] });
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
