/**
 * Predict, then reveal: the reader picks an answer and commits to it; only then does the engine
 * run and show what really happens, with the settings on the page. Trying again after changing a
 * setting asks the engine again.
 */
import { useId, useState } from 'react';
import { store, useStore } from '../state/store';
import { Cell } from './Cell';
import { useEditKey } from './EditBar';
import { questionById, type LiveAnswer } from './questions';
import { useCell } from './useCell';

export function PredictCell({ id }: { id: string }) {
  const q = questionById(id);
  const key = useEditKey(id)!;
  const name = useId();
  const [choice, setChoice] = useState<string | null>(null);
  const [committed, setCommitted] = useState<string | null>(null);
  const record = useStore((s) => s.questions[key]);
  const cell = useCell<LiveAnswer | null>(async (signal) => {
    if (!q) throw new Error(`No question ${id}.`);
    if (committed === null) return null; // Nothing is computed before the reader commits.
    const answer = await q.answer(store.getState(), { signal });
    store.getState().recordAnswer(key, committed, answer.value === committed);
    return answer;
  }, `${committed}`);
  if (!q) return null;
  const answer = committed !== null && cell.status === 'done' ? cell.result : null;
  const label = (v: string) => q.choices.find((c) => c.value === v)?.label ?? v;
  return (
    <Cell
      title="Predict, then see"
      id={id}
      files={[]}
      status={cell.status}
      ms={cell.ms}
      error={cell.error}
      depends={['your prediction (Ask again uses the settings now on the page)']}
      onRun={() => committed !== null && cell.run()}
      runLabel="Ask again"
    >
      <fieldset className="predict" disabled={committed !== null}>
        <legend>{q.prompt}</legend>
        {q.choices.map((c) => (
          <label key={c.value}>
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={choice === c.value}
              onChange={() => setChoice(c.value)}
            />{' '}
            {c.label}
          </label>
        ))}
      </fieldset>
      {committed === null ? (
        <button
          type="button"
          className="predict-commit"
          disabled={choice === null}
          onClick={() => setCommitted(choice)}
        >
          Commit to my prediction
        </button>
      ) : (
        <button
          type="button"
          onClick={() => {
            setCommitted(null);
            setChoice(null);
          }}
        >
          Predict again
        </button>
      )}
      {committed !== null && cell.status === 'running' && <p className="muted">{q.working}</p>}
      {answer && (
        <div
          className="predict-answer"
          data-testid="predict-answer"
          data-correct={answer.value === committed}
          data-value={answer.value}
          role="status"
        >
          <p className={answer.value === committed ? 'verdict-ok' : 'verdict-bad'}>
            {answer.value === committed
              ? '✓ You called it: '
              : `✗ You said “${label(committed!)}”; it is `}
            {answer.value === committed ? label(answer.value) : `“${label(answer.value)}”.`}
          </p>
          <p>{answer.detail}</p>
        </div>
      )}
      {record && (
        <p className="muted" data-testid="predict-record">
          Answered {record.attempts} time{record.attempts === 1 ? '' : 's'}; last prediction{' '}
          {record.correct ? 'right' : 'wrong'}.
        </p>
      )}
    </Cell>
  );
}
