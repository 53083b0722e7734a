#!/usr/bin/env node
// `npm run bench`: builds the notebook, opens the engine harness in Debian's headless Chromium
// and times the hand-written LSTM against tf.layers.lstm (and the initializers), printing medians
// and ratios side by side from one run. Results also go to bench-results/bench.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';

const REPS = Number(process.env.BENCH_REPS ?? 15);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));

const executablePath = ensureChromium();
await build({ logLevel: 'warn' });
const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const rows = [];
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/harness.html`);
  await page.waitForFunction(() => window.harnessReady === true);

  for (const backend of ['webgl', 'cpu']) {
    await page.evaluate((b) => window.harness.useBackend(b), backend);
    for (const [units, timesteps] of [
      [32, 5],
      [64, 20],
      [128, 50],
    ]) {
      const cfg = {
        layer: 'options',
        units,
        timesteps,
        features: 3,
        samples: 10,
        seed: 313,
        seeding: 'tfjs',
        recurrentInitializer: 'glorotUniform',
      };
      const t = await page.evaluate(({ c, reps }) => window.harness.benchForward(c, reps), {
        c: cfg,
        reps: REPS,
      });
      rows.push({
        what: `forward ${backend} units=${units} T=${timesteps} batch=10`,
        custom: median(t.custom),
        library: median(t.library),
      });
    }
  }
  // Chapter 5's unit of work: one batch of training on each model (read-back included).
  for (const backend of ['webgl', 'cpu']) {
    await page.evaluate((b) => window.harness.useBackend(b), backend);
    for (const units of [8, 64]) {
      const cfg = {
        units,
        timesteps: 5,
        features: 3,
        samples: 100,
        seed: 313,
        seeding: 'tfjs',
        epochs: 10,
        batchSize: 10,
        learningRate: 0.001,
      };
      const t = await page.evaluate(({ c, reps }) => window.harness.benchTrainStep(c, reps), {
        c: cfg,
        reps: REPS,
      });
      rows.push({
        what: `train step ${backend} units=${units} T=5 batch=10`,
        custom: median(t.custom),
        library: median(t.library),
      });
    }
  }
  await page.evaluate(() => window.harness.useBackend('cpu'));
  for (const units of [32, 256]) {
    const t = await page.evaluate(({ u, r, l }) => window.harness.benchOrthogonal(u, r, l), {
      u: units,
      r: REPS,
      l: units > 100 ? 1 : REPS,
    });
    rows.push({
      what: `orthogonal init [${units}, ${4 * units}]`,
      custom: median(t.emulated),
      library: median(t.tfjs),
      labels: ['emulated TF 2.7', 'tfjs'],
    });
  }
} finally {
  await browser.close();
  await server.close();
}

console.log(`\nMedians over ${REPS} runs (ms), headless Chromium, SwiftShader WebGL:`);
console.log(
  'what'.padEnd(44),
  'ours'.padStart(10),
  'library'.padStart(10),
  'ours/library'.padStart(13),
);
for (const r of rows) {
  const ratio = r.custom / r.library;
  const shown = ratio >= 0.1 ? ratio.toFixed(2) : ratio.toPrecision(2);
  console.log(
    r.what.padEnd(44),
    fmt(r.custom).padStart(10),
    fmt(r.library).padStart(10),
    shown.padStart(13),
  );
}
console.log(
  '(orthogonal rows: "ours" is the TF 2.7 emulation in src/parity, "library" is tf.initializers.orthogonal)',
);
mkdirSync('bench-results', { recursive: true });
writeFileSync('bench-results/bench.json', JSON.stringify({ reps: REPS, rows }, null, 2));
