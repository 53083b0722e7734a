/**
 * The fused LSTM as one differentiable tfjs op: a kernel per backend (WebGL programs, or the
 * typed-array loops everywhere else) behind `tf.customGrad`, whose gradient is backpropagation
 * through time over the same kernels.
 */
import * as tf from '@tensorflow/tfjs';
import type { LSTMWeights } from '../cell';
import { cpuBackward, cpuForward, type FusedDims, type FusedInputs } from './cpuKernel';
import { onWebGL, webglForward, webglTake, webglTakeSequence } from './webgl';
import { webglBackward } from './webglBackward';

export interface FusedOptions {
  /** Output h of every step, batch-major [batch, time, units], instead of the last h. */
  returnSequences?: boolean;
}

export interface FusedResult {
  /** The last h [batch, units], or every step's h [batch, time, units] with `returnSequences`. */
  output: tf.Tensor;
  /** Hidden state after the last step, [batch, units]. */
  h: tf.Tensor2D;
  /** Cell state after the last step, [batch, units]. */
  c: tf.Tensor2D;
}

type Six = [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D, tf.Tensor2D];

function dimsOf(x: tf.Tensor3D, recurrentKernel: tf.Tensor2D): FusedDims {
  const [batch, time, features] = x.shape;
  return { batch, time, features, units: recurrentKernel.shape[0] };
}

function readInputs([x, kernel, recurrentKernel, bias, h0, c0]: tf.Tensor[]): FusedInputs {
  const read = (t: tf.Tensor | undefined) => t!.dataSync() as Float32Array;
  return {
    x: read(x),
    kernel: read(kernel),
    recurrentKernel: read(recurrentKernel),
    bias: read(bias),
    h0: read(h0),
    c0: read(c0),
  };
}

/**
 * Every step's state, interleaved (h[0], c[0], h[1], ...), [time, batch, 2 * units], as one
 * differentiable op of x, W, U, b, h0, c0.
 */
const fusedStates = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const inputs = args.slice(0, 6) as Six;
  const save = args[6] as tf.GradSaveFunc;
  const [x, kernel, recurrentKernel, , h0] = inputs;
  const d = dimsOf(x, recurrentKernel);
  const shape: [number, number, number] = [d.time, d.batch, 2 * d.units];
  if (onWebGL()) {
    const { states, xProj, s0 } = tf.tidy(() => {
      const f = webglForward(...inputs);
      return { states: tf.stack(f.steps) as tf.Tensor3D, xProj: f.xProj, s0: f.s0 };
    });
    save([x, kernel, recurrentKernel, xProj, states, s0]);
    return {
      value: states,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sx, sk, sr, sp, ss, s0s] = saved;
        return webglBackward(dy as tf.Tensor3D, {
          x: sx as tf.Tensor3D,
          kernel: sk as tf.Tensor2D,
          recurrentKernel: sr as tf.Tensor2D,
          xProj: sp as tf.Tensor2D,
          states: ss as tf.Tensor3D,
          s0: s0s as tf.Tensor2D,
        });
      },
    };
  }
  const forward = cpuForward(d, readInputs(inputs));
  const states = tf.tensor3d(forward.states, shape);
  const gates = tf.tensor3d(forward.gates, [d.time, d.batch, 4 * d.units]);
  save([...inputs, states, gates]);
  return {
    value: states,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const again = readInputs(saved);
      const g = cpuBackward(
        d,
        again,
        { states: forward.states, gates: saved[7]!.dataSync() as Float32Array },
        dy.dataSync(),
      );
      return [
        tf.tensor3d(g.x, x.shape),
        tf.tensor2d(g.kernel, kernel.shape),
        tf.tensor2d(g.recurrentKernel, recurrentKernel.shape),
        tf.tensor1d(g.bias),
        tf.tensor2d(g.h0, h0.shape),
        tf.tensor2d(g.c0, h0.shape),
      ];
    },
  };
});

/** Outputs out of the differentiable states, with ordinary (differentiable) tfjs ops. */
function outputsOfStates(states: tf.Tensor3D, returnSequences: boolean): FusedResult {
  const [time, batch, twice] = states.shape;
  const units = twice / 2;
  const split = tf.reshape(states, [time, batch, units, 2]);
  const last = (which: 0 | 1) =>
    tf.reshape(tf.slice(split, [time - 1, 0, 0, which], [1, batch, units, 1]), [batch, units]);
  const h = last(0) as tf.Tensor2D;
  const output = returnSequences
    ? tf.transpose(
        tf.reshape(tf.slice(split, [0, 0, 0, 0], [time, batch, units, 1]), [time, batch, units]),
        [1, 0, 2],
      )
    : h;
  return { output, h, c: last(1) as tf.Tensor2D };
}

/** The forward pass alone, when no gradient is being recorded: no states kept but the needed. */
function forwardOnly(inputs: Six, returnSequences: boolean): FusedResult {
  const [x, , recurrentKernel] = inputs;
  const d = dimsOf(x, recurrentKernel);
  if (onWebGL()) {
    const { steps } = webglForward(...inputs);
    const last = steps[steps.length - 1]!;
    const h = webglTake(last, 0);
    const output = returnSequences ? webglTakeSequence(tf.stack(steps) as tf.Tensor3D, 0) : h;
    return { output, h, c: webglTake(last, 1) };
  }
  const { states } = cpuForward(d, readInputs(inputs));
  const { batch, time, units } = d;
  const h = new Float32Array(batch * units);
  const c = new Float32Array(batch * units);
  const seq = returnSequences ? new Float32Array(batch * time * units) : null;
  for (let t = 0; t < time; t++) {
    for (let b = 0; b < batch; b++) {
      for (let u = 0; u < units; u++) {
        const s = ((t * batch + b) * units + u) * 2;
        if (seq) seq[(b * time + t) * units + u] = states[s]!;
        if (t === time - 1) {
          h[b * units + u] = states[s]!;
          c[b * units + u] = states[s + 1]!;
        }
      }
    }
  }
  const hT = tf.tensor2d(h, [batch, units]);
  return {
    output: seq ? tf.tensor3d(seq, [batch, time, units]) : hT,
    h: hT,
    c: tf.tensor2d(c, [batch, units]),
  };
}

/**
 * The LSTM over a whole batch-major sequence [batch, time, features], fused: on WebGL one
 * dispatch per time step. Differentiable with respect to the input, the weights and the initial
 * state. The result's tensors are new; the caller disposes them.
 */
export function fusedLstm(
  x: tf.Tensor3D,
  weights: LSTMWeights,
  h0: tf.Tensor2D,
  c0: tf.Tensor2D,
  options: FusedOptions = {},
): FusedResult {
  const returnSequences = options.returnSequences ?? false;
  return tf.tidy(() => {
    const units = weights.recurrentKernel.shape[0];
    const bias = weights.bias ?? (tf.zeros([4 * units]) as tf.Tensor1D);
    const inputs: Six = [x, weights.kernel, weights.recurrentKernel, bias, h0, c0];
    // Only a recorded pass needs every step's states kept for backward.
    const result = tf.engine().isTapeOn()
      ? outputsOfStates(fusedStates(...inputs) as tf.Tensor3D, returnSequences)
      : forwardOnly(inputs, returnSequences);
    return result as unknown as tf.TensorContainerObject;
  }) as unknown as FusedResult;
}
