/**
 * The fused forward on WebGL: one program per time step, plus the small reshuffles around the
 * loop. Each is a tfjs `GPGPUProgram`, run by the WebGL backend's `compileAndRun`; all are packed
 * (see glsl.ts). States are interleaved: row b of a state holds h[0], c[0], h[1], c[1], ...
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { ACTIVATIONS, PICK, elementOf2D, elementOf3D, elementwiseMain } from './glsl';

type Uniforms = NonNullable<GPGPUProgram['customUniforms']>;

/**
 * U [units, 4 * units] with its columns regrouped by unit: column 4u + q holds gate q of unit u
 * (gate order i, f, g, o). One texel of the result then holds all four gates of one unit for two
 * rows k, k + 1 of U in two fetches, which is what the step program's inner loop reads.
 */
export class GatesByUnitProgram implements GPGPUProgram {
  variableNames = ['u'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(units: number) {
    this.outputShape = [units, 4 * units];
    const source = `imod(c, 4) * ${units} + c / 4`;
    this.userCode = `
      ${PICK}
      ${elementOf2D('u')}
      ${elementwiseMain(units, 4 * units, `uAt(r, ${source})`, 2)}
    `;
  }
}

/** h0 and c0 [batch, units] into one interleaved state [batch, 2 * units]. */
export class InterleaveProgram implements GPGPUProgram {
  variableNames = ['h', 'c'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(batch: number, units: number) {
    this.outputShape = [batch, 2 * units];
    this.userCode = `
      ${PICK}
      ${elementOf2D('h')}
      ${elementOf2D('c')}
      ${elementwiseMain(batch, 2 * units, 'imod(c, 2) == 0 ? hAt(r, c / 2) : cAt(r, c / 2)', 2)}
    `;
  }
}

/**
 * One LSTM time step, all of it: z = xProj[t] + h_prev·U, the gates, c and h, for two samples
 * and one unit per texel, written as (h_b, c_b, h_b+1, c_b+1).
 *
 * Inputs: `xProj` = x·W + b of every step, [batch * time, 4 * units], batch-major (row b·T + t)
 * or time-major (row t·B + b), `up` = U regrouped by `GatesByUnitProgram`, `state` = h_prev and
 * c_prev interleaved [batch, 2 * units]. The step t is a uniform: one shader serves every step.
 */
export class StepProgram implements GPGPUProgram {
  variableNames = ['xProj', 'up', 'state'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  customUniforms: Uniforms = [{ name: 'timeStep', type: 'int' }];
  userCode: string;

  constructor(batch: number, time: number, units: number, timeMajor: boolean) {
    this.outputShape = [batch, 2 * units];
    const row = (b: string) =>
      timeMajor ? `timeStep * ${batch} + ${b}` : `${b} * ${time} + timeStep`;
    const even = units - (units % 2);
    const tail =
      units % 2 === 1
        ? `{
          vec4 s = getState(b, ${2 * (units - 1)});
          vec4 wA = getUp(${units - 1}, 4 * u);
          vec4 wB = getUp(${units - 1}, 4 * u + 2);
          vec4 w = vec4(wA.xy, wB.xy);
          z0 += s.x * w;
          z1 += s.z * w;
        }`
        : '';
    this.userCode = `
      ${PICK}
      ${ACTIVATIONS}
      ${elementOf2D('xProj')}

      /** z of the four gates (i, f, g, o) of unit u, input part: x·W + b of one row. */
      vec4 projected(int row, int u) {
        return vec4(
          xProjAt(row, u),
          xProjAt(row, ${units} + u),
          xProjAt(row, ${2 * units} + u),
          xProjAt(row, ${3 * units} + u));
      }

      /** The four equations' last two: (h, c) from the gates' z and c_prev. */
      vec2 cell(vec4 z, float cPrev) {
        float i = gateSigmoid(z.x);
        float f = gateSigmoid(z.y);
        float g = stableTanh(z.z);
        float o = gateSigmoid(z.w);
        float c = f * cPrev + i * g;
        return vec2(o * stableTanh(c), c);
      }

      void main() {
        ivec2 rc = getOutputCoords();
        int b = rc.x;
        int u = rc.y / 2;
        bool second = b + 1 < ${batch};
        vec4 z0 = projected(${row('b')}, u);
        vec4 z1 = second ? projected(${row('(b + 1)')}, u) : vec4(0.0);
        // h_prev·U, two rows k, k + 1 of U per pass: s.x and s.z are h of samples b and b + 1.
        for (int k = 0; k < ${even}; k += 2) {
          vec4 s0 = getState(b, 2 * k);
          vec4 s1 = getState(b, 2 * k + 2);
          vec4 wA = getUp(k, 4 * u);
          vec4 wB = getUp(k, 4 * u + 2);
          vec4 w0 = vec4(wA.xy, wB.xy);
          vec4 w1 = vec4(wA.zw, wB.zw);
          z0 += s0.x * w0 + s1.x * w1;
          z1 += s0.z * w0 + s1.z * w1;
        }
        ${tail}
        vec4 prev = getState(b, 2 * u);
        vec2 hc0 = cell(z0, prev.y);
        vec2 hc1 = second ? cell(z1, prev.w) : vec2(0.0);
        setOutput(vec4(hc0, hc1));
      }
    `;
  }
}

/**
 * h (which 0) or c (which 1) out of interleaved states: from one state [batch, 2 * units] to
 * [batch, units], or from every step's [time, batch, 2 * units] to batch-major
 * [batch, time, units].
 */
export class TakeStateProgram implements GPGPUProgram {
  variableNames = ['s'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(batch: number, units: number, which: 0 | 1, time: number | null) {
    if (time === null) {
      this.outputShape = [batch, units];
      this.userCode = `
        ${PICK}
        ${elementOf2D('s')}
        ${elementwiseMain(batch, units, `sAt(r, 2 * c + ${which})`, 2)}
      `;
    } else {
      this.outputShape = [batch, time, units];
      // Output matrix m is sample b, its rows are steps: s[t, b, 2u + which].
      this.userCode = `
        ${PICK}
        ${elementOf3D('s')}
        ${elementwiseMain(time, units, `sAt(r, m, 2 * c + ${which})`, 3)}
      `;
    }
  }
}
