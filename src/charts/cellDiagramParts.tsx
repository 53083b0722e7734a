/**
 * The drawing of the LSTM cell diagram: coordinates, primitive shapes (layer boxes, pointwise
 * operations, wires with arrowheads) and the shapes of each part. CellDiagram.tsx adds behaviour.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { THEME, type GateKey } from './palette';

export const W = 560;
export const H = 330;
export const BUS_Y = 250; // The [h_{t−1}, x_t] line feeding every gate.
export const C_Y = 60; // The cell state line.
export const GATE_Y = 190;
/** Gate box centres, in the classic order: forget, input, candidate, output. */
export const GX: Record<'f' | 'i' | 'g' | 'o', number> = { f: 160, i: 220, g: 280, o: 350 };
export const OUT_X = 410; // Column of tanh(c_t) and the output ×.
export const TOP_X = 480; // Where h_t leaves through the top.

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
export const ArrowIds = createContext('lstm-arrow');

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
export const PartOf = createContext<GateKey | 'x'>('x');

/** Each part's drawing, coloured through `currentColor` by its group. */
export const PARTS: Record<GateKey, ReactNode> = {
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

/** The line that concatenates h_{t−1} and x_t and feeds every gate: no single part owns it. */
export function Bus() {
  return (
    <g color={THEME.muted}>
      <path d={`M110,${BUS_Y} H${GX.o}`} fill="none" stroke="currentColor" strokeWidth={2.5} />
      <Wire d={`M110,${H - 12} V${BUS_Y}`} />
      <circle cx={110} cy={BUS_Y} r={3.5} fill="currentColor" />
      <Sym x={124} y={H - 14} base="x" sub="t" anchor="start" />
    </g>
  );
}
