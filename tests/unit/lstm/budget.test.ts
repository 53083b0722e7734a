import { expect, test } from 'vitest';
import {
  BUDGET,
  checkBudget,
  costOf,
  estimateMs,
  largestFitting,
  type TrainParams,
  type WorkKind,
} from '../../../src/lstm/budget';
import { INT_BOUNDS } from '../../../src/lstm/limits';

const tutorialForward: TrainParams = {
  units: 32,
  timesteps: 5,
  features: 3,
  samples: 10,
  epochs: 1,
  batchSize: 10,
};
const tutorialTraining: TrainParams = { ...tutorialForward, units: 8, samples: 100, epochs: 10 };
const huge: TrainParams = {
  units: 256,
  timesteps: 50,
  features: 16,
  samples: 256,
  epochs: 200,
  batchSize: 1,
};
const KINDS: WorkKind[] = ['forward', 'inspect', 'train'];

test("the tutorial's own settings fit every kind of work", () => {
  for (const kind of ['forward', 'inspect'] as const)
    expect(checkBudget(kind, tutorialForward)).toBeNull();
  expect(checkBudget('train', tutorialTraining)).toBeNull();
});

test('the frozen-tab link (256 units, 50 steps, 256 samples, 16 features) is refused for a trace', () => {
  const over = checkBudget('inspect', { ...huge, epochs: 1 }, 'samples');
  expect(over).not.toBeNull();
  expect(over!.field).toBe('samples');
  expect(over!.message).toMatch(/numbers read back/);
  expect(over!.message).toMatch(/samples can be at most \d+/);
});

test('cost grows with every field but batch size, and the estimate with it', () => {
  for (const kind of KINDS) {
    for (const field of ['units', 'timesteps', 'features', 'samples', 'epochs'] as const) {
      if (kind !== 'train' && field === 'epochs') continue;
      const lo = { ...tutorialTraining, [field]: 2 };
      const hi = { ...tutorialTraining, [field]: 4 };
      expect(estimateMs(kind, hi)).toBeGreaterThan(estimateMs(kind, lo));
    }
  }
  const small = { ...tutorialTraining, batchSize: 1 };
  expect(costOf('train', small).batches).toBeGreaterThan(costOf('train', tutorialTraining).batches);
  expect(estimateMs('train', small)).toBeGreaterThan(estimateMs('train', tutorialTraining));
});

test('largestFitting is exactly the edge: it fits, one more does not', () => {
  for (const kind of KINDS) {
    for (const field of ['units', 'timesteps', 'samples', 'epochs'] as const) {
      const p = { ...huge, units: 64, timesteps: 20, samples: 64, epochs: 5, batchSize: 10 };
      const v = largestFitting(kind, p, field);
      if (v === null) {
        expect(checkBudget(kind, { ...p, [field]: INT_BOUNDS[field][0] })).not.toBeNull();
        continue;
      }
      expect(checkBudget(kind, { ...p, [field]: v })).toBeNull();
      if (v < INT_BOUNDS[field][1])
        expect(checkBudget(kind, { ...p, [field]: v + 1 })).not.toBeNull();
    }
  }
  // Batch size is the other way round: the smallest batch that fits.
  const p = { ...tutorialTraining, epochs: 40 };
  const b = largestFitting('train', p, 'batchSize')!;
  expect(checkBudget('train', { ...p, batchSize: b })).toBeNull();
  expect(checkBudget('train', { ...p, batchSize: b - 1 })).not.toBeNull();
});

test('a refusal names the field that was changed, its largest value, and the estimate', () => {
  const over = checkBudget('train', { ...tutorialTraining, epochs: 200 }, 'epochs')!;
  const largest = largestFitting('train', { ...tutorialTraining, epochs: 200 }, 'epochs')!;
  expect(over.field).toBe('epochs');
  expect(over.largest).toBe(largest);
  expect(over.message).toContain(`epochs can be at most ${largest}`);
  expect(over.message).toMatch(/about \d+(\.\d+)? s of work on the CPU/);
  expect(over.estimateMs).toBeGreaterThan(BUDGET.ms);
  const batch = checkBudget(
    'train',
    { ...tutorialTraining, epochs: 40, batchSize: 1 },
    'batchSize',
  )!;
  expect(batch.message).toMatch(/batch size must be at least \d+/);
});

test('when nothing in range fits, the message says to shrink another field', () => {
  const over = checkBudget('inspect', { ...huge, epochs: 1 }, 'features')!;
  expect(over.largest).toBeNull();
  expect(over.message).toMatch(/No value of features fits/);
});
