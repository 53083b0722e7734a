/**
 * Colours for every chart, defined once. Gate colours are the CSS variables of
 * src/app/styles/theme.css (Okabe–Ito, readable with every common colour-vision deficiency), each
 * with its hex fallback so an exported SVG opened outside the page still shows them. Heatmap
 * scales: sequential (viridis) for gates bounded in [0, 1], diverging (blue–red) for the signed
 * candidate, cell and hidden values.
 */
import {
  color as parseColor,
  interpolateRgb,
  interpolateRgbBasis,
  piecewise,
  scaleDiverging,
  scaleLinear,
  scaleSequential,
} from 'd3';
import { GATE_HEX, type GateKey } from '../lstm/gates';

export { GATE_HEX, GATE_KEYS, GATE_NAMES, type GateKey } from '../lstm/gates';

/** For SVG fills and strokes: follows the theme in the page, falls back to Okabe–Ito elsewhere. */
export function gateColor(key: GateKey): string {
  return `var(--gate-${key}, ${GATE_HEX[key]})`;
}

/** Theme colours for text, axes and rules, with the light theme's values as fallbacks. */
export const THEME = {
  fg: 'var(--fg, #1b1f24)',
  bg: 'var(--bg, #ffffff)',
  muted: 'var(--muted, #57606a)',
  border: 'var(--border, #d0d7de)',
  accent: 'var(--accent, #0969da)',
  bad: 'var(--bad, #cf222e)',
  focus: 'var(--focus, #0969da)',
} as const;

/** Set on each chart's <svg> itself, so exported files keep the page's sans-serif. */
export const CHART_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Drawn for a value that is not a finite number, so it can never pass for a real colour. */
export const NON_FINITE_COLOR = '#7f7f7f';

/** `'440154…'` (six hex digits per colour) as `['#440154', …]`. */
const hexList = (s: string) => s.match(/.{6}/g)!.map((c) => `#${c}`);

/**
 * Viridis, through 17 of d3's own stops (within 5/255 of d3's interpolateViridis everywhere).
 * d3-scale-chromatic ships as one module whose 30-odd schemes are built at load, so importing
 * one interpolator from it put all of them (16 KB) in the page's first JavaScript.
 */
export const interpolateViridis = piecewise(
  interpolateRgb,
  hexList(
    '44015448186a472d7b4240863b528b33638d2c728e26828e21918c1fa08828ae803fbc735ec96284d44baddc30d8e219fde725',
  ),
);

/** ColorBrewer's RdBu, red (0) to blue (1): exactly d3's interpolateRdBu (a basis over 11 stops). */
export const interpolateRdBu = interpolateRgbBasis(
  hexList('67001fb2182bd6604df4a582fddbc7f7f7f7d1e5f092c5de4393c32166ac053061'),
);

/** Which colour scale a quantity gets: gates are sigmoids in [0, 1]; g, c, h are signed. */
export type ScaleKind = 'sequential' | 'diverging';

export function scaleKindOf(key: GateKey): ScaleKind {
  return key === 'i' || key === 'f' || key === 'o' ? 'sequential' : 'diverging';
}

/** Largest |v| over the finite values of a nested or typed array (0 when there are none). */
export function maxAbsFinite(values: ArrayLike<unknown>): number {
  let max = 0;
  const visit = (v: unknown): void => {
    if (Array.isArray(v) || ArrayBuffer.isView(v)) {
      for (const x of v as ArrayLike<unknown> as unknown[]) visit(x);
    } else if (typeof v === 'number' && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
  };
  visit(values);
  return max;
}

/**
 * The colour domain of a quantity. Gates are fixed to [0, 1] and g, h to [-1, 1] (their activations
 * bound them), so the same colour means the same number on every chart. Only c is unbounded: it
 * grows symmetrically to its largest |value|, never below [-1, 1], so zero stays the neutral middle.
 */
export function colorDomain(key: GateKey, values: ArrayLike<unknown> = []): [number, number] {
  if (scaleKindOf(key) === 'sequential') return [0, 1];
  if (key !== 'c') return [-1, 1];
  const m = Math.max(1, maxAbsFinite(values));
  return [-m, m];
}

/** A colour mapping for one heatmap, with what its legend needs. */
export interface HeatColorScale {
  kind: ScaleKind;
  domain: [number, number];
  /** Colour of a value; non-finite values get NON_FINITE_COLOR, out-of-domain ones are clamped. */
  color: (value: number) => string;
  /** Tick values for the legend. */
  ticks: number[];
}

/**
 * Build the colour scale of a quantity. Diverging runs blue (negative) through white to red
 * (positive), the reverse of RdBu's order, because readers expect "hot" to mean positive.
 */
export function heatColorScale(key: GateKey, domain: [number, number]): HeatColorScale {
  const kind = scaleKindOf(key);
  const [lo, hi] = domain;
  const scale =
    kind === 'sequential'
      ? scaleSequential(interpolateViridis).domain([lo, hi]).clamp(true)
      : scaleDiverging((t: number) => interpolateRdBu(1 - t))
          .domain([lo, (lo + hi) / 2, hi])
          .clamp(true);
  const color = (v: number) => (Number.isFinite(v) ? scale(v) : NON_FINITE_COLOR);
  const ticks = scaleLinear().domain([lo, hi]).ticks(4);
  return { kind, domain: [lo, hi], color, ticks };
}

/** Evenly spaced gradient stops (offset in [0, 1], colour) for a legend's colour bar. */
export function gradientStops(
  scale: HeatColorScale,
  count = 11,
): { offset: number; color: string }[] {
  const [lo, hi] = scale.domain;
  return Array.from({ length: count }, (_, k) => {
    const offset = count === 1 ? 0 : k / (count - 1);
    return { offset, color: scale.color(lo + offset * (hi - lo)) };
  });
}

/** WCAG relative luminance of a CSS colour, in [0, 1]; NaN when it does not parse. */
export function relativeLuminance(css: string): number {
  const rgb = parseColor(css)?.rgb();
  if (!rgb) return NaN;
  const [r, g, b] = [rgb.r, rgb.g, rgb.b].map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two CSS colours, from 1 to 21 (AA asks 4.5 for text, 3 for graphics). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** Text colour that stays legible on a cell of the given fill: black or white, whichever contrasts more. */
export function contrastText(fill: string): string {
  if (Number.isNaN(relativeLuminance(fill))) return '#000000';
  return contrastRatio('#000000', fill) >= contrastRatio('#ffffff', fill) ? '#000000' : '#ffffff';
}
