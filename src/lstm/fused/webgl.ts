/**
 * The fused forward pass on WebGL: one `StepProgram` dispatch per time step, which also projects
 * its step's input; run for backward, one matMul projects every step's input before the loop
 * instead. Backward lives in webglBackward.ts.
 */
import * as tf from '@tensorflow/tfjs';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import {
  CellProgram,
  GatesByUnitProgram,
  InterleaveProgram,
  StepProgram,
  TakeStateProgram,
  ZProgram,
} from './webglPrograms';

/**
 * From this many units up the step program reads h_prev from an h-only copy of the state (see
 * `StepProgram`): below it the copy's extra program per step costs more than its saved fetches
 * (measured on SwiftShader: no faster at 64 units, 12% faster at 128).
 */
export const H_INPUT_UNITS = 96;

/** True when tfjs runs on WebGL, where the fused programs apply. */
export function onWebGL(): boolean {
  return tf.getBackend() === 'webgl';
}

/** Run one program on the WebGL backend and wrap its output as a tensor of the current scope. */
export function run<T extends tf.Tensor>(
  program: GPGPUProgram,
  inputs: tf.Tensor[],
  uniforms?: number[][],
): T {
  const backend = tf.backend() as MathBackendWebGL;
  // Keep the output packed even where tfjs would unpack it eagerly (WEBGL_LAZILY_UNPACK off):
  // the next fused program reads it packed.
  const info = backend.compileAndRun(program, inputs, 'float32', uniforms, true);
  return tf.engine().makeTensorFromTensorInfo(info) as T;
}

/** What a fused forward leaves behind: the state after every step. */
export interface WebGLSteps {
  /** Interleaved h|c state after each step, [batch, 2 * units] each. */
  steps: tf.Tensor2D[];
}

/** What the fused forward run for backward leaves behind: the states, and what backward reads. */
export interface WebGLForward extends WebGLSteps {
  /** The input as the projection read it, [batch * time, features] (rows as `xProj`'s). */
  x2: tf.Tensor2D;
  /** x·W + b of every step, [batch * time, 4 * units]. */
  xProj: tf.Tensor2D;
  /** h0 and c0 interleaved, [batch, 2 * units]. */
  s0: tf.Tensor2D;
  /** Each step's z = x·W + b + h_prev·U, [batch, 4 * units], where the forward kept them. */
  z?: tf.Tensor2D[];
}

/**
 * A fused forward's inputs: x batch-major [batch, time, features], W, U, b, and h0 and c0
 * [batch, units] each (null: zeros).
 */
export type ForwardArgs = [
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  initialState: [h0: tf.Tensor2D, c0: tf.Tensor2D] | null,
];

/**
 * The whole sequence. Tensors land in the caller's scope.
 *
 * Run for backward (`forBackward`) the input projection of every step is one matMul before the
 * loop, kept with the states; from `H_INPUT_UNITS` up each step is then two dispatches, z then
 * the cell, and every step's z is kept: backward then reads them instead of recomputing all of
 * them in one more matMul as large as the whole forward's. Otherwise each step is one dispatch
 * that projects its own input too (`StepProgram`'s `features`): the projection of every step,
 * [batch * time, 4 * units], is never written (210 MB at the benchmark's large size, where the
 * forward took 17% less time so; even at tutorial and medium size, in turns with the matMul).
 */
export function webglForward(...args: [...ForwardArgs, forBackward: true]): WebGLForward;
export function webglForward(...args: [...ForwardArgs, forBackward?: false]): WebGLSteps;
export function webglForward(
  ...[x, kernel, recurrentKernel, bias, initialState, forBackward = false]: [
    ...ForwardArgs,
    forBackward?: boolean,
  ]
): WebGLSteps | WebGLForward {
  const [batch, time, features] = x.shape;
  const units = recurrentKernel.shape[0];
  // Time-major rows (t·B + b), as backward wants them and as the folded step reads x.
  const rows = tf.transpose(x, [1, 0, 2]);
  const x2 = forBackward ? (tf.reshape(rows, [batch * time, features]) as tf.Tensor2D) : null;
  const xProj = x2 ? (tf.fused.matMul({ a: x2, b: kernel, bias }) as tf.Tensor2D) : null;
  // What the steps read of the input: the projection, or x, W regrouped and b.
  const input = xProj
    ? [xProj]
    : [
        rows,
        run<tf.Tensor2D>(new GatesByUnitProgram(units, features), [kernel]),
        tf.reshape(bias, [1, 4 * units]),
      ];
  // Zeros need no program: interleaved or not, they are zeros.
  const s0 = initialState
    ? run<tf.Tensor2D>(new InterleaveProgram(batch, units), initialState)
    : (tf.zeros([batch, 2 * units]) as tf.Tensor2D);
  const hInput = units >= H_INPUT_UNITS;
  const keepZ = hInput && forBackward;
  const takeH = new TakeStateProgram(batch, units, 0, null);
  const steps: tf.Tensor2D[] = [];
  const z: tf.Tensor2D[] = [];
  let state = s0;
  // h_prev alone, for the h-input programs: taken out of each new state, freed once read.
  let h: tf.Tensor2D | null = hInput ? (initialState?.[0] ?? tf.zeros([batch, units])) : null;
  let stepOf: (t: number) => tf.Tensor2D;
  if (keepZ) {
    const zProgram = new ZProgram(batch, units);
    const cellProgram = new CellProgram(batch, units);
    const recurrentT = tf.transpose(recurrentKernel);
    stepOf = (t) => {
      z.push(run<tf.Tensor2D>(zProgram, [xProj!, recurrentT, h!], [[t]]));
      return run<tf.Tensor2D>(cellProgram, [z[t]!, state]);
    };
  } else {
    const up = run<tf.Tensor2D>(new GatesByUnitProgram(units), [recurrentKernel]);
    const step = new StepProgram(batch, units, hInput, xProj ? null : features);
    stepOf = (t) => run<tf.Tensor2D>(step, [...input, up, state, ...(h ? [h] : [])], [[t]]);
  }
  for (let t = 0; t < time; t++) {
    state = stepOf(t);
    steps.push(state);
    if (h) {
      if (h !== initialState?.[0]) h.dispose();
      h = t + 1 < time ? run<tf.Tensor2D>(takeH, [state]) : null;
    }
  }
  if (!x2 || !xProj) return { steps };
  return { steps, x2, xProj, s0, ...(keepZ ? { z } : {}) };
}

/** h or c of one interleaved state [batch, 2 * units], as [batch, units]. */
export function webglTake(state: tf.Tensor2D, which: 0 | 1): tf.Tensor2D {
  const [batch, twice] = state.shape;
  return run(new TakeStateProgram(batch, twice / 2, which, null), [state]);
}

/** h or c of every step's state [time, batch, 2 * units], batch-major [batch, time, units]. */
export function webglTakeSequence(states: tf.Tensor3D, which: 0 | 1): tf.Tensor3D {
  const [time, batch, twice] = states.shape;
  return run(new TakeStateProgram(batch, twice / 2, which, time), [states]);
}
