#!/usr/bin/env node
// `npm run bench`: builds the notebook with its engine harness, opens it in Debian's headless
// Chromium and times, in one run, each LSTM implementation per backend and size: `library`
// (tf.layers.lstm), `readable` (chapter 4's layer), `fused` (src/lstm/fused) and `floor` (the
// recurrent matMuls alone, the least any LSTM must dispatch); forward and one training step;
// plus the orthogonal initializers (op `init`), and on the GPU backends the round trip of one
// trivial program and its read-back. Medians and ratios against `library` are printed; rows,
// round trips and bundle sizes go to bench-results/bench.json.
//   BENCH_REPS=15  BENCH_SIZES=tutorial,medium,large  BENCH_BACKENDS=webgl,webgpu,wasm,cpu
//   BENCH_CPU_LARGE=1
//   BENCH_OPS=forward,train-step,init  BENCH_MERGE=1 (keep the rows of an earlier bench.json that
//   this run does not measure, e.g. large sizes measured in a run of their own)
//   BENCH_READBACK=async|sync: how a forward's output is read back (async, as the page does, by
//   default; sync leaves out the ~4 ms the asynchronous read's polling adds on SwiftShader).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';
import { firstJs } from '../../scripts/first-js.mjs';

// The sizes are src/lstm/bench's BENCH_SIZES, read from the page once it is open.
const SIZE_NAMES = ['tutorial', 'medium', 'large'];
// In the order the issue lists them; webgpu needs --enable-unsafe-webgpu (in CHROMIUM_ARGS).
const BACKENDS = ['webgl', 'webgpu', 'wasm', 'cpu'];
const IMPLS = ['library', 'readable', 'fused', 'floor'];

const REPS = Number(process.env.BENCH_REPS ?? 15);
if (!Number.isInteger(REPS) || REPS < 1) throw new Error(`BENCH_REPS must be a positive integer.`);
function pick(variable, allowed) {
  const raw = process.env[variable];
  if (!raw) return allowed;
  const names = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = names.filter((n) => !allowed.includes(n));
  if (unknown.length) throw new Error(`${variable}: unknown ${unknown}; one of ${allowed}.`);
  return names;
}
const sizes = pick('BENCH_SIZES', SIZE_NAMES);
const backends = pick('BENCH_BACKENDS', BACKENDS);
const ops = pick('BENCH_OPS', ['forward', 'train-step', 'init']);
const OUT = 'bench-results/bench.json';
// The tfjs CPU backend needs minutes per large pass (16.8 G multiply-adds per forward).
const cpuLarge = process.env.BENCH_CPU_LARGE === '1';
const readBack = process.env.BENCH_READBACK ?? 'async';
if (!['async', 'sync'].includes(readBack)) throw new Error('BENCH_READBACK must be async or sync.');

const fmt = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const log = (...a) => console.error('[bench]', ...a);

/** gzip bytes of the first-paint JS and of every JS file the site (not the harness) can load. */
function bundleSizes(dist = 'dist') {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const harnessOnly = new Set();
  const visit = (key, into) => {
    const chunk = manifest[key];
    if (!chunk || into.has(chunk.file)) return;
    into.add(chunk.file);
    for (const dep of [...(chunk.imports ?? []), ...(chunk.dynamicImports ?? [])]) visit(dep, into);
  };
  const site = new Set();
  for (const [key, chunk] of Object.entries(manifest)) {
    if (chunk.isEntry && key !== 'harness.html') visit(key, site);
  }
  if (manifest['harness.html']) visit('harness.html', harnessOnly);
  const files = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js'))
    .map((f) => `assets/${f}`)
    .filter((f) => site.has(f) || !harnessOnly.has(f));
  const gzip = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
  return {
    firstJsGzipBytes: firstJs(dist).gzip,
    totalJsGzipBytes: files.reduce((s, f) => s + gzip(f), 0),
  };
}

const executablePath = ensureChromium();
// The site as shipped (no harness page, whose imports would move chunk boundaries) for the
// bundle sizes, then the build with the harness that the timings run in.
const siteDist = 'bench-results/site-dist';
process.env.LSTM_HARNESS = '0';
await build({
  logLevel: 'warn',
  mode: 'production',
  build: { outDir: siteDist, emptyOutDir: true },
});
const bundle = bundleSizes(siteDist);
rmSync(siteDist, { recursive: true, force: true });
process.env.LSTM_HARNESS = '1';
await build({ logLevel: 'warn', mode: 'production' });
const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const { port } = server.httpServer.address();
const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
const rows = [];
const dispatches = [];
const roundTrips = [];
const skipped = [];
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(0);
  await page.goto(`http://127.0.0.1:${port}/harness.html`);
  await page.waitForFunction(() => window.harnessReady === true);
  const SIZES = await page.evaluate(() => window.harness.benchSizes);

  for (const backend of backends) {
    const info = await page.evaluate((b) => window.harness.useBackend(b), backend);
    log(`backend ${JSON.stringify(info)}`);
    for (const size of sizes) {
      if (backend === 'cpu' && size === 'large' && !cpuLarge) {
        skipped.push(`${backend} ${size} (set BENCH_CPU_LARGE=1 to run it)`);
        continue;
      }
      for (const op of ['forward', 'train-step'].filter((o) => ops.includes(o))) {
        const t0 = Date.now();
        // The timing core and its medians are the engine's (src/lstm/bench), shared with the
        // Performance chapter's live run.
        const { medians } = await page.evaluate(
          ({ i, s, o, r, rb }) => window.harness.benchLstm(i, s, o, r, rb),
          { i: IMPLS, s: SIZES[size], o: op, r: REPS, rb: readBack },
        );
        for (const impl of IMPLS) {
          rows.push({ backend, impl, size, op, medianMs: medians[impl], reps: REPS });
          // GPU programs per run: what the fused path exists to cut.
          if (backend === 'webgl' || backend === 'webgpu') {
            const { programs } = await page.evaluate(
              ({ i, s, o }) => window.harness.countDispatches(i, s, o),
              { i: impl, s: SIZES[size], o: op },
            );
            dispatches.push({ backend, impl, size, op, programs });
          }
        }
        log(`${backend} ${size} ${op}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      }
    }
    if (backend === 'webgl' || backend === 'webgpu') {
      const t = await page.evaluate((r) => window.harness.roundTrip(r), REPS);
      roundTrips.push({ backend, readBack: 'async', medianMs: t.async });
      roundTrips.push({ backend, readBack: 'sync', medianMs: t.sync });
    }
  }
  // The TF 2.7 orthogonal emulation (src/parity) against tfjs' own; tfjs' runs once above 100
  // units, where one run takes minutes.
  await page.evaluate(() => window.harness.useBackend('cpu'));
  for (const [size, units] of ops.includes('init')
    ? [
        ['tutorial', 32],
        ['large', 256],
      ]
    : []) {
    const libraryReps = units > 100 ? 1 : REPS;
    const t = await page.evaluate(
      ({ u, r, l }) => {
        const { tfjs, emulated } = window.harness.benchOrthogonal(u, r, l);
        return { tfjs: window.harness.median(tfjs), emulated: window.harness.median(emulated) };
      },
      { u: units, r: REPS, l: libraryReps },
    );
    rows.push({
      backend: 'cpu',
      impl: 'library',
      size,
      op: 'init',
      medianMs: t.tfjs,
      reps: libraryReps,
    });
    rows.push({
      backend: 'cpu',
      impl: 'emulated',
      size,
      op: 'init',
      medianMs: t.emulated,
      reps: REPS,
    });
  }
} finally {
  await browser.close();
  await server.close();
}

// Rows an earlier run measured and this one did not (sizes benchmarked in runs of their own).
if (process.env.BENCH_MERGE === '1' && existsSync(OUT)) {
  const key = (r) => `${r.backend}/${r.impl}/${r.size}/${r.op}`;
  const measured = new Set(rows.map(key));
  const earlier = JSON.parse(readFileSync(OUT, 'utf8'));
  rows.unshift(...(earlier.rows ?? []).filter((r) => !measured.has(key(r))));
  dispatches.unshift(...(earlier.dispatches ?? []).filter((r) => !measured.has(key(r))));
}
const find = (backend, size, op, impl) =>
  rows.find((r) => r.backend === backend && r.size === size && r.op === op && r.impl === impl);
console.log(
  `\nMedians (ms) over the reps column's runs, headless Chromium, SwiftShader WebGL and WebGPU, ${readBack} read-back included.`,
);
console.log('impl/library < 1 is faster than tf.layers.lstm; speed-up = library/impl.');
const header = [
  'backend',
  'size',
  'op',
  'impl',
  'median ms',
  'impl/library',
  'speed-up',
  'programs',
  'reps',
];
const widths = [8, 9, 11, 9, 11, 13, 9, 9, 5];
const line = (cells) => console.log(cells.map((c, k) => String(c).padStart(widths[k])).join(' '));
line(header);
for (const r of rows) {
  const lib = find(r.backend, r.size, r.op, 'library');
  const ratio = lib ? r.medianMs / lib.medianMs : NaN;
  const shown = (v) => (Number.isFinite(v) ? (v >= 0.1 ? v.toFixed(2) : v.toPrecision(2)) : '');
  const d = dispatches.find(
    (x) => x.backend === r.backend && x.size === r.size && x.op === r.op && x.impl === r.impl,
  );
  line([
    r.backend,
    r.size,
    r.op,
    r.impl,
    fmt(r.medianMs),
    shown(ratio),
    shown(1 / ratio),
    d?.programs ?? '',
    r.reps,
  ]);
}
console.log(
  '(init rows: [units, 4 units] orthogonal; "emulated" is the TF 2.7 emulation in src/parity)',
);
for (const s of skipped) console.log(`skipped: ${s}`);

// Issue 11's targets, as measured in this run.
const targets = [];
const speedup = (size, op, backend = 'webgl') => {
  const lib = find(backend, size, op, 'library');
  const fused = find(backend, size, op, 'fused');
  return lib && fused ? lib.medianMs / fused.medianMs : null;
};
const overFloor = (size) => {
  const floor = find('webgl', size, 'forward', 'floor');
  const fused = find('webgl', size, 'forward', 'fused');
  return floor && fused ? fused.medianMs / floor.medianMs : null;
};
const check = (what, value, ok) =>
  value !== null && targets.push(`${ok(value) ? 'MET ' : 'MISS'} ${what}: ${value.toFixed(2)}`);
check(
  'fused forward speed-up on WebGL, tutorial (>= 3)',
  speedup('tutorial', 'forward'),
  (v) => v >= 3,
);
check(
  'fused forward speed-up on WebGL, medium (>= 2)',
  speedup('medium', 'forward'),
  (v) => v >= 2,
);
check(
  'fused train-step speed-up on WebGL, tutorial (>= 2)',
  speedup('tutorial', 'train-step'),
  (v) => v >= 2,
);
check(
  'fused train-step speed-up on WebGL, medium (>= 2)',
  speedup('medium', 'train-step'),
  (v) => v >= 2,
);
check('fused forward / floor on WebGL, medium (<= 1.5)', overFloor('medium'), (v) => v <= 1.5);
check('fused forward / floor on WebGL, large (<= 1.5)', overFloor('large'), (v) => v <= 1.5);
// On WebGPU, fused at least as far ahead of library as on WebGL: the ratio of the speed-ups.
for (const size of sizes) {
  for (const op of ['forward', 'train-step']) {
    const gpu = speedup(size, op, 'webgpu');
    const gl = speedup(size, op);
    const what = `fused ${op} speed-up on WebGPU / on WebGL, ${size} (>= 1)`;
    if (gpu !== null && gl !== null) check(what, gpu / gl, (v) => v >= 1);
  }
}
if (targets.length) console.log(`\nTargets:\n${targets.join('\n')}`);
// How far ahead of the library any implementation could get: one that did nothing but the
// floor's matMuls would be library/floor times faster, so a target above that cannot be met.
const ceilings = [];
for (const size of sizes) {
  for (const op of ['forward', 'train-step']) {
    const lib = find('webgl', size, op, 'library');
    const floor = find('webgl', size, op, 'floor');
    if (lib && floor) ceilings.push(`${size} ${op}: ${(lib.medianMs / floor.medianMs).toFixed(2)}`);
  }
}
if (ceilings.length) {
  console.log(`\nCeiling on WebGL, library / floor (no LSTM can be more times faster):`);
  console.log(ceilings.join('\n'));
}
// Seeing any result costs one read-back, however little was computed: a run can be at most
// library / round trip times faster than the library.
if (roundTrips.length) {
  console.log(`\nRound trip, one trivial program and its read-back (median ms):`);
  for (const backend of backends) {
    const of = (how) => roundTrips.find((r) => r.backend === backend && r.readBack === how);
    if (!of('async')) continue;
    const lib = find(backend, 'tutorial', 'forward', 'library');
    const most = lib
      ? `; tutorial forward at most ${(lib.medianMs / of(readBack).medianMs).toFixed(2)}x the library`
      : '';
    console.log(
      `${backend}: async ${fmt(of('async').medianMs)}, sync ${fmt(of('sync').medianMs)}${most} (${readBack} read-back)`,
    );
  }
}
console.log(
  `\nBundle: first JS ${bundle.firstJsGzipBytes} B gzip, all site JS ${bundle.totalJsGzipBytes} B gzip`,
);

mkdirSync('bench-results', { recursive: true });
writeFileSync(OUT, JSON.stringify({ rows, bundle, readBack, dispatches, roundTrips }, null, 2));
