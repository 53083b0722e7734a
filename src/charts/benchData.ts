/**
 * Benchmark medians turned into what the Performance chapter's table and chart show: each
 * implementation's time as a fraction of tf.layers.lstm's, on the reader's device and on the
 * machine the reference was measured on. Pure, so it is unit-tested in Node.
 */
import type { BenchImpl, BenchOp, BenchRow, BenchSizeName } from '../lstm/bench/types';
import { toCsv } from './export';

/** The implementations compared against the library, in the order the chart draws them. */
export const COMPARED: readonly BenchImpl[] = ['readable', 'fused', 'floor'];

/** One implementation at one size and op: its median and its ratio to the library's. */
export interface RatioRow {
  size: BenchSizeName;
  op: BenchOp;
  impl: BenchImpl;
  /** impl median / library median on the reader's device; null until both are measured. */
  yours: number | null;
  /** The same on the reference machine; null where it has no such row. */
  reference: number | null;
  yoursMs: number | null;
  referenceMs: number | null;
}

const key = (r: Pick<BenchRow, 'size' | 'op' | 'impl'>) => `${r.size}/${r.op}/${r.impl}`;

function ratioOf(
  rows: ReadonlyMap<string, BenchRow>,
  r: Omit<RatioRow, 'yours' | 'reference' | 'yoursMs' | 'referenceMs'>,
) {
  const mine = rows.get(key(r));
  const lib = rows.get(key({ ...r, impl: 'library' }));
  const ratio =
    mine && lib && lib.medianMs > 0 && Number.isFinite(mine.medianMs)
      ? mine.medianMs / lib.medianMs
      : null;
  return { ratio, ms: mine?.medianMs ?? null };
}

/**
 * A row per (size, op, impl) the reader measured or asked for (`wanted`), impls in COMPARED
 * order; the reference's ratio beside each.
 */
export function ratioRows(
  yours: readonly BenchRow[],
  reference: readonly BenchRow[],
  wanted: { sizes: readonly BenchSizeName[]; ops: readonly BenchOp[] },
): RatioRow[] {
  const mine = new Map(yours.map((r) => [key(r), r]));
  const ref = new Map(reference.map((r) => [key(r), r]));
  const out: RatioRow[] = [];
  for (const size of wanted.sizes) {
    for (const op of wanted.ops) {
      for (const impl of COMPARED) {
        const a = ratioOf(mine, { size, op, impl });
        const b = ratioOf(ref, { size, op, impl });
        out.push({
          size,
          op,
          impl,
          yours: a.ratio,
          reference: b.ratio,
          yoursMs: a.ms,
          referenceMs: b.ms,
        });
      }
    }
  }
  return out;
}

/** The library's median per (size, op), for the table's first column. */
export function libraryMs(
  rows: readonly BenchRow[],
  size: BenchSizeName,
  op: BenchOp,
): number | null {
  return rows.find((r) => r.size === size && r.op === op && r.impl === 'library')?.medianMs ?? null;
}

/** The largest ratio shown (at least 1.2, so the library's line at 1 is always inside). */
export function ratioMax(rows: readonly RatioRow[]): number {
  let max = 1.2;
  for (const r of rows) {
    for (const v of [r.yours, r.reference])
      if (v !== null && Number.isFinite(v)) max = Math.max(max, v);
  }
  return max;
}

/** "fused / library" as a reader reads it: 0.46, with the speed-up 2.2× beside it elsewhere. */
export function formatRatio(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '–';
  return v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

export function formatSpeedup(v: number | null): string {
  if (v === null || !Number.isFinite(v) || v <= 0) return '–';
  return `${(1 / v).toFixed(1)}×`;
}

/** The numbers behind the chart: one line per row, blanks where a side has no number. */
export function ratioCsv(rows: readonly RatioRow[]): string {
  const cell = (v: number | null) => (v === null ? '' : v);
  return toCsv([
    [
      'size',
      'op',
      'impl',
      'your_ratio_to_library',
      'reference_ratio_to_library',
      'your_median_ms',
      'reference_median_ms',
    ],
    ...rows.map((r) => [
      r.size,
      r.op,
      r.impl,
      cell(r.yours),
      cell(r.reference),
      cell(r.yoursMs),
      cell(r.referenceMs),
    ]),
  ]);
}
