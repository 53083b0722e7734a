/** Number formatting shared by readouts, titles and tables. */

/** A value as a reader should see it: 4 significant digits, "NaN" / "∞" spelled out. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  if (v === 0) return '0';
  const abs = Math.abs(v);
  // Exponent form only where fixed digits would hide the value (tiny or huge losses).
  if (abs < 1e-3 || abs >= 1e5) return v.toExponential(3).replace('-', '−');
  return Number(v.toPrecision(4)).toString().replace('-', '−');
}

/** Every digit the float has, for hover titles that promise the exact value. */
export function formatExact(v: number): string {
  return Number.isFinite(v) ? String(v) : formatValue(v);
}

/** Evenly thinned tick positions 0..n-1 so labels do not collide: at most `max` of them. */
export function thinTicks(n: number, max: number): number[] {
  if (n <= 0) return [];
  const step = Math.max(1, Math.ceil(n / Math.max(1, max)));
  const ticks: number[] = [];
  for (let k = 0; k < n; k += step) ticks.push(k);
  return ticks;
}

/** An axis label: short, exponent form for very large or very small magnitudes ("1e6"). */
export function formatTick(v: number | { valueOf(): number }): string {
  const x = Number(v);
  if (!Number.isFinite(x)) return formatValue(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e4 || abs < 1e-3)) return x.toExponential().replace('e+', 'e');
  return String(Number(x.toPrecision(3)));
}
