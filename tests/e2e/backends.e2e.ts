/**
 * The chapters on the backends a reader can pick besides WebGL: each is chosen by link or by the
 * Backend field, runs for real (the badge says so, no silent fallback), and every chapter matches
 * the library and the Python tutorial. A WebGPU that gives no adapter falls back, and says why.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { TRAINING_BACKENDS, WEBGPU_FLAG } from './backends';
import {
  FORWARD_CHAPTERS,
  expectActive,
  expectChapterMatches,
  expectTrainingMatches,
} from './chapters';
import { cellsSettled, launch, watchErrors } from './chromium';

let browser: Browser;
const base = () => inject('baseUrl');

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = watchErrors(page);
  await page.goto(`${base()}${path}`);
  return { page, errors };
}

describe.each(['webgpu', 'wasm'] as const)('every chapter runs on %s and matches', (backend) => {
  for (const slug of FORWARD_CHAPTERS) {
    test(`#/${slug}?backend=${backend}`, async () => {
      const { page, errors } = await open(`#/${slug}?backend=${backend}`);
      await cellsSettled(page);
      await expectChapterMatches(page, slug, backend);
      expect(await page.getByTestId('field-backend').inputValue()).toBe(backend);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  test.runIf((TRAINING_BACKENDS as readonly string[]).includes(backend))(
    `#/training?backend=${backend} trains both models to the tutorial losses`,
    async () => {
      const { page, errors } = await open(`#/training?backend=${backend}`);
      await cellsSettled(page, 170_000);
      await expectTrainingMatches(page, backend);
      expect(errors).toEqual([]);
      await page.close();
    },
  );
  test.skipIf((TRAINING_BACKENDS as readonly string[]).includes(backend))(
    `#/training?backend=${backend}&epochs=1 trains one epoch to the tutorial's first loss`,
    async () => {
      const { page, errors } = await open(`#/training?backend=${backend}&epochs=1`);
      await cellsSettled(page, 170_000);
      await expectTrainingMatches(page, backend, 1);
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});

test('the Backend field switches a chapter to wasm, in the link too', async () => {
  const { page, errors } = await open('#/bias');
  await cellsSettled(page);
  await expectActive(page, 'webgl');
  await page.getByTestId('field-backend').selectOption('wasm');
  await page.waitForFunction(() => location.hash.includes('backend=wasm'));
  await page.waitForSelector('[data-testid="backend-badge"][data-backend="wasm"]');
  await cellsSettled(page);
  await expectChapterMatches(page, 'bias', 'wasm');
  expect(errors).toEqual([]);
  await page.close();
});

test('a link with an unknown backend is refused with a message naming the choices', async () => {
  const { page } = await open('#/bias?backend=tpu');
  const notice = await page.getByTestId('url-notices').innerText();
  expect(notice).toContain('tpu');
  expect(notice).toContain('webgl | webgpu | wasm | cpu');
  await page.waitForFunction(() => !location.hash.includes('backend=tpu'));
  await page.close();
});

test('webgpu where WebGPU gives no adapter falls back to WebGL, says why, and still matches', async () => {
  // Without the flag, this Chromium has navigator.gpu but no adapter, in the page and workers.
  const noGpu = await launch(inject('chromiumPath'), [], [WEBGPU_FLAG]);
  const page = await noGpu.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base()}#/bias?backend=webgpu`);
  await cellsSettled(page);
  const badge = page.getByTestId('backend-badge');
  expect(await badge.getAttribute('data-backend')).toBe('webgl');
  expect(await badge.getAttribute('data-requested')).toBe('webgpu');
  expect(await badge.getAttribute('data-fallback')).toBe('true');
  expect(await badge.innerText()).toMatch(/^webgpu → WebGL/);
  expect(await page.getByTestId('fallback-notice').innerText()).toMatch(
    /WebGPU could not start \(.*adapter.*\), so every cell runs on WebGL/,
  );
  const choice = page.getByTestId('field-backend').locator('option:checked');
  expect(await choice.innerText()).toBe('webgpu → webgl');
  expect(await page.getByTestId('match-badge').first().getAttribute('data-match')).toBe('true');
  expect(errors).toEqual([]);
  await noGpu.close();
});
