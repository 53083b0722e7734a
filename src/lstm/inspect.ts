import * as tf from '@tensorflow/tfjs';
import type { GateActivation, LSTMWeights } from './cell';
import type { ForwardConfig } from './experimentTypes';
import { kerasEquivalent } from './keras';
import { PLACEHOLDER_SPECS } from './seeding';
import { initChoice, rangeInput, startWeights } from './startWeights';
import { TRACE_KEYS, traceLSTM, type LSTMTrace, type TraceKey } from './traces';

/**
 * Deliberate mistakes a reader can switch on for the hand-written side, to see what a mismatch
 * looks like: the gates through hard sigmoid (tfjs' default), the input and forget blocks read in
 * the wrong order, Keras' default unit forget bias (+1 on f), or the bias left out.
 */
export type BreakVariant = 'none' | 'hardSigmoid' | 'swapGates' | 'unitForgetBias' | 'dropBias';

export interface InspectConfig extends Omit<ForwardConfig, 'layer'> {
  breakIt?: BreakVariant;
}

export interface InspectResult {
  /** The input, batch-major [sample][t][feature]. */
  input: number[][][];
  /** Every gate and state of the hand-written loop, [t][sample][unit]. */
  custom: LSTMTrace;
  /** The same for the library LSTM: h and c from tf.layers.lstm run one step at a time. */
  library: LSTMTrace;
  /** max |custom - library| per time step, for each of i, f, g, o, c, h. */
  maxDiffPerStep: Record<TraceKey, number[]>;
}

const hardSigmoid: GateActivation = (z) =>
  tf.clipByValue(tf.add(tf.mul(z, 0.2), 0.5), 0, 1) as tf.Tensor2D;

/** Apply a break to the custom side's weights (the library keeps the true ones). */
function brokenWeights(w: LSTMWeights, units: number, variant: BreakVariant): LSTMWeights {
  const swap = (t: tf.Tensor) => {
    const [i, f, g, o] = tf.split(t, 4, t.rank - 1);
    return tf.concat([f!, i!, g!, o!], t.rank - 1);
  };
  switch (variant) {
    case 'swapGates':
      return {
        kernel: swap(w.kernel) as tf.Tensor2D,
        recurrentKernel: swap(w.recurrentKernel) as tf.Tensor2D,
        bias: w.bias ? (swap(w.bias) as tf.Tensor1D) : null,
      };
    case 'unitForgetBias': {
      const one = tf.concat([tf.zeros([units]), tf.ones([units]), tf.zeros([2 * units])]);
      return { ...w, bias: tf.add(w.bias ?? tf.zeros([4 * units]), one) as tf.Tensor1D };
    }
    case 'dropBias':
      return { ...w, bias: null };
    default:
      return w;
  }
}

/** The library's gates: its own fused formula z = x·W + h·U + b on its own step-by-step states. */
function libraryTrace(
  layer: tf.layers.Layer,
  weights: LSTMWeights,
  x: tf.Tensor3D,
  units: number,
): LSTMTrace {
  const trace = Object.fromEntries(TRACE_KEYS.map((k) => [k, []])) as unknown as LSTMTrace;
  let h = tf.zeros([x.shape[0], units]) as tf.Tensor2D;
  let c = h;
  for (let t = 0; t < x.shape[1]; t++) {
    const xT = tf.slice(x, [0, t, 0], [-1, 1, -1]);
    const z = tf.add(
      tf.add(
        tf.matMul(tf.squeeze(xT, [1]) as tf.Tensor2D, weights.kernel),
        tf.matMul(h, weights.recurrentKernel),
      ),
      weights.bias ?? tf.scalar(0),
    );
    const [zi, zf, zg, zo] = tf.split(z, 4, 1);
    trace.i.push(tf.sigmoid(zi!).arraySync() as number[][]);
    trace.f.push(tf.sigmoid(zf!).arraySync() as number[][]);
    trace.g.push(tf.tanh(zg!).arraySync() as number[][]);
    trace.o.push(tf.sigmoid(zo!).arraySync() as number[][]);
    const [, hNext, cNext] = layer.apply(xT, { initialState: [h, c] }) as tf.Tensor2D[];
    h = hNext!;
    c = cNext!;
    trace.c.push(c.arraySync());
    trace.h.push(h.arraySync());
  }
  return trace;
}

/**
 * Run the hand-written loop (optionally broken) and the library LSTM on the tutorial's input
 * with the same weights, and record every gate and state of both, step by step.
 */
export async function inspectForward(cfg: InspectConfig): Promise<InspectResult> {
  const useBias = cfg.useBias ?? true;
  const inits = initChoice(cfg);
  let library: tf.layers.Layer | null = null;
  try {
    return tf.tidy(() => {
      const start = startWeights(cfg, useBias, inits, false);
      const weights: LSTMWeights = {
        kernel: start[0] as tf.Tensor2D,
        recurrentKernel: start[1] as tf.Tensor2D,
        bias: useBias ? (start[2] as tf.Tensor1D) : null,
      };
      const x = rangeInput(cfg.samples, cfg.timesteps, cfg.features);
      const input = x.arraySync();
      // The library starts from the same tensors (copied on its first step).
      library = kerasEquivalent({
        units: cfg.units,
        useBias,
        returnState: true,
        weights: start,
        ...PLACEHOLDER_SPECS,
      });

      const variant = cfg.breakIt ?? 'none';
      const sigma = variant === 'hardSigmoid' ? hardSigmoid : undefined;
      const custom = traceLSTM(brokenWeights(weights, cfg.units, variant), input, sigma);
      const lib = libraryTrace(library, weights, x, cfg.units);
      const maxDiffPerStep = Object.fromEntries(
        TRACE_KEYS.map((key) => [
          key,
          custom[key].map((step, t) =>
            Math.max(
              ...step.flatMap((row, b) => row.map((v, u) => Math.abs(v - lib[key][t]![b]![u]!))),
            ),
          ),
        ]),
      ) as Record<TraceKey, number[]>;
      return { input, custom, library: lib, maxDiffPerStep };
    });
  } finally {
    (library as tf.layers.Layer | null)?.dispose();
  }
}
