/**
 * The fused LSTM's WGSL programs: one forward step and one backward step, each a tfjs
 * `WebGPUProgram` run by the WebGPU backend's `runWebGPUProgram`. One invocation per (sample b,
 * unit u), flat over b·units + u; buffers are read as the flat row-major arrays they are. States
 * are interleaved as on WebGL: row b of a state holds h[0], c[0], h[1], c[1], ...
 *
 * Sizes are baked into the source (loops of known length), so they are part of `shaderKey`:
 * tfjs caches pipelines by that key, and its own part of the key holds ranks, not sizes. tfjs
 * also appends to `shaderKey` on every run, so a program object serves one dispatch: build a new
 * one per step (cheap: the source is only written when tfjs compiles it, once per key).
 */
import type { WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import type { ValueKind } from './layout';

/** Invocations per workgroup; 64 is what WebGPU implementations are tuned for. */
const WORKGROUP = 64;

/** σ and tanh as tfjs' WebGPU kernels write them (tanh through exp(-2|z|): no overflow). */
const ACTIVATIONS = `
  fn gateSigmoid(z : f32) -> f32 { return 1.0 / (1.0 + exp(-z)); }
  fn stableTanh(z : f32) -> f32 {
    let e = exp(-2.0 * abs(z));
    return sign(z) * (1.0 - e) / (1.0 + e);
  }
`;

/** What every program here shares: a flat dispatch of batch·units invocations, `timeStep`. */
abstract class PerUnitProgram implements Partial<WebGPUProgram> {
  outputShape: number[];
  dispatchLayout: { x: number[] };
  dispatch: [number, number, number];
  workgroupSize: [number, number, number] = [WORKGROUP, 1, 1];
  uniforms = 'timeStep : i32,';

  constructor(outputShape: number[], invocations: number) {
    this.outputShape = outputShape;
    this.dispatchLayout = { x: outputShape.map((_, k) => k) };
    this.dispatch = [Math.ceil(invocations / WORKGROUP), 1, 1];
  }
}

/**
 * One LSTM time step, all of it: z = xProj[t] + h_prev·U, the gates, c and h of sample b, unit u,
 * written interleaved into [batch, 2 * units].
 *
 * Inputs: `xProj` = x·W + b of every step, time-major [time * batch, 4 * units] (row t·B + b);
 * `recurrentKernel` = U [units, 4 * units]; `statePrev` = h|c of the step before. The step is
 * the uniform `timeStep`: one pipeline serves every step.
 *
 * With `features` (a forward not run for backward) the step computes its own x_t·W + b in place
 * of reading xProj: inputs `x` batch-major [batch, time, features], `kernel` W and `bias` before
 * `recurrentKernel`. No projection of every step is written, and its matMul's dispatch is saved.
 */
export class StepProgram extends PerUnitProgram implements WebGPUProgram {
  variableNames: string[];
  shaderKey: string;

  constructor(
    private readonly batch: number,
    private readonly time: number,
    private readonly units: number,
    private readonly features: number | null = null,
  ) {
    super([batch, 2 * units], batch * units);
    const input = features === null ? ['xProj'] : ['x', 'kernel', 'bias'];
    this.variableNames = [...input, 'recurrentKernel', 'statePrev'];
    this.shaderKey = `fusedLstmStep_${batch}_${time}_${units}_${features ?? 'projected'}`;
  }

  getUserCode(): string {
    const { batch, time, units: n, features } = this;
    /** Gates i, f, g, o of unit u in x y z w, read from `name` at flat index `at`. */
    const gates = (name: string, at: string) =>
      `vec4<f32>(${name}[${at}], ${name}[${at} + ${n}], ${name}[${at} + ${2 * n}], ${name}[${at} + ${3 * n}])`;
    const inputPart =
      features === null
        ? `
        let zRow = (uniforms.timeStep * ${batch} + b) * ${4 * n} + u;
        var z = ${gates('xProj', 'zRow')};`
        : `
        var z = ${gates('bias', 'u')};
        let xRow = (b * ${time} + uniforms.timeStep) * ${features};
        for (var k = 0; k < ${features}; k++) {
          z += x[xRow + k] * ${gates('kernel', `k * ${4 * n} + u`)};
        }`;
    return `
      ${ACTIVATIONS}
      fn main(index : i32) {
        if (index >= ${batch * n}) { return; }
        let b = index / ${n};
        let u = index - b * ${n};
        ${inputPart}
        let s = b * ${2 * n};
        for (var k = 0; k < ${n}; k++) {
          z += statePrev[s + 2 * k] * ${gates('recurrentKernel', `k * ${4 * n} + u`)};
        }
        let i = gateSigmoid(z.x);
        let f = gateSigmoid(z.y);
        let g = stableTanh(z.z);
        let o = gateSigmoid(z.w);
        let c = f * statePrev[s + 2 * u + 1] + i * g;
        result[s + 2 * u] = o * stableTanh(c);
        result[s + 2 * u + 1] = c;
      }
    `;
  }
}

/** WGSL for dh and dc arriving from outside at step `timeStep`, sample b, unit u. */
function externalGrad(kind: ValueKind, batch: number, time: number, units: number) {
  const t = 'uniforms.timeStep';
  if (kind === 'states') {
    const at = `(${t} * ${batch} + b) * ${2 * units} + 2 * u`;
    return { dh: `dExt[${at}]`, dc: `dExt[${at} + 1]` };
  }
  if (kind === 'last') {
    return { dh: `select(0.0, dExt[b * ${units} + u], ${t} == ${time - 1})`, dc: '0.0' };
  }
  return { dh: `dExt[(b * ${time} + ${t}) * ${units} + u]`, dc: '0.0' };
}

/**
 * One step of backpropagation through time, all of it: dh_t = outside + dz_{t+1}·Uᵀ (the
 * recurrent matMul, column u of it), dc_t, then dz_t of the four gates and the c-gradient carried
 * to step t - 1, dc_t ⊙ f_t. Written as [batch, 5 * units]: row b is dz (i | f | g | o) then the
 * carry, so the next step reads both from one buffer.
 *
 * Inputs: `z` of every step, time-major [time * batch, 4 * units]; h|c after step t and t - 1;
 * the outside gradient `dExt` (shape by `kind`); `next`, this program's output for step t + 1
 * (zeros at the last step); `recurrentT` = Uᵀ [4 * units, units].
 */
export class StepBackProgram extends PerUnitProgram implements WebGPUProgram {
  variableNames = ['z', 'state', 'statePrev', 'dExt', 'next', 'recurrentT'];
  shaderKey: string;

  constructor(
    private readonly batch: number,
    private readonly time: number,
    private readonly units: number,
    private readonly kind: ValueKind,
  ) {
    super([batch, 5 * units], batch * units);
    this.shaderKey = `fusedLstmStepBack_${batch}_${time}_${units}_${kind}`;
  }

  getUserCode(): string {
    const { batch, time, units: n } = this;
    const ext = externalGrad(this.kind, batch, time, n);
    return `
      ${ACTIVATIONS}
      fn main(index : i32) {
        if (index >= ${batch * n}) { return; }
        let b = index / ${n};
        let u = index - b * ${n};
        let carried = b * ${5 * n};
        var dhRec = 0.0;
        if (uniforms.timeStep < ${time - 1}) {
          for (var j = 0; j < ${4 * n}; j++) {
            dhRec += next[carried + j] * recurrentT[j * ${n} + u];
          }
        }
        let zRow = (uniforms.timeStep * ${batch} + b) * ${4 * n} + u;
        let i = gateSigmoid(z[zRow]);
        let f = gateSigmoid(z[zRow + ${n}]);
        let g = stableTanh(z[zRow + ${2 * n}]);
        let o = gateSigmoid(z[zRow + ${3 * n}]);
        let s = b * ${2 * n} + 2 * u;
        let tc = stableTanh(state[s + 1]);
        let dh = ${ext.dh} + dhRec;
        let dc = ${ext.dc} + next[carried + ${4 * n} + u] + dh * o * (1.0 - tc * tc);
        result[carried + u] = dc * g * i * (1.0 - i);
        result[carried + ${n} + u] = dc * statePrev[s + 1] * f * (1.0 - f);
        result[carried + ${2 * n} + u] = dc * i * (1.0 - g * g);
        result[carried + ${3 * n} + u] = dh * tc * o * (1.0 - o);
        result[carried + ${4 * n} + u] = dc * f;
      }
    `;
  }
}
