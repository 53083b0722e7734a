/** The LSTM's equations, one colour per gate, as every chapter shows them. */
import type { ReactNode } from 'react';
import { GATE_KEYS, GATE_NAMES, type GateKey as Gate } from '../lstm/gates';
import { useStore } from '../state/store';
import { TeX } from './Math';
import { equationsTeX, formulaTeX, type FormulaName } from './tex';

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
  return <LinkedFormula tex={equationsTeX(bias)} label="The LSTM equations" legend />;
}

/** What each of the chapters' other formulas is, for screen readers. */
const FORMULA_LABELS: Record<FormulaName, string> = {
  recurrence: 'The recurrence: each step takes the input and the previous h and c',
  shapes: 'The shapes of the input and of what the layer returns, per option',
  mse: 'The mean squared error loss',
  bptt: 'Backpropagation through time for the forget gate',
  rmsprop: "Keras 2.7's RMSprop update, and tfjs' variant",
};

/** One of the chapters' other formulas, hover-linked like the equations: `<Formula name="mse" />`. */
export function Formula({ name }: { name: FormulaName }) {
  return <LinkedFormula tex={formulaTeX(name)} label={FORMULA_LABELS[name]} />;
}

/**
 * A display formula whose gate-coloured terms highlight their gate everywhere on hover (diagram,
 * code and heatmaps), optionally with a legend naming each colour.
 */
function LinkedFormula({
  tex,
  label,
  legend = false,
}: {
  tex: string;
  label: string;
  legend?: boolean;
}) {
  const highlight = useStore((s) => s.highlight);
  const setHighlight = useStore((s) => s.setHighlight);
  return (
    <figure
      className="equations"
      aria-label={label}
      data-highlight={highlight ?? undefined}
      onMouseOver={(e) => setHighlight(gateUnder(e.target))}
      onMouseLeave={() => setHighlight(null)}
      // A wide formula scrolls sideways on narrow screens: the keyboard must reach it too.
      tabIndex={0}
    >
      <TeX block tex={tex} />
      {legend && <GateLegend />}
    </figure>
  );
}

/** The six colours and what they mean; focusing an entry highlights its gate. */
function GateLegend() {
  const setHighlight = useStore((s) => s.setHighlight);
  return (
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
  );
}

/** A gate's letter in prose, in its colour: `<Gate g="f" />` or `<Gate g="f">forget</Gate>`. */
export function GateName({ g: gate, children }: { g: Gate; children?: ReactNode }) {
  return <strong className={`gate-${gate}`}>{children ?? gate}</strong>;
}
