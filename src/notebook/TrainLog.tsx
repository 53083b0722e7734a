/** The two Keras-style training logs, side by side, live while training runs. */
import { useEffect, useRef } from 'react';
import type { ModelKind } from '../lstm/experimentTypes';
import { useStore } from '../state/store';
import { kerasLog } from './kerasLog';

const TITLES: Record<ModelKind, string> = {
  custom: 'Hand-written LSTM',
  library: 'tf.layers.lstm',
};

function Log({ model }: { model: ModelKind }) {
  const progress = useStore((s) => s.training.models[model]);
  const lines = kerasLog(progress);
  const pre = useRef<HTMLPreElement>(null);
  // Follow the newest line, as a terminal does.
  useEffect(() => {
    if (pre.current) pre.current.scrollTop = pre.current.scrollHeight;
  }, [lines.length]);
  return (
    <figure className="keras-log">
      <figcaption>{TITLES[model]}</figcaption>
      <pre
        ref={pre}
        tabIndex={0}
        aria-label={`Training log of the ${TITLES[model]}`}
        data-testid={`log-${model}`}
      >
        {lines.length > 0 ? lines.join('\n') : 'waiting…'}
      </pre>
    </figure>
  );
}

export function TrainLog() {
  return (
    <div className="keras-logs">
      <Log model="custom" />
      <Log model="library" />
    </div>
  );
}
