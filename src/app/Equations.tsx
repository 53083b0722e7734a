/** The LSTM's equations, one colour per gate, as every chapter shows them. */
import type { ReactNode } from 'react';
import { GATE_KEYS, GATE_NAMES, type GateKey as Gate } from '../lstm/gates';
import { useStore } from '../state/store';
import { TeX } from './Math';

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

/** The gate a KaTeX term (or a legend entry) belongs to, from its `gate-x` class. */
function gateUnder(target: EventTarget | null): Gate | null {
  const el = target instanceof Element ? target.closest('[class*="gate-"]') : null;
  const m = el?.getAttribute('class')?.match(/\bgate-([ifgoch])\b/);
  return (m?.[1] as Gate | undefined) ?? null;
}

/**
 * The six equations in an aligned block, with a legend naming each colour. Hovering a term (or
 * focusing a legend entry) highlights that gate everywhere: diagram, code and heatmaps.
 */
export function LstmEquations({ bias = true }: { bias?: boolean }) {
  const highlight = useStore((s) => s.highlight);
  const setHighlight = useStore((s) => s.setHighlight);
  return (
    <figure
      className="equations"
      aria-label="The LSTM equations"
      data-highlight={highlight ?? undefined}
      onMouseOver={(e) => setHighlight(gateUnder(e.target))}
      onMouseLeave={() => setHighlight(null)}
    >
      <TeX block tex={`\\begin{aligned} ${lstmTeX(bias)} \\end{aligned}`} />
      <ul className="gate-legend">
        {GATE_KEYS.map((gate) => (
          <li
            key={gate}
            className={`gate-${gate}`}
            tabIndex={0}
            onFocus={() => setHighlight(gate)}
            onBlur={() => setHighlight(null)}
          >
            <strong>{gate}</strong> {GATE_NAMES[gate]}
          </li>
        ))}
      </ul>
    </figure>
  );
}

/** A gate's letter in prose, in its colour: `<Gate g="f" />` or `<Gate g="f">forget</Gate>`. */
export function GateName({ g: gate, children }: { g: Gate; children?: ReactNode }) {
  return <strong className={`gate-${gate}`}>{children ?? gate}</strong>;
}
