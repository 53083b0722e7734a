/** The LSTM's equations, one colour per gate, as every chapter shows them. */
import type { ReactNode } from 'react';
import { GATE_KEYS, GATE_NAMES, type GateKey as Gate } from '../lstm/gates';
import { useStore } from '../state/store';
import { TeX } from './Math';
import { equationsTeX } from './tex';

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
      <TeX block tex={equationsTeX(bias)} />
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
