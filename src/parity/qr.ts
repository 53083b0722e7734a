/**
 * Thin QR by Householder reflections in Float64, for Keras' orthogonal initializer. Inputs and
 * outputs are row-major; the work happens on column-major copies so that every reflector is
 * applied with contiguous dot products and updates (a 1024×256 factorization takes well under
 * a second in Node).
 */

/** Thin factors of an m×n matrix (m >= n): q is m×n with orthonormal columns, r is n×n upper. */
export interface QRResult {
  /** Orthonormal columns, [m, n] row-major. */
  q: Float64Array;
  /** Upper-triangular factor, [n, n] row-major. */
  r: Float64Array;
}

/**
 * Householder QR of `a` ([m, n] row-major, m >= n). Column k's reflector maps x to
 * (alpha, 0, ...) with alpha = -sign(x0)·|x|, which avoids cancellation; R's diagonal signs
 * therefore differ from LAPACK's now and then, which is harmless for the orthogonal initializer
 * because it multiplies Q by sign(diag R).
 */
export function householderQR(a: ArrayLike<number>, m: number, n: number): QRResult {
  if (m < n) throw new RangeError(`householderQR needs rows >= cols, got ${m}x${n}`);
  if (a.length !== m * n) throw new RangeError(`expected ${m * n} values, got ${a.length}`);
  // Column j of the working matrix lives at w[j*m .. j*m + m).
  const w = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) w[j * m + i] = a[i * n + j]!;
  }
  // Reflector k is I - beta_k v_k v_k^T, with v_k in rows k.. of column k of `vs`.
  const vs = new Float64Array(m * n);
  const betas = new Float64Array(n);

  for (let k = 0; k < n; k++) {
    const col = k * m;
    let norm2 = 0;
    for (let i = k; i < m; i++) norm2 += w[col + i]! * w[col + i]!;
    const norm = Math.sqrt(norm2);
    if (norm === 0) continue; // zero column: the reflector is the identity (beta = 0)
    const x0 = w[col + k]!;
    const alpha = x0 >= 0 ? -norm : norm;
    vs[col + k] = x0 - alpha;
    for (let i = k + 1; i < m; i++) vs[col + i] = w[col + i]!;
    // |v|^2 = (x0 - alpha)^2 + |x|^2 - x0^2 = 2|x|(|x| + |x0|), free of cancellation.
    betas[k] = 1 / (norm * (norm + Math.abs(x0)));
    // The reflector sends column k to (alpha, 0, ..., 0) by construction.
    w[col + k] = alpha;
    w.fill(0, col + k + 1, col + m);
    for (let j = k + 1; j < n; j++) reflectColumn(w, j * m, vs, col, k, m, betas[k]!);
  }

  const r = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) r[i * n + j] = w[j * m + i]!;
  }

  // Q = H_0 H_1 ... H_{n-1} applied to the first n columns of the identity, last reflector
  // first. Reflector k leaves columns < k alone: they are still unit vectors above row k.
  const qc = new Float64Array(m * n);
  for (let j = 0; j < n; j++) qc[j * m + j] = 1;
  for (let k = n - 1; k >= 0; k--) {
    if (betas[k] === 0) continue;
    for (let j = k; j < n; j++) reflectColumn(qc, j * m, vs, k * m, k, m, betas[k]!);
  }
  const q = new Float64Array(m * n);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < m; i++) q[i * n + j] = qc[j * m + i]!;
  }
  return { q, r };
}

/** In place: rows k.. of the column at `c` become (I - beta v v^T) times themselves. */
function reflectColumn(
  mat: Float64Array,
  c: number,
  vs: Float64Array,
  v: number,
  k: number,
  m: number,
  beta: number,
): void {
  // Four partial sums let the engine overlap the multiply-adds.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = k;
  for (; i + 3 < m; i += 4) {
    s0 += vs[v + i]! * mat[c + i]!;
    s1 += vs[v + i + 1]! * mat[c + i + 1]!;
    s2 += vs[v + i + 2]! * mat[c + i + 2]!;
    s3 += vs[v + i + 3]! * mat[c + i + 3]!;
  }
  for (; i < m; i++) s0 += vs[v + i]! * mat[c + i]!;
  const s = beta * (s0 + s1 + (s2 + s3));
  if (s === 0) return;
  for (i = k; i < m; i++) mat[c + i] = mat[c + i]! - s * vs[v + i]!;
}
