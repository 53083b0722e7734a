/**
 * Chapter 4's proof, step by step: the largest |hand-written − library| at every time step for
 * each gate and state, against the backend's tolerance, and switches that deliberately break the
 * hand-written side so readers see what a mismatch looks like and why the settings matter.
 */
import { gateColor, GATE_KEYS, type GateKey } from '../charts/palette';
import type { BreakVariant, InspectResult } from '../lstm/inspect';
import { COMPARED_WITH } from '../lstm/traceData';
import { useStore } from '../state/store';
import { FORWARD_TOLERANCE, formatTolerance, forwardTolerance } from './tolerance';

const VARIANTS: { id: BreakVariant; label: string; why: string }[] = [
  {
    id: 'none',
    label: 'Nothing broken',
    why: 'Both sides compute the same thing: every difference is float32 rounding.',
  },
  {
    id: 'hardSigmoid',
    label: 'Hard sigmoid gates',
    why: 'tfjs’ own default recurrent activation is the piecewise-linear hard sigmoid. Keras (and the tutorial) use the smooth sigmoid, which is why kerasEquivalent sets it explicitly.',
  },
  {
    id: 'swapGates',
    label: 'Swap i and f blocks',
    why: 'The fused weights hold the gates in the order i, f, g, o. Read the first two blocks the other way round and the input gate does the forgetting.',
  },
  {
    id: 'unitForgetBias',
    label: 'Unit forget bias',
    why: 'Keras adds 1 to the forget gate’s bias by default (unit_forget_bias=True); the tutorial turns it off, so the library here has it off too.',
  },
  {
    id: 'dropBias',
    label: 'Drop the bias',
    why: 'With a zeros bias nothing changes; pick a non-zero bias initializer in the options above to see the difference.',
  },
];

export function EquivalencePanel({ result }: { result: InspectResult }) {
  const breakIt = useStore((s) => s.breakIt);
  const setBreakIt = useStore((s) => s.setBreakIt);
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
      <fieldset className="break-it">
        <legend>Break the hand-written LSTM on purpose</legend>
        {VARIANTS.map((v) => (
          <label key={v.id}>
            <input
              type="radio"
              name="break-it"
              value={v.id}
              checked={breakIt === v.id}
              onChange={() => setBreakIt(v.id)}
              data-testid={`break-${v.id}`}
            />
            {v.label}
          </label>
        ))}
      </fieldset>
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
