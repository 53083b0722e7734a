/**
 * The fused LSTM on WebGPU: one WGSL `StepProgram` dispatch per time step, which projects its
 * step's input too (run for backward, one matMul projects every step's first); backward is one `StepBackProgram` dispatch per step
 * (the recurrent matMul of the gradient included), then one matMul per weight over every step.
 * Same saved tensors and state layout as the WebGL path (webgl.ts), so op.ts drives both alike.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { ValueKind } from './layout';
import type { ForwardArgs, WebGLForward as GPUForward, WebGLSteps } from './webgl';
import type { WebGLSaved as GPUSaved } from './webglBackward';
import { StepBackProgram, StepProgram } from './webgpuPrograms';

/** True when tfjs runs on WebGPU, where the WGSL programs apply. */
export function onWebGPU(): boolean {
  return tf.getBackend() === 'webgpu';
}

/** Run one program for step `t` and wrap its output as a tensor of the current scope. */
function run<T extends tf.Tensor>(program: WebGPUProgram, inputs: tf.Tensor[], t: number): T {
  const backend = tf.backend() as WebGPUBackend;
  const info = backend.runWebGPUProgram(program, inputs, 'float32', [{ type: 'int32', data: [t] }]);
  return tf.engine().makeTensorFromTensorInfo(info) as T;
}

/**
 * The whole sequence, one dispatch per step. Tensors land in the caller's scope. Run for backward
 * (`forBackward`), one matMul projects every step's input time-major before the loop, kept for
 * backward; otherwise each step projects its own (`StepProgram`'s `features`).
 */
export function webgpuForward(...args: [...ForwardArgs, forBackward: true]): GPUForward;
export function webgpuForward(...args: [...ForwardArgs, forBackward?: false]): WebGLSteps;
export function webgpuForward(
  ...[x, kernel, recurrentKernel, bias, initialState, forBackward = false]: [
    ...ForwardArgs,
    forBackward?: boolean,
  ]
): WebGLSteps | GPUForward {
  const [batch, time, features] = x.shape;
  const units = recurrentKernel.shape[0];
  const x2 = forBackward
    ? (tf.reshape(tf.transpose(x, [1, 0, 2]), [batch * time, features]) as tf.Tensor2D)
    : null;
  const xProj = x2 ? (tf.fused.matMul({ a: x2, b: kernel, bias }) as tf.Tensor2D) : null;
  const input = xProj ? [xProj] : [x, kernel, bias];
  const s0 = initialState
    ? (tf.reshape(tf.stack(initialState, 2), [batch, 2 * units]) as tf.Tensor2D)
    : (tf.zeros([batch, 2 * units]) as tf.Tensor2D);
  const steps: tf.Tensor2D[] = [];
  let state = s0;
  for (let t = 0; t < time; t++) {
    const step = new StepProgram(batch, time, units, xProj ? null : features);
    state = run<tf.Tensor2D>(step, [...input, recurrentKernel, state], t);
    steps.push(state);
  }
  if (!x2 || !xProj) return { steps };
  return { steps, x2, xProj, s0 };
}

/** h (which 0) or c (which 1) of every row of interleaved states [..., 2 * units]. */
function take<T extends tf.Tensor>(states: tf.Tensor, which: 0 | 1): T {
  const shape = states.shape;
  const units = shape[shape.length - 1]! / 2;
  const split = tf.reshape(states, [...shape.slice(0, -1), units, 2]);
  const begin = [...shape.slice(0, -1).map(() => 0), 0, which];
  const size = [...shape.slice(0, -1), units, 1];
  return tf.reshape(tf.slice(split, begin, size), [...shape.slice(0, -1), units]) as T;
}

/** h or c of one interleaved state [batch, 2 * units], as [batch, units]. */
export function webgpuTake(state: tf.Tensor2D, which: 0 | 1): tf.Tensor2D {
  return take<tf.Tensor2D>(state, which);
}

/** h or c of every step's state [time, batch, 2 * units], batch-major [batch, time, units]. */
export function webgpuTakeSequence(states: tf.Tensor3D, which: 0 | 1): tf.Tensor3D {
  return tf.transpose(take<tf.Tensor3D>(states, which), [1, 0, 2]);
}

/**
 * Gradients [dx, dW, dU, db] and, with `initialState`, [dh0, dc0], from `dExt`, the loss's
 * gradient with respect to the op's value of kind `kind`. `saved` is a time-major forward's.
 * Each gradient is a thunk, computed only if tfjs asks for it (see `lazyGrad` in op.ts).
 */
export function webgpuBackward(
  dExt: tf.Tensor,
  kind: ValueKind,
  saved: GPUSaved,
  initialState: boolean,
): (() => tf.Tensor)[] {
  const { x2, kernel, recurrentKernel, xProj, s0, steps } = saved;
  const time = steps.length;
  const [batch, features] = [s0.shape[0], x2.shape[1]];
  const units = recurrentKernel.shape[0];
  // h_{t-1} of every step, time-major: h0, then h of steps 0 .. T - 2.
  const prev = tf.stack([s0, ...steps.slice(0, -1)]) as tf.Tensor3D;
  const hPrev = tf.reshape(take(prev, 0), [time * batch, units]) as tf.Tensor2D;
  const z = tf.fused.matMul({ a: hPrev, b: recurrentKernel, bias: xProj }) as tf.Tensor2D;
  const recurrentT = tf.transpose(recurrentKernel);
  let next: tf.Tensor2D = tf.zeros([batch, 5 * units]);
  const back: tf.Tensor2D[] = new Array<tf.Tensor2D>(time);
  for (let t = time - 1; t >= 0; t--) {
    const program = new StepBackProgram(batch, time, units, kind);
    const inputs = [z, steps[t]!, t > 0 ? steps[t - 1]! : s0, dExt, next, recurrentT];
    next = run<tf.Tensor2D>(program, inputs, t);
    back[t] = next;
  }
  // dz of every step, time-major [time * batch, 4 * units], out of the [dz | carry] rows.
  const all = tf.stack(back) as tf.Tensor3D;
  const dzAll = tf.reshape(tf.slice(all, 0, [time, batch, 4 * units]), [time * batch, 4 * units]);
  const grads = [
    () =>
      tf.transpose(
        tf.reshape(tf.matMul(dzAll, kernel, false, true), [time, batch, features]),
        [1, 0, 2],
      ),
    () => tf.matMul(x2, dzAll, true, false),
    () => tf.matMul(hPrev, dzAll, true, false),
    () => tf.sum(dzAll, 0),
  ];
  if (initialState) {
    grads.push(
      () => tf.matMul(tf.slice(dzAll, 0, [batch, 4 * units]), recurrentKernel, false, true),
      () => tf.slice(next, [0, 4 * units]),
    );
  }
  return grads;
}
