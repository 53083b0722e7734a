/** The chapter's hyperparameters, with Reset, Copy link and Run all. */
import { useState } from 'react';
import { findChapter } from '../state/chapters';
import { PROFILE_FIELDS } from '../state/hyperparams';
import { useStore } from '../state/store';
import { HyperField } from './HyperField';

function CopyLink() {
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setState('copied');
      setTimeout(() => setState('idle'), 2000);
    } catch {
      setState('manual'); // No clipboard access (http, iframe): show the link to copy by hand.
    }
  };
  return (
    <>
      <button type="button" onClick={copy} data-testid="copy-link">
        {state === 'copied' ? '✓ Link copied' : 'Copy link'}
      </button>
      {state === 'manual' && (
        <input
          className="copy-fallback"
          readOnly
          aria-label="Link to this page with these settings"
          value={window.location.href}
          onFocus={(e) => e.currentTarget.select()}
          autoFocus
        />
      )}
    </>
  );
}

export function HyperPanel() {
  const slug = useStore((s) => s.slug);
  const profile = findChapter(slug)?.profile ?? 'forward';
  const resetHyper = useStore((s) => s.resetHyper);
  const requestRunAll = useStore((s) => s.requestRunAll);
  // Remounting the fields on Reset also clears refused text whose field already held the default.
  const [resets, setResets] = useState(0);
  const reset = () => {
    resetHyper(profile);
    setResets((n) => n + 1);
  };
  return (
    <section className="panel" aria-labelledby="hyper-title" data-testid="hyper-panel">
      <h2 id="hyper-title">Hyperparameters</h2>
      <div className="fields">
        {PROFILE_FIELDS[profile].map((f) => (
          <HyperField key={`${profile}-${f}-${resets}`} profile={profile} field={f} />
        ))}
      </div>
      <div className="panel-actions">
        <button type="button" onClick={reset} data-testid="reset">
          ↺ Reset to the tutorial’s values
        </button>
        <CopyLink />
        <button type="button" onClick={requestRunAll} data-testid="run-all">
          ▶▶ Run all cells
        </button>
      </div>
    </section>
  );
}
