/**
 * Large heatmaps as one image instead of thousands of SVG rects: above a few thousand cells,
 * React and the browser spend seconds creating and laying out rects (256 units × 50 steps is
 * 12,800 per chart, six charts), so the cells are painted once into a canvas, one pixel each,
 * and the SVG shows it scaled with crisp edges. Exports keep it (a PNG data URL inside the SVG).
 */
import { color as parseColor } from 'd3';
import { NON_FINITE_COLOR, type HeatColorScale } from './palette';

/** Above this many cells a heatmap is drawn as an image. */
export const DENSE_CELLS = 2000;

/** Colour levels of the lookup table: finer than a screen can show on a continuous scale. */
const LEVELS = 512;

/** RGB bytes per level across the scale's domain, so each cell costs one lookup. */
function lookupTable(scale: HeatColorScale): Uint8ClampedArray {
  const [lo, hi] = scale.domain;
  const lut = new Uint8ClampedArray(LEVELS * 3);
  for (let k = 0; k < LEVELS; k++) {
    const rgb = parseColor(scale.color(lo + ((hi - lo) * k) / (LEVELS - 1)))?.rgb();
    lut.set([rgb?.r ?? 0, rgb?.g ?? 0, rgb?.b ?? 0], k * 3);
  }
  return lut;
}

/**
 * A PNG data URL, `steps` pixels wide and `units` high (unit 0 on top), of values[t][u]; null
 * where there is no DOM (server rendering, Node tests).
 */
export function heatmapImage(
  values: readonly (readonly number[])[],
  scale: HeatColorScale,
): string | null {
  if (typeof document === 'undefined') return null;
  const steps = values.length;
  const units = values[0]?.length ?? 0;
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, steps);
  canvas.height = Math.max(1, units);
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const image = ctx.createImageData(canvas.width, canvas.height);
  const lut = lookupTable(scale);
  const nan = parseColor(NON_FINITE_COLOR)!.rgb();
  const [lo, hi] = scale.domain;
  const span = hi - lo || 1;
  for (let t = 0; t < steps; t++) {
    const column = values[t]!;
    for (let u = 0; u < units; u++) {
      const v = column[u]!;
      const p = (u * canvas.width + t) * 4;
      if (Number.isFinite(v)) {
        const k = Math.round(Math.min(1, Math.max(0, (v - lo) / span)) * (LEVELS - 1)) * 3;
        image.data[p] = lut[k]!;
        image.data[p + 1] = lut[k + 1]!;
        image.data[p + 2] = lut[k + 2]!;
      } else {
        image.data[p] = nan.r;
        image.data[p + 1] = nan.g;
        image.data[p + 2] = nan.b;
      }
      image.data[p + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}
