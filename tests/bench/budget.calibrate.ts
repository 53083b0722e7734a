/**
 * `npm run bench:budget`: measures what requests really cost on tfjs' CPU backend in Node on this
 * machine, beside the work budget's estimate (src/lstm/budget.ts), and times the slowest setting
 * the budget accepts for each kind of work. Prints a table; asserts nothing (timings never are).
 */
import * as tf from '@tensorflow/tfjs';
import { test } from 'vitest';
import {
  BUDGET,
  checkBudget,
  estimateMs,
  type TrainParams,
  type WorkKind,
} from '../../src/lstm/budget';
import { compareForward, createTrainingSession, inspectForward } from '../../src/lstm/experiments';
import { fit } from '../../src/lstm/train/fit';

const base = { seed: 313, seeding: 'tf27' as const, learningRate: 0.001 };

async function timeOnce(kind: WorkKind, p: TrainParams): Promise<number> {
  const t0 = performance.now();
  if (kind === 'forward') {
    await compareForward({
      ...base,
      ...p,
      layer: 'options',
      returnSequences: true,
      returnState: true,
    });
  } else if (kind === 'inspect') {
    await inspectForward({ ...base, ...p });
  } else {
    const s = createTrainingSession({ ...base, ...p });
    try {
      await fit(s);
    } finally {
      s.dispose();
    }
  }
  return performance.now() - t0;
}

const p = (
  units: number,
  timesteps: number,
  features: number,
  samples: number,
  epochs = 1,
  batchSize = 10,
) => ({
  units,
  timesteps,
  features,
  samples,
  epochs,
  batchSize,
});

/** Settings spanning each cost term: arithmetic, many steps, many batches, big read-backs. */
const GRID: [WorkKind, TrainParams][] = [
  ['forward', p(32, 5, 3, 10)],
  ['forward', p(128, 50, 16, 64)],
  ['forward', p(256, 20, 16, 128)],
  ['forward', p(256, 50, 16, 256)],
  ['forward', p(8, 50, 1, 1)],
  ['inspect', p(32, 5, 3, 10)],
  ['inspect', p(128, 50, 8, 32)],
  ['inspect', p(64, 50, 16, 128)],
  ['inspect', p(256, 10, 16, 64)],
  ['train', p(8, 5, 3, 100, 10, 10)],
  ['train', p(8, 5, 3, 100, 2, 1)],
  ['train', p(64, 20, 8, 100, 2, 20)],
  ['train', p(128, 10, 16, 256, 1, 64)],
];

/** For each kind, the accepted setting with the largest estimate, searched over a coarse grid. */
function slowestAccepted(kind: WorkKind): TrainParams {
  let best: TrainParams | null = null;
  let bestMs = -1;
  for (const units of [8, 32, 64, 128, 192, 256])
    for (const timesteps of [5, 10, 20, 35, 50])
      for (const features of [3, 16])
        for (const samples of [10, 32, 64, 128, 256])
          for (const epochs of kind === 'train' ? [1, 2, 5, 10, 20, 50] : [1])
            for (const batchSize of kind === 'train' ? [1, 10, 64] : [10]) {
              const q = { units, timesteps, features, samples, epochs, batchSize };
              if (checkBudget(kind, q)) continue;
              const ms = estimateMs(kind, q);
              if (ms > bestMs) [best, bestMs] = [q, ms];
            }
  return best!;
}

test('work budget: estimate against measurement, CPU backend', async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  const rows: string[] = [];
  const row = async (label: string, kind: WorkKind, q: TrainParams) => {
    await timeOnce(kind, { ...q, epochs: 1, samples: Math.min(q.samples, 10) }); // warm up
    const ms = await timeOnce(kind, q);
    const heap = process.memoryUsage().rss / 2 ** 20;
    rows.push(
      `${label.padEnd(9)} ${kind.padEnd(8)} ${JSON.stringify(q).padEnd(92)} est ${estimateMs(kind, q).toFixed(0).padStart(6)} ms  measured ${ms.toFixed(0).padStart(6)} ms  rss ${heap.toFixed(0)} MB`,
    );
  };
  for (const [kind, q] of GRID) await row('grid', kind, q);
  for (const kind of ['forward', 'inspect', 'train'] as const)
    await row('slowest', kind, slowestAccepted(kind));
  console.log(`budget ${BUDGET.ms} ms, ${BUDGET.readFloats} floats\n${rows.join('\n')}`);
}, 900_000);
