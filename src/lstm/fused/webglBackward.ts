/**
 * Backpropagation through time on WebGL: per step, one program for the gate gradients dz_t
 * (and the c-gradient carried to t - 1), one matMul for dh_{t-1} = dz_t·Uᵀ. The gates are not
 * stored by the forward pass: z of every step is recomputed at once, in one matMul, from the
 * saved states.
 */
import * as tf from '@tensorflow/tfjs';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import { ACTIVATIONS, PICK, elementOf2D, elementOf3D, elementwiseMain } from './glsl';
import type { ValueKind } from './layout';
import { run } from './webgl';

type Uniforms = NonNullable<GPGPUProgram['customUniforms']>;

/** h_prev of every (sample, step), batch-major [batch * time, units], from h0 and the states. */
class PreviousHProgram implements GPGPUProgram {
  variableNames = ['states', 's0'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(batch: number, time: number, units: number) {
    this.outputShape = [batch * time, units];
    this.userCode = `
      ${PICK}
      ${elementOf3D('states')}
      ${elementOf2D('s0')}
      float hPrev(int r, int u) {
        int b = r / ${time};
        int t = r - b * ${time};
        return t == 0 ? s0At(b, 2 * u) : statesAt(t - 1, b, 2 * u);
      }
      ${elementwiseMain(batch * time, units, 'hPrev(r, c)', 2)}
    `;
  }
}

/**
 * The loss's gradient with respect to the op's value, as the tape hands it back: every step's
 * interleaved state [time, batch, 2 * units], the last h [batch, units], or every step's h,
 * batch-major [batch, time, units].
 */
export type ExternalGrad = ValueKind;

/** GLSL for dh and dc arriving from outside at step `timeStep`, sample b, unit u. */
function externalGrad(
  kind: ExternalGrad,
  time: number,
): { source: string; dh: string; dc: string } {
  if (kind === 'states') {
    return {
      source: elementOf3D('dExt'),
      dh: 'dExtAt(timeStep, b, 2 * u)',
      dc: 'dExtAt(timeStep, b, 2 * u + 1)',
    };
  }
  if (kind === 'last') {
    return {
      source: elementOf2D('dExt'),
      dh: `(timeStep == ${time - 1} ? dExtAt(b, u) : 0.0)`,
      dc: '0.0',
    };
  }
  return { source: elementOf3D('dExt'), dh: 'dExtAt(b, timeStep, u)', dc: '0.0' };
}

/**
 * One step back: [batch, 5 * units], columns 0..4u-1 dz_t = ∂L/∂z_t (gates i, f, g, o) and
 * columns 4u.. the c-gradient handed to step t - 1 (dc_t ⊙ f_t). Keeping both in one texture
 * lets the next matMul read dz straight from it, against U padded with zero rows.
 */
class StepBackProgram implements GPGPUProgram {
  variableNames = ['z', 'states', 's0', 'dExt', 'dhRec', 'dNext'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  customUniforms: Uniforms = [{ name: 'timeStep', type: 'int' }];
  userCode: string;

  constructor(batch: number, time: number, units: number, kind: ExternalGrad) {
    this.outputShape = [batch, 5 * units];
    const n = units;
    const ext = externalGrad(kind, time);
    this.userCode = `
      ${PICK}
      ${ACTIVATIONS}
      ${elementOf2D('z')}
      ${elementOf3D('states')}
      ${elementOf2D('s0')}
      ${ext.source}
      ${elementOf2D('dhRec')}
      ${elementOf2D('dNext')}
      float gradAt(int b, int j) {
        int q = j / ${n};
        int u = j - q * ${n};
        int row = b * ${time} + timeStep;
        float i = gateSigmoid(zAt(row, u));
        float f = gateSigmoid(zAt(row, ${n} + u));
        float g = stableTanh(zAt(row, ${2 * n} + u));
        float o = gateSigmoid(zAt(row, ${3 * n} + u));
        float tc = stableTanh(statesAt(timeStep, b, 2 * u + 1));
        float dh = ${ext.dh} + dhRecAt(b, u);
        float dc = ${ext.dc} + dNextAt(b, ${4 * n} + u) + dh * o * (1.0 - tc * tc);
        if (q == 4) return dc * f;
        if (q == 3) return dh * tc * o * (1.0 - o);
        if (q == 2) return dc * i * (1.0 - g * g);
        if (q == 0) return dc * g * i * (1.0 - i);
        float cPrev = timeStep == 0 ? s0At(b, 2 * u + 1) : statesAt(timeStep - 1, b, 2 * u + 1);
        return dc * cPrev * f * (1.0 - f);
      }
      ${elementwiseMain(batch, 5 * units, 'gradAt(r, c)', 2)}
    `;
  }
}

/** dz of every step, batch-major [batch * time, 4 * units], out of the stacked step results. */
class GatherDzProgram implements GPGPUProgram {
  variableNames = ['d'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(batch: number, time: number, units: number) {
    this.outputShape = [batch * time, 4 * units];
    this.userCode = `
      ${PICK}
      ${elementOf3D('d')}
      float dzAt(int r, int j) {
        int b = r / ${time};
        return dAt(r - b * ${time}, b, j);
      }
      ${elementwiseMain(batch * time, 4 * units, 'dzAt(r, c)', 2)}
    `;
  }
}

/** A packed copy of `t`, made once, so the per-step programs do not repack it at every step. */
class PackedCopyProgram implements GPGPUProgram {
  variableNames = ['a'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode = 'void main() { setOutput(getAAtOutCoords()); }';
  constructor(shape: number[]) {
    this.outputShape = shape;
  }
}

function packed<T extends tf.Tensor>(t: T): T {
  const backend = tf.backend() as MathBackendWebGL;
  return backend.texData.get(t.dataId)?.isPacked ? t : run<T>(new PackedCopyProgram(t.shape), [t]);
}

/** What backward reads of the forward pass. */
export interface WebGLSaved {
  x: tf.Tensor3D;
  kernel: tf.Tensor2D;
  recurrentKernel: tf.Tensor2D;
  /** x·W + b, batch-major [batch * time, 4 * units]. */
  xProj: tf.Tensor2D;
  /** Every step's interleaved state, [time, batch, 2 * units]. */
  states: tf.Tensor3D;
  /** h0 and c0 interleaved. */
  s0: tf.Tensor2D;
}

/**
 * Gradients [dx, dW, dU, db, dh0, dc0] (the last two only with `initialState`) from `dExt`, the
 * loss's gradient with respect to the outputs (see `ExternalGrad`).
 */
export function webglBackward(
  dExt: tf.Tensor,
  kind: ExternalGrad,
  saved: WebGLSaved,
  initialState: boolean,
): tf.Tensor[] {
  const { x, kernel, recurrentKernel, xProj, states, s0 } = saved;
  const [batch, time, features] = x.shape;
  const units = recurrentKernel.shape[0];
  const hPrev = run<tf.Tensor2D>(new PreviousHProgram(batch, time, units), [states, s0]);
  const z = tf.fused.matMul({ a: hPrev, b: recurrentKernel, bias: xProj }) as tf.Tensor2D;
  const uPadded = tf.concat([recurrentKernel, tf.zeros([units, units])], 1);
  const dOut = packed(dExt);
  const program = new StepBackProgram(batch, time, units, kind);
  let dhRec: tf.Tensor2D = tf.zeros([batch, units]);
  let dNext: tf.Tensor2D = tf.zeros([batch, 5 * units]);
  const perStep: tf.Tensor2D[] = new Array<tf.Tensor2D>(time);
  for (let t = time - 1; t >= 0; t--) {
    dNext = run<tf.Tensor2D>(program, [z, states, s0, dOut, dhRec, dNext], [[t]]);
    perStep[t] = dNext;
    // dh_{t-1}, needed by step t - 1 and, after step 0, as dh0 only with an initial state.
    if (t > 0 || initialState) dhRec = tf.matMul(dNext, uPadded, false, true);
  }
  const dz = run<tf.Tensor2D>(new GatherDzProgram(batch, time, units), [tf.stack(perStep)]);
  const x2 = tf.reshape(x, [batch * time, features]);
  const grads = [
    tf.reshape(tf.matMul(dz, kernel, false, true), [batch, time, features]),
    tf.matMul(x2, dz, true, false),
    tf.matMul(hPrev, dz, true, false),
    tf.sum(dz, 0),
  ];
  if (initialState) grads.push(dhRec, tf.slice(dNext, [0, 4 * units], [batch, units]));
  return grads;
}
