import { describe, expect, it } from 'vitest';
import {
  keyToBatch,
  lossDomain,
  lossSeries,
  lossSeriesOf,
  lossTableRows,
  plottable,
  pointAt,
} from '../../../src/charts/lossData';

describe('loss series', () => {
  it('numbers batches globally from 1 and places epoch losses at their last batch', () => {
    const s = lossSeries('custom', {
      batchLosses: [
        [3, 2],
        [1.5, 1],
      ],
      epochLosses: [2.4, 1.2],
    });
    expect(s.points.map((p) => [p.index, p.epoch, p.batch, p.loss])).toEqual([
      [1, 1, 1, 3],
      [2, 1, 2, 2],
      [3, 2, 1, 1.5],
      [4, 2, 2, 1],
    ]);
    expect(s.epochPoints.map((p) => [p.index, p.epoch, p.loss])).toEqual([
      [2, 1, 2.4],
      [4, 2, 1.2],
    ]);
    expect(s.divergence).toBeNull();
    expect(s.batches).toBe(4);
  });

  it('keeps NaN and infinities out of the points and marks the last finite one', () => {
    const s = lossSeries('library', {
      batchLosses: [
        [1, 1e12],
        [Infinity, NaN],
      ],
      epochLosses: [5e11],
      diverged: true,
    });
    expect(s.points.every((p) => Number.isFinite(p.loss))).toBe(true);
    expect(s.points).toHaveLength(2);
    expect(s.divergence).toMatchObject({ index: 3, epoch: 2, batch: 1, value: Infinity });
    expect(s.divergence?.lastFinite?.index).toBe(2);
  });

  it('marks a run that diverged on its first batch without a finite point to sit on', () => {
    const s = lossSeries('custom', { batchLosses: [[NaN]], epochLosses: [] });
    expect(s.points).toEqual([]);
    expect(s.divergence).toMatchObject({ lastFinite: null, index: 1 });
  });

  it('trusts the diverged flag when the bad loss never reached the history', () => {
    const s = lossSeries('custom', { batchLosses: [[0.5]], epochLosses: [], diverged: true });
    expect(s.divergence).toMatchObject({ index: 2, value: NaN });
    expect(s.divergence?.lastFinite?.loss).toBe(0.5);
  });

  it('reads sparse live histories and skips missing models', () => {
    const batchLosses: number[][] = [];
    batchLosses[1] = [0.7];
    const series = lossSeriesOf({ custom: null, library: { batchLosses, epochLosses: [] } });
    expect(series.map((s) => s.model)).toEqual(['library']);
    expect(series[0]!.points[0]).toMatchObject({ index: 1, epoch: 2, batch: 1 });
  });

  it('finds the point at a batch number, or nothing', () => {
    const s = lossSeries('custom', { batchLosses: [[4, 3, 2, 1]], epochLosses: [] });
    expect(pointAt(s.points, 3)?.loss).toBe(2);
    expect(pointAt(s.points, 9)).toBeUndefined();
    expect(pointAt([], 1)).toBeUndefined();
  });
});

describe('loss domain', () => {
  const s = [lossSeries('custom', { batchLosses: [[0, 0.5, 2]], epochLosses: [1] })];

  it('starts a linear axis at 0', () => {
    expect(lossDomain(s, false)).toEqual([0, 2]);
  });

  it('spans only positive losses on a log axis', () => {
    expect(plottable(s[0]!.points, true).map((p) => p.loss)).toEqual([0.5, 2]);
    expect(lossDomain(s, true)).toEqual([0.5, 2]);
  });

  it('falls back to a usable range with no data or a single value', () => {
    expect(lossDomain([], false)).toEqual([0, 1]);
    expect(lossDomain([], true)).toEqual([0.01, 1]);
    const one = [lossSeries('custom', { batchLosses: [[0.5]], epochLosses: [] })];
    expect(lossDomain(one, true)).toEqual([0.05, 5]);
    const zero = [lossSeries('custom', { batchLosses: [[0]], epochLosses: [] })];
    expect(lossDomain(zero, false)).toEqual([0, 1]);
  });
});

describe('loss table', () => {
  it('has one row per batch and the epoch loss on the epoch’s last batch', () => {
    const rows = lossTableRows({ custom: { batchLosses: [[0.3, NaN]], epochLosses: [0.2] } });
    expect(rows).toEqual([
      ['custom', '1', '1', '0.3', ''],
      ['custom', '1', '2', 'NaN', '0.2'],
    ]);
  });
});

describe('keyboard reading', () => {
  it('steps over batches 1..max and stops at the ends', () => {
    expect(keyToBatch('ArrowRight', null, 5)).toBe(1);
    expect(keyToBatch('ArrowRight', 5, 5)).toBe(5);
    expect(keyToBatch('ArrowLeft', 1, 5)).toBe(1);
    expect(keyToBatch('PageUp', 2, 50)).toBe(12);
    expect(keyToBatch('End', 2, 50)).toBe(50);
    expect(keyToBatch('Home', 20, 50)).toBe(1);
    expect(keyToBatch('Escape', 3, 5)).toBeNull();
    expect(keyToBatch('Escape', null, 5)).toBeUndefined();
    expect(keyToBatch('a', 3, 5)).toBeUndefined();
  });
});

describe('an exploded (finite) loss', () => {
  it('puts the ✕ on the exploded point itself and draws nothing after it', () => {
    const s = lossSeries('custom', {
      batchLosses: [[0.2, 3e6, 5e5]],
      epochLosses: [],
      diverged: true,
      explodedAt: 2,
    });
    expect(s.points.map((p) => p.loss)).toEqual([0.2, 3e6]);
    expect(s.divergence).toMatchObject({ index: 2, value: 3e6, lastFinite: { index: 2 } });
  });
});
