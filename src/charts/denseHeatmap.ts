/**
 * Large heatmaps as one image instead of thousands of SVG rects: above a few thousand cells,
 * React and the browser spend seconds creating and laying out rects (256 units × 50 steps is
 * 12,800 per chart, six charts), so the cells are written once into an image, one pixel each,
 * and the SVG shows it scaled with crisp edges. Exports keep it (a BMP data URL inside the SVG).
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
 * A BMP data URL, `steps` pixels wide and `units` high (unit 0 on top), of values[t][u]. Written
 * byte by byte, no canvas: a 2D canvas here is GPU-backed, and uploading then reading back its
 * pixels costs 100–300 ms a chart on a software GPU, where these bytes cost a millisecond.
 */
export function heatmapImage(
  values: readonly (readonly number[])[],
  scale: HeatColorScale,
): string {
  const width = Math.max(1, values.length);
  const height = Math.max(1, values[0]?.length ?? 0);
  const rowBytes = Math.ceil((width * 3) / 4) * 4;
  const header = 54;
  const bytes = new Uint8Array(header + rowBytes * height);
  const view = new DataView(bytes.buffer);
  bytes[0] = 0x42; // "BM"
  bytes[1] = 0x4d;
  view.setUint32(2, bytes.length, true);
  view.setUint32(10, header, true);
  view.setUint32(14, 40, true); // BITMAPINFOHEADER
  view.setInt32(18, width, true);
  view.setInt32(22, -height, true); // Negative: rows run top to bottom.
  view.setUint16(26, 1, true);
  view.setUint16(28, 24, true);
  view.setUint32(34, rowBytes * height, true);
  const lut = lookupTable(scale);
  const nan = parseColor(NON_FINITE_COLOR)!.rgb();
  const [lo, hi] = scale.domain;
  const span = hi - lo || 1;
  values.forEach((column, t) => {
    for (let u = 0; u < height; u++) {
      const v = column[u] ?? NaN;
      const p = header + u * rowBytes + t * 3;
      if (Number.isFinite(v)) {
        const k = Math.round(Math.min(1, Math.max(0, (v - lo) / span)) * (LEVELS - 1)) * 3;
        bytes[p] = lut[k + 2]!; // BMP stores blue, green, red.
        bytes[p + 1] = lut[k + 1]!;
        bytes[p + 2] = lut[k]!;
      } else {
        bytes[p] = nan.b;
        bytes[p + 1] = nan.g;
        bytes[p + 2] = nan.r;
      }
    }
  });
  let binary = '';
  for (let k = 0; k < bytes.length; k += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(k, k + 0x8000));
  }
  return `data:image/bmp;base64,${btoa(binary)}`;
}
