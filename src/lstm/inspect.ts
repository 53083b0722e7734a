import * as tf from '@tensorflow/tfjs';
import type { LSTMWeights } from './cell';
import { brokenWeights, sigmaFor } from './breaks';
import { disposeLayer } from './disposeLayer';
import type { BreakVariant, ForwardConfig } from './experimentTypes';
import { kerasEquivalent } from './keras';
import { referenceForward } from './reference';
import { PLACEHOLDER_SPECS } from './seeding';
import { initChoice, rangeInput, startWeights } from './startWeights';
import { GATE_KEYS, type GateKey } from './gates';
import { traceBuffers, type LSTMTrace } from './traceData';
import { readAll, traceLSTM } from './traces';

export { COMPARED_WITH } from './traceData';
export type { BreakVariant };

export interface InspectConfig extends Omit<ForwardConfig, 'layer'> {
  breakIt?: BreakVariant;
}

/** A batch-major array [sample][t][feature], flat. */
export interface PlainInput {
  samples: number;
  steps: number;
  features: number;
  values: Float32Array;
}

export interface InspectResult {
  /** The input both sides ran on. */
  input: PlainInput;
  /** Every gate and state of the hand-written loop (possibly broken on purpose). */
  custom: LSTMTrace;
  /** max |custom − what COMPARED_WITH names| at each time step, for each of i, f, g, o, c, h. */
  maxDiffPerStep: Record<GateKey, Float64Array>;
  /**
   * max |value| of what it is compared with, at each step: float32 rounding grows with it (the
   * cell state is unbounded), so a tolerance is scaled by max(1, this) before a verdict.
   */
  scalePerStep: Record<GateKey, Float64Array>;
}

/** h and c of tf.layers.lstm, stepped one time step at a time, as [time, samples, units]. */
function libraryStates(layer: tf.layers.Layer, x: tf.Tensor3D, units: number): tf.Tensor[] {
  return tf.tidy(() => {
    const hs: tf.Tensor2D[] = [];
    const cs: tf.Tensor2D[] = [];
    let h = tf.zeros([x.shape[0], units]) as tf.Tensor2D;
    let c = h;
    for (let t = 0; t < x.shape[1]; t++) {
      const xT = tf.slice(x, [0, t, 0], [-1, 1, -1]);
      [, h, c] = layer.apply(xT, { initialState: [h, c] }) as tf.Tensor2D[] as [
        tf.Tensor2D,
        tf.Tensor2D,
        tf.Tensor2D,
      ];
      hs.push(h);
      cs.push(c);
    }
    return [tf.stack(cs), tf.stack(hs)];
  });
}

/** The float64 reference's i, f, g, o, laid out [t][sample][unit] like a trace. */
function referenceGates(
  weights: Float32Array[],
  useBias: boolean,
  input: PlainInput,
  units: number,
): Record<'i' | 'f' | 'g' | 'o', Float64Array> {
  const { samples, steps, features, values } = input;
  const nested = Array.from({ length: samples }, (_, b) =>
    Array.from({ length: steps }, (_, t) =>
      Array.from(values.subarray((b * steps + t) * features, (b * steps + t + 1) * features)),
    ),
  );
  const run = referenceForward(
    {
      features,
      units,
      kernel: weights[0]!,
      recurrentKernel: weights[1]!,
      bias: useBias ? weights[2]! : null,
    },
    nested,
  );
  const out = {} as Record<'i' | 'f' | 'g' | 'o', Float64Array>;
  for (const key of ['i', 'f', 'g', 'o'] as const) {
    const flat = new Float64Array(steps * samples * units);
    run.forEach((sequence, b) =>
      sequence.forEach((step, t) => flat.set(step[key], (t * samples + b) * units)),
    );
    out[key] = flat;
  }
  return out;
}

/** max |a − b| within each time step of two [t][sample][unit] arrays. */
function maxPerStep(a: ArrayLike<number>, b: ArrayLike<number>, steps: number): Float64Array {
  const per = a.length / steps;
  const out = new Float64Array(steps);
  for (let t = 0; t < steps; t++) {
    let max = 0;
    for (let k = t * per; k < (t + 1) * per; k++) {
      const d = Math.abs(a[k]! - b[k]!);
      max = d > max || Number.isNaN(d) ? d : max;
    }
    out[t] = max;
  }
  return out;
}

/**
 * Run the hand-written loop (optionally broken) and the library LSTM on the tutorial's input
 * with the same weights, and record every gate and state of the hand-written side, step by step,
 * with its largest difference per step from tf.layers.lstm (states) and the float64 reference
 * (gates). Each quantity is read back once; `signal` is checked between the phases.
 */
export async function inspectForward(
  cfg: InspectConfig,
  signal?: AbortSignal,
): Promise<InspectResult> {
  const useBias = cfg.useBias ?? true;
  const inits = initChoice(cfg);
  const { samples, timesteps: steps, features, units } = cfg;
  const held: tf.Tensor[] = [];
  let library: tf.layers.Layer | null = null;
  try {
    const start = startWeights(cfg, useBias, inits, false);
    held.push(...start);
    const x = rangeInput(samples, steps, features);
    held.push(x);
    const weights: LSTMWeights = {
      kernel: start[0] as tf.Tensor2D,
      recurrentKernel: start[1] as tf.Tensor2D,
      bias: useBias ? (start[2] as tf.Tensor1D) : null,
    };
    const variant = cfg.breakIt ?? 'none';
    const broken = brokenWeights(weights, units, variant);
    for (const t of [broken.kernel, broken.recurrentKernel, broken.bias]) {
      if (t && !start.includes(t)) held.push(t);
    }
    const custom = await traceLSTM(broken, x, sigmaFor(variant));
    signal?.throwIfAborted();

    // The library starts from the same tensors (copied on its first step).
    library = kerasEquivalent({
      units,
      useBias,
      returnState: true,
      weights: start,
      ...PLACEHOLDER_SPECS,
    });
    const [cLib, hLib, ...plain] = await readAll([
      ...libraryStates(library, x, units),
      ...start.map((w) => tf.clone(w)),
      tf.clone(x),
    ]);
    signal?.throwIfAborted();
    const input: PlainInput = { samples, steps, features, values: plain.pop()! };
    const reference = referenceGates(plain, useBias, input, units);
    const against: Record<GateKey, ArrayLike<number>> = { ...reference, c: cLib!, h: hLib! };
    const perKey = (f: (key: GateKey) => Float64Array) =>
      Object.fromEntries(GATE_KEYS.map((key) => [key, f(key)])) as Record<GateKey, Float64Array>;
    const maxDiffPerStep = perKey((key) => maxPerStep(custom.values[key], against[key], steps));
    const zeros = new Float64Array(against.h.length);
    const scalePerStep = perKey((key) => maxPerStep(against[key], zeros, steps));
    return { input, custom, maxDiffPerStep, scalePerStep };
  } finally {
    tf.dispose(held);
    if (library) disposeLayer(library);
  }
}

/** The buffers to transfer when an inspection crosses to another thread. */
export function inspectBuffers(r: InspectResult): ArrayBuffer[] {
  return [
    r.input.values.buffer as ArrayBuffer,
    ...traceBuffers(r.custom),
    ...GATE_KEYS.map((k) => r.maxDiffPerStep[k].buffer as ArrayBuffer),
    ...GATE_KEYS.map((k) => r.scalePerStep[k].buffer as ArrayBuffer),
  ];
}
