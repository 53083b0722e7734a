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

const h = (sub: string) => g('h', `h_{${sub}}`);
const c = (sub: string) => g('c', `c_{${sub}}`);

/** The chapters' other formulas, by the name `<Formula name="…">` takes. */
export const FORMULAS = {
  /** Chapter 3: the recurrence, what the loop carries, and the whole sequence unrolled. */
  recurrence: [
    `(${h('t')}, ${c('t')}) &= \\operatorname{step}(x_t,\\ ${h('t-1')},\\ ${c('t-1')}), \\qquad ${h('0')} = ${c('0')} = 0`,
    `${c('t')} &= ${g('f', 'f_t')} \\odot ${c('t-1')} + ${g('i', 'i_t')} \\odot ${g('g', 'g_t')}, \\qquad ${h('t')} = ${g('o', 'o_t')} \\odot \\tanh(${c('t')})`,
    `${h('T')} &= \\operatorname{step}_h\\big(x_T,\\ \\operatorname{step}(x_{T-1},\\ \\dots\\ \\operatorname{step}(x_1,\\ ${h('0')},\\ ${c('0')})\\dots)\\big)`,
  ],
  /** Chapter 4: the shapes going in and coming out under each option. */
  shapes: [
    `x &: [B, T, F] \\quad ([T, B, F] \\text{ with \\texttt{timeMajor}})`,
    `\\text{output} &: [B, U] = ${h('T')}`,
    `\\text{\\texttt{returnSequences}} &: [B, T, U] \\quad ([T, B, U] \\text{ with \\texttt{timeMajor}})`,
    `\\text{\\texttt{returnState}} &: [\\,\\text{output},\\ ${h('T')},\\ ${c('T')}\\,], \\quad ${h('T')}, ${c('T')} : [B, U]`,
  ],
  /** Chapter 5: the loss the model minimises, over a batch of N samples. */
  mse: [
    `\\hat y_n &= ${h('T')}^{(n)} w + b`,
    `L &= \\frac{1}{N} \\sum_{n=1}^{N} (\\hat y_n - y_n)^2`,
  ],
  /** Chapter 5: backpropagation through time, for the forget gate's recurrent weights. */
  bptt: [
    `\\delta ${c('t')} &= \\delta ${h('t')} \\odot ${g('o', 'o_t')} \\odot \\big(1 - \\tanh^2 ${c('t')}\\big) + \\delta ${c('t+1')} \\odot ${g('f', 'f_{t+1}')}`,
    `\\frac{\\partial L}{\\partial U_f} &= \\sum_{t=1}^{T} ${h('t-1')}^{\\top} \\Big(\\delta ${c('t')} \\odot ${c('t-1')} \\odot ${g('f', 'f_t')} \\odot (1 - ${g('f', 'f_t')})\\Big)`,
  ],
  /** Chapter 5: Keras 2.7's RMSprop, epsilon outside the root (tfjs puts it inside). */
  rmsprop: [
    `v_t &= \\rho\\, v_{t-1} + (1 - \\rho)\\, g_t^2, \\qquad v_0 = 0,\\ \\rho = 0.9`,
    `w_t &= w_{t-1} - \\eta\\, \\frac{g_t}{\\sqrt{v_t} + \\epsilon}, \\qquad \\epsilon = 10^{-7}\\ \\text{(Keras 2.7)}`,
    `\\text{tfjs:}\\quad w_t &= w_{t-1} - \\eta\\, \\frac{g_t}{\\sqrt{v_t + \\epsilon}}`,
  ],
} as const;

export type FormulaName = keyof typeof FORMULAS;

/** A named formula as one aligned display block. */
export const formulaTeX = (name: FormulaName) =>
  `\\begin{aligned} ${FORMULAS[name].join(' \\\\ ')} \\end{aligned}`;

/** Every formula the chapters show, rendered at build time (display mode). */
export const PRERENDERED_TEX: readonly string[] = [
  equationsTeX(true),
  equationsTeX(false),
  ...(Object.keys(FORMULAS) as FormulaName[]).map(formulaTeX),
];

/** How a rendered formula is looked up: display or inline, then its TeX. */
export const texKey = (tex: string, block: boolean) => `${block ? 'block' : 'inline'}:${tex}`;
