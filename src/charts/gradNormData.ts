/**
 * Per-gate gradient norms turned into what the gradient chart draws: one series per gate, with
 * only the values its axis can show (finite, and positive on a log axis), and the CSV. Pure, so it
 * is unit-tested in Node.
 */
import { toCsv } from './export';

/** The four gates whose weight columns get a gradient norm, in Keras' fused order. */
export const NORM_GATES = ['i', 'f', 'g', 'o'] as const;
export type NormGate = (typeof NORM_GATES)[number];

/** One batch: the L2 norm of ∂L/∂W over each gate's columns of the kernels and the bias. */
export interface GradNormRow {
  /** Global batch number, counted from 1 as the loss chart counts it. */
  batch: number;
  i: number;
  f: number;
  g: number;
  o: number;
}

/** One drawable point of a gate's line. */
export interface NormPoint {
  batch: number;
  norm: number;
}

/** Whether an axis can show a norm: finite, and positive on a log axis. */
export function showable(v: number, log: boolean): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

/**
 * A gate's line as runs of consecutive showable points: a batch the axis cannot show breaks the
 * line there instead of being bridged, so a missing value is not drawn as if it were known.
 */
export function gateSegments(
  rows: readonly GradNormRow[],
  gate: NormGate,
  log: boolean,
): NormPoint[][] {
  const segments: NormPoint[][] = [];
  let run: NormPoint[] = [];
  for (const r of rows) {
    if (Number.isFinite(r.batch) && showable(r[gate], log)) {
      run.push({ batch: r.batch, norm: r[gate] });
    } else if (run.length > 0) {
      segments.push(run);
      run = [];
    }
  }
  if (run.length > 0) segments.push(run);
  return segments;
}

/** Y domain over every showable norm: [0, max] linear, the positive extent on log; never NaN. */
export function normDomain(rows: readonly GradNormRow[], log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    for (const gate of NORM_GATES) {
      if (!showable(r[gate], log)) continue;
      lo = Math.min(lo, r[gate]);
      hi = Math.max(hi, r[gate]);
    }
  }
  if (!Number.isFinite(lo)) return log ? [1e-3, 1] : [0, 1];
  if (log) return lo === hi ? [lo / 10, hi * 10] : [lo, hi];
  return [0, hi > 0 ? hi : 1];
}

/** Table rows: batch, then each gate's norm as recorded (NaN spelled out). */
export function gradNormRows(rows: readonly GradNormRow[]): (string | number)[][] {
  return rows.map((r) => [r.batch, ...NORM_GATES.map((g) => r[g])]);
}

/** The CSV behind the chart: batch,i,f,g,o, full float precision. */
export function gradNormCsv(rows: readonly GradNormRow[]): string {
  return toCsv([['batch', ...NORM_GATES], ...gradNormRows(rows)]);
}
