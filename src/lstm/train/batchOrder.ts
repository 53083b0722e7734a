import type { BatchOrder } from './trainer';

/** Samples in their stored order every epoch (Keras' `shuffle=False`). */
export const inOrder: BatchOrder = (_epoch, samples) =>
  Array.from({ length: samples }, (_, k) => k);

/** mulberry32: a tiny, well-mixed 32-bit generator; enough for a reproducible shuffle. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seeded Fisher–Yates shuffle per epoch. tfjs' own `fit` shuffles with Math.random, so two runs
 * can never be compared; this order is the same for the same seed, epoch after epoch.
 */
export function seededShuffle(seed: number): BatchOrder {
  return (epoch, samples) => {
    const random = mulberry32(seed * 1000003 + epoch);
    const order = Array.from({ length: samples }, (_, k) => k);
    for (let i = samples - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return order;
  };
}
