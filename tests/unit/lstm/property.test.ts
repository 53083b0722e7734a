import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { applyKerasEquivalent, kerasEquivalent } from '../../../src/lstm/keras';
import { LSTMWithOptions } from '../../../src/lstm/layers/lstmWithOptions';
import { referenceForward, type PlainStep } from '../../../src/lstm/reference';
import { maxAbsDiff, useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const TOL = 1e-6;

// Orthogonal init is slow in tfjs (seconds at 64 units), so these runs draw the recurrent kernel
// from the uniform initializers; the chapter tests cover orthogonal at the tutorial's size.
const shapes = fc.record({
  batch: fc.integer({ min: 1, max: 16 }),
  timesteps: fc.integer({ min: 1, max: 20 }),
  features: fc.integer({ min: 1, max: 8 }),
  units: fc.integer({ min: 1, max: 64 }),
  useBias: fc.boolean(),
  returnSequences: fc.boolean(),
  returnState: fc.boolean(),
  timeMajor: fc.boolean(),
  recurrent: fc.constantFrom('glorotUniform', 'randomUniform') as fc.Arbitrary<
    'glorotUniform' | 'randomUniform'
  >,
  bias: fc.constantFrom('zeros', 'ones', 'randomUniform') as fc.Arbitrary<
    'zeros' | 'ones' | 'randomUniform'
  >,
  seed: fc.integer({ min: 1, max: 1_000_000 }),
});

/** One quantity of every sample at every step, flat in the layer's layout: [b][t][u] or [t][b][u]. */
function oracleSequence(steps: PlainStep[][], key: 'h' | 'c', timeMajor: boolean): number[] {
  const batch = steps.length;
  const time = steps[0]!.length;
  const flat: number[] = [];
  for (let outer = 0; outer < (timeMajor ? time : batch); outer++) {
    for (let inner = 0; inner < (timeMajor ? batch : time); inner++) {
      const [b, t] = timeMajor ? [inner, outer] : [outer, inner];
      flat.push(...steps[b]![t]![key]);
    }
  }
  return flat;
}

/** One quantity of every sample at the last step, [b][u]. */
function oracleLast(steps: PlainStep[][], key: 'h' | 'c'): number[] {
  return steps.flatMap((s) => Array.from(s[s.length - 1]![key]));
}

test('custom == library == plain-array reference, at every step, over shapes and every option', () => {
  fc.assert(
    fc.property(shapes, (p) => {
      const options = {
        units: p.units,
        useBias: p.useBias,
        returnSequences: p.returnSequences,
        returnState: p.returnState,
        kernelInitializer: { name: 'glorotUniform', seed: p.seed } as const,
        recurrentInitializer: { name: p.recurrent, seed: p.seed + 1 },
        biasInitializer: { name: p.bias, seed: p.seed + 2 },
      };
      const custom = new LSTMWithOptions({ ...options, timeMajor: p.timeMajor });
      const library = kerasEquivalent(options);
      const batchMajor = tf.randomUniform(
        [p.batch, p.timesteps, p.features],
        -2,
        2,
        'float32',
        p.seed,
      ) as tf.Tensor3D;
      const input = p.timeMajor ? tf.transpose(batchMajor, [1, 0, 2]) : batchMajor;

      const ours = custom.apply(input) as tf.Tensor | tf.Tensor[];
      const oursList = Array.isArray(ours) ? ours : [ours];
      const theirs = applyKerasEquivalent(library, input as tf.Tensor3D, p.timeMajor);
      expect(oursList.map((t) => t.shape)).toEqual(theirs.map((t) => t.shape));
      oursList.forEach((t, k) => {
        expect(maxAbsDiff(t.dataSync(), theirs[k]!.dataSync())).toBeLessThanOrEqual(TOL);
      });

      // The oracle, in float64: h and c of every sample at every step.
      const [kernel, recurrentKernel, bias] = custom.getWeights().map((w) => w.dataSync());
      const steps = referenceForward(
        {
          features: p.features,
          units: p.units,
          kernel: kernel!,
          recurrentKernel: recurrentKernel!,
          bias: p.useBias ? bias! : null,
        },
        batchMajor.arraySync(),
      );
      const expectClose = (t: tf.Tensor, expected: number[]) =>
        expect(maxAbsDiff(t.dataSync(), expected)).toBeLessThanOrEqual(TOL);

      // Everything the layer under test returns, whichever options were drawn.
      const [output, finalH, finalC] = oursList;
      expectClose(
        output!,
        p.returnSequences ? oracleSequence(steps, 'h', p.timeMajor) : oracleLast(steps, 'h'),
      );
      if (p.returnState) {
        expectClose(finalH!, oracleLast(steps, 'h'));
        expectClose(finalC!, oracleLast(steps, 'c'));
      }

      // Every step's h and c, in every run: the same layer and weights, returning the whole
      // state sequences as the tutorial's layer did.
      const stepwise = new LSTMWithOptions({
        ...options,
        returnState: true,
        stateMode: 'tutorial',
        timeMajor: p.timeMajor,
        weights: custom.getWeights(),
      });
      const sequences = stepwise.apply(input) as tf.Tensor[];
      const [, hSeq, cSeq] = sequences;
      expectClose(hSeq!, oracleSequence(steps, 'h', p.timeMajor));
      expectClose(cSeq!, oracleSequence(steps, 'c', p.timeMajor));

      tf.dispose([batchMajor, input, ...oursList, ...theirs, ...sequences]);
      custom.dispose();
      library.dispose();
      stepwise.dispose();
    }),
    { numRuns: 60, seed: 20261128 },
  );
});
