/** Chapter 4's switches: the constructor arguments of the tutorial's last LSTM class. */
import { useId } from 'react';
import type { InitName } from '../lstm/experimentTypes';
import { INIT_NAMES } from '../lstm/experimentTypes';
import { useStore } from '../state/store';

type BoolKey = 'returnSequences' | 'returnState' | 'timeMajor' | 'useBias';
type InitKey = 'kernelInitializer' | 'recurrentInitializer' | 'biasInitializer';

const SWITCHES: { key: BoolKey; label: string; help: string }[] = [
  { key: 'returnSequences', label: 'returnSequences', help: 'h of every step, not just the last' },
  { key: 'returnState', label: 'returnState', help: 'also return the final h and c' },
  { key: 'timeMajor', label: 'timeMajor', help: 'read the input as [time, batch, features]' },
  { key: 'useBias', label: 'useBias', help: 'add b to each gate' },
];

const INITS: { key: InitKey; label: string }[] = [
  { key: 'kernelInitializer', label: 'kernelInitializer (W)' },
  { key: 'recurrentInitializer', label: 'recurrentInitializer (U)' },
  { key: 'biasInitializer', label: 'biasInitializer (b)' },
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

function InitSelect({ k, label }: { k: InitKey; label: string }) {
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
        {INIT_NAMES.map((n) => (
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
          <InitSelect key={i.key} k={i.key} label={i.label} />
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
