#!/usr/bin/env node
// What blocks the page's main thread: loads a page of a served build (default: `npm run preview`
// on 127.0.0.1:4173) in Debian's Chromium, waits for every cell to finish, and lists each task
// over 50 ms with what it spent its time on (from Chromium's own trace).
// Usage: node scripts/main-thread.mjs '#/options?units=256' [baseUrl]
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './ensure-chromium.mjs';

const hash = process.argv[2] ?? '#/simple-lstm';
const base = process.argv[3] ?? 'http://127.0.0.1:4173/';
const browser = await chromium.launch({
  executablePath: ensureChromium(),
  headless: true,
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await browser.startTracing(page, {
  categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute'],
});
await page.goto(base + hash);
await page.waitForFunction(
  () => {
    const cells = [...document.querySelectorAll('.cell')];
    return (
      cells.length > 0 &&
      cells.every((c) => ['done', 'error'].includes(c.getAttribute('data-status') ?? ''))
    );
  },
  undefined,
  { timeout: 120_000 },
);
await page.waitForTimeout(800);
const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
await browser.close();

const mainThreads = new Set(
  events
    .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`),
);
const main = events.filter((e) => e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`));
const t0 = Math.min(...main.map((e) => e.ts));
const long = main.filter((e) => e.name === 'RunTask' && e.dur > 50_000);
const longest = Math.max(0, ...long.map((e) => e.dur / 1000));
console.log(`${hash}: ${long.length} tasks over 50 ms, longest ${longest.toFixed(0)} ms`);
for (const task of long) {
  const parts = new Map();
  for (const e of main) {
    if (e === task || e.ts < task.ts || e.ts + e.dur > task.ts + task.dur || e.dur < 3000) continue;
    const file = e.args?.data?.url ? ` ${e.args.data.url.split('/').pop()}` : '';
    parts.set(e.name + file, (parts.get(e.name + file) ?? 0) + e.dur);
  }
  const top = [...parts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
  console.log(
    `at ${((task.ts - t0) / 1000).toFixed(0)} ms: ${(task.dur / 1000).toFixed(0)} ms  ` +
      top.map(([k, v]) => `${k} ${(v / 1000).toFixed(0)}`).join(' | '),
  );
}
