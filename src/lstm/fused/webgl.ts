/**
 * The fused forward pass on WebGL: one matMul for the input projection of every step, then one
 * `StepProgram` dispatch per time step. Backward lives in webglBackward.ts.
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

/** What the fused forward leaves behind: the states, and what backward reads again. */
export interface WebGLForward {
  /** Interleaved h|c state after each step, [batch, 2 * units] each. */
  steps: tf.Tensor2D[];
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
 * The whole sequence. Tensors land in the caller's scope.
 *
 * Run for backward (`timeMajor`) from `H_INPUT_UNITS` up, each step is two dispatches, z then
 * the cell, and every step's z is kept: backward then reads them instead of recomputing all of
 * them in one more matMul as large as the whole forward's. Otherwise one dispatch per step.
 * @param x Batch-major input, [batch, time, features].
 * @param initialState h0 and c0, [batch, units] each; null for zeros.
 * @param timeMajor Project the steps time-major (row t·B + b), as backward wants them, instead
 *   of in the input's own batch-major order (one transpose fewer).
 */
export function webglForward(
  x: tf.Tensor3D,
  kernel: tf.Tensor2D,
  recurrentKernel: tf.Tensor2D,
  bias: tf.Tensor1D,
  initialState: [h0: tf.Tensor2D, c0: tf.Tensor2D] | null,
  timeMajor = false,
): WebGLForward {
  const [batch, time, features] = x.shape;
  const units = recurrentKernel.shape[0];
  const rows = timeMajor ? tf.transpose(x, [1, 0, 2]) : x;
  const x2 = tf.reshape(rows, [batch * time, features]) as tf.Tensor2D;
  const xProj = tf.fused.matMul({ a: x2, b: kernel, bias }) as tf.Tensor2D;
  // Zeros need no program: interleaved or not, they are zeros.
  const s0 = initialState
    ? run<tf.Tensor2D>(new InterleaveProgram(batch, units), initialState)
    : (tf.zeros([batch, 2 * units]) as tf.Tensor2D);
  const hInput = units >= H_INPUT_UNITS;
  const keepZ = hInput && timeMajor;
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
      z.push(run<tf.Tensor2D>(zProgram, [xProj, recurrentT, h!], [[t]]));
      return run<tf.Tensor2D>(cellProgram, [z[t]!, state]);
    };
  } else {
    const up = run<tf.Tensor2D>(new GatesByUnitProgram(units), [recurrentKernel]);
    const step = new StepProgram(batch, time, units, timeMajor, hInput);
    stepOf = (t) => run<tf.Tensor2D>(step, h ? [xProj, up, state, h] : [xProj, up, state], [[t]]);
  }
  for (let t = 0; t < time; t++) {
    state = stepOf(t);
    steps.push(state);
    if (h) {
      if (h !== initialState?.[0]) h.dispose();
      h = t + 1 < time ? run<tf.Tensor2D>(takeH, [state]) : null;
    }
  }
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
