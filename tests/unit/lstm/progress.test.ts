import { describe, expect, it } from 'vitest';
import type { BatchResult } from '../../../src/lstm/train/trainer';
import { EXPLODED_FACTOR, checkDivergence, recordBatch } from '../../../src/lstm/train/progress';
import { emptyProgress, type ModelProgress } from '../../../src/lstm/train/progress';

const batch = (loss: number, epoch = 0, b = 0, extra: Partial<BatchResult> = {}): BatchResult => ({
  epoch,
  batch: b,
  batches: 4,
  loss,
  epochEnd: false,
  ...extra,
});

/** A model's progress after these batch losses, all in the first epoch. */
function after(...losses: number[]): ModelProgress {
  const p = emptyProgress(3);
  losses.forEach((loss, k) => recordBatch(p, batch(loss, 0, k)));
  return p;
}

describe('checkDivergence', () => {
  // 0.25 and the factor are exact in binary, so the threshold is exactly 2500.
  const first = 0.25;
  const threshold = EXPLODED_FACTOR * first;

  it('explodes at more than 1e4 times the first batch loss', () => {
    expect(EXPLODED_FACTOR).toBe(1e4);
    expect(threshold).toBe(2500);
  });

  it('calls a NaN or infinite loss non-finite', () => {
    const p = after(first, 0.2);
    for (const loss of [NaN, Infinity, -Infinity]) {
      expect(checkDivergence('custom', p, batch(loss, 0, 2), 3)).toEqual({
        models: ['custom'],
        index: 3,
        epoch: 1,
        batch: 3,
        value: loss,
        firstLoss: first,
        reason: 'nonfinite',
      });
    }
  });

  it('calls a loss just above the threshold exploded, and one just below healthy', () => {
    const p = after(first, 0.2, 0.3);
    expect(checkDivergence('library', p, batch(threshold * (1 + 1e-12), 1, 0), 5)).toEqual({
      models: ['library'],
      index: 5,
      epoch: 2,
      batch: 1,
      value: threshold * (1 + 1e-12),
      firstLoss: first,
      reason: 'exploded',
    });
    expect(checkDivergence('library', p, batch(threshold * (1 - 1e-12), 1, 0), 5)).toBeNull();
    // The threshold itself is not above it.
    expect(checkDivergence('library', p, batch(threshold, 1, 0), 5)).toBeNull();
  });

  it('measures against the first batch of the run, not the latest or the largest', () => {
    // The tutorial at learning rate 100: 0.17, then millions.
    const p = after(0.17, 30, 1000);
    expect(checkDivergence('custom', p, batch(3.6e6, 0, 3), 4)?.reason).toBe('exploded');
    expect(checkDivergence('custom', p, batch(0.17 * EXPLODED_FACTOR * 0.999, 0, 3), 4)).toBeNull();
  });

  it('lets the first batch through whatever its size, unless it is not a number', () => {
    // Checked before the batch is recorded: there is nothing to compare it with yet.
    const fresh = emptyProgress(3);
    expect(checkDivergence('custom', fresh, batch(first), 1)).toBeNull();
    expect(checkDivergence('custom', fresh, batch(1e30), 1)).toBeNull();
    expect(checkDivergence('custom', fresh, batch(NaN), 1)).toMatchObject({
      reason: 'nonfinite',
      firstLoss: null,
      index: 1,
      epoch: 1,
      batch: 1,
    });
    // Once recorded, the first batch is not above itself.
    expect(checkDivergence('custom', after(first), batch(first), 1)).toBeNull();
  });

  it('does not call a finite loss exploded when the first loss was not a number', () => {
    const p = after(NaN);
    expect(checkDivergence('custom', p, batch(1e30, 0, 1), 2)).toBeNull();
  });
});

describe('recordBatch', () => {
  it('counts epochs and batches from 1 and keeps the running mean of the epoch', () => {
    const p = emptyProgress(2);
    recordBatch(p, batch(1, 0, 0));
    expect(p).toMatchObject({ epoch: 1, batch: 1, batches: 4, runningLoss: 1, diverged: false });
    recordBatch(p, batch(2, 0, 1));
    recordBatch(p, batch(6, 0, 2));
    expect(p).toMatchObject({ epoch: 1, batch: 3, runningLoss: 3 });
    expect(p.batchLosses).toEqual([[1, 2, 6]]);
    expect(p.epochLosses).toEqual([]);
  });

  it("stores the epoch's loss on its last batch and starts the next epoch's mean afresh", () => {
    const p = emptyProgress(2);
    recordBatch(p, batch(4, 0, 0));
    recordBatch(p, batch(2, 0, 1, { epochEnd: true, epochLoss: 2.5 }));
    expect(p.epochLosses).toEqual([2.5]);
    recordBatch(p, batch(0.5, 1, 0));
    expect(p).toMatchObject({ epoch: 2, batch: 1, runningLoss: 0.5 });
    expect(p.batchLosses).toEqual([[4, 2], [0.5]]);
  });

  it('marks the model diverged on a NaN or infinite loss, and not on a large finite one', () => {
    const big = emptyProgress(1);
    recordBatch(big, batch(1e30));
    expect(big.diverged).toBe(false);
    for (const loss of [NaN, Infinity]) {
      const p = emptyProgress(1);
      recordBatch(p, batch(0.3, 0, 0));
      recordBatch(p, batch(loss, 0, 1));
      expect(p.diverged).toBe(true);
      expect(p.batchLosses[0]).toEqual([0.3, loss]);
    }
  });
});
