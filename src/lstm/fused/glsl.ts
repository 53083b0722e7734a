/**
 * GLSL pieces the fused WebGL programs share. Every program here is packed: a texel holds a 2×2
 * block of a matrix, (r, c) (r, c+1) (r+1, c) (r+1, c+1) in x y z w, the layout tfjs' own matMul
 * reads and writes, so no pack or unpack pass runs between them.
 */

/** The element (r, c) of a matrix, out of the 2×2 texel `v` that holds it. */
export const PICK = `
  float fusedPick(vec4 v, int r, int c) {
    vec2 pair = imod(r, 2) == 0 ? v.xy : v.zw;
    return imod(c, 2) == 0 ? pair.x : pair.y;
  }
`;

/**
 * σ and tanh as tfjs' own kernels write them (tanh through exp(-2|z|): no overflow), for one
 * value or four at once (a texel's worth).
 */
export const ACTIVATIONS = `
  float gateSigmoid(float z) { return 1.0 / (1.0 + exp(-z)); }
  vec4 gateSigmoid(vec4 z) { return 1.0 / (1.0 + exp(-z)); }
  float stableTanh(float z) {
    float e = exp(-2.0 * abs(z));
    return sign(z) * (1.0 - e) / (1.0 + e);
  }
  vec4 stableTanh(vec4 z) {
    vec4 e = exp(-2.0 * abs(z));
    return sign(z) * (1.0 - e) / (1.0 + e);
  }
`;

/** The four equations' last two: (h, c) from the gates' z (i, f, g, o) and c_prev. */
export const CELL = `
  vec2 cell(vec4 z, float cPrev) {
    float i = gateSigmoid(z.x);
    float f = gateSigmoid(z.y);
    float g = stableTanh(z.z);
    float o = gateSigmoid(z.w);
    float c = f * cPrev + i * g;
    return vec2(o * stableTanh(c), c);
  }
`;

/**
 * `vec4 <fn>(int row, int u)`: z of the four gates (i, f, g, o) of unit u in row `row` of the
 * packed 2-D input `name`, [rows, 4 * units] in gate blocks. Needs `elementOf2D(name)`.
 */
export function fourGates(fn: string, name: string, units: number): string {
  const at = (q: number) => `${name}At(row, ${q ? `${q * units} + ` : ''}u)`;
  return `vec4 ${fn}(int row, int u) { return vec4(${[0, 1, 2, 3].map(at).join(', ')}); }`;
}

/** `float <name>At(int r, int c)`: one element of a packed 2-D input. */
export function elementOf2D(name: string): string {
  const getter = `get${name[0]!.toUpperCase()}${name.slice(1)}`;
  return `float ${name}At(int r, int c) { return fusedPick(${getter}(r, c), r, c); }`;
}

/** `float <name>At(int m, int r, int c)`: one element of matrix m of a packed 3-D input. */
export function elementOf3D(name: string): string {
  const getter = `get${name[0]!.toUpperCase()}${name.slice(1)}`;
  return `float ${name}At(int m, int r, int c) { return fusedPick(${getter}(m, r, c), r, c); }`;
}

/**
 * A packed output written element by element: `value(r, c)` is a GLSL expression in `r`, `c`
 * (plus `m` for a 3-D output); the texel's out-of-range corners are written as 0, as tfjs'
 * own packed kernels leave them, so later matMuls may read the padding.
 */
export function elementwiseMain(rows: number, cols: number, value: string, rank: 2 | 3): string {
  const m = rank === 3 ? 'm, ' : '';
  const at = (r: string, c: string) => `valueAt(${m}${r}, ${c})`;
  const coords =
    rank === 2
      ? 'ivec2 rc = getOutputCoords(); int r0 = rc.x; int c0 = rc.y;'
      : 'ivec3 rc = getOutputCoords(); int m = rc.x; int r0 = rc.y; int c0 = rc.z;';
  return `
    float valueAt(${rank === 3 ? 'int m, ' : ''}int r, int c) { return ${value}; }
    void main() {
      ${coords}
      bool right = c0 + 1 < ${cols};
      bool below = r0 + 1 < ${rows};
      setOutput(vec4(
        ${at('r0', 'c0')},
        right ? ${at('r0', 'c0 + 1')} : 0.0,
        below ? ${at('r0 + 1', 'c0')} : 0.0,
        right && below ? ${at('r0 + 1', 'c0 + 1')} : 0.0));
    }
  `;
}
