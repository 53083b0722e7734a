/**
 * The "your turn" cells and a prediction, as a learner meets them: each exercise fails on its
 * gap as it opens, passes once the answer is revealed, and counts in the chapter's progress; a
 * prediction is answered from the settings on the page, so other settings give another answer.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { useBrowser, watchErrors } from './chromium';

const browser = useBrowser();

/** A page of its own storage: progress starts from nothing. */
async function freshPage(): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser().newContext({ viewport: { width: 1280, height: 900 } });
  return { page: await context.newPage(), context };
}

const EXERCISES = [
  { slug: 'simple-lstm', id: 'ex-forget' },
  { slug: 'bias', id: 'ex-bias' },
  { slug: 'temporal-loop', id: 'ex-loop' },
  { slug: 'options', id: 'ex-return' },
] as const;

/** Press Check and wait for its report; returns whether it passed and what it says. */
async function check(page: Page, id: string) {
  const ex = page.locator(`[data-cell-id="${id}"]`);
  await ex.evaluate((el) => el.setAttribute('data-status', 'pending'));
  await ex.locator('.run-button').click();
  await page.waitForFunction(
    (cell) =>
      ['done', 'error'].includes(
        document.querySelector(`[data-cell-id="${cell}"]`)?.getAttribute('data-status') ?? '',
      ),
    id,
    { timeout: 120_000 },
  );
  const report = ex.getByTestId('exercise-report');
  return {
    passed: await report.getAttribute('data-passed'),
    text: await report.innerText(),
    progress: await ex.getByTestId('exercise-progress').innerText(),
  };
}

for (const { slug, id } of EXERCISES) {
  test(`${id}: the gap fails against tf.layers.lstm, the revealed answer passes`, async () => {
    const { page, context } = await freshPage();
    const errors = watchErrors(page);
    await page.goto(`${inject('baseUrl')}#/${slug}`);
    const ex = page.locator(`[data-cell-id="${id}"]`);
    // The editor opens on the gap by itself.
    await ex.locator('.cm-content').waitFor({ timeout: 120_000 });
    // Only the editor scrolls to the gap: the page itself stays where the chapter opened.
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => scrollY)).toBe(0);
    // The reader scrolls down to it and finds the editor on the gap (CodeMirror draws only the
    // lines in the window, so the test looks once the editor is in view, as a reader would).
    await ex.locator('.cm-editor').scrollIntoViewIfNeeded();
    await expect.poll(() => ex.locator('.cm-content').innerText()).toContain('✎');

    const gap = await check(page, id);
    expect(gap.passed).toBe('false');
    expect(gap.text).toMatch(/Not yet: \d+ of \d+ runs differ/);
    // Several shapes are checked, not only the one on the page.
    expect(await ex.locator('.exercise-runs tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(gap.progress).toMatch(/Not passed yet · 1 check/);

    await ex.getByTestId('exercise-reveal').click();
    const answer = await check(page, id);
    expect(answer.passed).toBe('true');
    expect(answer.text).toMatch(/Passed: your version matches tf\.layers\.lstm on all \d+ runs/);
    expect(answer.progress).toMatch(/Passed \(after the reveal\) · 2 checks/);
    // The chapter's progress in the contents counts it, and no other chapter's.
    const marks = page.locator('.toc-progress[title^="1 of 1 exercises passed"]');
    expect(await marks.count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });
}

test('a prediction is answered live from the settings on the page', async () => {
  const answerFor = async (route: string) => {
    const { page, context } = await freshPage();
    await page.goto(`${inject('baseUrl')}#/${route}`);
    const q = page.locator('[data-cell-id="q-forget"]');
    await q.locator('input[type="radio"]').first().check();
    await q.locator('.predict-commit').click();
    const answer = q.getByTestId('predict-answer');
    await answer.waitFor({ timeout: 120_000 });
    const seen = {
      value: await answer.getAttribute('data-value'),
      detail: await answer.innerText(),
      record: await q.getByTestId('predict-record').innerText(),
      fields: await page.getByTestId('hyper-panel').count(),
    };
    await context.close();
    return seen;
  };
  const tutorial = await answerFor('simple-lstm');
  expect(['0', '0.5', '1']).toContain(tutorial.value);
  expect(tutorial.detail).toMatch(/f = -?\d\.\d+ for unit 3 after step 1/);
  expect(tutorial.record).toMatch(/Answered 1 time/);
  expect(tutorial.fields).toBe(1);
  const other = await answerFor('simple-lstm?seed=7');
  const f = (d: string) => /f = (-?\d\.\d+)/.exec(d)![1];
  expect(f(other.detail)).not.toBe(f(tutorial.detail));
  // An instructor's embed locks the settings: no fields to change, the link's seed in force.
  const locked = await answerFor('embed/simple-lstm/q-forget?seed=7&hide=controls');
  expect(locked.fields).toBe(0);
  expect(f(locked.detail)).toBe(f(other.detail));
});
