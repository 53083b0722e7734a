#!/usr/bin/env node
// `npm run audit [-- --no-build]`: builds the notebook (or reuses dist/ with --no-build), serves
// it gzipped on loopback as a real host would, and runs Lighthouse against Debian's Chromium on
// chapters 1 and 5, mobile and desktop presets, light and dark. Prints one table row per run and
// writes each report to test-results/lighthouse/. Nothing leaves the machine.
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, ensureChromium } from './ensure-chromium.mjs';
import { firstJs, kB } from './first-js.mjs';

const DIST = resolve('dist');
const PAGES = ['#/simple-lstm', '#/training'];
const PRESETS = ['mobile', 'desktop'];
const THEMES = ['light', 'dark'];

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};
/** Already-compressed formats gain nothing from gzip. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.wasm', '.ttf']);

/** A static server for dist/ with gzip (compressed once per file) and long-lived asset caching. */
function serve(root) {
  const gzipped = new Map();
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root) || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    const ext = extname(file);
    const headers = {
      'content-type': TYPES[ext] ?? 'application/octet-stream',
      'cache-control': path.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      vary: 'accept-encoding',
    };
    let body = readFileSync(file);
    if (COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
      if (!gzipped.has(file)) gzipped.set(file, gzipSync(body, { level: 9 }));
      body = gzipped.get(file);
      headers['content-encoding'] = 'gzip';
    }
    res.writeHead(200, { ...headers, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

if (!process.argv.includes('--no-build')) {
  process.env.NODE_ENV = 'production';
  await build({ logLevel: 'warn', mode: 'production' });
}
const first = firstJs(DIST);
const server = await serve(DIST);
const base = `http://127.0.0.1:${server.address().port}/`;
const chrome = await chromeLauncher.launch({
  chromePath: ensureChromium(),
  chromeFlags: [...CHROMIUM_ARGS, '--headless=new'],
});
mkdirSync('test-results/lighthouse', { recursive: true });
const rows = [];
try {
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  for (const hash of PAGES) {
    for (const preset of PRESETS) {
      for (const theme of THEMES) {
        const page = await browser.newPage();
        // Emulated on the page's own session, which Lighthouse keeps across its navigation.
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: theme }]);
        const flags = {
          port: chrome.port,
          output: 'html',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility'],
          // Only bloats the saved reports. Lighthouse 12 needs no network here: every request
          // the page makes is to loopback, and it runs no audit that fetches from outside.
          disableFullPageScreenshot: true,
        };
        const result = await lighthouse(
          `${base}${hash}`,
          flags,
          preset === 'desktop' ? desktopConfig : undefined,
          page,
        );
        const dark = await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches);
        if (dark !== (theme === 'dark')) throw new Error(`The ${theme} theme was not applied.`);
        await page.close();
        const lhr = result.lhr;
        const name = `${hash.slice(2)}-${preset}-${theme}`;
        writeFileSync(`test-results/lighthouse/${name}.html`, result.report);
        const score = (c) => Math.round((lhr.categories[c]?.score ?? NaN) * 100);
        const failing = Object.values(lhr.audits)
          .filter(
            (a) =>
              a.score !== null &&
              a.score < 1 &&
              lhr.categories.accessibility.auditRefs.some((r) => r.id === a.id && r.weight > 0),
          )
          .map((a) => a.id);
        rows.push({
          page: hash,
          preset,
          theme,
          performance: score('performance'),
          accessibility: score('accessibility'),
          tbt: `${Math.round(lhr.audits['total-blocking-time'].numericValue)} ms`,
          fcp: `${(lhr.audits['first-contentful-paint'].numericValue / 1000).toFixed(1)} s`,
          lcp: `${(lhr.audits['largest-contentful-paint'].numericValue / 1000).toFixed(1)} s`,
          'first JS': `${kB(first.gzip)} gzip`,
          'a11y failing': failing.join(' ') || '-',
        });
        console.log(`${name}: done`);
      }
    }
  }
  await browser.disconnect();
} finally {
  await chrome.kill();
  server.close();
}

const cols = Object.keys(rows[0] ?? {});
const width = (c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length));
const line = (cells) => `| ${cells.map((v, k) => String(v).padEnd(width(cols[k]))).join(' | ')} |`;
console.log(`\n${line(cols)}\n${line(cols.map((c) => '-'.repeat(width(c))))}`);
for (const r of rows) console.log(line(cols.map((c) => r[c])));
console.log(
  `\nfirst JS = ${first.files.map((f) => f.file).join(' + ')}: ${kB(first.raw)}, ${kB(first.gzip)} gzip`,
);
