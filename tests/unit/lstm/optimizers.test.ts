import { mulberry32 } from '../../../src/lstm/train/batchOrder';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  KERAS_ADAM,
  KERAS_RMSPROP,
  OPTIMIZERS,
  type OptimizerName,
  type OptimizerSpec,
} from '../../../src/lstm/train/optimizerTypes';
import { createOptimizer } from '../../../src/lstm/train/optimizers';
import { inOrder } from '../../../src/lstm/train/batchOrder';
import { KerasRMSprop } from '../../../src/lstm/train/rmsprop';
import { Trainer } from '../../../src/lstm/train/trainer';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

// ---- The float64 oracle: Keras 2.7's clipping and updates, as loops over Float64Arrays. ----

type Clip = Pick<OptimizerSpec, 'clipnorm' | 'clipvalue'>;

/** Clipped copies of one step's gradients, and how many values/tensors the clipping changed. */
function clip64(grads: Float64Array[], { clipnorm, clipvalue }: Clip, valueFirst = true) {
  let bitValues = 0;
  let bitNorms = 0;
  const byValue = (g: Float64Array) =>
    g.map((x) => {
      const c = Math.min(Math.max(x, -clipvalue!), clipvalue!);
      if (c !== x) bitValues++;
      return c;
    });
  const byNorm = (g: Float64Array) => {
    const norm = Math.sqrt(g.reduce((s, x) => s + x * x, 0));
    if (norm > clipnorm!) bitNorms++;
    return g.map((x) => (x * clipnorm!) / Math.max(norm, clipnorm!));
  };
  const order = [clipvalue !== undefined && byValue, clipnorm !== undefined && byNorm];
  if (!valueFirst) order.reverse();
  const clipped = grads.map((g) => order.reduce((h, clip) => (clip ? clip(h) : h), g));
  return { clipped, bitValues, bitNorms };
}

/** One optimizer's state for one weight, and its update of that weight in place. */
type Update64 = (w: Float64Array, g: Float64Array, slot: Float64Array[], t: number) => void;

/**
 * Keras keeps hyperparameters and per-step scalars (beta^t) in float32. Where 1 − β₂ᵗ cancels,
 * that rounding alone moves a step by ~1e-5, so the oracle takes those scalars rounded to float32,
 * as Keras holds them, and does every per-element operation in float64.
 */
const f32 = Math.fround;
const LR = 0.05;
const TFJS_EPSILON = 1e-7; // the CPU backend's, which tf.train.rmsprop takes when left unset

const UPDATES: Record<OptimizerName, { slots: number; update: Update64 }> = {
  rmsprop: {
    slots: 1,
    update: (w, g, [v], _t) => {
      const [lr, rho, epsilon] = [LR, KERAS_RMSPROP.rho, KERAS_RMSPROP.epsilon].map(f32);
      g.forEach((gk, k) => {
        v![k] = rho! * v![k]! + (1 - rho!) * gk * gk;
        w[k] = w[k]! - (lr! * gk) / (Math.sqrt(v![k]!) + epsilon!);
      });
    },
  },
  adam: {
    slots: 2,
    update: (w, g, [m, v], t) => {
      const [lr, beta1, beta2] = [LR, KERAS_ADAM.beta1, KERAS_ADAM.beta2].map(f32);
      const alpha = (lr! * Math.sqrt(1 - f32(beta2! ** t))) / (1 - f32(beta1! ** t));
      g.forEach((gk, k) => {
        m![k] = beta1! * m![k]! + (1 - beta1!) * gk;
        v![k] = beta2! * v![k]! + (1 - beta2!) * gk * gk;
        w[k] = w[k]! - (alpha * m![k]!) / (Math.sqrt(v![k]!) + f32(KERAS_ADAM.epsilon));
      });
    },
  },
  sgd: {
    slots: 0,
    update: (w, g) => g.forEach((gk, k) => (w[k] = w[k]! - f32(LR) * gk)),
  },
  'tfjs-rmsprop': {
    slots: 1,
    update: (w, g, [v]) => {
      // tfjs passes `decay` and `1 - decay` (computed in float64) as separate float32 scalars.
      const [lr, decay, oneMinusDecay, epsilon] = [LR, 0.9, 1 - 0.9, TFJS_EPSILON].map(f32);
      g.forEach((gk, k) => {
        v![k] = decay! * v![k]! + oneMinusDecay! * gk * gk;
        w[k] = w[k]! - (lr! * gk) / Math.sqrt(v![k]! + epsilon!);
      });
    },
  },
};

// ---- Inputs: three weights of different shapes, five seeded gradient sets. ----

const SHAPES = [[3, 4], [5], [2, 2, 2]];

/** Starting weights in [-1, 1]; gradients whose scale swings from 1e-3 to 30 between steps. */
function inputs(seed: number) {
  const random = mulberry32(seed);
  const uniform = (n: number, scale: number) =>
    Float64Array.from({ length: n }, () => (2 * random() - 1) * scale);
  const sizes = SHAPES.map((s) => s.reduce((a, b) => a * b, 1));
  // Float32 starting points, so both sides begin from the very same numbers.
  const w0 = sizes.map((n) => Float64Array.from(Float32Array.from(uniform(n, 1))));
  const grads = [1, 30, 0.001, 5, 0.3].map((scale) =>
    sizes.map((n) => Float64Array.from(Float32Array.from(uniform(n, scale)))),
  );
  return { w0, grads };
}

let run = 0;

/** Run a spec in tfjs and in float64 side by side; returns the worst relative gap per step. */
function compare(name: OptimizerName, clip: Clip, valueFirst = true) {
  const { w0, grads } = inputs(313);
  const prefix = `cmp${run++}`;
  const variables = w0.map((w, k) =>
    tf.variable(tf.tensor(Float32Array.from(w), SHAPES[k]), true, `${prefix}/w${k}`),
  );
  const optimizer = createOptimizer({ name, learningRate: LR, ...clip });
  const { slots, update } = UPDATES[name];
  const w64 = w0.map((w) => Float64Array.from(w));
  const state = w0.map((w) => Array.from({ length: slots }, () => new Float64Array(w.length)));
  const gaps: number[] = [];
  let bitValues = 0;
  let bitNorms = 0;
  grads.forEach((step, t) => {
    const g32 = Object.fromEntries(
      step.map((g, k) => [variables[k]!.name, tf.tensor(Float32Array.from(g), SHAPES[k])]),
    );
    optimizer.applyGradients(variables, g32);
    tf.dispose(Object.values(g32));
    const clipped = clip64(step, clip, valueFirst);
    bitValues += clipped.bitValues;
    bitNorms += clipped.bitNorms;
    clipped.clipped.forEach((g, k) => update(w64[k]!, g, state[k]!, t + 1));
    let gap = 0;
    variables.forEach((v, k) => {
      const got = v.dataSync();
      w64[k]!.forEach((want, j) => {
        // Relative, except that weights near 0 are measured against 0.1, not their own size.
        gap = Math.max(gap, Math.abs(got[j]! - want) / Math.max(Math.abs(want), 0.1));
      });
    });
    gaps.push(gap);
  });
  const moved = maxGap(w64, w0);
  optimizer.dispose();
  tf.dispose(variables);
  return { gaps, w64, bitValues, bitNorms, moved };
}

const CLIPS: Record<string, Clip> = {
  none: {},
  clipnorm: { clipnorm: 1 },
  clipvalue: { clipvalue: 0.5 },
  both: { clipnorm: 1, clipvalue: 0.5 },
};

describe.each(OPTIMIZERS)('%s matches its float64 re-implementation', (name) => {
  test.each(Object.keys(CLIPS))('clipping: %s', (clipName) => {
    const clip = CLIPS[clipName]!;
    const { gaps, w64, bitValues, bitNorms, moved } = compare(name, clip);
    gaps.forEach((gap) => expect(gap).toBeLessThan(1e-6));
    expect(moved).toBeGreaterThan(0.05); // the weights really moved
    if (clip.clipvalue !== undefined) expect(bitValues).toBeGreaterThan(0);
    if (clip.clipnorm !== undefined) expect(bitNorms).toBeGreaterThan(0);
    if (clipName === 'none') return;
    // Clipping changes the trajectory far beyond the tolerance...
    const unclipped = compare(name, {}).w64;
    expect(maxGap(w64, unclipped)).toBeGreaterThan(1e-3);
    // ...and with both set, the order (clipvalue, then clipnorm) does too.
    if (clipName === 'both')
      expect(maxGap(w64, compare(name, clip, false).w64)).toBeGreaterThan(1e-3);
  });
});

function maxGap(a: Float64Array[], b: Float64Array[]): number {
  return Math.max(...a.flatMap((w, k) => Array.from(w, (x, j) => Math.abs(x - b[k]![j]!))));
}

test("tfjs' RMSprop is not Keras': epsilon inside the root shrinks steps on small gradients", () => {
  const step = (name: OptimizerName, g: number) => {
    const w = tf.variable(tf.zeros([1]), true, `eps_${name}_${g}`);
    const grad = tf.tensor1d([g]);
    const optimizer = createOptimizer({ name, learningRate: 0.001 });
    optimizer.applyGradients([w], { [w.name]: grad });
    const moved = -w.dataSync()[0]!;
    optimizer.dispose();
    tf.dispose([w, grad]);
    return moved;
  };
  // First step, v = 0.1·g². Keras: lr·g / (√v + 1e-7) ≈ 3.16·lr whatever g's size. tfjs:
  // lr·g / √(v + 1e-7): at g = 1e-4, v = 1e-9 is swamped by epsilon, so ≈ 0.32·lr, ten times less.
  const small = { keras: step('rmsprop', 1e-4), tfjs: step('tfjs-rmsprop', 1e-4) };
  expect(small.keras).toBeCloseTo((0.001 * 1e-4) / (Math.sqrt(0.1) * 1e-4 + 1e-7), 8);
  expect(small.tfjs / small.keras).toBeLessThan(0.2);
  // With a large gradient epsilon is negligible either way: the two agree to 1e-5.
  const large = { keras: step('rmsprop', 1), tfjs: step('tfjs-rmsprop', 1) };
  expect(Math.abs(large.tfjs - large.keras) / large.keras).toBeLessThan(1e-5);
});

test('invalid specs throw a readable error', () => {
  const ok: OptimizerSpec = { name: 'adam', learningRate: 0.001 };
  for (const bad of [0, -1, Number.NaN, Infinity]) {
    expect(() => createOptimizer({ ...ok, learningRate: bad })).toThrow(/learningRate must be/);
    expect(() => createOptimizer({ ...ok, clipnorm: bad })).toThrow(/clipnorm must be/);
    expect(() => createOptimizer({ ...ok, clipvalue: bad })).toThrow(/clipvalue must be/);
  }
  const unknown = { ...ok, name: 'adagrad' } as unknown as OptimizerSpec;
  expect(() => createOptimizer(unknown)).toThrow(/optimizer must be one of rmsprop, adam/);
  expect(() => createOptimizer({ ...ok, clipnorm: 1, clipvalue: 1 })).not.toThrow();
});

describe.each(OPTIMIZERS)('%s leaves no tensor behind', (name) => {
  test.each(Object.keys(CLIPS))('clipping: %s, 50 steps', (clipName) => {
    const variables = SHAPES.map((s, k) => tf.variable(tf.zeros(s), true, `leak_${clipName}_${k}`));
    const grads = Object.fromEntries(variables.map((v) => [v.name, tf.onesLike(v)]));
    const baseline = tf.memory().numTensors;
    const optimizer = createOptimizer({ name, learningRate: 0.01, ...CLIPS[clipName] });
    for (let k = 0; k < 50; k++) optimizer.applyGradients(variables, grads);
    const slots = { rmsprop: 1, adam: 2, sgd: 0, 'tfjs-rmsprop': 2 }[name];
    expect(optimizer.stateTensorCount).toBe(slots * variables.length);
    expect(tf.memory().numTensors).toBe(baseline + optimizer.stateTensorCount);
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    tf.dispose([...variables, ...Object.values(grads)]);
  });
});

test.each(OPTIMIZERS)("the Trainer runs %s on a Layers model's own weights", async (name) => {
  const model = tf.sequential({
    layers: [
      tf.layers.flatten({ inputShape: [3, 2] }),
      tf.layers.dense({ units: 1, kernelInitializer: 'zeros' }),
    ],
  });
  const x = tf.tensor3d(
    Array.from({ length: 24 }, (_, k) => Math.sin(k)),
    [4, 3, 2],
  );
  const y = tf.tensor2d([[1], [-1], [0.5], [2]]);
  const spec = { name, learningRate: 0.05, clipnorm: 1 };
  const trainer = new Trainer(model, x, y, { batchSize: 2, batchOrder: inOrder, optimizer: spec });
  const losses: number[] = [];
  for (let k = 0; k < 100; k++) {
    const r = await trainer.trainBatch();
    if (r.epochLoss !== undefined) losses.push(r.epochLoss);
  }
  expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.8);
  trainer.dispose();
  model.dispose();
  tf.dispose([x, y]);
});

test('a Trainer without an optimizer spec is Keras RMSprop at its learningRate', () => {
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
  const x = tf.zeros([2, 1, 2]) as tf.Tensor3D;
  const y = tf.zeros([2, 1]) as tf.Tensor2D;
  const trainer = new Trainer(model, x, y, { batchSize: 2, batchOrder: inOrder });
  expect(trainer.optimizer).toBeInstanceOf(KerasRMSprop);
  expect(
    () => new Trainer(model, x, y, { batchSize: 2, batchOrder: inOrder, learningRate: 0 }),
  ).toThrow(/learningRate must be/);
  trainer.dispose();
  model.dispose();
  tf.dispose([x, y]);
});

test("Keras' Adam is not tf.train.adam: Keras scales epsilon by nothing, tfjs by √(1 − β₂ᵗ)", () => {
  const firstStep = (
    make: () => { apply: (w: tf.Variable, g: tf.Tensor) => void; done: () => void },
  ) => {
    const w = tf.variable(tf.zeros([1]), true, `adam_${run++}`);
    const g = tf.tensor1d([1e-6]);
    const opt = make();
    opt.apply(w, g);
    const moved = -w.dataSync()[0]!;
    opt.done();
    tf.dispose([w, g]);
    return moved;
  };
  const keras = firstStep(() => {
    const o = createOptimizer({ name: 'adam', learningRate: 0.001 });
    return { apply: (w, g) => o.applyGradients([w], { [w.name]: g }), done: () => o.dispose() };
  });
  const tfjs = firstStep(() => {
    const o = tf.train.adam(0.001, 0.9, 0.999, 1e-7);
    return {
      apply: (w, g) => o.applyGradients([{ name: w.name, tensor: g }]),
      done: () => o.dispose(),
    };
  });
  // Step 1: m = 0.1·g, √v = √0.001·g, alpha = lr·√0.001 / 0.1. At g = 1e-6, √v ≈ 3.2e-8 is
  // smaller than epsilon, so Keras moves 0.24·lr; tfjs, epsilon·√0.001 ≈ 3e-9, moves 0.91·lr.
  const expected = ((0.001 * Math.sqrt(0.001)) / 0.1) * (0.1e-6 / (Math.sqrt(0.001) * 1e-6 + 1e-7));
  expect(Math.abs(keras - expected) / expected).toBeLessThan(1e-5);
  expect(tfjs / keras).toBeGreaterThan(3);
});
