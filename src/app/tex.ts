/**
 * The TeX of the page and KaTeX's options, with no React and no KaTeX import: vite.config.ts
 * renders these formulas to HTML at build time, so equations paint without KaTeX's 70 KB of
 * JavaScript; Math.tsx renders anything else on demand with the same options.
 */
/** A gate's letter (lstm/gates' GateKey; not imported, as vite.config.ts loads this file natively). */
type Gate = string;

/** `\htmlClass{gate-f}{…}` is the only HTML extension allowed: equations wear the gate colours. */
export const KATEX_OPTIONS = {
  throwOnError: false,
  strict: 'ignore',
  trust: (ctx: { command: string }) => ctx.command === '\\htmlClass',
} as const;

/** Colour a piece of TeX with a gate's colour. */
const g = (gate: Gate, body: string) => `\\htmlClass{gate-${gate}}{${body}}`;

/** A gate's pre-activation: input projection, recurrent projection, optional bias. */
const pre = (gate: Gate, bias: boolean) =>
  `x_t W_${gate} + h_{t-1} U_${gate}${bias ? ` + b_${gate}` : ''}`;

export function lstmTeX(bias = true): string {
  return [
    `${g('i', 'i_t')} &= \\sigma(${pre('i', bias)})`,
    `${g('f', 'f_t')} &= \\sigma(${pre('f', bias)})`,
    `${g('g', 'g_t')} &= \\tanh(${pre('g', bias)})`,
    `${g('o', 'o_t')} &= \\sigma(${pre('o', bias)})`,
    `${g('c', 'c_t')} &= ${g('f', 'f_t')} \\odot ${g('c', 'c_{t-1}')} + ${g('i', 'i_t')} \\odot ${g('g', 'g_t')}`,
    `${g('h', 'h_t')} &= ${g('o', 'o_t')} \\odot \\tanh(${g('c', 'c_t')})`,
  ].join(' \\\\ ');
}

/** The six equations as one aligned display block. */
export const equationsTeX = (bias = true) => `\\begin{aligned} ${lstmTeX(bias)} \\end{aligned}`;

/** Every formula the chapters show, rendered at build time (display mode). */
export const PRERENDERED_TEX: readonly string[] = [equationsTeX(true), equationsTeX(false)];

/** How a rendered formula is looked up: display or inline, then its TeX. */
export const texKey = (tex: string, block: boolean) => `${block ? 'block' : 'inline'}:${tex}`;
