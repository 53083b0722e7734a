/**
 * The six quantities of the equations, in one place: the gates i, f, o, the candidate g, and the
 * two states c, h; their names as the chapters say them, and their colours. Pure data, so the
 * engine, the charts, the equations and the code view all read the same list.
 */

/** In the order of the equations and of Keras' fused weights (i, f, g, o), then the two states. */
export const GATE_KEYS = ['i', 'f', 'g', 'o', 'c', 'h'] as const;

export type GateKey = (typeof GATE_KEYS)[number];

/** Reader-facing names, the same words as the chapters use. */
export const GATE_NAMES: Readonly<Record<GateKey, string>> = {
  i: 'input gate',
  f: 'forget gate',
  g: 'candidate',
  o: 'output gate',
  c: 'cell state',
  h: 'hidden state',
};

/**
 * The light theme's gate colours (Okabe–Ito hues, darkened to read as text on white at WCAG AA).
 * The page's CSS variables `--gate-<key>` (src/app/styles/theme.css, same values) are the live
 * colours; these are the fallbacks an exported SVG carries so it still shows them outside the page.
 */
export const GATE_HEX: Readonly<Record<GateKey, string>> = {
  i: '#0072b2',
  f: '#b84a00',
  g: '#007a5a',
  o: '#a4447c',
  c: '#9a6200',
  h: '#00758f',
};

export function isGateKey(s: string): s is GateKey {
  return (GATE_KEYS as readonly string[]).includes(s);
}
