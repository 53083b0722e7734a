/** Chapter 4's switches: the constructor arguments of the tutorial's last LSTM class. */
import { useId } from 'react';
import type { InitName } from '../lstm/experimentTypes';
import { BIAS_INIT_NAMES, INIT_NAMES } from '../lstm/experimentTypes';
import { useStore } from '../state/store';

type BoolKey = 'returnSequences' | 'returnState' | 'timeMajor' | 'useBias';
type InitKey = 'kernelInitializer' | 'recurrentInitializer' | 'biasInitializer';

const SWITCHES: { key: BoolKey; label: string; help: string }[] = [
  { key: 'returnSequences', label: 'returnSequences', help: 'h of every step, not just the last' },
  { key: 'returnState', label: 'returnState', help: 'also return the final h and c' },
  { key: 'timeMajor', label: 'timeMajor', help: 'read the input as [time, batch, features]' },
  { key: 'useBias', label: 'useBias', help: 'add b to each gate' },
];

// The bias has its own list: it is 1-D, so orthogonal (a matrix) is not offered.
const INITS: { key: InitKey; label: string; names: readonly InitName[] }[] = [
  { key: 'kernelInitializer', label: 'kernelInitializer (W)', names: INIT_NAMES },
  { key: 'recurrentInitializer', label: 'recurrentInitializer (U)', names: INIT_NAMES },
  { key: 'biasInitializer', label: 'biasInitializer (b)', names: BIAS_INIT_NAMES },
];

function Switch({ k, label, help }: { k: BoolKey; label: string; help: string }) {
  const value = useStore((s) => s.options[k]);
  const setOption = useStore((s) => s.setOption);
  const id = useId();
  return (
    <div className="field check">
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={value}
          onChange={(e) => setOption(k, e.target.checked)}
          data-testid={`option-${k}`}
        />
        <code>{label}</code>
      </label>
      <span className="help">{help}</span>
    </div>
  );
}

function InitSelect({
  k,
  label,
  names,
}: {
  k: InitKey;
  label: string;
  names: readonly InitName[];
}) {
  const value = useStore((s) => s.options[k]);
  const setOption = useStore((s) => s.setOption);
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>
        <code>{label}</code>
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => setOption(k, e.target.value as InitName)}
        data-testid={`option-${k}`}
      >
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </div>
  );
}

export function OptionsPanel() {
  const resetOptions = useStore((s) => s.resetOptions);
  return (
    <section className="panel" aria-labelledby="options-title" data-testid="options-panel">
      <h3 id="options-title">Layer options</h3>
      <div className="fields">
        {SWITCHES.map((s) => (
          <Switch key={s.key} k={s.key} label={s.label} help={s.help} />
        ))}
        {INITS.map((i) => (
          <InitSelect key={i.key} k={i.key} label={i.label} names={i.names} />
        ))}
      </div>
      <div className="panel-actions">
        <button type="button" onClick={resetOptions}>
          ↺ Tutorial’s options (returnSequences on)
        </button>
      </div>
    </section>
  );
}
