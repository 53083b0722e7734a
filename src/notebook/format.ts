/** Number formatting shared by the outputs, so every cell prints alike. */

/** Like NumPy's float32 print: up to 8 significant digits, no trailing noise. */
export function fmt(x: number, digits = 8): string {
  if (!Number.isFinite(x)) return String(x);
  return Number(x.toPrecision(digits)).toString();
}

/**
 * A sum as NumPy prints a float32: round to float32, then the fewest digits that read back as the
 * same float32. That is how `print(K.eval(h1_sum))` showed 25.964834.
 */
export function fmtF32(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const f = Math.fround(x);
  for (let p = 1; p <= 9; p++) {
    const s = f.toPrecision(p);
    if (Math.fround(Number(s)) === f) return Number(s).toString();
  }
  return f.toString();
}

export function fmtShape(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}

/** The first `n` values, to show that these are real arrays and not just a sum. */
export function preview(values: ArrayLike<number>, n = 6): string {
  const head = Array.from({ length: Math.min(n, values.length) }, (_, k) => values[k]!.toFixed(5));
  return `[${head.join(', ')}${values.length > n ? ', …' : ''}]`;
}
