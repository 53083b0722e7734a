/**
 * The fused LSTM as one differentiable tfjs op: a kernel per backend (WebGL or WebGPU programs,
 * or the typed-array loops everywhere else) behind `lazyGrad`, whose gradient is
 * backpropagation through time over the same kernels.
 */
import * as tf from '@tensorflow/tfjs';
import type { LSTMWeights } from '../cell';
import { cpuBackward, cpuForward, type FusedDims, type FusedInputs } from './cpuKernel';
import { externalToStates, statesToOutputs, type ValueKind } from './layout';
import { onWebGL, webglForward, webglTake, webglTakeSequence } from './webgl';
import { webglBackward } from './webglBackward';
import { onWebGPU, webgpuBackward, webgpuForward, webgpuTake, webgpuTakeSequence } from './webgpu';

export interface FusedOptions {
  /** Output h of every step, batch-major [batch, time, units], instead of the last h. */
  returnSequences?: boolean;
  /** Also compute the final h and c (`FusedResult.h`, `.c`); without it they are null. */
  returnState?: boolean;
}

export interface FusedResult {
  /** The last h [batch, units], or every step's h [batch, time, units] with `returnSequences`. */
  output: tf.Tensor;
  /** Hidden state after the last step, [batch, units], with `returnState`. */
  h: tf.Tensor2D | null;
  /** Cell state after the last step, [batch, units], with `returnState`. */
  c: tf.Tensor2D | null;
}

/** x, W, U, b, and h0, c0 when there is an initial state. */
type OpInputs = [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, ...tf.Tensor2D[]];

/** One gradient per input, each computed only when called. */
type GradThunks = (() => tf.Tensor)[];

/** An op's value and how to get its inputs' gradients from the loss's gradient `dy`. */
interface LazyOp {
  value: tf.Tensor;
  gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => GradThunks;
}

/** The engine call `tf.customGrad` makes, typed here because tfjs does not export it. */
interface KernelFuncEngine {
  runKernelFunc(params: {
    forwardFunc: (backend: unknown, save: tf.GradSaveFunc) => tf.Tensor;
    backwardsFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => Record<number, () => tf.Tensor>;
    inputs: Record<number, tf.Tensor>;
  }): tf.Tensor;
}

/**
 * `tf.customGrad` with lazy gradients. customGrad computes every input's gradient, and tfjs then
 * uses only those of inputs on the way to what is differentiated: in training that leaves out
 * the data x, whose gradient (a matMul as large as the input projection) was made and thrown
 * away at every step. Here each gradient is a thunk, which tfjs calls only for those inputs.
 */
function lazyGrad(f: (inputs: tf.Tensor[], save: tf.GradSaveFunc) => LazyOp) {
  return (...inputs: tf.Tensor[]): tf.Tensor => {
    let gradFunc: LazyOp['gradFunc'] | null = null;
    return (tf.engine() as unknown as KernelFuncEngine).runKernelFunc({
      inputs: { ...inputs },
      forwardFunc: (_backend, save) => {
        const op = f(inputs, save);
        gradFunc = op.gradFunc;
        return op.value;
      },
      backwardsFunc: (dy, saved) => ({ ...gradFunc!(dy, saved) }),
    });
  };
}

function dimsOf(x: tf.Tensor3D, recurrentKernel: tf.Tensor2D): FusedDims {
  const [batch, time, features] = x.shape;
  return { batch, time, features, units: recurrentKernel.shape[0] };
}

function readInputs(inputs: tf.Tensor[], d: FusedDims): FusedInputs {
  const read = (t: tf.Tensor | undefined) => t!.dataSync() as Float32Array;
  const zeros = new Float32Array(d.batch * d.units);
  return {
    x: read(inputs[0]),
    kernel: read(inputs[1]),
    recurrentKernel: read(inputs[2]),
    bias: read(inputs[3]),
    h0: inputs[4] ? read(inputs[4]) : zeros,
    c0: inputs[5] ? read(inputs[5]) : zeros,
  };
}

/** A GPU backend's fused kernels: both keep the same saved tensors and state layout. */
const WEBGL = {
  forward: webglForward,
  take: webglTake,
  takeSequence: webglTakeSequence,
  backward: webglBackward,
};
type GPUKernels = typeof WEBGL;
const WEBGPU: GPUKernels = {
  forward: webgpuForward,
  take: webgpuTake,
  takeSequence: webgpuTakeSequence,
  backward: webgpuBackward,
};

/** The active backend's GPU kernels, or null where the typed-array kernel runs. */
function gpuKernels(): GPUKernels | null {
  if (onWebGL()) return WEBGL;
  if (onWebGPU()) return WEBGPU;
  return null;
}

/** The forward's value for `kind`: every state, the last h, or every h. */
function gpuValue(gpu: GPUKernels, steps: tf.Tensor2D[], kind: ValueKind): tf.Tensor {
  if (kind === 'last') return gpu.take(steps[steps.length - 1]!, 0);
  const states = tf.stack(steps) as tf.Tensor3D;
  return kind === 'states' ? states : gpu.takeSequence(states, 0);
}

/**
 * One differentiable op of x, W, U, b (and h0, c0) whose value is `kind`: every step's state,
 * interleaved (h[0], c[0], h[1], ...) [time, batch, 2 * units]; the last h; or every h.
 */
function fusedOp(kind: ValueKind, initialState: boolean) {
  return lazyGrad((all, save) => {
    const inputs = all as OpInputs;
    const [x, kernel, recurrentKernel, bias] = inputs;
    const d = dimsOf(x, recurrentKernel);
    const gpu = gpuKernels();
    if (gpu) {
      const start = initialState ? (inputs.slice(4, 6) as [tf.Tensor2D, tf.Tensor2D]) : null;
      const f = tf.tidy(() => {
        const pass = gpu.forward(x, kernel, recurrentKernel, bias, start, true);
        return { ...pass, value: gpuValue(gpu, pass.steps, kind) };
      });
      save([f.x2, kernel, recurrentKernel, f.xProj, f.s0, ...f.steps, ...(f.z ?? [])]);
      return {
        value: f.value,
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const [x2, sk, sr, xProj, s0, ...rest] = saved as tf.Tensor2D[];
          const forward = {
            x2: x2!,
            kernel: sk!,
            recurrentKernel: sr!,
            xProj: xProj!,
            s0: s0!,
            // Every step's state, then every step's z where the forward kept them.
            steps: rest.slice(0, d.time),
            z: rest.slice(d.time),
          };
          return gpu.backward(dy, kind, forward, initialState);
        },
      };
    }
    // The typed arrays of the pass stay with the closure: backward reads them as they were.
    const plain = readInputs(inputs, d);
    const forward = cpuForward(d, plain);
    const outputs = statesToOutputs(forward.states, d, kind === 'sequence');
    const value =
      kind === 'states'
        ? tf.tensor3d(forward.states, [d.time, d.batch, 2 * d.units])
        : kind === 'last'
          ? tf.tensor2d(outputs.h, [d.batch, d.units])
          : tf.tensor3d(outputs.sequence!, [d.batch, d.time, d.units]);
    return {
      value,
      gradFunc: (dy: tf.Tensor) => {
        const g = cpuBackward(d, plain, forward, externalToStates(dy.dataSync(), kind, d));
        const grads: GradThunks = [
          () => tf.tensor3d(g.x, x.shape),
          () => tf.tensor2d(g.kernel, kernel.shape),
          () => tf.tensor2d(g.recurrentKernel, recurrentKernel.shape),
          () => tf.tensor1d(g.bias),
        ];
        if (initialState) {
          grads.push(
            () => tf.tensor2d(g.h0, [d.batch, d.units]),
            () => tf.tensor2d(g.c0, [d.batch, d.units]),
          );
        }
        return grads;
      },
    };
  });
}

/** Outputs out of the differentiable states, with ordinary (differentiable) tfjs ops. */
function outputsOfStates(states: tf.Tensor3D, returnSequences: boolean): FusedResult {
  const [time, batch, twice] = states.shape;
  const units = twice / 2;
  const split = tf.reshape(states, [time, batch, units, 2]);
  const last = (which: 0 | 1) =>
    tf.reshape(tf.slice(split, [time - 1, 0, 0, which], [1, batch, units, 1]), [batch, units]);
  const h = last(0) as tf.Tensor2D;
  const hSeq = () =>
    tf.transpose(
      tf.reshape(tf.slice(split, 0, [time, batch, units, 1]), [time, batch, units]),
      [1, 0, 2],
    );
  return { output: returnSequences ? hSeq() : h, h, c: last(1) as tf.Tensor2D };
}

/** The forward pass alone, when no gradient is being recorded: only what was asked for. */
function forwardOnly(inputs: OpInputs, options: Required<FusedOptions>): FusedResult {
  const [x, kernel, recurrentKernel, bias, h0, c0] = inputs;
  const d = dimsOf(x, recurrentKernel);
  const gpu = gpuKernels();
  if (gpu) {
    const start: [tf.Tensor2D, tf.Tensor2D] | null = h0 && c0 ? [h0, c0] : null;
    const { steps } = gpu.forward(x, kernel, recurrentKernel, bias, start);
    const last = steps[steps.length - 1]!;
    const h = options.returnState || !options.returnSequences ? gpu.take(last, 0) : null;
    const output = options.returnSequences
      ? gpu.takeSequence(tf.stack(steps) as tf.Tensor3D, 0)
      : h!;
    return { output, h, c: options.returnState ? gpu.take(last, 1) : null };
  }
  const { states } = cpuForward(d, readInputs(inputs, d));
  const out = statesToOutputs(states, d, options.returnSequences);
  const h = tf.tensor2d(out.h, [d.batch, d.units]);
  return {
    output: out.sequence ? tf.tensor3d(out.sequence, [d.batch, d.time, d.units]) : h,
    h,
    c: tf.tensor2d(out.c, [d.batch, d.units]),
  };
}

/**
 * The LSTM over a whole batch-major sequence [batch, time, features], fused: on WebGL and
 * WebGPU one dispatch per time step. Differentiable with respect to the input, the weights and
 * the initial state (null: zeros). The result's tensors are new; the caller disposes them.
 */
export function fusedLstm(
  x: tf.Tensor3D,
  weights: LSTMWeights,
  initialState: [h0: tf.Tensor2D, c0: tf.Tensor2D] | null,
  options: FusedOptions = {},
): FusedResult {
  const opts = {
    returnSequences: options.returnSequences ?? false,
    returnState: options.returnState ?? false,
  };
  return tf.tidy(() => {
    const units = weights.recurrentKernel.shape[0];
    const bias = weights.bias ?? (tf.zeros([4 * units]) as tf.Tensor1D);
    const inputs: OpInputs = [x, weights.kernel, weights.recurrentKernel, bias];
    if (initialState) inputs.push(...initialState);
    let result: FusedResult;
    if (!tf.engine().isTapeOn()) {
      result = forwardOnly(inputs, opts);
    } else if (opts.returnState) {
      // h and c both leave the op: take them out of every state with differentiable ops.
      const states = fusedOp('states', !!initialState)(...inputs) as tf.Tensor3D;
      result = outputsOfStates(states, opts.returnSequences);
    } else {
      const kind = opts.returnSequences ? 'sequence' : 'last';
      result = { output: fusedOp(kind, !!initialState)(...inputs), h: null, c: null };
    }
    return result as unknown as tf.TensorContainerObject;
  }) as unknown as FusedResult;
}
