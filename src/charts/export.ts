/**
 * Export helpers: SVG and PNG of what a chart shows, CSV of the numbers behind it. The string
 * builders are pure (unit-tested in Node); the rest needs a browser (Blob URLs, Image, canvas).
 */
import type { ModelKind, TrainHistory } from '../lstm/experimentTypes';
import { traceRow, type LSTMTrace } from '../lstm/traceData';
import { GATE_KEYS, type GateKey } from './palette';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** One CSV field: quoted when it holds a comma, quote, newline or edge spaces (RFC 4180). */
export function csvField(value: string | number): string {
  const s = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text, one line per row, "\n"-separated, ending with a newline. */
export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\n') + '\n';
}

/** A whole trace in long form: key,t,sample,unit,value. Full float precision, NaN spelled out. */
export function traceToCsv(trace: LSTMTrace, keys: readonly GateKey[] = GATE_KEYS): string {
  const rows: (string | number)[][] = [['key', 't', 'sample', 'unit', 'value']];
  for (const key of keys) {
    for (let t = 0; t < trace.steps; t++) {
      for (let b = 0; b < trace.samples; b++) {
        traceRow(trace, key, t, b).forEach((v, u) => rows.push([key, t, b, u, v]));
      }
    }
  }
  return toCsv(rows);
}

/** What a loss chart or CSV needs from a history (TrainHistory or the store's live progress). */
export type LossHistory = Pick<TrainHistory, 'batchLosses' | 'epochLosses'> & {
  diverged?: boolean;
  /**
   * Global batch number (from 1) whose finite loss the trainer judged exploded and stopped at;
   * the ✕ goes on that point itself.
   */
  explodedAt?: number;
};

/**
 * Losses of both models, one row per batch: model,epoch,batch,loss. Epoch and batch count from 1,
 * as Keras' log and the loss chart print them. Non-finite losses are kept (NaN, Infinity).
 */
export function historyToCsv(histories: Partial<Record<ModelKind, LossHistory>>): string {
  const rows: (string | number)[][] = [['model', 'epoch', 'batch', 'loss']];
  for (const model of ['custom', 'library'] as const) {
    const h = histories[model];
    if (!h) continue;
    // Indexed loops: live histories can be sparse while an epoch is being filled.
    for (let e = 0; e < h.batchLosses.length; e++) {
      const batches = h.batchLosses[e] ?? [];
      for (let b = 0; b < batches.length; b++) rows.push([model, e + 1, b + 1, batches[b] ?? NaN]);
    }
  }
  return toCsv(rows);
}

/** Epoch losses of both models: model,epoch,loss (epoch counted from 1). */
export function epochLossesToCsv(histories: Partial<Record<ModelKind, LossHistory>>): string {
  const rows: (string | number)[][] = [['model', 'epoch', 'loss']];
  for (const model of ['custom', 'library'] as const) {
    const h = histories[model];
    if (!h) continue;
    for (let e = 0; e < h.epochLosses.length; e++) {
      const loss = h.epochLosses[e];
      if (loss !== undefined) rows.push([model, e + 1, loss]);
    }
  }
  return toCsv(rows);
}

/**
 * Replace `var(--name, fallback)` by the value the page gives --name (else the fallback), so an
 * exported file shows the colours of the theme it was exported from.
 */
export function resolveCssVars(text: string, lookup: (name: string) => string | undefined): string {
  return text.replace(/var\((--[\w-]+)\s*(?:,\s*([^()]*))?\)/g, (_, name: string, fb?: string) => {
    const v = lookup(name)?.trim();
    return v ? v : (fb ?? '').trim();
  });
}

/** Width and height attributes of an SVG document's root element (0 when missing). */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const num = (attr: string) => Number(new RegExp(`\\s${attr}="([\\d.]+)"`).exec(root)?.[1] ?? 0);
  return { width: num('width'), height: num('height') };
}

/** Place several standalone SVG documents into one, each at its offset (for chart grids). */
export function stackSvgs(
  parts: readonly { svg: string; x: number; y: number }[],
  width: number,
  height: number,
  background?: string,
): string {
  const bg = background ? `<rect width="100%" height="100%" fill="${background}"/>` : '';
  const inner = parts
    .map((p) => p.svg.replace(/^(<\?xml[^>]*>\s*)?<svg\b/, `<svg x="${p.x}" y="${p.y}"`))
    .join('');
  return `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bg}${inner}</svg>`;
}

/** Read a CSS custom property from the page (undefined outside a browser). */
export function pageCssVar(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  return getComputedStyle(document.documentElement).getPropertyValue(name) || undefined;
}

/**
 * Serialise an on-screen <svg> to a standalone file: namespace and size set, theme variables
 * resolved, the page background painted behind it (dark mode stays legible outside the page).
 */
export function svgToString(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  const box = svg.getBoundingClientRect();
  if (!clone.getAttribute('width')) clone.setAttribute('width', String(Math.round(box.width)));
  if (!clone.getAttribute('height')) clone.setAttribute('height', String(Math.round(box.height)));
  clone.removeAttribute('tabindex');
  clone.removeAttribute('class');
  const bg = clone.ownerDocument.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', 'var(--bg, #ffffff)');
  clone.insertBefore(bg, clone.firstChild);
  return resolveCssVars(new XMLSerializer().serializeToString(clone), pageCssVar);
}

/** Offer a blob as a download named `name`. */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some browsers start reading the URL only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Rasterise an SVG document to PNG at `scale` × its size (2 for crisp text on HiDPI screens). */
export async function svgToPngBlob(
  svg: string,
  width: number,
  height: number,
  scale = 2,
): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The SVG could not be drawn as an image.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('This browser gave no 2D canvas to draw the PNG on.');
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
