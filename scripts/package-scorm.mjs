#!/usr/bin/env node
// `npm run package:scorm`: the notebook as a SCORM 1.2 package, one SCO per chapter. Builds the
// static site (relative paths, as always), writes imsmanifest.xml beside it and zips both into
// scorm/lstm-notebook-scorm12.zip. Inside an LMS each chapter reports lesson_status and its score
// (src/embed/scorm.ts); outside one the same files are the ordinary notebook.
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { zipSync } from 'fflate';

/** The chapters, as src/state/chapters.ts names them (a unit test keeps the two equal). */
export const SCORM_CHAPTERS = [
  { slug: 'simple-lstm', title: '1. A simple LSTM' },
  { slug: 'bias', title: '2. Adding bias' },
  { slug: 'temporal-loop', title: '3. The temporal loop' },
  { slug: 'options', title: '4. More options' },
  { slug: 'training', title: '5. Training' },
  { slug: 'performance', title: '6. Performance' },
];

/** Left out of the package: the test harness, source maps and the build's own manifest. */
const SKIP = [/^harness\.html$/, /\.map$/, /^\.vite\//];

const xml = (s) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function filesOf(dir) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split(sep).join('/'));
    }
  };
  walk(dir);
  return out.filter((f) => !SKIP.some((re) => re.test(f))).sort();
}

/** imsmanifest.xml for SCORM 1.2: one item and one SCO resource per chapter, shared assets. */
export function manifest(files, title = 'LSTM from scratch') {
  const items = SCORM_CHAPTERS.map(
    (c) =>
      `      <item identifier="item-${c.slug}" identifierref="sco-${c.slug}">\n` +
      `        <title>${xml(c.title)}</title>\n` +
      `      </item>`,
  ).join('\n');
  const scos = SCORM_CHAPTERS.map(
    (c) =>
      `    <resource identifier="sco-${c.slug}" type="webcontent" adlcp:scormtype="sco" href="index.html#/${c.slug}">\n` +
      `      <file href="index.html"/>\n` +
      `      <dependency identifierref="assets"/>\n` +
      `    </resource>`,
  ).join('\n');
  const assets = files.map((f) => `      <file href="${xml(f)}"/>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="lstm-from-scratch-notebook" version="1"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="chapters">
    <organization identifier="chapters">
      <title>${xml(title)}</title>
${items}
    </organization>
  </organizations>
  <resources>
${scos}
    <resource identifier="assets" type="webcontent" adlcp:scormtype="asset">
${assets}
    </resource>
  </resources>
</manifest>
`;
}

/** Zip the built site in `dist` with its manifest into `out`; returns the file list. */
export function packageScorm(dist = 'dist', out = 'scorm/lstm-notebook-scorm12.zip') {
  const files = filesOf(dist);
  const entries = { 'imsmanifest.xml': new TextEncoder().encode(manifest(files)) };
  for (const f of files) entries[f] = readFileSync(join(dist, f));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zipSync(entries, { level: 9 }));
  return { out, files: ['imsmanifest.xml', ...files] };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { build } = await import('vite');
  process.env.NODE_ENV = 'production';
  await build({ logLevel: 'warn', mode: 'production' });
  const { out, files } = packageScorm();
  const kb = (statSync(out).size / 1024).toFixed(0);
  console.log(`${out}: ${files.length} files, ${kb} KiB, ${SCORM_CHAPTERS.length} SCOs.`);
}
