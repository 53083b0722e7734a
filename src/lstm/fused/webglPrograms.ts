/**
 * The fused forward on WebGL: one program per time step, plus the small reshuffles around the
 * loop. Each is a tfjs `GPGPUProgram`, run by the WebGL backend's `compileAndRun`; all are packed
 * (see glsl.ts). States are interleaved: row b of a state holds h[0], c[0], h[1], c[1], ...
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import {
  ACTIVATIONS,
  CELL,
  PICK,
  elementOf2D,
  elementOf3D,
  elementwiseMain,
  fourGates,
} from './glsl';

type Uniforms = NonNullable<GPGPUProgram['customUniforms']>;

/**
 * U [units, 4 * units] regrouped by unit and transposed, [4 * units, units]: row 4u + q holds
 * gate q of unit u (gate order i, f, g, o) against every k. Two texels of the result then hold
 * all four gates of one unit for two rows k, k + 1 of U, which is what the step program's inner
 * loop reads, and it walks along them in memory order (down U's columns it was 10% slower).
 * The same for W [rows = features, 4 * units], into [4 * units, features].
 */
export class GatesByUnitProgram implements GPGPUProgram {
  variableNames = ['u'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(units: number, rows = units) {
    this.outputShape = [4 * units, rows];
    const source = `imod(r, 4) * ${units} + r / 4`;
    this.userCode = `
      ${PICK}
      ${elementOf2D('u')}
      ${elementwiseMain(4 * units, rows, `uAt(c, ${source})`, 2)}
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
 * GLSL adding v·M to the z of all four gates of unit u for both samples (z0: b, z1: b + 1), v
 * a row vector of length n per sample and M a matrix regrouped by `GatesByUnitProgram` (`get<w>`).
 * `pair(k)` is the texel of v's entries k, k + 1 for both samples; with an odd n, `last` is the
 * texel whose .x and .z hold entry n - 1 (the other two are padding, never read). Two texels of M
 * give the four gates for two k; four k a pass: the loop's own overhead is no small part of a
 * software GPU's time.
 */
function dotLoop(n: number, pair: (k: string) => string, w: string, last: string): string {
  const even = n - (n % 2);
  const quad = n - (n % 4);
  const pairAt = (k: string) => `{
          vec4 hk = ${pair(k)};
          vec4 wA = get${w}(4 * u, ${k});
          vec4 wB = get${w}(4 * u + 2, ${k});
          vec4 w0 = vec4(wA.xz, wB.xz);
          vec4 w1 = vec4(wA.yw, wB.yw);
          z0 += hk.x * w0 + hk.y * w1;
          z1 += hk.z * w0 + hk.w * w1;
        }`;
  const tail =
    n % 2 === 1
      ? `{
          vec4 s = ${last};
          vec4 wA = get${w}(4 * u, ${n - 1});
          vec4 wB = get${w}(4 * u + 2, ${n - 1});
          vec4 w = vec4(wA.xz, wB.xz);
          z0 += s.x * w;
          z1 += s.z * w;
        }`
      : '';
  return `
        for (int k = 0; k < ${quad}; k += 4) {
          ${pairAt('k')}
          ${pairAt('k + 2')}
        }
        ${quad < even ? `{ int k = ${quad}; ${pairAt('k')} }` : ''}
        ${tail}`;
}

/**
 * One LSTM time step, all of it: z = xProj[t] + h_prev·U, the gates, c and h, for two samples
 * and one unit per texel, written as (h_b, c_b, h_b+1, c_b+1).
 *
 * Inputs: `xProj` = x·W + b of every step, [batch * time, 4 * units], time-major (row t·B + b),
 * `up` = U regrouped by `GatesByUnitProgram` [4 * units, units], `state` = h_prev and c_prev
 * interleaved [batch, 2 * units], and with `hInput` also `h` = h_prev alone [batch, units]. The
 * step t is a uniform: one shader serves every step.
 *
 * Texel fetches set the speed on a software GPU, and h·U takes four per two rows of U out of
 * the interleaved state, half of each state texel being c. With `hInput` one texel of `h` holds
 * both rows for both samples: three fetches instead of four, for one small program per step
 * that takes h out of the state (`TakeStateProgram`); webgl.ts uses it from `H_INPUT_UNITS` up.
 *
 * With `features` (a forward not run for backward) the step also computes its own x_t·W + b, in
 * place of reading xProj: inputs `x` time-major [time, batch, features], `wr` = W regrouped by
 * `GatesByUnitProgram` [4 * units, features] and `bias` [1, 4 * units] before `up`. Writing
 * xProj took one program as large as [batch * time, 4 * units] and reading it eight fetches a
 * texel; the step's own projection costs 1.5 fetches per feature, and no program.
 */
export class StepProgram implements GPGPUProgram {
  variableNames: string[];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  customUniforms: Uniforms = [{ name: 'timeStep', type: 'int' }];
  userCode: string;

  constructor(batch: number, units: number, hInput = false, features: number | null = null) {
    const input = features === null ? ['xProj'] : ['x', 'wr', 'bias'];
    this.variableNames = [...input, 'up', 'state', ...(hInput ? ['h'] : [])];
    this.outputShape = [batch, 2 * units];
    const row = (b: string) => `timeStep * ${batch} + ${b}`;
    /** h of rows k and k + 1 for samples b (.x, .y) and b + 1 (.z, .w). */
    const hPair = hInput
      ? (k: string) => `getH(b, ${k})`
      : (k: string) => `pairH(getState(b, 2 * (${k})), getState(b, 2 * (${k}) + 2))`;
    /** The input part of z: read from xProj, or x_t·W + b computed here. */
    const inputPart =
      features === null
        ? `
        vec4 z0 = projected(${row('b')}, u);
        vec4 z1 = second ? projected(${row('(b + 1)')}, u) : vec4(0.0);`
        : `
        vec4 z0 = biasOf(0, u);
        vec4 z1 = z0;
        ${dotLoop(features, (k) => `getX(timeStep, b, ${k})`, 'Wr', `getX(timeStep, b, ${features - 1})`)}`;
    this.userCode = `
      ${PICK}
      ${ACTIVATIONS}
      ${features === null ? elementOf2D('xProj') : elementOf2D('bias')}

      /** z of the four gates (i, f, g, o) of unit u, input part: x·W + b of one row. */
      ${features === null ? fourGates('projected', 'xProj', units) : fourGates('biasOf', 'bias', units)}

      /** h of two rows k, k + 1 out of their state texels (h_b, c_b, h_b+1, c_b+1). */
      vec4 pairH(vec4 s0, vec4 s1) { return vec4(s0.x, s1.x, s0.z, s1.z); }

      ${CELL}

      void main() {
        ivec2 rc = getOutputCoords();
        int b = rc.x;
        int u = rc.y / 2;
        bool second = b + 1 < ${batch};
        ${inputPart}
        // h_prev·U, two rows of U per texel, four a pass: the loop's own overhead is no small
        // part of a software GPU's time.
        ${dotLoop(units, hPair, 'Up', `getState(b, ${2 * (units - 1)})`)}
        vec4 prev = getState(b, 2 * u);
        vec2 hc0 = cell(z0, prev.y);
        vec2 hc1 = second ? cell(z1, prev.w) : vec2(0.0);
        setOutput(vec4(hc0, hc1));
      }
    `;
  }
}

/**
 * The training forward's first half of step t: z_t = xProj[t] + h_prev·U, [batch, 4 * units],
 * kept for backward so that it need not recompute every step's z. A 2×2 block of z per texel,
 * as tfjs' own matMul computes it, with the projected input read in place of a bias.
 *
 * Inputs: `xProj` time-major [time * batch, 4 * units], Uᵀ [4 * units, units] (its rows are
 * read in memory order, about 10% faster here than down U's columns), h_prev alone [batch,
 * units].
 */
export class ZProgram implements GPGPUProgram {
  variableNames = ['xProj', 'uT', 'h'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  customUniforms: Uniforms = [{ name: 'timeStep', type: 'int' }];
  userCode: string;

  constructor(batch: number, units: number) {
    this.outputShape = [batch, 4 * units];
    const even = units - (units % 2);
    const quad = units - (units % 4);
    /** Rows k, k + 1 of U into the 2×2 block. */
    const pairAt = (k: string) => `{
          vec4 a = getH(b, ${k});
          vec4 w = getUT(j, ${k});
          z += a.xxzz * w.xzxz + a.yyww * w.ywyw;
        }`;
    // An odd last row k of U: its texel's second row is padding, and so is h's second column.
    const tail =
      units % 2 === 1
        ? `{ vec4 a = getH(b, ${units - 1}); z += a.xxzz * getUT(j, ${units - 1}).xzxz; }`
        : '';
    this.userCode = `
      ${PICK}
      ${elementOf2D('xProj')}
      void main() {
        ivec2 rc = getOutputCoords();
        int b = rc.x;
        int j = rc.y;
        int row = timeStep * ${batch} + b;
        // Element by element: with an odd batch, row b of step t need not start a texel.
        vec4 z = vec4(xProjAt(row, j), xProjAt(row, j + 1), 0.0, 0.0);
        if (b + 1 < ${batch}) z.zw = vec2(xProjAt(row + 1, j), xProjAt(row + 1, j + 1));
        // Four rows of U a pass (as StepProgram): about 7% faster here than two.
        for (int k = 0; k < ${quad}; k += 4) {
          ${pairAt('k')}
          ${pairAt('k + 2')}
        }
        ${quad < even ? `{ int k = ${quad}; ${pairAt('k')} }` : ''}
        ${tail}
        setOutput(z);
      }
    `;
  }
}

/**
 * The training forward's second half of step t: the gates, c and h out of z_t [batch,
 * 4 * units] and the previous state, into the interleaved state [batch, 2 * units] (the layout
 * of `StepProgram`'s output).
 */
export class CellProgram implements GPGPUProgram {
  variableNames = ['z', 'state'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(batch: number, units: number) {
    this.outputShape = [batch, 2 * units];
    this.userCode = `
      ${PICK}
      ${ACTIVATIONS}
      ${CELL}
      ${elementOf2D('z')}
      ${fourGates('gatesOf', 'z', units)}
      void main() {
        ivec2 rc = getOutputCoords();
        int b = rc.x;
        int u = rc.y / 2;
        bool second = b + 1 < ${batch};
        vec4 prev = getState(b, 2 * u);
        vec2 hc0 = cell(gatesOf(b, u), prev.y);
        vec2 hc1 = second ? cell(gatesOf(b + 1, u), prev.w) : vec2(0.0);
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
