import { useId, useState } from 'react';
import { ArrowIds, Bus, BUS_Y, GATE_Y, GX, H, OUT_X, PartOf, PARTS, W } from './cellDiagramParts';
import { CHART_FONT, gateColor, GATE_KEYS, GATE_NAMES, THEME, type GateKey } from './palette';
import './charts.css';

/** Props of the LSTM cell diagram. */
export interface CellDiagramProps {
  /** The part to emphasise (linked from an equation term, a code line or a heatmap). */
  highlighted?: GateKey | null;
  /** Pointer or keyboard focus entered a part (null: left it). */
  onHover?: (part: GateKey | null) => void;
  /** Rendered width; the drawing scales to it (height follows the 560 × 330 aspect). */
  width?: number;
}

/** What each part computes, in the chapters' notation, for screen readers and tooltips. */
export const PART_DESCRIPTIONS: Readonly<Record<GateKey, string>> = {
  i: 'input gate i_t = σ(x_t W_i + h_{t−1} U_i + b_i): how much of the candidate to write',
  f: 'forget gate f_t = σ(x_t W_f + h_{t−1} U_f + b_f): how much of c_{t−1} to keep',
  g: 'candidate g_t = tanh(x_t W_g + h_{t−1} U_g + b_g): the values that could be written',
  o: 'output gate o_t = σ(x_t W_o + h_{t−1} U_o + b_o): how much of tanh(c_t) to let out',
  c: 'cell state c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t',
  h: 'hidden state h_t = o_t ⊙ tanh(c_t)',
};

/** The cell state first, so the × and + drawn later sit on top of its line; h last, to cross it. */
const DRAW_ORDER: readonly GateKey[] = ['c', 'f', 'i', 'g', 'o', 'h'];

/** Where the focus ring of each part goes: around its most recognisable shape. */
const RING: Record<GateKey, [number, number, number, number]> = {
  f: [GX.f - 28, GATE_Y - 21, 56, 42],
  i: [GX.i - 28, GATE_Y - 21, 56, 42],
  g: [GX.g - 28, GATE_Y - 21, 56, 42],
  o: [GX.o - 28, GATE_Y - 21, 56, 42],
  c: [OUT_X - 32, 96, 64, 38],
  h: [OUT_X - 16, BUS_Y - 16, 32, 32],
};

/**
 * The LSTM cell in the convention of the classic diagrams: the cell state runs across the top
 * (× forget, + add), the four layers σ σ tanh σ below, tanh and × on the way out to h_t. Each
 * region is a focusable <g data-part> in its gate's colour; hover, focus or tap reports it.
 */
export function CellDiagram({ highlighted = null, onHover, width = W }: CellDiagramProps) {
  const [focused, setFocused] = useState<GateKey | null>(null);
  const active = focused ?? highlighted;
  const arrowIds = `lstm-arrow-${useId().replace(/[^\w-]/g, '')}`;
  return (
    <ArrowIds.Provider value={arrowIds}>
      <svg
        className="chart cell-diagram"
        width={width}
        height={(width * H) / W}
        fontFamily={CHART_FONT}
        viewBox={`0 0 ${W} ${H}`}
        role="group"
        aria-label="LSTM cell diagram: focus a part to highlight it in the equations, code and heatmaps"
      >
        <defs>
          {/* One marker per colour: a marker does not take the colour of the path using it. */}
          {[...GATE_KEYS, 'x' as const].map((k) => (
            <marker
              key={k}
              id={`${arrowIds}-${k}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="5"
              markerHeight="5"
              orient="auto"
            >
              <path d="M0,0 L10,5 L0,10 z" fill={k === 'x' ? THEME.muted : gateColor(k)} />
            </marker>
          ))}
        </defs>
        <rect
          x={70}
          y={30}
          width={380}
          height={250}
          rx={18}
          fill={THEME.bg}
          stroke={THEME.border}
          strokeWidth={2}
        />
        <Bus />
        {DRAW_ORDER.map((part) => (
          <g
            key={part}
            data-part={part}
            data-highlighted={active === part}
            color={gateColor(part)}
            opacity={active && active !== part ? 0.3 : 1}
            tabIndex={0}
            role="img"
            aria-label={PART_DESCRIPTIONS[part]}
            onPointerEnter={() => onHover?.(part)}
            onPointerLeave={() => onHover?.(null)}
            onClick={() => onHover?.(part)}
            onFocus={() => {
              setFocused(part);
              onHover?.(part);
            }}
            onBlur={() => {
              setFocused(null);
              onHover?.(null);
            }}
          >
            <title>{`${GATE_NAMES[part]}: ${PART_DESCRIPTIONS[part]}`}</title>
            <PartOf.Provider value={part}>{PARTS[part]}</PartOf.Provider>
          </g>
        ))}
        {focused ? (
          <rect
            className="focus-ring"
            x={RING[focused][0]}
            y={RING[focused][1]}
            width={RING[focused][2]}
            height={RING[focused][3]}
            rx={6}
            fill="none"
            stroke={THEME.focus}
            strokeWidth={3}
            strokeDasharray="6 3"
            pointerEvents="none"
          />
        ) : null}
      </svg>
    </ArrowIds.Provider>
  );
}
