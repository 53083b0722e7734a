import { createContext, useContext, useId, useState, type ReactNode } from 'react';
import { gateColor, GATE_KEYS, GATE_NAMES, THEME, type GateKey } from './palette';
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

const W = 560;
const H = 330;
const BUS_Y = 250; // The [h_{t−1}, x_t] line feeding every gate.
const C_Y = 60; // The cell state line.
const GATE_Y = 190;
/** Gate box centres, in the classic order: forget, input, candidate, output. */
const GX: Record<'f' | 'i' | 'g' | 'o', number> = { f: 160, i: 220, g: 280, o: 350 };
const OUT_X = 410; // Column of tanh(c_t) and the output ×.
const TOP_X = 480; // Where h_t leaves through the top.

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

/** Text with a subscript, e.g. <Sym x y base="h" sub="t−1" />. */
function Sym({ x, y, base, sub, anchor = 'middle' }: SymProps) {
  return (
    <text x={x} y={y} textAnchor={anchor} fontSize={15} fontStyle="italic" fill="currentColor">
      {base}
      <tspan baselineShift="sub" fontSize={11}>
        {sub}
      </tspan>
    </text>
  );
}
interface SymProps {
  x: number;
  y: number;
  base: string;
  sub: string;
  anchor?: 'start' | 'middle' | 'end';
}

/** A pointwise operation: × or + in a circle. */
function Op({ x, y, op }: { x: number; y: number; op: '×' | '+' }) {
  return (
    <g>
      <circle cx={x} cy={y} r={10} fill={THEME.bg} stroke="currentColor" strokeWidth={2} />
      <text x={x} y={y} dy="0.35em" textAnchor="middle" fontSize={16} fill="currentColor">
        {op}
      </text>
    </g>
  );
}

/** A neural-network layer box: σ or tanh. */
function Layer({ x, label }: { x: number; label: string }) {
  return (
    <g>
      <rect
        x={x - 22}
        y={GATE_Y - 15}
        width={44}
        height={30}
        rx={4}
        fill="currentColor"
        fillOpacity={0.15}
        stroke="currentColor"
        strokeWidth={2}
      />
      <text
        x={x}
        y={GATE_Y}
        dy="0.35em"
        textAnchor="middle"
        fontSize={label === 'σ' ? 17 : 13}
        fill="currentColor"
      >
        {label}
      </text>
    </g>
  );
}

/** Id prefix of this diagram's arrowhead markers (unique per instance, one marker per colour). */
const ArrowIds = createContext('lstm-arrow');

/** Wire with an arrowhead at its end, in its part's colour. */
function Wire({ d, halo = false }: { d: string; halo?: boolean }) {
  const arrow = `${useContext(ArrowIds)}-${useContext(PartOf)}`;
  return (
    <>
      {/* The halo cuts a gap in wires this one crosses, so a crossing never reads as a join. */}
      {halo ? <path d={d} fill="none" stroke={THEME.bg} strokeWidth={8} /> : null}
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth={2.5}
        markerEnd={`url(#${arrow})`}
      />
    </>
  );
}

/** Which part a wire belongs to, so it picks that part's arrowhead ('x': the shared bus). */
const PartOf = createContext<GateKey | 'x'>('x');

/** Each part's drawing, coloured through `currentColor` by its group. */
const PARTS: Record<GateKey, ReactNode> = {
  c: (
    <>
      <Wire d={`M10,${C_Y} H${W - 12}`} />
      <Wire d={`M${OUT_X},${C_Y} V${103}`} />
      <ellipse
        cx={OUT_X}
        cy={115}
        rx={26}
        ry={13}
        fill={THEME.bg}
        stroke="currentColor"
        strokeWidth={2}
      />
      <text x={OUT_X} y={115} dy="0.35em" textAnchor="middle" fontSize={12} fill="currentColor">
        tanh
      </text>
      <Wire d={`M${OUT_X},128 V${GATE_Y - 12}`} />
      <Sym x={14} y={C_Y - 10} base="c" sub="t−1" anchor="start" />
      <Sym x={W - 14} y={C_Y - 10} base="c" sub="t" anchor="end" />
    </>
  ),
  f: (
    <>
      <Wire d={`M${GX.f},${BUS_Y} V${GATE_Y + 17}`} />
      <Wire d={`M${GX.f},${GATE_Y - 15} V${C_Y + 12}`} />
      <Op x={GX.f} y={C_Y} op="×" />
      <Layer x={GX.f} label="σ" />
      <Sym x={GX.f + 16} y={GATE_Y - 40} base="f" sub="t" />
    </>
  ),
  i: (
    <>
      <Wire d={`M${GX.i},${BUS_Y} V${GATE_Y + 17}`} />
      <Wire d={`M${GX.i},${GATE_Y - 15} V120 H${GX.g - 12}`} />
      <Op x={GX.g} y={120} op="×" />
      <Layer x={GX.i} label="σ" />
      <Sym x={GX.i - 14} y={GATE_Y - 40} base="i" sub="t" />
    </>
  ),
  g: (
    <>
      <Wire d={`M${GX.g},${BUS_Y} V${GATE_Y + 17}`} />
      <Wire d={`M${GX.g},${GATE_Y - 15} V132`} />
      <Wire d={`M${GX.g},108 V${C_Y + 12}`} />
      <Op x={GX.g} y={C_Y} op="+" />
      <Layer x={GX.g} label="tanh" />
      <Sym x={GX.g + 16} y={GATE_Y - 40} base="g" sub="t" anchor="start" />
    </>
  ),
  o: (
    <>
      <Wire d={`M${GX.o},${BUS_Y} V${GATE_Y + 17}`} />
      <Wire d={`M${GX.o + 22},${GATE_Y} H${OUT_X - 12}`} />
      <Op x={OUT_X} y={GATE_Y} op="×" />
      <Layer x={GX.o} label="σ" />
      <Sym x={GX.o + 8} y={GATE_Y - 24} base="o" sub="t" anchor="start" />
    </>
  ),
  h: (
    <>
      <Wire d={`M10,${BUS_Y} H${110}`} />
      <Wire d={`M${OUT_X},${GATE_Y + 10} V${BUS_Y} H${W - 12}`} />
      <Wire d={`M${TOP_X},${BUS_Y} V10`} halo />
      <Sym x={14} y={BUS_Y - 10} base="h" sub="t−1" anchor="start" />
      <Sym x={W - 14} y={BUS_Y - 10} base="h" sub="t" anchor="end" />
      <Sym x={TOP_X + 8} y={24} base="h" sub="t" anchor="start" />
    </>
  ),
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
        viewBox={`0 0 ${W} ${H}`}
        role="group"
        aria-label="LSTM cell diagram: focus a part to highlight it in the equations, code and heatmaps"
      >
        <defs>
          <marker
            id="lstm-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto-start-reverse"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="context-stroke" />
          </marker>
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
        {/* The bus that concatenates h_{t−1} and x_t belongs to no single gate. */}
        <g color={THEME.muted}>
          <path d={`M110,${BUS_Y} H${GX.o}`} fill="none" stroke="currentColor" strokeWidth={2.5} />
          <Wire d={`M110,${H - 12} V${BUS_Y}`} />
          <circle cx={110} cy={BUS_Y} r={3.5} fill="currentColor" />
          <Sym x={124} y={H - 14} base="x" sub="t" anchor="start" />
        </g>
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
