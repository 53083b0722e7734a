/**
 * Backpropagation through time on WebGL. Per step: one program for dz_t and the c-gradient
 * carried to t - 1, one for dh_{t-1} = dz_t·Uᵀ. Each step's z is the forward's, where it
 * kept them (from H_INPUT_UNITS up); otherwise the one-dispatch forward step wrote h and c only,
 * and z of every step is recomputed at once, in one matMul, from the saved states. The weight
 * gradients are one matMul each over every step.
 */
import * as tf from '@tensorflow/tfjs';
import type { MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { ValueKind } from './layout';
import { run } from './webgl';
import {
  DhProgram,
  JoinBlocksProgram,
  RowSumProgram,
  PackedCopyProgram,
  STACK_LIMIT,
  StackRowsProgram,
  StepBackProgram,
} from './webglBackwardPrograms';

/** What backward reads of the forward pass (see `webglForward`, run time-major). */
export interface WebGLSaved {
  /** The input, time-major [time * batch, features]. */
  x2: tf.Tensor2D;
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  /** x·W + b, time-major [time * batch, 4 * units]. */
  xProj: tf.Tensor2D;
  /** h0 and c0 interleaved, [batch, 2 * units]. */
  s0: tf.Tensor2D;
  /** Every step's interleaved state, [batch, 2 * units] each. */
  steps: tf.Tensor2D[];
  /** Every step's z, [batch, 4 * units] each, where the forward kept them. */
  z?: tf.Tensor2D[];
}

function packed<T extends tf.Tensor>(t: T): T {
  const backend = tf.backend() as MathBackendWebGL;
  return backend.texData.get(t.dataId)?.isPacked ? t : run<T>(new PackedCopyProgram(t.shape), [t]);
}

/** How many inputs one stacking or joining program reads: even, and within `STACK_LIMIT`. */
const PER_PROGRAM = STACK_LIMIT - (STACK_LIMIT % 2);

/**
 * Blocks joined along `axis` (`JoinBlocksProgram`), `PER_PROGRAM` at a time. Each block but the
 * last has an even extent along the axis, and so, joined an even number at a time, has each
 * group but the last.
 */
function joinBlocks(blocks: tf.Tensor2D[], axis: 0 | 1): tf.Tensor2D {
  let level = blocks;
  while (level.length > 1) {
    const next: tf.Tensor2D[] = [];
    for (let k = 0; k < level.length; k += PER_PROGRAM) {
      const some = level.slice(k, k + PER_PROGRAM);
      const shapes = some.map((b) => b.shape);
      next.push(some.length === 1 ? some[0]! : run(new JoinBlocksProgram(shapes, axis), some));
    }
    level = next;
  }
  return level[0]!;
}

/**
 * Matrices [batch, ≥ cols·stride] stacked into [n · batch, cols] (see `StackRowsProgram`): one
 * program per `PER_PROGRAM` inputs, then the blocks joined.
 */
function stackRows(
  parts: tf.Tensor2D[],
  cols: number,
  stride: 1 | 2,
  offset: 0 | 1,
  transposed = false,
): tf.Tensor2D {
  const batch = parts[0]!.shape[0];
  const blocks: tf.Tensor2D[] = [];
  // An even count of inputs per block keeps every block but the last an even extent along the
  // joined axis, whatever the batch: no texel then straddles two blocks.
  for (let k = 0; k < parts.length; k += PER_PROGRAM) {
    const some = parts.slice(k, k + PER_PROGRAM);
    const program = new StackRowsProgram(some.length, batch, cols, stride, offset, transposed);
    blocks.push(run<tf.Tensor2D>(program, some));
  }
  return joinBlocks(blocks, transposed ? 1 : 0);
}

/**
 * Gradients [dx, dW, dU, db] and, with `initialState`, [dh0, dc0], from `dExt`, the loss's
 * gradient with respect to the op's value of kind `kind`. The backward loop runs at once; each
 * gradient is then a thunk, computed only if tfjs asks for it (see `lazyGrad` in op.ts).
 */
export function webglBackward(
  dExt: tf.Tensor,
  kind: ValueKind,
  saved: WebGLSaved,
  initialState: boolean,
): (() => tf.Tensor)[] {
  const { x2, kernel, recurrentKernel, xProj, s0, steps } = saved;
  const time = steps.length;
  const [batch, features] = [s0.shape[0], x2.shape[1]];
  const units = recurrentKernel.shape[0];
  // h_{t-1} of every step, time-major: h0, then h of steps 0 .. T - 2.
  const hPrevSteps = [s0, ...steps.slice(0, -1)];
  // Every step's z: kept by the forward, or recomputed here in one matMul. That matMul takes the
  // untransposed stack: reading dU's transposed one down its columns (transposeA) costs more than
  // the copy.
  const kept = saved.z?.length === time ? saved.z : null;
  const zAll = kept
    ? null
    : (tf.fused.matMul({
        a: stackRows(hPrevSteps, units, 2, 0),
        b: recurrentKernel,
        bias: xProj,
      }) as tf.Tensor2D);
  const dOut = packed(dExt);
  const dzProgram = new StepBackProgram(batch, time, units, kind, !!kept);
  const dhProgram = new DhProgram(batch, units);
  let dhRec: tf.Tensor2D = tf.zeros([batch, units]);
  // Each step's dz with, in a fifth block, the c-gradient it carries back (zeros after the last).
  let dzNext: tf.Tensor2D = tf.zeros([batch, 5 * units]);
  const dzSteps: tf.Tensor2D[] = new Array<tf.Tensor2D>(time);
  for (let t = time - 1; t >= 0; t--) {
    const z = kept ? kept[t]! : zAll!;
    const inputs = [z, steps[t]!, t > 0 ? steps[t - 1]! : s0, dOut, dhRec, dzNext];
    dzNext = run<tf.Tensor2D>(dzProgram, inputs, [[t]]);
    dzSteps[t] = dzNext;
    // Needed by step t - 1, and after step 0 as dh0 only with an initial state.
    if (t > 0 || initialState) dhRec = run<tf.Tensor2D>(dhProgram, [dzNext, recurrentKernel]);
  }
  // Every step's dz, transposed: [4 * units, time * batch]. Each weight gradient is then a
  // product of two row-major stacks (Aᵀ·B as A'·B'ᵀ), which reads both in memory order; with
  // the untransposed stacks the matMul walks both down their columns, about twice as slow here.
  const dzAllT = stackRows(dzSteps, 4 * units, 1, 0, true);
  const grads = [
    // dxᵀ = W·dzᵀ [features, time * batch], back in the input's batch-major layout.
    () => tf.transpose(tf.reshape(tf.matMul(kernel, dzAllT), [features, time, batch]), [2, 1, 0]),
    () => tf.matMul(tf.transpose(x2), dzAllT, false, true),
    // dU from the h_{t-1} stack, transposed like dz.
    () => tf.matMul(stackRows(hPrevSteps, units, 2, 0, true), dzAllT, false, true),
    () => tf.reshape(run(new RowSumProgram(4 * units, time * batch), [dzAllT]), [4 * units]),
  ];
  // After step 0 the carries are dh0 and dc0 (dh0 computed there only with an initial state).
  if (initialState)
    grads.push(
      () => dhRec,
      () => tf.slice(dzNext, [0, 4 * units], [batch, units]),
    );
  return grads;
}
