/**
 * One hyperparameter input. The reader's text is kept as typed; only a value that passes the
 * field's codec reaches the store. Anything else stays in the box with a message beside it.
 */
import { useEffect, useId, useState } from 'react';
import { BACKEND_LABEL, BACKENDS, SEEDINGS, type Backend } from '../lstm/experimentTypes';
import { OPTIMIZERS } from '../lstm/train/optimizerTypes';
import { FIELD_INFO, type HyperKey, type Profile } from '../state/hyperparams';
import { overBudget } from '../state/budgetCheck';
import { store, useStore } from '../state/store';
import { HYPER_CODECS, parseField, type Codec } from '../state/urlCodec';

const ENUM_OPTIONS: Partial<Record<HyperKey, readonly string[]>> = {
  seeding: SEEDINGS,
  backend: BACKENDS,
  optimizer: OPTIMIZERS,
};

const DECIMAL = new Set<HyperKey>(['lr', 'clipnorm', 'clipvalue']);

export function HyperField({ profile, field }: { profile: Profile; field: HyperKey }) {
  const value = useStore((s) => s.hyper[profile][field]);
  const setHyper = useStore((s) => s.setHyper);
  const codec = HYPER_CODECS[field] as Codec<typeof value>;
  const stored = codec.serialize(value);
  const [draft, setDraft] = useState(stored);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const info = FIELD_INFO[field];
  // A backend that cannot start here runs its fallback: the choice says so, not just a notice.
  const fellBackTo = useStore((s) =>
    field === 'backend' && s.backendInfo?.fallbackReason != null ? s.backendInfo.active : null,
  );
  const requested = useStore((s) => s.backendInfo?.requested);

  // Reset, a link or another panel changed the value: show it, unless the box already says it.
  useEffect(() => {
    setDraft((d) => {
      const r = parseField(field, d);
      return r.ok && r.value === value ? d : stored;
    });
    setError(null);
  }, [stored, value, field]);

  const commit = (text: string) => {
    setDraft(text);
    const r = parseField(field, text);
    if (!r.ok) return setError(r.error);
    // In range, but maybe too much work with the other fields as they are: refused before it runs.
    const over = overBudget(
      profile,
      { ...store.getState().hyper[profile], [field]: r.value },
      field,
    );
    if (over) return setError(over.message);
    setError(null);
    setHyper(profile, field, r.value);
  };

  const options = ENUM_OPTIONS[field];
  const describedBy = `${id}-bounds ${error ? `${id}-error` : ''}`.trim();
  return (
    <div className="field">
      <label htmlFor={id}>{info.label}</label>
      {options ? (
        <select
          id={id}
          name={field}
          value={draft}
          onChange={(e) => commit(e.target.value)}
          aria-describedby={describedBy}
          data-testid={`field-${field}`}
        >
          {options.map((o) => (
            <option key={o} value={o}>
              {fellBackTo && o === requested ? `${o} → ${fellBackTo}` : o}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          name={field}
          type="text"
          inputMode={DECIMAL.has(field) ? 'decimal' : 'numeric'}
          autoComplete="off"
          spellCheck={false}
          value={draft}
          onChange={(e) => commit(e.target.value)}
          aria-invalid={error !== null}
          aria-describedby={describedBy}
          data-testid={`field-${field}`}
        />
      )}
      <span className="bounds" id={`${id}-bounds`}>
        {fellBackTo && requested
          ? `${BACKEND_LABEL[requested]} could not start in this browser, so ${BACKEND_LABEL[fellBackTo as Backend]} computes.`
          : options
            ? info.help
            : `${codec.bounds} · ${info.help}`}
      </span>
      {error && (
        <span className="error" id={`${id}-error`} role="alert" data-testid={`error-${field}`}>
          {error}
        </span>
      )}
    </div>
  );
}
