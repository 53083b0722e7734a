import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { TUTORIAL_SETUP } from '../tutorial';
import { SCREENSHOT_STYLE, launch, watchErrors } from './chromium';

let browser: Browser;
const base = () => inject('baseUrl');

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string) {
  const page = await browser.newPage({
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const errors = watchErrors(page);
  await page.goto(`${base()}${path}`);
  await page.waitForFunction(
    () => {
      const cells = [...document.querySelectorAll('.cell')];
      return cells.length > 0 && cells.every((c) => c.getAttribute('data-status') === 'done');
    },
    undefined,
    { timeout: 120_000 },
  );
  return { page, errors };
}

/** The value a heatmap shows for (gate, t, unit) of the selected sample. */
function heatValue(page: Page, gate: string, t: number, u: number) {
  return page
    .locator(`svg[data-gate="${gate}"] [data-t="${t}"][data-u="${u}"]`)
    .first()
    .getAttribute('data-value')
    .then(Number);
}

test('heatmaps show units × time steps with the engine trace values, per sample', async () => {
  // The engine's own trace, from the bare harness page on WebGL.
  const harness = await browser.newPage();
  await harness.goto(`${base()}harness.html`);
  await harness.waitForFunction(() => window.harnessReady === true);
  const trace = await harness.evaluate(async (cfg) => {
    await window.harness.useBackend('webgl');
    const { custom } = await window.harness.inspectForward(cfg);
    const values = Object.fromEntries(
      Object.entries(custom.values).map(([k, v]) => [k, Array.from(v)]),
    );
    return { samples: custom.samples, units: custom.units, values };
  }, TUTORIAL_SETUP);
  const at = (gate: string, t: number, b: number, u: number) =>
    trace.values[gate]![(t * trace.samples + b) * trace.units + u]!;
  await harness.close();

  const { page, errors } = await open('#/simple-lstm');
  const svg = page.locator('svg[data-gate="i"]').first();
  expect(await svg.getAttribute('data-steps')).toBe('5');
  expect(await svg.getAttribute('data-units')).toBe('32');
  expect(await page.locator('svg[data-gate="i"] [data-t][data-u]').count()).toBe(5 * 32);
  for (const [gate, t, u] of [
    ['i', 0, 0],
    ['f', 1, 7],
    ['g', 4, 31],
    ['c', 2, 3],
    ['h', 0, 12],
  ] as const) {
    expect(await heatValue(page, gate, t, u)).toBeCloseTo(at(gate, t, 0, u), 6);
  }
  await page.locator('.heatmap-grid-bar select').selectOption('3');
  expect(await heatValue(page, 'h', 1, 2)).toBeCloseTo(at('h', 1, 3, 2), 6);

  // Export: the CSV holds exactly what the heatmaps show.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download gate heatmaps data as CSV' }).click(),
  ]);
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toBe('key,t,sample,unit,value');
  const row = csv.find((line) => line.startsWith('h,1,3,2,'))!;
  expect(Number(row.split(',')[4])).toBe(await heatValue(page, 'h', 1, 2));
  expect(csv).toHaveLength(1 + 6 * 5 * 10 * 32);
  const [svgDownload] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download gate heatmaps as SVG' }).click(),
  ]);
  const svgText = readFileSync((await svgDownload.path())!, 'utf8');
  expect(svgText).toContain('<svg');
  expect(svgText).toContain(String(await heatValue(page, 'h', 1, 2)));
  await page.screenshot({
    path: 'test-results/screenshots/inside-heatmaps.png',
    fullPage: true,
    style: SCREENSHOT_STYLE,
  });
  expect(errors).toEqual([]);
  await page.close();
});

test('hovering an equation term lights its diagram region, code lines and heatmap', async () => {
  const { page, errors } = await open('#/simple-lstm');
  await page.getByRole('tab', { name: 'cell.ts' }).first().click();
  await page.locator('.equations .gate-f').first().hover();
  await expect(page.locator('[data-part="f"]').getAttribute('data-highlighted')).resolves.toBe(
    'true',
  );
  await expect(page.locator('[data-part="i"]').getAttribute('opacity')).resolves.toBe('0.3');
  const lit = await page.locator('.source .line-hl').allTextContents();
  expect(lit.length).toBeGreaterThan(0);
  expect(lit.some((l) => /\bxF\b|\bf\b/.test(l))).toBe(true);
  await expect(page.locator('svg[data-gate="f"]').getAttribute('data-highlighted')).resolves.toBe(
    'true',
  );
  await page.screenshot({ path: 'test-results/screenshots/inside-linked-hover.png' });
  // And back: a diagram part (focused from the keyboard here) lights the equation term.
  await page.mouse.move(0, 0);
  await page.locator('[data-part="o"]').focus();
  await expect(page.locator('.equations').getAttribute('data-highlight')).resolves.toBe('o');
  expect(errors).toEqual([]);
  await page.close();
});

test('the time-step debugger moves with the scrubber and the arrow keys', async () => {
  const { page, errors } = await open('#/temporal-loop');
  const dbg = page.getByTestId('debugger');
  const hAt = async () =>
    Number(await dbg.locator('tr[data-row="h"] td').nth(4).getAttribute('data-value'));
  expect(await page.getByTestId('debugger-step').innerText()).toContain('step 0 of 4');
  const h0 = await hAt();
  expect(h0).toBeCloseTo(await heatValue(page, 'h', 0, 4), 6);
  await dbg.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await page.getByTestId('debugger-step').innerText()).toContain('step 2 of 4');
  // h_{t-1} at t = 2 is h of step 1; h_t is h of step 2.
  const hPrev = Number(
    await dbg.locator('tr[data-row="hPrev"] td').nth(4).getAttribute('data-value'),
  );
  expect(hPrev).toBeCloseTo(await heatValue(page, 'h', 1, 4), 6);
  expect(await hAt()).toBeCloseTo(await heatValue(page, 'h', 2, 4), 6);
  await page.getByTestId('debugger-t').fill('4');
  expect(await page.getByTestId('debugger-step').innerText()).toContain('step 4 of 4');
  expect(await hAt()).toBeCloseTo(await heatValue(page, 'h', 4, 4), 6);
  await page.screenshot({
    path: 'test-results/screenshots/inside-debugger.png',
    fullPage: true,
    style: SCREENSHOT_STYLE,
  });
  expect(errors).toEqual([]);
  await page.close();
});

test('the equivalence panel agrees, and each "break it" switch shows a mismatch', async () => {
  const { page, errors } = await open('#/options');
  const verdict = page.getByTestId('equivalence-verdict');
  expect(await verdict.getAttribute('data-match')).toBe('true');
  // The page says which columns come from tf.layers.lstm itself.
  const against = await page
    .locator('.equivalence-table th[data-compared-with]')
    .evaluateAll((els) =>
      els.map((e) => `${e.textContent}:${e.getAttribute('data-compared-with')}`),
    );
  expect(against).toEqual([
    'i:float64 reference',
    'f:float64 reference',
    'g:float64 reference',
    'o:float64 reference',
    'c:tf.layers.lstm',
    'h:tf.layers.lstm',
  ]);
  for (const variant of ['hardSigmoid', 'swapGates', 'unitForgetBias']) {
    await page.getByTestId(`break-${variant}`).check();
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="equivalence-verdict"]')
          ?.getAttribute('data-match') === 'false',
    );
    if (variant === 'swapGates') {
      await page.screenshot({
        path: 'test-results/screenshots/inside-broken.png',
        fullPage: true,
        style: SCREENSHOT_STYLE,
      });
    }
    await page.getByTestId('break-none').check();
    await page.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="equivalence-verdict"]')
          ?.getAttribute('data-match') === 'true',
    );
  }
  expect(errors).toEqual([]);
  await page.close();
});
