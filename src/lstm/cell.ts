import * as tf from '@tensorflow/tfjs';

/** The weights of one LSTM layer, in Keras' fused layout (gate order i, f, g, o). */
export interface LSTMWeights {
  /** Input kernel W, [features, 4 * units]. */
  kernel: tf.Tensor2D;
  /** Recurrent kernel U, [units, 4 * units]. */
  recurrentKernel: tf.Tensor2D;
  /** Bias b, [4 * units], or null for a layer without bias. */
  bias: tf.Tensor1D | null;
}

/** Everything one time step computes, each [batch, units]. */
export interface StepResult {
  /** Input gate: how much of the candidate enters the cell. */
  i: tf.Tensor2D;
  /** Forget gate: how much of the previous cell state is kept. */
  f: tf.Tensor2D;
  /** Candidate cell value (Keras calls it c in its code). */
  g: tf.Tensor2D;
  /** Output gate: how much of the squashed cell state becomes h. */
  o: tf.Tensor2D;
  /** New cell state (the carry). */
  c: tf.Tensor2D;
  /** New hidden state, which is also the step's output. */
  h: tf.Tensor2D;
}

/** The squashing function of the three gates: sigmoid in Keras' LSTM (tfjs defaults to hardSigmoid). */
export type GateActivation = (z: tf.Tensor2D) => tf.Tensor2D;

/** One block per gate, in Keras' order i, f, g, o. */
type PerGate<T> = [i: T, f: T, g: T, o: T];

/** The layer's weights cut into one block per gate: W_i … W_o, U_i … U_o, b_i … b_o. */
export interface GateWeights {
  /** [features, units] each. */
  kernel: PerGate<tf.Tensor2D>;
  /** [units, units] each. */
  recurrentKernel: PerGate<tf.Tensor2D>;
  /** [units] each, or null for a layer without bias. */
  bias: PerGate<tf.Tensor1D> | null;
}

/** Split a fused [.., 4 * units] weight into its four gate blocks. */
function splitGates<T extends tf.Tensor>(w: T): PerGate<T> {
  const [wi, wf, wg, wo] = tf.split(w, 4, w.rank - 1) as T[];
  return [wi!, wf!, wg!, wo!];
}

/**
 * Cut the fused weights into per-gate blocks. The tutorial splits inside the cell, at every time
 * step; the weights do not change during a pass, so the loops here split once, before the loop.
 */
export function splitWeights(weights: LSTMWeights): GateWeights {
  return {
    kernel: splitGates(weights.kernel),
    recurrentKernel: splitGates(weights.recurrentKernel),
    bias: weights.bias ? splitGates(weights.bias) : null,
  };
}

/**
 * One LSTM step: the four equations.
 *
 *   i = σ(x·Wi + h_prev·Ui + bi)      f = σ(x·Wf + h_prev·Uf + bf)
 *   g = tanh(x·Wg + h_prev·Ug + bg)   o = σ(x·Wo + h_prev·Uo + bo)
 *   c = f ⊙ c_prev + i ⊙ g            h = o ⊙ tanh(c)
 *
 * @param x Input at this time step, [batch, features].
 * @param hPrev Hidden state of the previous step, [batch, units].
 * @param cPrev Cell state of the previous step, [batch, units].
 * @param sigma The gates' activation, σ above: sigmoid unless a reader swaps it to see why it matters.
 */
export function lstmStep(
  x: tf.Tensor2D,
  hPrev: tf.Tensor2D,
  cPrev: tf.Tensor2D,
  weights: GateWeights,
  sigma: GateActivation = tf.sigmoid,
): StepResult {
  const [kI, kF, kG, kO] = weights.kernel;
  const [rI, rF, rG, rO] = weights.recurrentKernel;

  // Input projections, one per gate, as the tutorial writes them.
  let xI = tf.matMul(x, kI);
  let xF = tf.matMul(x, kF);
  let xG = tf.matMul(x, kG);
  let xO = tf.matMul(x, kO);
  if (weights.bias) {
    const [bI, bF, bG, bO] = weights.bias;
    xI = tf.add(xI, bI);
    xF = tf.add(xF, bF);
    xG = tf.add(xG, bG);
    xO = tf.add(xO, bO);
  }

  const i = sigma(tf.add<tf.Tensor2D>(xI, tf.matMul(hPrev, rI)));
  const f = sigma(tf.add<tf.Tensor2D>(xF, tf.matMul(hPrev, rF)));
  const g = tf.tanh(tf.add<tf.Tensor2D>(xG, tf.matMul(hPrev, rG)));
  const o = sigma(tf.add<tf.Tensor2D>(xO, tf.matMul(hPrev, rO)));
  const c = tf.add<tf.Tensor2D>(tf.mul(f, cPrev), tf.mul(i, g));
  const h = tf.mul<tf.Tensor2D>(o, tf.tanh(c));
  return { i, f, g, o, c, h };
}
