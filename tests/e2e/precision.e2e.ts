/**
 * A GPU without float32 textures, simulated with tfjs' WEBGL_FORCE_F16_TEXTURES from the link:
 * the engine worker computes in float16, the badge says so, a notice explains the precision, and
 * the match badges hold the two LSTMs to the half-precision tolerance.
 */
import { expect, inject, test } from 'vitest';
import { useBrowser, watchErrors } from './chromium';

const browser = useBrowser();

const F16 = '?tfjsflags=WEBGL_FORCE_F16_TEXTURES:true';

/** The output row's custom, library and printed sums, as the cell shows them. */
function sumsOf(text: string): [number, number, number] {
  const m = /output\s+\[[\d, ]+\]\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)/.exec(text);
  if (!m) throw new Error(`no sums in: ${text.slice(0, 200)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

test('float16 textures: the badge, the notice and the tolerance say half precision', async () => {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${inject('baseUrl')}${F16}#/options`);
  const forward = page.locator('[data-cell-id="forward"]');
  await page.waitForSelector('[data-cell-id="forward"][data-status="done"]', { timeout: 120_000 });
  const badge = page.getByTestId('backend-badge');
  expect(await badge.getAttribute('data-backend')).toBe('webgl');
  expect(await badge.getAttribute('data-thread')).toBe('worker');
  expect(await badge.innerText()).toMatch(/float16/);
  const notice = await page.getByTestId('precision-notice').innerText();
  expect(notice).toMatch(/half precision/);
  expect(notice).toMatch(/allow\s+1e-2 where float32 gets 1e-5/);
  const match = forward.getByTestId('match-badge');
  expect(await match.innerText()).toMatch(/1e-2/);
  expect(await match.getAttribute('data-match')).toBe('true');
  // float16 really is in force: the sum misses the tutorial's printed one by far more than
  // float32 ever does (float32 reproduces it to 1e-5; see the chapter tests).
  const [custom, , printed] = sumsOf(await forward.locator('.cell-out').innerText());
  expect(Math.abs(custom - printed)).toBeGreaterThan(1e-3);
  expect(errors).toEqual([]);
  await page.close();
});

test('without the flag the same page computes in float32, with no notice', async () => {
  const page = await browser().newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${inject('baseUrl')}?tfjsflags=WEBGL_PACK:false#/options`);
  await page.waitForSelector('[data-cell-id="forward"][data-status="done"]', { timeout: 120_000 });
  expect(await page.getByTestId('backend-badge').innerText()).toMatch(/float32/);
  expect(await page.getByTestId('precision-notice').count()).toBe(0);
  const forward = page.locator('[data-cell-id="forward"]');
  expect(
    Number(await forward.getByTestId('match-badge').getAttribute('data-diff')),
  ).toBeLessThanOrEqual(1e-5);
  const [custom, , printed] = sumsOf(await forward.locator('.cell-out').innerText());
  expect(Math.abs(custom - printed)).toBeLessThan(1e-4);
  await page.close();
});
