/**
 * Chapter 4's proof, step by step: the largest |hand-written − library| at every time step for
 * each gate and state, against the backend's tolerance, and switches that deliberately break the
 * hand-written side so readers see what a mismatch looks like and why the settings matter.
 */
import { gateColor, GATE_KEYS, type GateKey } from '../charts/palette';
import type { InspectResult } from '../lstm/inspect';
import { COMPARED_WITH } from '../lstm/traceData';
import { useStore } from '../state/store';
import { BreakSwitches, BREAK_CHOICES as VARIANTS } from './BreakSwitches';
import { FORWARD_TOLERANCE, formatTolerance, forwardTolerance } from './tolerance';

export function EquivalencePanel({ result }: { result: InspectResult }) {
  const breakIt = useStore((s) => s.breakIt);
  const info = useStore((s) => s.backendInfo);
  // Results only arrive after the backend started, so info is set by then; webgl's bound otherwise.
  const tolerance = info ? forwardTolerance(info) : FORWARD_TOLERANCE.webgl;
  const steps = result.maxDiffPerStep.h.length;
  // float32 rounding grows with the values compared: the unbounded cell state gets a bound
  // scaled by its size (relative beyond 1), the gates and h (within ±1) the bound itself.
  const allowed = (k: GateKey, t: number) => tolerance * Math.max(1, result.scalePerStep[k][t]!);
  const cells = GATE_KEYS.flatMap((k) =>
    Array.from(result.maxDiffPerStep[k], (d, t) => ({ d, ratio: d / allowed(k, t) })),
  );
  const worstCell = cells.reduce((a, b) => (b.ratio > a.ratio || Number.isNaN(b.ratio) ? b : a));
  const worst = worstCell.d;
  const ok = worstCell.ratio <= 1;
  const variant = VARIANTS.find((v) => v.id === breakIt) ?? VARIANTS[0]!;

  return (
    <section
      className="equivalence"
      data-testid="equivalence"
      aria-label="Equivalence, step by step"
    >
      <BreakSwitches name="break-it" testIdPrefix="break" />
      <p className="break-why">{variant.why}</p>
      <p data-testid="equivalence-verdict" data-match={ok} className={ok ? 'ok-text' : 'bad-text'}>
        {ok ? '✓' : '✗'} largest difference {worst.toExponential(2)} {ok ? '≤' : '>'} tolerance{' '}
        {formatTolerance(tolerance)} × max(1, |value|)
      </p>
      <div className="debugger-table-wrap">
        <table className="equivalence-table">
          <caption>
            max |custom − reference| per time step: c and h against tf.layers.lstm itself, stepped
            one time step at a time; i, f, g and o (which tf.layers.lstm keeps inside) against the
            float64 reference LSTM on the same weights
          </caption>
          <thead>
            <tr>
              <th scope="col">t</th>
              {GATE_KEYS.map((k) => (
                <th
                  key={k}
                  scope="col"
                  style={{ color: gateColor(k) }}
                  title={`${k} compared with ${COMPARED_WITH[k]}`}
                  data-compared-with={COMPARED_WITH[k]}
                >
                  {k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: steps }, (_, t) => (
              <tr key={t}>
                <th scope="row">{t}</th>
                {GATE_KEYS.map((k) => {
                  const d = result.maxDiffPerStep[k][t]!;
                  return (
                    <td
                      key={k}
                      data-value={d}
                      className={d <= allowed(k, t) ? 'diff-ok' : 'diff-bad'}
                    >
                      {d === 0 ? '0' : d.toExponential(1)}
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
