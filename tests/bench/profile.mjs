#!/usr/bin/env node
// Where a fused (or any) run's time goes on WebGL: programs per kind and milliseconds per kind
// (tests/harness/profile.ts), printed as a table, slowest first.
//   PROFILE_IMPL=fused  PROFILE_SIZE=tutorial|medium|large  PROFILE_OP=forward|train-step
//   PROFILE_REPS=3  PROFILE_BUILD=0 (reuse dist/ from an earlier harness build)
// PROFILE_MODE=pieces instead times the fused pass's pieces (tests/harness/pieces.ts): each kind
// of program it runs, as often as it runs it, read back through one texel, beside the floor's
// multiplications and the whole runs; and prints the most the fused pass could gain over the
// library with these programs, library ÷ (the pieces' sum + one round trip).
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, ensureChromium } from '../../scripts/ensure-chromium.mjs';

const impl = process.env.PROFILE_IMPL ?? 'fused';
const size = process.env.PROFILE_SIZE ?? 'tutorial';
const op = process.env.PROFILE_OP ?? 'train-step';
const reps = Number(process.env.PROFILE_REPS ?? 3);
const mode = process.env.PROFILE_MODE ?? 'programs';

process.env.LSTM_HARNESS = '1';
if (process.env.PROFILE_BUILD !== '0') await build({ logLevel: 'warn', mode: 'production' });
const server = await preview({ preview: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
const { port } = server.httpServer.address();
const browser = await chromium.launch({
  executablePath: ensureChromium(),
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(0);
  await page.goto(`http://127.0.0.1:${port}/harness.html`);
  await page.waitForFunction(() => window.harnessReady === true);
  await page.evaluate(() => window.harness.useBackend('webgl'));
  const sizes = await page.evaluate(() => window.harness.benchSizes);
  if (mode === 'pieces') {
    const p = await page.evaluate(({ s, o, n }) => window.harness.profilePieces(s, o, n), {
      s: sizes[size],
      o: op,
      n: reps,
    });
    const library = p.rows.find((r) => r.name === 'library').medianMs;
    console.log(
      `${size} ${op} on webgl, medians of ${reps}; round trip ${p.roundTripMs.toFixed(1)} ms`,
    );
    console.log('      net ms  programs  ÷ library  piece');
    for (const r of p.rows) {
      const programs = r.programs === null ? '' : String(r.programs);
      const share = (r.netMs / library).toFixed(3);
      const label = r.of === 'whole' ? `${r.name} (whole run)` : r.name;
      console.log(
        `${r.netMs.toFixed(1).padStart(12)} ${programs.padStart(9)} ${share.padStart(10)}  ${label}`,
      );
    }
    console.log(
      `fused pieces: ${p.fusedMs.toFixed(1)} ms; with one round trip the fused pass can be at most`,
    );
    console.log(`${p.bound.toFixed(2)}x as fast as the library with these programs.`);
  } else {
    const r = await page.evaluate(({ i, s, o, n }) => window.harness.profileLstm(i, s, o, n), {
      i: impl,
      s: sizes[size],
      o: op,
      n: reps,
    });
    const rows = Object.entries(r.ms).sort((a, b) => b[1] - a[1]);
    const total = rows.reduce((s, [, ms]) => s + ms, 0);
    const count = Object.values(r.count).reduce((a, b) => a + b, 0);
    console.log(`${impl} ${size} ${op}: ${count} programs, ${total.toFixed(1)} ms profiled;`);
    console.log(
      `plain run median: async ${r.asyncMs.toFixed(1)} ms, sync ${r.syncMs.toFixed(1)} ms`,
    );
    for (const [kind, ms] of rows)
      console.log(`${ms.toFixed(1).padStart(9)} ms ${String(r.count[kind]).padStart(5)}×  ${kind}`);
  }
} finally {
  await browser.close();
  server.httpServer.close();
}
