/**
 * The programs of backpropagation through time on WebGL (driven by webglBackward.ts). Rows of
 * every [batch * time, ...] matrix here are time-major, t·B + b, so a block of steps is a block
 * of rows. All packed (see glsl.ts).
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { ACTIVATIONS, PICK, elementOf2D, elementOf3D, elementwiseMain } from './glsl';
import type { ValueKind } from './layout';

type Uniforms = NonNullable<GPGPUProgram['customUniforms']>;

/** Inputs one shader may read besides a few of its own: WebGL 2 guarantees 16 textures. */
export const STACK_LIMIT = 15;

/**
 * Up to `STACK_LIMIT` matrices [batch, at least cols·stride] stacked into [n · batch, cols]: row
 * block m is input m, keeping every `stride`-th column from `offset` (stride 2, offset 0: h out
 * of interleaved states; stride 1 from a wider input: its first cols columns).
 *
 * With an even batch a texel's two rows lie in one input, so the texel is copied whole (stride
 * 1) or put together from two (stride 2): one or two fetches, where an element-by-element copy
 * takes four, each behind a test of every input. An odd batch takes the element-by-element way.
 *
 * `transposed` writes the stack's transpose, [cols, n · batch]: the weight gradients multiply two
 * such stacks row by row, which on a software GPU walks memory in order (see webglBackward.ts).
 */
export class StackRowsProgram implements GPGPUProgram {
  variableNames: string[];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(
    n: number,
    batch: number,
    cols: number,
    stride: 1 | 2,
    offset: 0 | 1,
    transposed = false,
  ) {
    this.variableNames = Array.from({ length: n }, (_, m) => `t${m}`);
    this.outputShape = transposed ? [cols, n * batch] : [n * batch, cols];
    const getter = (name: string) => `get${name[0]!.toUpperCase()}${name.slice(1)}`;
    if (batch % 2 === 0) {
      const fetch = (name: string) =>
        stride === 1
          ? `${getter(name)}(r, c)`
          : `pair(${getter(name)}(r, 2 * c), ${getter(name)}(r, 2 * c + 2))`;
      const reads = this.variableNames
        .map((name, m) => `if (m == ${m}) return ${fetch(name)};`)
        .join('\n        ');
      const pickPair = offset === 0 ? 'vec4(a.x, b.x, a.z, b.z)' : 'vec4(a.y, b.y, a.w, b.w)';
      this.userCode = `
        vec4 pair(vec4 a, vec4 b) { return ${pickPair}; }
        vec4 texelOf(int m, int r, int c) {
          ${reads}
          return vec4(0.0);
        }
        void main() {
          ivec2 rc = getOutputCoords();
          ${transposed ? 'int r = rc.y; int c = rc.x;' : 'int r = rc.x; int c = rc.y;'}
          int m = r / ${batch};
          vec4 v = texelOf(m, r - m * ${batch}, c);
          // A last odd column is padding: 0, as tfjs' packed kernels leave it.
          if (c + 1 >= ${cols}) v = vec4(v.x, 0.0, v.z, 0.0);
          // (r, c) (r, c+1) (r+1, c) (r+1, c+1) as the transpose's texel: rows c, c + 1.
          setOutput(${transposed ? 'v.xzyw' : 'v'});
        }
      `;
      return;
    }
    const reads = this.variableNames
      .map((name, m) => `if (m == ${m}) return ${name}At(r, c);`)
      .join('\n        ');
    this.userCode = `
      ${PICK}
      ${this.variableNames.map(elementOf2D).join('\n')}
      float blockAt(int m, int r, int c) {
        ${reads}
        return 0.0;
      }
      float stacked(int row, int col) {
        int m = row / ${batch};
        return blockAt(m, row - m * ${batch}, ${stride} * col + ${offset});
      }
      ${
        transposed
          ? elementwiseMain(cols, n * batch, 'stacked(c, r)', 2)
          : elementwiseMain(n * batch, cols, 'stacked(r, c)', 2)
      }
    `;
  }
}

/**
 * Blocks of a packed matrix joined along `axis` (0: rows, 1: columns), a texel copied whole per
 * output texel. tfjs' own packed concat, which assembles each texel number by number, took as
 * long as the stacking programs before it (medium size). Every block but the last must have an
 * even extent along `axis`, so that no texel straddles two blocks.
 */
export class JoinBlocksProgram implements GPGPUProgram {
  variableNames: string[];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(shapes: readonly (readonly [number, number])[], axis: 0 | 1) {
    this.variableNames = shapes.map((_, m) => `t${m}`);
    const across = shapes[0]![1 - axis]!;
    let end = 0;
    const reads = shapes.map(([rows, cols], m) => {
      const start = end;
      end += axis === 0 ? rows : cols;
      const at = axis === 0 ? `i - ${start}, j` : `j, i - ${start}`;
      return `if (i < ${end}) return getT${m}(${at});`;
    });
    this.outputShape = axis === 0 ? [end, across] : [across, end];
    this.userCode = `
      /** The texel at position i along the joined axis, j across it. */
      vec4 texelAt(int i, int j) {
        ${reads.join('\n        ')}
        return vec4(0.0);
      }
      void main() {
        ivec2 rc = getOutputCoords();
        setOutput(${axis === 0 ? 'texelAt(rc.x, rc.y)' : 'texelAt(rc.y, rc.x)'});
      }
    `;
  }
}

/** GLSL for dh and dc arriving from outside at step `timeStep`, sample b, unit u. */
function externalGrad(kind: ValueKind, time: number) {
  if (kind === 'states') {
    const source = elementOf3D('dExt');
    return { source, dh: 'dExtAt(timeStep, b, 2 * u)', dc: 'dExtAt(timeStep, b, 2 * u + 1)' };
  }
  if (kind === 'last') {
    const dh = `(timeStep == ${time - 1} ? dExtAt(b, u) : 0.0)`;
    return { source: elementOf2D('dExt'), dh, dc: '0.0' };
  }
  return { source: elementOf3D('dExt'), dh: 'dExtAt(b, timeStep, u)', dc: '0.0' };
}

/**
 * Where step t's z is: one row per sample of the step's own [batch, 4 * units] (kept by the
 * training forward), or row t·B + b of every step's, stacked (recomputed by backward).
 */
const zRow = (batch: number, zPerStep: boolean) => (zPerStep ? 'b' : `timeStep * ${batch} + b`);

/**
 * What both backward programs of a step share, element by element: the gates of sample b, unit
 * u, from z, and dc_t, the loss's gradient with respect to c_t (from outside, from step t + 1
 * through `dcNext`, and through h_t = o ⊙ tanh(c_t)).
 */
function stepBackCode(
  batch: number,
  time: number,
  units: number,
  kind: ValueKind,
  zPerStep: boolean,
): string {
  const n = units;
  const ext = externalGrad(kind, time);
  return `
    ${PICK}
    ${ACTIVATIONS}
    ${elementOf2D('z')}
    ${elementOf2D('state')}
    ${elementOf2D('statePrev')}
    ${ext.source}
    ${elementOf2D('dhRec')}
    ${elementOf2D('dzNext')}
    float i; float f; float g; float o; float tc; float dh; float dc;
    void gates(int b, int u) {
      int row = ${zRow(batch, zPerStep)};
      i = gateSigmoid(zAt(row, u));
      f = gateSigmoid(zAt(row, ${n} + u));
      g = stableTanh(zAt(row, ${2 * n} + u));
      o = gateSigmoid(zAt(row, ${3 * n} + u));
      tc = stableTanh(stateAt(b, 2 * u + 1));
      dh = ${ext.dh} + dhRecAt(b, u);
      dc = ${ext.dc} + dzNextAt(b, ${4 * n} + u) + dh * o * (1.0 - tc * tc);
    }
  `;
}

/** vec4 (b, u) (b, u+1) (b+1, u) (b+1, u+1) of the outside dh and dc, texel by texel. */
function externalTexel(kind: ValueKind, time: number) {
  if (kind === 'states') {
    // Interleaved like the states: one texel per unit holds h and c of both samples.
    return `
      vec4 e0 = getDExt(timeStep, b, 2 * u);
      vec4 e1 = getDExt(timeStep, b, 2 * u + 2);
      dhExt = vec4(e0.x, e1.x, e0.z, e1.z);
      dcExt = vec4(e0.y, e1.y, e0.w, e1.w);`;
  }
  if (kind === 'last') {
    return `dhExt = timeStep == ${time - 1} ? getDExt(b, u) : vec4(0.0);`;
  }
  // [batch, time, units]: a texel holds two steps of one sample.
  return `
      vec4 e0 = getDExt(b, timeStep, u);
      vec4 e1 = second ? getDExt(b + 1, timeStep, u) : vec4(0.0);
      bool odd = imod(timeStep, 2) == 1;
      dhExt = vec4(odd ? e0.zw : e0.xy, odd ? e1.zw : e1.xy);`;
}

/**
 * The same, a texel at a time, for two samples b, b + 1 and two units u, u + 1 at once, laid out
 * as the packed [batch, units] and [batch, 4 * units] texels are: 11 fetches a texel instead of
 * about 36. Needs an even `units` (a texel then never straddles two gates) and z rows that
 * start a texel (per-step z, or an even batch).
 */
function texelBackCode(
  batch: number,
  time: number,
  units: number,
  kind: ValueKind,
  zPerStep: boolean,
): string {
  const n = units;
  return `
    ${ACTIVATIONS}
    /** c of units u, u + 1 for both samples, out of interleaved state texels. */
    vec4 cOf(vec4 s0, vec4 s1) { return vec4(s0.y, s1.y, s0.w, s1.w); }
    vec4 i; vec4 f; vec4 g; vec4 o; vec4 tc; vec4 cPrev; vec4 dh; vec4 dc;
    void gates(int b, int u) {
      bool second = b + 1 < ${batch};
      int row = ${zRow(batch, zPerStep)};
      i = gateSigmoid(getZ(row, u));
      f = gateSigmoid(getZ(row, ${n} + u));
      g = stableTanh(getZ(row, ${2 * n} + u));
      o = gateSigmoid(getZ(row, ${3 * n} + u));
      tc = stableTanh(cOf(getState(b, 2 * u), getState(b, 2 * u + 2)));
      cPrev = cOf(getStatePrev(b, 2 * u), getStatePrev(b, 2 * u + 2));
      vec4 dhExt = vec4(0.0);
      vec4 dcExt = vec4(0.0);
      ${externalTexel(kind, time)}
      dh = dhExt + getDhRec(b, u);
      dc = dcExt + getDzNext(b, ${4 * n} + u) + dh * o * (1.0 - tc * tc);
    }
    /** Padding rows (an odd batch's last) and columns are written as 0. */
    vec4 inside(vec4 v, int b) { return b + 1 < ${batch} ? v : vec4(v.xy, 0.0, 0.0); }
  `;
}

/** Whether the texel-at-a-time programs fit these sizes (see `texelBackCode`). */
const byTexel = (batch: number, units: number, zPerStep: boolean) =>
  units % 2 === 0 && (zPerStep || batch % 2 === 0);

/**
 * dz_t = ∂L/∂z_t in gate order i, f, g, o, and in a fifth block the c-gradient carried to step
 * t - 1, dc_t ⊙ f_t: [batch, 5 * units], one program where a separate carry program per step
 * cost as much again (the carry needs the same gates and dc_t). Inputs: z of step t ([batch,
 * 4 * units], with `zPerStep`) or of every step [time * batch, 4 * units], h|c after step t and
 * t - 1, the outside gradient, dh_t from step t + 1 (dz_{t+1}·Uᵀ, `DhProgram`), and step t + 1's
 * own output, whose fifth block is the carry (zeros after the last step).
 */
export class StepBackProgram implements GPGPUProgram {
  variableNames = ['z', 'state', 'statePrev', 'dExt', 'dhRec', 'dzNext'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  customUniforms: Uniforms = [{ name: 'timeStep', type: 'int' }];
  userCode: string;

  constructor(batch: number, time: number, units: number, kind: ValueKind, zPerStep = false) {
    this.outputShape = [batch, 5 * units];
    if (byTexel(batch, units, zPerStep)) {
      this.userCode = `
        ${texelBackCode(batch, time, units, kind, zPerStep)}
        void main() {
          ivec2 rc = getOutputCoords();
          int b = rc.x;
          int q = rc.y / ${units};
          gates(b, rc.y - q * ${units});
          vec4 d;
          if (q == 0) d = dc * g * i * (1.0 - i);
          else if (q == 1) d = dc * cPrev * f * (1.0 - f);
          else if (q == 2) d = dc * i * (1.0 - g * g);
          else if (q == 3) d = dh * tc * o * (1.0 - o);
          else d = dc * f;
          setOutput(inside(d, b));
        }
      `;
      return;
    }
    this.userCode = `
      ${stepBackCode(batch, time, units, kind, zPerStep)}
      float gradAt(int b, int j) {
        int q = j / ${units};
        int u = j - q * ${units};
        gates(b, u);
        if (q == 0) return dc * g * i * (1.0 - i);
        if (q == 1) return dc * statePrevAt(b, 2 * u + 1) * f * (1.0 - f);
        if (q == 2) return dc * i * (1.0 - g * g);
        if (q == 3) return dh * tc * o * (1.0 - o);
        return dc * f;
      }
      ${elementwiseMain(batch, 5 * units, 'gradAt(r, c)', 2)}
    `;
  }
}

/**
 * dh_{t-1} = dz_t·Uᵀ, [batch, units], out of `StepBackProgram`'s [batch, 5 * units] output, whose
 * first four blocks are dz_t: tfjs' matMul would multiply the carry block too. A 2×2 block per
 * texel as tfjs' packed matMul computes it, but four columns of dz a pass: the loop's own
 * overhead halved, about 20% faster than tfjs' matMul here (medium size). Padding rows and
 * columns (an odd batch or unit count) are written as 0.
 */
export class DhProgram implements GPGPUProgram {
  variableNames = ['dz', 'u'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(batch: number, units: number) {
    this.outputShape = [batch, units];
    const pairAt = (k: string) => `{
          vec4 a = getDz(b, ${k});
          vec4 w = getU(j, ${k});
          d += a.xxzz * w.xzxz + a.yyww * w.ywyw;
        }`;
    this.userCode = `
      void main() {
        ivec2 rc = getOutputCoords();
        int b = rc.x;
        int j = rc.y;
        vec4 d = vec4(0.0);
        for (int k = 0; k < ${4 * units}; k += 4) {
          ${pairAt('k')}
          ${pairAt('k + 2')}
        }
        if (j + 1 >= ${units}) d.yw = vec2(0.0);
        if (b + 1 >= ${batch}) d.zw = vec2(0.0);
        setOutput(d);
      }
    `;
  }
}

/**
 * Σ along each row of [rows, cols], as [1, rows]: the bias gradient out of the transposed stack
 * of every step's dz, read in memory order.
 */
export class RowSumProgram implements GPGPUProgram {
  variableNames = ['a'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode: string;

  constructor(rows: number, cols: number) {
    this.outputShape = [1, rows];
    const even = cols - (cols % 2);
    const last = cols % 2 === 1 ? `sum += getA(r, ${cols - 1}).xz;` : '';
    this.userCode = `
      void main() {
        int r = getOutputCoords().y;
        vec2 sum = vec2(0.0);
        for (int c = 0; c < ${even}; c += 2) {
          vec4 v = getA(r, c);
          sum += v.xz + v.yw;
        }
        ${last}
        setOutput(vec4(sum.x, r + 1 < ${rows} ? sum.y : 0.0, 0.0, 0.0));
      }
    `;
  }
}

/** A packed copy of a tensor of `shape`, so per-step programs do not repack it every step. */
export class PackedCopyProgram implements GPGPUProgram {
  variableNames = ['a'];
  packedInputs = true;
  packedOutput = true;
  outputShape: number[];
  userCode = 'void main() { setOutput(getAAtOutCoords()); }';
  constructor(shape: number[]) {
    this.outputShape = shape;
  }
}
