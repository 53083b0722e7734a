/**
 * The SCORM 1.2 package in an LMS: scorm-again plays the LMS's API object on a host page, and a
 * chapter from the unpacked package runs in its frame, as an LMS would launch it. Passing the
 * chapter's exercise completes it with a score. The embed route reports scores to its host.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
// @ts-expect-error: a plain .mjs script, typed by use.
import { packageScorm } from '../../scripts/package-scorm.mjs';
import { launch, watchErrors } from './chromium';
import { serveStatic, type StaticServer } from './staticServer';

const COURSE = 'test-results/scorm-course';
const CELL_TS = readFileSync('src/lstm/cell.ts', 'utf8');

let browser: Browser;
let server: StaticServer;
let manifest = '';

const LMS = (launch: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>LMS</title><link rel="icon" href="data:,"><script src="/scorm12.js"></script><script>
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  window.scores = [];
  addEventListener('message', (e) => {
    if (e.data && e.data.type === 'lstm-notebook:score') window.scores.push(e.data);
  });
</script></head><body>
<iframe id="sco" title="course" style="width:1200px;height:900px" src="${launch}"></iframe>
</body></html>`;

beforeAll(async () => {
  // The package of the build under test (globalSetup built dist), unpacked as an LMS would.
  const zip = 'test-results/scorm.zip';
  (packageScorm as (dist: string, out: string) => unknown)('dist', zip);
  rmSync(COURSE, { recursive: true, force: true });
  for (const [name, bytes] of Object.entries(unzipSync(readFileSync(zip)))) {
    const path = join(COURSE, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  manifest = readFileSync(join(COURSE, 'imsmanifest.xml'), 'utf8');
  server = await serveStatic({
    mounts: { '/course/': COURSE },
    pages: {
      '/scorm12.js': readFileSync('node_modules/scorm-again/dist/scorm12.min.js', 'utf8'),
      '/lms-bias.html': LMS('/course/index.html#/bias'),
      '/host-embed.html': LMS('/course/index.html#/embed/bias/ex-bias'),
    },
  });
  browser = await launch(inject('chromiumPath'));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const api = (page: Page, element: string) =>
  page.evaluate(
    (el) => (window as unknown as { API: { LMSGetValue(e: string): string } }).API.LMSGetValue(el),
    element,
  );

/** Wait until the API says `value` for `element`. */
const until = (page: Page, element: string, value: string) =>
  page.waitForFunction(
    ([el, v]) =>
      (window as unknown as { API: { LMSGetValue(e: string): string } }).API.LMSGetValue(el!) === v,
    [element, value],
    { timeout: 120_000 },
  );

async function passBias(frame: Frame) {
  const ex = frame.locator('[data-cell-id="ex-bias"]');
  const editor = ex.locator('.cm-content');
  await editor.waitFor({ timeout: 120_000 });
  await editor.fill(CELL_TS); // The gap filled exactly as the engine has it.
  await ex.locator('.run-button').click();
  await ex
    .locator('[data-testid="exercise-report"][data-passed="true"]')
    .waitFor({ timeout: 120_000 });
}

test('the manifest has one SCO per chapter, each launching its chapter', () => {
  for (const slug of ['simple-lstm', 'bias', 'temporal-loop', 'options', 'training']) {
    expect(manifest).toContain(`adlcp:scormtype="sco" href="index.html#/${slug}"`);
  }
  expect(manifest).toContain('<schemaversion>1.2</schemaversion>');
  expect(manifest).not.toContain('harness.html');
});

test('inside the LMS a chapter reports incomplete, then completed with the score once its exercise passes', async () => {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  const errors = watchErrors(page);
  await page.goto(`${server.origin}/lms-bias.html`);
  const frame = page.frame({ url: /\/course\/index\.html/ })!;
  await frame.locator('[data-cell-id="forward"][data-status="done"]').waitFor({ timeout: 120_000 });
  await until(page, 'cmi.core.lesson_status', 'incomplete');
  expect(await api(page, 'cmi.core.score.raw')).toBe('0');

  await passBias(frame);
  await until(page, 'cmi.core.lesson_status', 'completed');
  expect(await api(page, 'cmi.core.score.raw')).toBe('100');
  const suspend = await api(page, 'cmi.suspend_data');
  expect(suspend.length).toBeLessThan(4096);
  expect(JSON.parse(suspend).e['ex-bias']).toEqual([1, 1, 0]);
  expect(errors).toEqual([]);
  await page.close();
});

test('an embedded exercise posts its score to the host page, and no code', async () => {
  const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
  await page.goto(`${server.origin}/host-embed.html`);
  const frame = page.frame({ url: /\/course\/index\.html/ })!;
  await passBias(frame);
  await page.waitForFunction(() => (window as unknown as { scores: unknown[] }).scores.length > 0);
  const scores = await page.evaluate(() => (window as unknown as { scores: unknown[] }).scores);
  expect(scores.at(-1)).toEqual({
    type: 'lstm-notebook:score',
    id: 'ex-bias',
    kind: 'exercise',
    passed: true,
    attempts: 1,
  });
  expect(JSON.stringify(scores)).not.toContain('tf.add');
  await page.close();
});
