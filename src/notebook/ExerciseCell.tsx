/**
 * A "your turn" cell: a real engine file with a gap, an editor open on it, and Check, which runs
 * the learner's version in the scratch worker against tf.layers.lstm on several shapes. It shows
 * pass or fail per shape with max |Δ| and where the two part ways, a hint, and the answer.
 */
import { useRef, useState } from 'react';
import { sourceHash } from '../state/slices/editsSlice';
import { store, useStore } from '../state/store';
import { Cell } from './Cell';
import { useEditKey } from './EditBar';
import { answerOf, exerciseById, templateOf } from './exercises/defs';
import { checkExercise, type CheckReport } from './exercises/check';
import { sourceOf } from './sources';
import { useCell } from './useCell';

export function ExerciseCell({ id }: { id: string }) {
  const ex = exerciseById(id);
  const hyper = useStore((s) => s.hyper.forward);
  const key = useEditKey(id)!;
  const progress = useStore((s) => s.exercises[key]);
  const [hint, setHint] = useState(false);
  const [shown, setShown] = useState(false);
  /** Set once the reader presses Check: opening the page does not check anything. */
  const checking = useRef(false);
  const cell = useCell<CheckReport | null>(async (signal) => {
    if (!ex) throw new Error(`No exercise ${id}.`);
    const state = store.getState();
    const text = state.edits[key]?.[ex.file]?.text ?? templateOf(ex);
    if (text === null) throw new Error(`src/lstm/${ex.file} has no gap for this exercise.`);
    // The first run on opening the page only shows the task; checking is the reader's move.
    if (!checking.current) return null;
    const report = await checkExercise(ex, state.hyper.forward, { [ex.file]: text }, { signal });
    state.recordCheck(key, report.passed);
    return report;
  }, JSON.stringify(hyper));
  if (!ex) return null;
  const template = (f: string) => (f === ex.file ? templateOf(ex) : null);
  const check = () => {
    checking.current = true;
    cell.run();
  };
  const report = cell.result;
  return (
    <Cell
      title={ex.title}
      id={id}
      files={[ex.file]}
      status={cell.status}
      ms={cell.ms}
      error={cell.error}
      depends={['your code (on Check)', 'the hyperparameters above']}
      onRun={check}
      runLabel="Check"
      editable
      problem={cell.problem}
      startOf={template}
    >
      <div className="exercise-tools">
        <button type="button" onClick={() => setHint((h) => !h)} aria-expanded={hint}>
          {hint ? 'Hide the hint' : 'Hint'}
        </button>
        <button
          type="button"
          onClick={() => {
            setShown(true);
            const { recordReveal, setEdit } = store.getState();
            recordReveal(key);
            // The whole file as the engine has it: the gap filled with the real lines.
            setEdit(key, ex.file, {
              text: sourceOf(ex.file) ?? '',
              base: sourceHash(templateOf(ex) ?? ''),
            });
          }}
          data-testid="exercise-reveal"
        >
          Reveal the answer
        </button>
        <span className="exercise-progress" data-testid="exercise-progress">
          {progress?.passed
            ? `Passed${progress.revealed ? ' (after the reveal)' : ''} · ${progress.attempts} check${progress.attempts === 1 ? '' : 's'}`
            : progress
              ? `Not passed yet · ${progress.attempts} check${progress.attempts === 1 ? '' : 's'}`
              : 'Not checked yet'}
        </span>
      </div>
      {hint && <p className="exercise-hint">{ex.hint}</p>}
      {shown && (
        <div className="exercise-answer">
          <p>The engine’s own lines, now in the editor (Check runs them):</p>
          <pre className="source">
            <code>{answerOf(ex)}</code>
          </pre>
        </div>
      )}
      {report && <CheckTable report={report} />}
      {!report && cell.status !== 'running' && !cell.error && (
        <p className="muted">Fill the gap in the editor, then press Check (or Shift+Enter).</p>
      )}
    </Cell>
  );
}

const exp = (v: number) =>
  v === 0 ? '0' : Number.isFinite(v) ? v.toExponential(2) : 'no match (outputs differ)';

function CheckTable({ report }: { report: CheckReport }) {
  return (
    <div className="exercise-report" data-testid="exercise-report" data-passed={report.passed}>
      <p className={report.passed ? 'verdict-ok' : 'verdict-bad'}>
        {report.passed
          ? `✓ Passed: your version matches tf.layers.lstm on all ${report.runs.length} runs.`
          : `✗ Not yet: ${report.runs.filter((r) => !r.passed).length} of ${report.runs.length} runs differ from tf.layers.lstm.`}
      </p>
      <table className="exercise-runs">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">max |Δ|</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {report.runs.map((r) => (
            <tr key={r.label} data-passed={r.passed}>
              <td>{r.label}</td>
              <td className="num">{exp(r.maxDiff)}</td>
              <td>{r.passed ? 'matches' : (r.departs ?? 'the output differs')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
