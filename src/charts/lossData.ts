/**
 * Loss histories turned into what the loss chart draws: finite points only (d3 never sees NaN),
 * epoch markers, and where a run diverged. Pure, so it is unit-tested in Node.
 */
import type { ModelKind } from '../lstm/experimentTypes';
import type { LossHistory } from './export';

/** One batch (or epoch) loss. `index` is the global batch number, counted from 1. */
export interface LossPoint {
  model: ModelKind;
  index: number;
  /** Counted from 1, as Keras prints it. */
  epoch: number;
  /** Counted from 1 within its epoch; for an epoch point, the epoch's last batch. */
  batch: number;
  loss: number;
}

/** Where a run stopped: on a NaN or infinite loss, or on a finite one that exploded. */
export interface Divergence {
  /** The last finite point before it, where the ✕ is drawn; null when the very first was bad. */
  lastFinite: LossPoint | null;
  /** Global batch number of the bad batch (may be past the last drawn point). */
  index: number;
  epoch: number;
  batch: number;
  /** The offending value: NaN, ±Infinity, an exploded finite loss (NaN when only flagged). */
  value: number;
}

/** One model's drawable series. */
export interface LossSeries {
  model: ModelKind;
  /** Finite batch losses in index order. */
  points: LossPoint[];
  /** Finite epoch losses, placed at their epoch's last batch. */
  epochPoints: LossPoint[];
  divergence: Divergence | null;
  /** Batches recorded, finite or not. */
  batches: number;
}

/** Flatten one history into a series. Sparse (live, half-filled) histories are fine. */
export function lossSeries(model: ModelKind, history: LossHistory): LossSeries {
  const points: LossPoint[] = [];
  const epochPoints: LossPoint[] = [];
  let divergence: Divergence | null = null;
  let index = 0;
  for (let e = 0; e < history.batchLosses.length; e++) {
    const losses = history.batchLosses[e] ?? [];
    for (let b = 0; b < losses.length; b++) {
      index++;
      const loss = losses[b] ?? NaN;
      const point = { model, index, epoch: e + 1, batch: b + 1, loss };
      if (Number.isFinite(loss)) {
        if (divergence) continue;
        points.push(point);
        if (index === history.explodedAt) {
          divergence = { lastFinite: point, index, epoch: e + 1, batch: b + 1, value: loss };
        }
      } else if (!divergence) {
        divergence = {
          lastFinite: points.at(-1) ?? null,
          index,
          epoch: e + 1,
          batch: b + 1,
          value: loss,
        };
      }
    }
    const epochLoss = history.epochLosses[e];
    if (epochLoss !== undefined && Number.isFinite(epochLoss) && losses.length > 0 && !divergence) {
      epochPoints.push({ model, index, epoch: e + 1, batch: losses.length, loss: epochLoss });
    }
  }
  if (!divergence && history.diverged) {
    // The runner flagged it but the bad loss never reached the history: mark where it stopped.
    const last = points.at(-1) ?? null;
    divergence = {
      lastFinite: last,
      index: index + 1,
      epoch: last?.epoch ?? 1,
      batch: (last?.batch ?? 0) + 1,
      value: NaN,
    };
  }
  return { model, points, epochPoints, divergence, batches: index };
}

/** Series for whichever models have a history, custom first. */
export function lossSeriesOf(
  histories: Partial<Record<ModelKind, LossHistory | null | undefined>>,
): LossSeries[] {
  return (['custom', 'library'] as const).flatMap((m) => {
    const h = histories[m];
    return h ? [lossSeries(m, h)] : [];
  });
}

/** Points a log axis can show: only positive losses. */
export function plottable(points: readonly LossPoint[], log: boolean): LossPoint[] {
  return log ? points.filter((p) => p.loss > 0) : [...points];
}

/**
 * Y domain over every drawn point. Linear starts at 0 (an honest baseline for a loss); log spans
 * the positive extent. Never returns NaN or an empty range.
 */
export function lossDomain(series: readonly LossSeries[], log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) {
    for (const p of plottable([...s.points, ...s.epochPoints], log)) {
      lo = Math.min(lo, p.loss);
      hi = Math.max(hi, p.loss);
    }
  }
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return log ? [0.01, 1] : [0, 1];
  if (log) return lo === hi ? [lo / 10, hi * 10] : [lo, hi];
  return [Math.min(0, lo), hi === Math.min(0, lo) ? 1 : hi];
}

/** The point of a series at a global batch number (binary search; undefined if not drawn). */
export function pointAt(points: readonly LossPoint[], index: number): LossPoint | undefined {
  let lo = 0;
  let hi = points.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = points[mid]!;
    if (p.index === index) return p;
    if (p.index < index) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Table rows: model, epoch, batch, loss, and the epoch loss on each epoch's last batch. */
export function lossTableRows(
  histories: Partial<Record<ModelKind, LossHistory | null | undefined>>,
): string[][] {
  const rows: string[][] = [];
  for (const model of ['custom', 'library'] as const) {
    const h = histories[model];
    if (!h) continue;
    for (let e = 0; e < h.batchLosses.length; e++) {
      const losses = h.batchLosses[e] ?? [];
      losses.forEach((loss, b) => {
        const epochLoss = b === losses.length - 1 ? h.epochLosses[e] : undefined;
        const row = [model, String(e + 1), String(b + 1), String(loss)];
        rows.push([...row, epochLoss === undefined ? '' : String(epochLoss)]);
      });
    }
  }
  return rows;
}

const BATCH_MOVES: Record<string, number> = {
  ArrowLeft: -1,
  ArrowRight: 1,
  PageDown: -10,
  PageUp: 10,
};

/**
 * Keyboard reading of the loss chart over batches 1..max: arrows step one batch, PageUp/Down ten,
 * Home/End jump to the ends, Escape leaves. undefined: the key is not the chart's.
 */
export function keyToBatch(
  key: string,
  cursor: number | null,
  max: number,
): number | null | undefined {
  if (key === 'Escape') return cursor === null ? undefined : null;
  const clamp = (i: number) => Math.min(max, Math.max(1, i));
  if (key === 'Home') return 1;
  if (key === 'End') return clamp(max);
  const d = BATCH_MOVES[key];
  if (d === undefined) return undefined;
  return clamp(cursor === null ? 1 : cursor + d);
}
