/**
 * The runtime in real Chromium: the work budget on a link that used to freeze the tab, the engine
 * worker's memory over a soak of every cell and three training runs, and a fuzz of 200 bad inputs
 * through the fields, the URL and the protocol itself.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { TUTORIAL_SETUP, TUTORIAL_TRAINING } from '../tutorial';
import { cellsSettled, launch, watchErrors } from './chromium';

let browser: Browser;
const base = () => inject('baseUrl');

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
});
afterAll(async () => {
  await browser?.close();
});

/** Long tasks from the page's start, and when the chapter's heading first appeared. */
async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __tasks: number[][]; __firstRender?: number };
    w.__tasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
    const poll = setInterval(() => {
      if (document.querySelector('main h1')) {
        w.__firstRender = performance.now();
        clearInterval(poll);
      }
    }, 5);
  });
}

/** The longest task that started after the first render, and how many there were. */
async function longestAfterFirstRender(page: Page) {
  const { tasks, first } = await page.evaluate(() => {
    const w = window as unknown as { __tasks: number[][]; __firstRender?: number };
    return { tasks: w.__tasks, first: w.__firstRender };
  });
  expect(first).toBeTypeOf('number');
  const after = tasks.filter(([start]) => start! > first!);
  return { longest: Math.max(0, ...after.map(([, d]) => d!)), count: after.length };
}

describe('the work budget', () => {
  test('the link that froze the tab for 44 s loads what fits, says what it dropped, and answers', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await watchLongTasks(page);
    await page.goto(`${base()}#/options?units=256&timesteps=50&samples=256&features=16`);
    const notices = page.getByTestId('url-notices');
    await notices.waitFor();
    expect(await notices.innerText()).toMatch(
      /Ignored "(samples|features)=\d+" from the link: .* at most \d+/,
    );
    // Input while the cells compute in the worker: real clicks on the theme toggle, timed by the
    // browser's Event Timing (input delay: until the handler runs; duration: until the next paint).
    await page.evaluate(() => {
      const w = window as unknown as { __events: { delay: number; duration: number }[] };
      w.__events = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as PerformanceEventTiming[]) {
          if (e.name === 'click')
            w.__events.push({ delay: e.processingStart - e.startTime, duration: e.duration });
        }
      }).observe({
        type: 'event',
        durationThreshold: 16,
        buffered: true,
      } as PerformanceObserverInit);
    });
    const toggle = page.locator('.theme-toggle');
    for (let k = 0; k < 4; k++) {
      await toggle.click();
      await page.waitForTimeout(150);
    }
    // And typing: four keys into the seed field (each re-runs the cells after a pause).
    await page.getByTestId('field-seed').focus();
    for (const key of ['End', '1', 'Backspace', '2']) {
      await page.keyboard.press(key);
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(300);
    const events = await page.evaluate(
      () => (window as unknown as { __events: { delay: number; duration: number }[] }).__events,
    );
    const latency = Math.max(0, ...events.map((e) => e.delay));
    const toPaint = Math.max(0, ...events.map((e) => e.duration));
    await cellsSettled(page, 170_000);
    const { longest, count } = await longestAfterFirstRender(page);
    console.log(
      `budget link: input waited at most ${latency.toFixed(0)} ms for its handler, ${toPaint.toFixed(0)} ms to the next paint (Event Timing, 4 clicks on the theme and 4 keys in a field; ${events.length} took over 16 ms); after the first render ${count} long tasks, longest ${longest.toFixed(0)} ms`,
    );
    // Before the budget this page was unresponsive for 44 s: a second would already be a freeze.
    expect(toPaint).toBeLessThan(1000);
    expect(await page.locator('.cell[data-status="error"]').count()).toBe(0);
    expect(page.url()).not.toMatch(/samples=256/);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('a field over budget is refused beside it with the largest value that fits; nothing is lost', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.goto(`${base()}#/simple-lstm?units=256&timesteps=50`);
    await cellsSettled(page);
    await page.getByTestId('field-samples').fill('256');
    const message = await page.getByTestId('error-samples').innerText();
    expect(message).toMatch(/about [\d.]+ m?s of work on the CPU/);
    expect(message).toMatch(/samples can be at most \d+/);
    // The box keeps what was typed; the store (and the link) keep the last setting that fits.
    expect(await page.getByTestId('field-samples').inputValue()).toBe('256');
    expect(page.url()).not.toMatch(/samples=/);
    const largest = Number(/at most (\d+)/.exec(message)![1]);
    await page.getByTestId('field-samples').fill(String(largest));
    expect(await page.getByTestId('error-samples').count()).toBe(0);
    await expect.poll(() => page.url()).toMatch(new RegExp(`samples=${largest}`));
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('the engine worker', () => {
  test('soak: every cell re-run 100 times and chapter 5 trained 3 times leave its memory at baseline', async () => {
    const page = await browser.newPage();
    await page.goto(`${base()}harness.html`);
    await page.waitForFunction(() => window.harnessReady === true);
    const result = await page.evaluate(
      async ({ setup, training }) => {
        const h = window.harness;
        const runs: Record<string, unknown> = {};
        for (const layer of ['simple', 'bias', 'loop', 'options'] as const) {
          const config = {
            ...setup,
            layer,
            returnSequences: layer === 'options',
            returnState: layer === 'options',
          };
          runs[layer] = await h.workerRepeat({ kind: 'forward', backend: 'webgl', config }, 100);
        }
        for (const breakIt of ['none', 'swapGates'] as const) {
          runs[`inspect-${breakIt}`] = await h.workerRepeat(
            { kind: 'inspect', backend: 'webgl', config: { ...setup, breakIt } },
            100,
          );
        }
        const train = await h.workerTraining(training, 3);
        const summary = Object.fromEntries(
          Object.entries(runs).map(([k, v]) => {
            const r = v as {
              before: { numTensors: number; numBytes: number };
              after: { numTensors: number; numBytes: number };
            };
            return [k, { before: r.before, after: r.after }];
          }),
        );
        return {
          summary,
          train: { before: train.before, after: train.after, backend: train.backend },
        };
      },
      { setup: TUTORIAL_SETUP, training: { ...TUTORIAL_TRAINING, epochs: 2 } },
    );
    console.log(`soak (worker tf.memory before → after): ${JSON.stringify(result)}`);
    for (const { before, after } of Object.values(result.summary)) expect(after).toEqual(before);
    expect(result.train.after).toEqual(result.train.before);
    expect(result.train.backend?.thread).toBe('worker');
    await page.close();
  }, 600_000);
});

/** The bad values a fuzz draws from, as a reader might type them or a link might carry them. */
const BAD = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '99999999999',
  '-1',
  '0',
  '2.5',
  '1e-9',
  'abc',
  '[1,2]',
  '{"a":1}',
  '__proto__',
  'constructor',
  'x'.repeat(10_000),
  ' ',
  '0x10',
];

describe('fuzz: 200 bad inputs, each answered with a message, nothing uncaught', () => {
  test('fields, URL parameters and protocol messages', async () => {
    const page = await browser.newPage();
    const errors = watchErrors(page);
    await page.addInitScript(() => {
      window.addEventListener('unhandledrejection', (e) =>
        console.error(`unhandled: ${String(e.reason)}`),
      );
    });
    let count = 0;

    // 1. Fields (68): every numeric field of the training panel, four bad values each.
    await page.goto(`${base()}#/training?epochs=1`);
    await cellsSettled(page, 170_000);
    const fields = [
      'units',
      'timesteps',
      'features',
      'samples',
      'epochs',
      'batchSize',
      'lr',
      'seed',
    ];
    for (const [k, field] of fields.entries()) {
      for (let j = 0; j < 8; j++) {
        const value = BAD[(k * 8 + j) % BAD.length]!;
        await page.getByTestId(`field-${field}`).fill(value);
        const shown = await page.getByTestId(`error-${field}`).count();
        // A few draws are valid for some fields (seed 0, lr 1e-9): those must not show an error.
        if (shown === 0) expect([`seed:0`, 'lr:1e-9', 'lr:2.5']).toContain(`${field}:${value}`);
        else
          expect((await page.getByTestId(`error-${field}`).innerText()).length).toBeGreaterThan(10);
        count++;
      }
      await page
        .getByTestId(`field-${field}`)
        .fill(field === 'lr' ? '0.001' : field === 'seed' ? '313' : '1');
    }
    // Over budget: in range each, too much together.
    for (const [field, value] of [
      ['units', '256'],
      ['timesteps', '50'],
      ['samples', '256'],
      ['epochs', '200'],
    ] as const) {
      await page.getByTestId(`field-${field}`).fill(value);
      count++;
    }
    expect(await page.locator('[data-testid^="error-"]').count()).toBeGreaterThan(0);
    await page.getByTestId('reset').click();

    // 2. URL parameters (68): one bad value per parameter per link, 17 values x 4 parameters.
    for (const [k, param] of ['units', 'lr', 'seeding', 'zzz'].entries()) {
      for (const value of BAD) {
        await page.evaluate(
          ([p, v, n]) => (location.hash = `#/bias?${p}=${encodeURIComponent(v!)}&n=${n}`),
          [param, value, String(k)],
        );
        await page.getByTestId('url-notices').waitFor();
        count++;
      }
    }
    await page.evaluate(() => (location.hash = '#/bias'));
    await cellsSettled(page);
    expect(await page.getByTestId('match-badge').first().getAttribute('data-match')).toBe('true');

    // 3. Protocol messages (64), straight at a fresh engine worker.
    const config = {
      layer: 'bias',
      units: 8,
      timesteps: 5,
      features: 3,
      samples: 10,
      seed: 1,
      seeding: 'tf27',
    };
    const messages: unknown[] = [];
    for (const [k, value] of [
      NaN,
      Infinity,
      -Infinity,
      1e12,
      2.5,
      '8',
      [8],
      { n: 8 },
      null,
      'x'.repeat(10_000),
    ].entries()) {
      for (const field of ['units', 'timesteps', 'features', 'samples', 'seed']) {
        messages.push({
          v: 1,
          id: 100 + k * 10 + messages.length,
          kind: 'forward',
          backend: 'webgl',
          config: { ...config, [field]: value },
        });
      }
    }
    messages.push(
      null,
      42,
      'forward',
      [],
      { v: 2, id: 1, kind: 'memory' },
      { v: 1, id: -1, kind: 'memory' },
      { v: 1, id: 1, kind: 'evaluate' },
      { v: 1, id: 2, kind: 'forward', backend: 'webgl', config: { ...config, constructor: 'x' } },
      {
        v: 1,
        id: 3,
        kind: 'forward',
        backend: 'webgl',
        config: JSON.parse(`{"__proto__":{"polluted":1},"layer":"bias"}`),
      },
      {
        v: 1,
        id: 4,
        kind: 'forward',
        backend: 'webgl',
        config: { ...config, units: 256, timesteps: 50, features: 16, samples: 256 },
      },
      {
        v: 1,
        id: 5,
        kind: 'train.open',
        backend: 'cpu',
        config: {
          units: 8,
          timesteps: 5,
          features: 3,
          samples: 100,
          seed: 1,
          seeding: 'tf27',
          epochs: 200,
          batchSize: 1,
          learningRate: 0.1,
        },
      },
      { v: 1, id: 6, kind: 'cancel', target: 'all' },
      { v: 1, id: 7, kind: 'train.play', fromStart: 'yes' },
      { v: 1, id: 8, kind: 'backend', backend: 'tpu' },
    );
    const harness = await browser.newPage();
    const harnessErrors = watchErrors(harness);
    await harness.goto(`${base()}harness.html`);
    await harness.waitForFunction(() => window.harnessReady === true);
    const replies = (await harness.evaluate(
      (m) => window.harness.rawWorker(m, 3000),
      messages,
    )) as {
      kind: string;
      message?: string;
    }[];
    count += messages.length;
    expect(replies).toHaveLength(messages.length);
    for (const r of replies) {
      expect(r.kind).toBe('failed');
      expect(r.message!.length).toBeGreaterThan(10);
      expect(r.message!.length).toBeLessThan(400);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await harness.close();

    console.log(
      `fuzz: ${count} bad inputs, ${errors.length + harnessErrors.length} uncaught errors`,
    );
    expect(count).toBeGreaterThanOrEqual(200);
    expect(errors).toEqual([]);
    expect(harnessErrors).toEqual([]);
    await page.close();
  }, 600_000);
});
