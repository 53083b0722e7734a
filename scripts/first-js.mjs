#!/usr/bin/env node
// `node scripts/first-js.mjs [dist]`: the JavaScript a reader's browser loads before a chapter's
// first paint (index.html's entry chunk and everything it imports statically, i.e. what the page
// modulepreloads), with raw and gzip sizes, read from the build's manifest. Used by npm run audit.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The first-paint JavaScript of a build: its files and sizes in bytes. */
export function firstJs(dist = 'dist') {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
  const entry = manifest['index.html'];
  if (!entry?.isEntry) throw new Error(`${dist}/.vite/manifest.json has no index.html entry.`);
  const seen = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || seen.has(chunk.file)) return;
    seen.add(chunk.file);
    for (const dep of chunk.imports ?? []) visit(dep);
  };
  visit('index.html');
  const files = [...seen].map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  const sum = (k) => files.reduce((s, f) => s + f[k], 0);
  return { files, raw: sum('raw'), gzip: sum('gzip') };
}

export const kB = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = firstJs(process.argv[2] ?? 'dist');
  for (const f of result.files)
    console.log(`${f.file.padEnd(44)} ${kB(f.raw).padStart(10)} ${kB(f.gzip).padStart(10)} gzip`);
  console.log(
    `${'first JS'.padEnd(44)} ${kB(result.raw).padStart(10)} ${kB(result.gzip).padStart(10)} gzip`,
  );
}
