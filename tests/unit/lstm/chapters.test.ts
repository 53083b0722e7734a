import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { drawWeight } from '../../../src/lstm/initializers';
import { applyKerasEquivalent, kerasEquivalent } from '../../../src/lstm/keras';
import type { LSTMBase } from '../../../src/lstm/layers/base';
import { LSTMWithBias } from '../../../src/lstm/layers/lstmWithBias';
import { LSTMWithOptions } from '../../../src/lstm/layers/lstmWithOptions';
import { SimpleLSTM } from '../../../src/lstm/layers/simpleLstm';
import { TemporalLoopLSTM } from '../../../src/lstm/layers/temporalLoopLstm';
import { maxAbsDiff, rangeInput, useCpuBackend } from '../setup';

// The tutorial's setting: tf.range(150) as [10, 5, 3], 32 units, glorot-uniform kernel,
// orthogonal recurrent kernel. Seeds are tfjs seeds; both sides get the same ones.
const UNITS = 32;
const kernelInitializer = { name: 'glorotUniform', seed: 11 } as const;
const recurrentInitializer = { name: 'orthogonal', seed: 12 } as const;
const TOL = 1e-6;

let x: tf.Tensor3D;
beforeAll(async () => {
  await useCpuBackend();
  x = rangeInput(10, 5, 3);
});
afterAll(() => x.dispose());

/** Run a layer and the library LSTM on the same input; return max |diff| over every output. */
function compare(
  custom: LSTMBase,
  library: tf.layers.Layer,
  input: tf.Tensor3D,
  timeMajor = false,
) {
  const ours = custom.apply(input) as tf.Tensor | tf.Tensor[];
  const theirs = applyKerasEquivalent(library, input, timeMajor);
  const oursList = Array.isArray(ours) ? ours : [ours];
  expect(oursList.map((t) => t.shape)).toEqual(theirs.map((t) => t.shape));
  const diff = Math.max(...oursList.map((t, k) => maxAbsDiff(t.dataSync(), theirs[k]!.dataSync())));
  const sum = oursList[0]!.sum().dataSync()[0]!;
  tf.dispose([...oursList, ...theirs]);
  return { diff, sum };
}

describe('each chapter matches tf.layers.lstm on the tutorial input', () => {
  const init = { units: UNITS, kernelInitializer, recurrentInitializer };

  test('chapter 1: SimpleLSTM (no bias, rnn helper)', () => {
    const { diff, sum } = compare(
      new SimpleLSTM(init),
      kerasEquivalent({ ...init, useBias: false }),
      x,
    );
    expect(diff).toBeLessThanOrEqual(TOL);
    expect(Math.abs(sum)).toBeGreaterThan(0.1); // a real, non-degenerate output
  });

  test('chapter 2: LSTMWithBias, zeros and random bias', () => {
    expect(compare(new LSTMWithBias(init), kerasEquivalent(init), x).diff).toBeLessThanOrEqual(TOL);
    const biased = { ...init, biasInitializer: { name: 'randomUniform', seed: 5 } as const };
    expect(compare(new LSTMWithBias(biased), kerasEquivalent(biased), x).diff).toBeLessThanOrEqual(
      TOL,
    );
  });

  test('chapter 3: TemporalLoopLSTM (explicit for loop)', () => {
    const { diff } = compare(new TemporalLoopLSTM(init), kerasEquivalent(init), x);
    expect(diff).toBeLessThanOrEqual(TOL);
  });

  test('chapter 4: sequences and final states, batch-major and time-major', () => {
    for (const timeMajor of [false, true]) {
      const options = { ...init, returnSequences: true, returnState: true };
      const input = timeMajor ? tf.transpose(x, [1, 0, 2]) : x;
      const custom = new LSTMWithOptions({ ...options, timeMajor });
      const { diff } = compare(custom, kerasEquivalent(options), input as tf.Tensor3D, timeMajor);
      expect(diff).toBeLessThanOrEqual(TOL);
      if (timeMajor) input.dispose();
    }
  });

  test('chapter 4 matches chapter 3 on the last output, and its sequence ends in it', () => {
    const last = new TemporalLoopLSTM(init).apply(x) as tf.Tensor;
    const seq = new LSTMWithOptions({ ...init, returnSequences: true }).apply(x) as tf.Tensor;
    expect(seq.shape).toEqual([10, 5, UNITS]);
    const seqLast = tf.slice(seq, [0, 4, 0], [-1, 1, -1]);
    expect(maxAbsDiff(seqLast.dataSync(), last.dataSync())).toBe(0);
    tf.dispose([last, seq, seqLast]);
  });
});

describe('what the tutorial left as "# todo"', () => {
  const init = {
    units: 4,
    kernelInitializer,
    recurrentInitializer: { name: 'glorotUniform', seed: 3 } as const,
  };

  test('the initial state follows the input batch size', () => {
    for (const batch of [1, 7]) {
      const input = tf.randomUniform([batch, 3, 2], -1, 1, 'float32', 9) as tf.Tensor3D;
      expect(
        compare(new SimpleLSTM(init), kerasEquivalent({ ...init, useBias: false }), input).diff,
      ).toBeLessThanOrEqual(TOL);
      input.dispose();
    }
  });

  test('an initial state can be passed in, and it changes the result', () => {
    const input = tf.randomUniform([2, 3, 2], -1, 1, 'float32', 4) as tf.Tensor3D;
    const h0 = tf.randomUniform([2, 4], -1, 1, 'float32', 5) as tf.Tensor2D;
    const c0 = tf.randomUniform([2, 4], -1, 1, 'float32', 6) as tf.Tensor2D;
    const custom = new LSTMWithOptions(init);
    const library = kerasEquivalent(init);
    const ours = custom.apply(input, { initialState: [h0, c0] }) as tf.Tensor;
    const theirs = library.apply(input, { initialState: [h0, c0] }) as tf.Tensor;
    const fromZeros = custom.apply(input) as tf.Tensor;
    expect(maxAbsDiff(ours.dataSync(), theirs.dataSync())).toBeLessThanOrEqual(TOL);
    expect(maxAbsDiff(ours.dataSync(), fromZeros.dataSync())).toBeGreaterThan(1e-3);
    expect(() => custom.apply(input, { initialState: [h0] })).toThrow(/initialState/);
    tf.dispose([input, h0, c0, ours, theirs, fromZeros]);
  });

  test("stateMode 'tutorial' returns whole state sequences, 'keras' only the final ones", () => {
    const input = tf.randomUniform([2, 3, 2], -1, 1, 'float32', 4) as tf.Tensor3D;
    const keras = new LSTMWithOptions({ ...init, returnState: true }).apply(input) as tf.Tensor[];
    const tutorial = new LSTMWithOptions({
      ...init,
      returnState: true,
      stateMode: 'tutorial',
    }).apply(input) as tf.Tensor[];
    expect(keras.map((t) => t.shape)).toEqual([
      [2, 4],
      [2, 4],
      [2, 4],
    ]);
    expect(tutorial.map((t) => t.shape)).toEqual([
      [2, 4],
      [2, 3, 4],
      [2, 3, 4],
    ]);
    const lastC = tf.slice(tutorial[2]!, [0, 2, 0], [-1, 1, -1]);
    expect(maxAbsDiff(lastC.dataSync(), keras[2]!.dataSync())).toBe(0);
    tf.dispose([input, ...keras, ...tutorial, lastC]);
  });

  test('bad arguments fail with a message', () => {
    expect(() => new SimpleLSTM({ units: 0 })).toThrow(/units/);
    expect(() => new SimpleLSTM({ units: 2.5 })).toThrow(/units/);
    const layer = new SimpleLSTM({ units: 2 });
    expect(() => layer.apply(tf.zeros([2, 3]))).toThrow();
  });
});

describe('drawWeight', () => {
  test("orthogonal: tfjs' own recipe, fast, and truly orthogonal", () => {
    for (const shape of [
      [8, 32],
      [32, 128],
      [40, 16],
    ]) {
      const spec = { name: 'orthogonal', seed: 77 } as const;
      const fast = drawWeight(spec, shape);
      const slow = tf.initializers.orthogonal({ seed: 77, gain: 1 }).apply(shape);
      expect(fast.shape).toEqual(shape);
      expect(maxAbsDiff(fast.dataSync(), slow.dataSync())).toBeLessThanOrEqual(1e-5);
      // Rows (or columns, for a tall matrix) are orthonormal: W·Wᵀ = I.
      const w = shape[0]! <= shape[1]! ? fast : tf.transpose(fast);
      const gram = tf.matMul(w, w, false, true);
      const eye = tf.eye(gram.shape[0]);
      expect(maxAbsDiff(gram.dataSync(), eye.dataSync())).toBeLessThanOrEqual(1e-5);
      tf.dispose([fast, slow, w, gram, eye]);
    }
  });
});
