/**
 * Chapter 3's time-step debugger: stand on one iteration of the hand-written loop and see what
 * goes in (x_t, h_{t-1}, c_{t-1}), what the four gates make of it, and what comes out (c_t, h_t).
 * The numbers are the loop's own trace; the scrubber, the step buttons and the arrow keys move t.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import {
  colorDomain,
  contrastText,
  GATE_KEYS,
  gateColor,
  heatColorScale,
  type GateKey,
} from '../charts/palette';
import { useReducedMotion } from '../charts/useReducedMotion';
import type { InspectResult } from '../lstm/inspect';
import { traceRow } from '../lstm/traceData';
import { useStore } from '../state/store';

interface Row {
  id: string;
  label: string;
  /** Colour scale to use, or none for the raw input. */
  key: GateKey | null;
  values: number[];
}

const PLAY_MS = 900;

function rowsAt(result: InspectResult, sample: number, t: number): Row[] {
  const tr = result.custom;
  const prev = (k: 'h' | 'c') =>
    t > 0 ? Array.from(traceRow(tr, k, t - 1, sample)) : new Array<number>(tr.units).fill(0);
  const at = (k: GateKey) => Array.from(traceRow(tr, k, t, sample));
  const { steps, features, values } = result.input;
  const x = values.subarray((sample * steps + t) * features, (sample * steps + t + 1) * features);
  return [
    { id: 'x', label: 'x_t (input)', key: null, values: Array.from(x) },
    { id: 'hPrev', label: 'h_{t−1}', key: 'h', values: prev('h') },
    { id: 'cPrev', label: 'c_{t−1}', key: 'c', values: prev('c') },
    { id: 'i', label: 'i_t input gate', key: 'i', values: at('i') },
    { id: 'f', label: 'f_t forget gate', key: 'f', values: at('f') },
    { id: 'g', label: 'g_t candidate', key: 'g', values: at('g') },
    { id: 'o', label: 'o_t output gate', key: 'o', values: at('o') },
    { id: 'c', label: 'c_t = f⊙c_{t−1} + i⊙g', key: 'c', values: at('c') },
    { id: 'h', label: 'h_t = o⊙tanh(c_t)', key: 'h', values: at('h') },
  ];
}

export function StepDebugger({ result }: { result: InspectResult }) {
  const steps = result.custom.steps;
  const samples = result.custom.samples;
  const sample = Math.min(
    useStore((s) => s.sample),
    samples - 1,
  );
  const storedT = useStore((s) => s.debugT);
  const setT = useStore((s) => s.setDebugT);
  const t = Math.min(storedT, steps - 1);
  const [playing, setPlaying] = useState(false);
  const reduced = useReducedMotion();

  // One colour scale per quantity across every step, so colours mean the same at each t.
  const scales = useMemo(() => {
    return Object.fromEntries(
      GATE_KEYS.map((k) => [k, heatColorScale(k, colorDomain(k, result.custom.values[k]))]),
    ) as Record<GateKey, ReturnType<typeof heatColorScale>>;
  }, [result]);
  const rows = useMemo(() => rowsAt(result, sample, t), [result, sample, t]);

  useEffect(() => {
    if (!playing) return;
    if (t >= steps - 1) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setT(t + 1), reduced ? PLAY_MS * 2 : PLAY_MS);
    return () => clearTimeout(timer);
  }, [playing, t, steps, setT, reduced]);

  const move = (to: number) => setT(Math.max(0, Math.min(steps - 1, to)));
  const onKeyDown = (e: KeyboardEvent) => {
    const to = { ArrowLeft: t - 1, ArrowRight: t + 1, Home: 0, End: steps - 1 }[e.key];
    if (to === undefined || (e.target as HTMLElement).tagName === 'INPUT') return;
    e.preventDefault();
    move(to);
  };

  return (
    <section
      className="step-debugger"
      data-testid="debugger"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-label="Time-step debugger: arrow keys move t"
    >
      <div className="debugger-bar">
        <button type="button" onClick={() => move(0)} disabled={t === 0} aria-label="First step">
          ⏮
        </button>
        <button
          type="button"
          onClick={() => move(t - 1)}
          disabled={t === 0}
          aria-label="Previous step"
        >
          ◀
        </button>
        <button
          type="button"
          onClick={() => setPlaying((p) => !p)}
          data-testid="debugger-play"
          disabled={steps <= 1}
        >
          {playing ? '⏸ Pause' : '▶ Play'}
        </button>
        <button
          type="button"
          onClick={() => move(t + 1)}
          disabled={t >= steps - 1}
          aria-label="Next step"
        >
          ▶
        </button>
        <label className="debugger-scrub">
          t ={' '}
          <input
            type="range"
            min={0}
            max={steps - 1}
            step={1}
            value={t}
            data-testid="debugger-t"
            onChange={(e) => move(Number(e.target.value))}
            aria-valuetext={`time step ${t} of ${steps - 1}`}
          />
        </label>
        <span aria-live="polite" data-testid="debugger-step">
          step {t} of {steps - 1}, sample {sample}
        </span>
      </div>
      <div className="debugger-table-wrap">
        <table className="debugger-table">
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-row={row.id}>
                <th scope="row" style={row.key ? { color: gateColor(row.key) } : undefined}>
                  {row.label}
                </th>
                {row.values.map((v, u) => {
                  const fill = row.key ? scales[row.key].color(v) : undefined;
                  return (
                    <td
                      key={u}
                      data-value={v}
                      title={`${row.label}, unit ${u}: ${v}`}
                      style={fill ? { background: fill, color: contrastText(fill) } : undefined}
                    >
                      {row.key || !Number.isInteger(v) ? v.toFixed(3) : v}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
