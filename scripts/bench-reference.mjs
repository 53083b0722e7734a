#!/usr/bin/env node
// The Performance chapter's reference numbers (content/performance-reference.json) out of a
// `npm run bench` run's bench-results/bench.json: its WebGL rows at the live sizes (tutorial,
// medium), forward and train-step, with their program counts.
//   node scripts/bench-reference.mjs "<what machine, and its load>"
import { readFileSync, writeFileSync } from 'node:fs';

const COMMAND =
  'BENCH_REPS=15 BENCH_BACKENDS=webgl BENCH_SIZES=tutorial,medium BENCH_OPS=forward,train-step npm run bench';
const machine = process.argv[2];
if (!machine)
  throw new Error('Say which machine measured it: node scripts/bench-reference.mjs "…"');
const bench = JSON.parse(readFileSync('bench-results/bench.json', 'utf8'));
const wanted = (r) =>
  r.backend === 'webgl' &&
  ['tutorial', 'medium'].includes(r.size) &&
  ['forward', 'train-step'].includes(r.op);
const rows = bench.rows
  .filter(wanted)
  .map(({ impl, size, op, medianMs, reps }) => ({ impl, size, op, medianMs, reps }));
if (rows.length !== 14)
  throw new Error(`Expected 14 WebGL rows, found ${rows.length}: run ${COMMAND}`);
const programs = (bench.dispatches ?? [])
  .filter(wanted)
  .map(({ impl, size, op, programs: n }) => ({ impl, size, op, programs: n }));
const reference = {
  machine,
  backend: 'webgl',
  command: COMMAND,
  measured: new Date().toISOString().slice(0, 10),
  readBack: bench.readBack,
  rows,
  programs,
};
writeFileSync('content/performance-reference.json', `${JSON.stringify(reference, null, 2)}\n`);
console.log(`content/performance-reference.json: ${rows.length} rows, ${programs.length} counts`);
