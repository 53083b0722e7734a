import { beforeAll, expect, test } from 'vitest';
import { compareForward, compareTraining } from '../../../src/lstm/experiments';
import type { ChapterLayer } from '../../../src/lstm/experimentTypes';
import tfFit from '../fixtures/parity/tf_tutorial_fit.json';
import {
  PRINTED as TUTORIAL,
  TUTORIAL_SETUP as setup,
  TUTORIAL_TRAINING,
  relative,
} from '../../tutorial';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

/** Python printed float32 sums with 8 significant digits; match them to that precision. */
function expectPrinted(value: number, printed: number) {
  expect(relative(value, printed)).toBeLessThanOrEqual(1e-6);
}

test.each(['simple', 'bias', 'loop'] as ChapterLayer[])(
  'chapter %s prints 25.964834, custom and library',
  async (layer) => {
    const r = await compareForward({ ...setup, layer });
    console.log(layer, r.custom[0]!.sum, r.library[0]!.sum, r.maxAbsDiff);
    expectPrinted(r.custom[0]!.sum, TUTORIAL.lastOutputSum);
    expectPrinted(r.library[0]!.sum, TUTORIAL.lastOutputSum);
  },
);

test('chapter 4 with return sequences prints 115.15204', async () => {
  const r = await compareForward({ ...setup, layer: 'options', returnSequences: true });
  console.log('options', r.custom[0]!.sum, r.library[0]!.sum, r.maxAbsDiff);
  expectPrinted(r.custom[0]!.sum, TUTORIAL.sequenceSum);
  expectPrinted(r.library[0]!.sum, TUTORIAL.sequenceSum);
});

test('chapter 5 trains to the tutorial loss history, both models', async () => {
  const h = await compareTraining(TUTORIAL_TRAINING);
  for (const kind of ['custom', 'library'] as const) {
    const { epochLosses, batchLosses } = h[kind];
    console.log(
      kind,
      epochLosses.map((l) => l.toFixed(4)).join(' '),
      epochLosses.reduce((a, b) => a + b),
    );
    console.log(kind, batchLosses.map((b) => b[0]!.toFixed(4)).join(' '));
    epochLosses.forEach((l, k) => expect(l).toBeCloseTo(TUTORIAL.epochLosses[k]!, 4));
    batchLosses.forEach((b, k) => expect(b[0]).toBeCloseTo(TUTORIAL.firstBatchLosses[k]!, 4));
    expectPrinted(
      epochLosses.reduce((a, b) => a + b, 0),
      TUTORIAL.lossSum,
    );
    // Every one of the 100 batch losses against TensorFlow's own float32 run of the same setup.
    const flat = batchLosses.flat();
    expect(flat).toHaveLength(tfFit.batchLosses.length);
    const worst = Math.max(
      ...flat.map((l, k) => Math.abs(l - tfFit.batchLosses[k]!) / tfFit.batchLosses[k]!),
    );
    console.log(kind, 'max relative difference to TF per batch', worst);
    expect(worst).toBeLessThanOrEqual(1e-6);
  }
});
