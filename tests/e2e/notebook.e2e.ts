import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { SCREENSHOT_STYLE, cellsSettled, launch, watchErrors } from './chromium';
import { FORWARD_CHAPTERS, expectChapterMatches, expectTrainingMatches } from './chapters';

let browser: Browser;
const base = () => inject('baseUrl');

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, colorScheme: 'light' | 'dark' = 'light') {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
  const errors = watchErrors(page);
  await page.goto(`${base()}${path}`);
  return { page, errors };
}

async function shoot(page: Page, name: string) {
  await page.screenshot({
    path: `test-results/screenshots/${name}.png`,
    fullPage: true,
    style: SCREENSHOT_STYLE,
  });
}

describe('every chapter runs on WebGL and matches', () => {
  for (const slug of FORWARD_CHAPTERS) {
    test(`#/${slug}`, async () => {
      const { page, errors } = await open(`#/${slug}`);
      await cellsSettled(page);
      await expectChapterMatches(page, slug, 'webgl');
      // Every chapter shows its formulas typeset (KaTeX's own markup), not as TeX source.
      expect(await page.locator('figure.equations .katex').count()).toBeGreaterThan(0);
      expect(await page.locator('.tex-source').count()).toBe(0);
      await shoot(page, `${slug}-light`);
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.reload();
      await cellsSettled(page);
      await shoot(page, `${slug}-dark`);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  test('#/training trains both models to the tutorial losses', async () => {
    const { page, errors } = await open('#/training');
    await cellsSettled(page, 170_000);
    await expectTrainingMatches(page, 'webgl');
    // The loss, backpropagation through time and Keras' RMSprop, typeset.
    expect(await page.locator('figure.equations .katex').count()).toBe(3);
    expect(await page.locator('.tex-source').count()).toBe(0);
    await shoot(page, 'training-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shoot(page, 'training-dark');
    await page.goto(`${base()}#/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await shoot(page, 'overview-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await shoot(page, 'overview-light');
    expect(errors).toEqual([]);
    await page.close();
  });
});

test('changing units re-runs the cells, updates the URL, and a reload restores it', async () => {
  const { page, errors } = await open('#/simple-lstm');
  await cellsSettled(page);
  const before = await page.getByTestId('sum-custom-output').first().innerText();
  await page.getByTestId('field-units').fill('16');
  await page.waitForFunction(() => location.hash.includes('units=16'));
  await page.waitForFunction(
    (old) => {
      const el = document.querySelector('[data-testid="sum-custom-output"]');
      const cell = el?.closest('.cell');
      return el && el.textContent !== old && cell?.getAttribute('data-status') === 'done';
    },
    before,
    { timeout: 60_000 },
  );
  await page.reload();
  await cellsSettled(page);
  expect(await page.getByTestId('field-units').inputValue()).toBe('16');
  expect(page.url()).toContain('units=16');
  expect(errors).toEqual([]);
  await page.close();
});

test('bad input in the panel or the URL gets a message and the page keeps working', async () => {
  let { page, errors } = await open('#/simple-lstm');
  await cellsSettled(page);
  for (const bad of ['0', '-3', '1e9', 'abc', 'NaN']) {
    await page.getByTestId('field-units').fill(bad);
    await expect(page.getByTestId('error-units').innerText()).resolves.not.toBe('');
    expect(page.url()).not.toContain(`units=${bad}`);
  }
  await page.getByTestId('field-units').fill('8');
  await page.waitForFunction(() => location.hash.includes('units=8'));
  await cellsSettled(page);
  await shoot(page, 'bad-input-panel');

  // A pasted link on the open page (a hash change), then a fresh load of a bad link.
  for (const bad of ['0', '-3', '1e9', 'abc', 'NaN']) {
    await page.goto(`${base()}#/bias?units=${bad}&colour=blue`);
    const notice = await page.getByTestId('url-notices').innerText();
    expect(notice).toContain(bad);
    expect(notice).toMatch(/colour/);
    // The bad parameters are dropped from the address; the field keeps a valid value.
    await page.waitForFunction(() => !location.hash.includes('colour'));
  }
  expect(errors).toEqual([]);
  await page.close();
  ({ page, errors } = await open('#/bias?units=abc&seed=-1'));
  expect(await page.getByTestId('url-notices').innerText()).toMatch(
    /units[\s\S]*seed|seed[\s\S]*units/,
  );
  await cellsSettled(page);
  expect(await page.getByTestId('match-badge').first().getAttribute('data-match')).toBe('true');
  await shoot(page, 'bad-input-url');
  expect(errors).toEqual([]);
  await page.close();
});

test('the chapter text paints before tfjs has loaded', async () => {
  const page = await browser.newPage();
  const held: Route[] = [];
  // Hold back every script chunk the page does not load up front: tfjs and the engine live there.
  const html = await (await fetch(base())).text();
  const upFront = [...html.matchAll(/assets\/([^"]+\.js)/g)].map((m) => m[1]!);
  const lazyChunks = (url: URL) =>
    /\/assets\/.*\.js$/.test(url.pathname) && !upFront.some((name) => url.pathname.endsWith(name));
  let release = false;
  await page.route(lazyChunks, (route) => (release ? route.continue() : held.push(route)));
  await page.goto(`${base()}#/temporal-loop`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  expect(await page.locator('main').innerText()).toMatch(/loop/i);
  expect(await page.getByTestId('loading').count()).toBeGreaterThan(0);
  expect(await page.getByTestId('match-badge').count()).toBe(0);
  expect(held.length).toBeGreaterThan(0);
  release = true;
  for (const route of held) await route.continue();
  await cellsSettled(page);
  expect(await page.getByTestId('match-badge').count()).toBeGreaterThan(0);
  await page.close();
});

test('without WebGL the page falls back to the CPU, says so, and still matches', async () => {
  // A machine without a GPU, in the page and in its workers alike: no GPU process and no
  // software fallback, so no WebGL context anywhere (--disable-3d-apis spares workers).
  const noGpu = await launch(inject('chromiumPath'), [
    '--disable-gpu',
    '--disable-software-rasterizer',
  ]);
  const page = await noGpu.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base()}#/bias`);
  await cellsSettled(page);
  const badge = page.getByTestId('backend-badge');
  expect(await badge.getAttribute('data-backend')).toBe('cpu');
  expect(await badge.getAttribute('data-fallback')).toBe('true');
  expect(await page.getByTestId('fallback-notice').innerText()).toMatch(/WebGL/);
  // The Backend choice itself says WebGL is not what runs.
  const choice = page.getByTestId('field-backend').locator('option:checked');
  expect(await choice.innerText()).toBe('webgl → cpu');
  expect(await page.getByTestId('match-badge').first().getAttribute('data-match')).toBe('true');
  await shoot(page, 'no-webgl-fallback');
  // tfjs reports its own failed WebGL probe on the console; anything else would be ours.
  expect(errors.filter((e) => !/webgl/i.test(e))).toEqual([]);
  await noGpu.close();
});

test('the notebook is served as a production build (React without its development runtime)', async () => {
  // A development React is several times slower: every timing taken in these tests would lie.
  const html = await (await fetch(base())).text();
  const scripts = [...html.matchAll(/src="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  expect(scripts.length).toBeGreaterThan(0);
  for (const src of scripts) {
    const code = await (await fetch(`${base()}${src}`)).text();
    expect(code).toContain('react.dev/errors'); // Production React's short error messages.
    expect(code).not.toContain('jsxDEV');
  }
});
