/**
 * Edit mode, as a learner uses it: open chapter 1's cell in the editor, break the gates, see the
 * mismatch, put it back; a rewrite that computes the same thing; a syntax error; code that never
 * stops; and edits that survive a reload but never travel in a link.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launch, watchErrors } from './chromium';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

const CELL_TS = readFileSync('src/lstm/cell.ts', 'utf8');
const DEFAULT_SIGMA = 'sigma: GateActivation = tf.sigmoid';
const HARD = CELL_TS.replace(
  DEFAULT_SIGMA,
  'sigma: GateActivation = (z) => tf.clipByValue(tf.add(tf.mul(z, 0.2), 0.5), 0, 1)',
);

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  errors = watchErrors(page);
  await page.goto(`${inject('baseUrl')}#/simple-lstm`);
});
afterAll(async () => {
  await browser?.close();
});

const cell = () => page.locator('[data-cell-id="forward"]');

/** Whether the forward cell of page `p` has finished a run (done or error). */
const settled = (p: Page) =>
  p.waitForFunction(
    () =>
      ['done', 'error'].includes(
        document.querySelector('[data-cell-id="forward"]')?.getAttribute('data-status') ?? '',
      ),
    null,
    { timeout: 120_000 },
  );

/** Wait for the cell's next run, started by `start`, to finish. */
async function runOf(start: () => Promise<unknown>) {
  await cell().evaluate((el) => el.setAttribute('data-status', 'pending'));
  await start();
  await settled(page);
}

async function openEditor(file: string) {
  const c = cell();
  if ((await c.getByTestId('edit-toggle').getAttribute('aria-pressed')) !== 'true') {
    await c.getByTestId('edit-toggle').click();
  }
  await c.getByRole('tab', { name: new RegExp(`^${file}`) }).click();
  await c.locator(`[data-testid="code-editor"][data-file="${file}"] .cm-content`).waitFor();
  return c.locator(`[data-testid="code-editor"][data-file="${file}"] .cm-content`);
}

const badge = () => cell().getByTestId('match-badge');

test('the cell first runs the original and matches', async () => {
  await settled(page);
  expect(await badge().getAttribute('data-match')).toBe('true');
});

test('gates on a hard sigmoid turn the badge into a mismatch; Reset makes it match again', async () => {
  const editor = await openEditor('cell.ts');
  await editor.fill(HARD);
  await runOf(() => cell().locator('.run-button').click());
  expect(await badge().getAttribute('data-match')).toBe('false');
  expect(await badge().innerText()).toMatch(/mismatch/);
  expect(await cell().locator('.edited-badge').count()).toBe(1);
  // The difference shows: the custom sum is no longer the library's.
  const ours = Number(await page.getByTestId('sum-custom-output').innerText());
  expect(Math.abs(ours - 25.964834)).toBeGreaterThan(1e-3);

  await runOf(async () => {
    await cell().getByRole('button', { name: 'Reset cell.ts' }).click();
    await cell().locator('.run-button').click();
  });
  expect(await badge().getAttribute('data-match')).toBe('true');
  expect(await editor.innerText()).toContain(DEFAULT_SIGMA);
});

test('a rewrite that computes the same thing another way still matches', async () => {
  const editor = await openEditor('cell.ts');
  // σ(z) = 1 / (1 + e^−z), written out by hand instead of tf.sigmoid.
  await editor.fill(
    CELL_TS.replace(
      DEFAULT_SIGMA,
      'sigma: GateActivation = (z) => tf.reciprocal(tf.add(1, tf.exp(tf.neg(z))))',
    ),
  );
  await runOf(() => cell().locator('.run-button').click());
  expect(await badge().getAttribute('data-match')).toBe('true');
  expect(await cell().locator('.edited-badge').count()).toBe(1);
});

test('a syntax error shows its line and column, marked in the editor', async () => {
  const editor = await openEditor('cell.ts');
  const lines = CELL_TS.split('\n');
  const at = lines.findIndex((l) => l.includes('const c = tf.add'));
  lines[at] = '  const c = tf.add(;';
  await editor.fill(lines.join('\n'));
  await runOf(() => cell().locator('.run-button').click());
  const message = await cell().locator('.cell-error').innerText();
  expect(message).toMatch(new RegExp(`Syntax error in cell\\.ts, line ${at + 1}, column \\d+`));
  await cell().locator('.cm-lintRange-error').first().waitFor();
});

test('while (true) {} is stopped within 3 s, and the page answers clicks throughout', async () => {
  const editor = await openEditor('cell.ts');
  // A harmless edit first, so the scratch worker is up and warm: the clock below is the code's.
  await editor.fill(`${CELL_TS}\n// warm\n`);
  await runOf(() => cell().locator('.run-button').click());
  await editor.fill(CELL_TS.replace('  const c = tf.add', '  while (true) {}\n  const c = tf.add'));
  // A light control of the page's own: the editor's diff switch.
  const toggle = cell().getByRole('button', { name: 'Show changes' });
  // The page's own main thread: the longest gap between timer ticks while the worker spins.
  await page.evaluate(() => {
    const w = window as unknown as { worstGap: number; stopProbe: () => void };
    let last = performance.now();
    w.worstGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      w.worstGap = Math.max(w.worstGap, now - last);
      last = now;
    }, 20);
    w.stopProbe = () => clearInterval(timer);
  });
  const t0 = Date.now();
  await cell().locator('.run-button').click();
  // Clicks keep landing while the worker spins: the page itself never blocks.
  let clicks = 0;
  while ((await cell().getAttribute('data-status')) === 'running') {
    const before = await toggle.getAttribute('aria-pressed');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).not.toBe(before);
    clicks++;
    if (Date.now() - t0 > 10_000) break;
  }
  const took = Date.now() - t0;
  const worstGap = await page.evaluate(() => {
    const w = window as unknown as { worstGap: number; stopProbe: () => void };
    w.stopProbe();
    return w.worstGap;
  });
  expect(await cell().getAttribute('data-status')).toBe('error');
  expect(took).toBeLessThan(3000);
  expect(clicks).toBeGreaterThanOrEqual(2);
  expect(worstGap).toBeLessThan(500);
  expect(await cell().locator('.cell-error').innerText()).toMatch(/worker was ended/);

  // The next run gets a fresh worker, and works.
  await editor.fill(HARD);
  await runOf(() => cell().locator('.run-button').click());
  expect(await badge().getAttribute('data-match')).toBe('false');
});

test('an edited cell survives a reload; a link copied from it opens the original', async () => {
  await runOf(() => page.reload());
  expect(await cell().locator('.edited-badge').count()).toBe(1);
  expect(await badge().getAttribute('data-match')).toBe('false');
  expect(
    await cell()
      .getByRole('tab', { name: /cell\.ts \(edited\)/ })
      .count(),
  ).toBe(1);

  const link = page.url();
  expect(link).not.toContain('clipByValue');
  // Someone else opens the link: their own browser, no edits.
  const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const theirs = await other.newPage();
  await theirs.goto(link);
  const theirCell = theirs.locator('[data-cell-id="forward"]');
  await settled(theirs);
  expect(await theirCell.getByTestId('match-badge').getAttribute('data-match')).toBe('true');
  expect(await theirCell.locator('.edited-badge').count()).toBe(0);
  await other.close();

  await runOf(async () => {
    await cell().getByTestId('edit-reset-all').click();
    await cell().locator('.run-button').click();
  });
  expect(await badge().getAttribute('data-match')).toBe('true');
  expect(errors).toEqual([]);
});

test('chapter 5 trains the edited model in the scratch worker; Reset trains the original again', async () => {
  const p = await context.newPage();
  await p.goto(`${inject('baseUrl')}#/training?epochs=1`);
  const train = p.locator('[data-cell-id="train"]');
  const trained = () =>
    p.waitForFunction(
      () =>
        document.querySelector('[data-cell-id="train"]')?.getAttribute('data-status') === 'done',
      null,
      { timeout: 120_000 },
    );
  await trained();
  const losses = (model: string) =>
    p
      .locator(`.loss-curve .series[data-model="${model}"] circle[data-index]`)
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-loss'))));
  const gap = async () => {
    const [c, l] = [await losses('custom'), await losses('library')];
    expect(c).toHaveLength(l.length);
    return Math.max(...c.map((x, k) => Math.abs(x - l[k]!)));
  };
  expect(await gap()).toBeLessThan(1e-4);

  await train.getByTestId('edit-toggle').click();
  await train.getByRole('tab', { name: /^cell\.ts/ }).click();
  const editor = train.locator('[data-testid="code-editor"][data-file="cell.ts"] .cm-content');
  await editor.waitFor();
  await editor.fill(HARD);
  await train.evaluate((el) => el.setAttribute('data-status', 'pending'));
  await train.locator('.run-button').click();
  await trained();
  expect(await train.locator('.edited-badge').count()).toBe(1);
  expect(await gap()).toBeGreaterThan(1e-3);

  await train.getByTestId('edit-reset-all').click();
  await train.evaluate((el) => el.setAttribute('data-status', 'pending'));
  await train.locator('.run-button').click();
  await trained();
  expect(await train.locator('.edited-badge').count()).toBe(0);
  expect(await gap()).toBeLessThan(1e-4);
  await p.close();
});

test('a runtime error in edited training code names its line and marks it; the gradient cell shares the edits', async () => {
  const p = await context.newPage();
  await p.goto(`${inject('baseUrl')}#/training?epochs=1`);
  const train = p.locator('[data-cell-id="train"]');
  const status = () => train.getAttribute('data-status');
  await p.waitForFunction(
    () => document.querySelector('[data-cell-id="train"]')?.getAttribute('data-status') === 'done',
    null,
    { timeout: 120_000 },
  );
  const lines = CELL_TS.split('\n');
  const at = lines.findIndex((l) => l.includes('const h = tf.mul'));
  lines.splice(at, 0, "  if (hPrev) throw new Error('stopped by the test');");
  await train.getByTestId('edit-toggle').click();
  await train.getByRole('tab', { name: /^cell\.ts/ }).click();
  const editor = train.locator('[data-testid="code-editor"][data-file="cell.ts"] .cm-content');
  await editor.waitFor();
  await editor.fill(lines.join('\n'));
  // The editor goes to another file: the failure brings it back to cell.ts, marked.
  await train.getByRole('tab', { name: /^loop\.ts/ }).click();
  await train.locator('.run-button').click();
  await p.waitForFunction(
    () => document.querySelector('[data-cell-id="train"]')?.getAttribute('data-status') === 'error',
    null,
    { timeout: 120_000 },
  );
  expect(await status()).toBe('error');
  expect(await train.locator('.cell-error').innerText()).toMatch(
    new RegExp(`Error in cell\\.ts, line ${at + 1}: .*stopped by the test`),
  );
  await train
    .locator('[data-testid="code-editor"][data-file="cell.ts"] .cm-lintRange-error')
    .waitFor();

  // The gradient cell edits the same run: its editor says so and shows the same edit.
  const grad = p.locator('[data-cell-id="gradients"]');
  await grad.getByTestId('edit-toggle').click();
  expect(await grad.getByTestId('edit-shared').innerText()).toMatch(
    /shared with the training cell/,
  );
  expect(await grad.getByTestId('edit-reset-all').count()).toBe(1);
  await grad.getByTestId('edit-reset-all').click();
  expect(await train.getByTestId('edit-reset-all').count()).toBe(0);
  await p.close();
});
