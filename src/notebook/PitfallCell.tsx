/**
 * Chapter 5's optimizer pitfall, measured on the reader's backend: the hand-written model trained
 * from the same weights on the same batches with Keras' RMSprop and with tfjs' `tf.train.rmsprop`,
 * epsilon left unset. The table shows where the two histories part and how far each sum lands
 * from what Python printed.
 */
import { isTutorialSetting } from '../state/hyperparams';
import { useStore } from '../state/store';
import { Cell } from './Cell';
import { fmt } from './format';
import { LoadingNote } from './LoadingNote';
import { TRAIN_DEPENDS, trainConfigOf } from './trainTarget';
import { PYTHON_EPOCH_DIGITS, PYTHON_EPOCH_LOSSES, PYTHON_LOSS_SUM } from './tutorialNumbers';
import { useEngineCell } from './useEngineCell';
import { useEditKey } from './EditBar';
import { trainingBusy, untilTrainingSettles, useStepAsideForTraining } from './useTraining';
import { useReportResult } from './useEmbedView';

const FILES = ['train/pitfall.ts', 'train/optimizers.ts', 'train/rmsprop.ts'];
// The comparison picks its own optimizers: the reader's choice does not re-run it.
const DEPENDS = TRAIN_DEPENDS.filter((d) => d !== 'optimizer');

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toExponential(2)}`;

export function PitfallCell({ title, id }: { title: string; id: string }) {
  const hyper = useStore((s) => s.hyper.training);
  // The comparison picks its own two optimizers: the reader's choice above does not change it.
  const { optimizer: _chosen, ...config } = trainConfigOf(hyper);
  // Two more training runs: they wait until the reader's own run above stands still.
  const cell = useEngineCell(
    'optimizers',
    hyper.backend,
    config,
    untilTrainingSettles,
    useEditKey(id),
  );
  useStepAsideForTraining(cell.status === 'running', cell.run);
  // The gate's own test: after a run that failed before it began, the comparison is computing.
  const waiting = useStore(trainingBusy);
  const showPython =
    hyper.seeding === 'tf27' && isTutorialSetting({ ...hyper, optimizer: 'rmsprop' }, 'training');
  const r = cell.result;
  const keras = r ? sum(r.keras.epochLosses) : NaN;
  const tfjs = r ? sum(r.tfjs.epochLosses) : NaN;
  const rows = r ? Math.max(r.keras.epochLosses.length, r.tfjs.epochLosses.length) : 0;
  // For a host: the two sums, and the gap the pitfall opens (no match is expected here).
  useReportResult(
    id,
    r,
    r ? { sums: { keras, tfjs }, maxDiff: Math.abs(tfjs - keras), match: false } : null,
  );

  return (
    <Cell
      title={title}
      id={id}
      files={FILES}
      status={cell.status}
      ms={cell.ms}
      error={cell.error}
      depends={DEPENDS}
      onRun={cell.run}
      editable
      problem={cell.problem}
      edited={cell.edited}
      onEditOpen={cell.prepareEdits}
    >
      {!r && cell.status === 'running' && waiting && (
        <p className="muted" data-testid="pitfall-waiting">
          Waiting for the training run above: the engine trains one run at a time.
        </p>
      )}
      {!r && cell.status === 'running' && !waiting && <LoadingNote />}
      {r && (
        <div data-testid="pitfall" data-keras-sum={keras} data-tfjs-sum={tfjs}>
          <p data-testid="pitfall-summary">
            tf.train.rmsprop (epsilon {r.tfjsEpsilon}, inside the root) sums to{' '}
            <strong>{fmt(tfjs)}</strong>, Keras’ RMSprop to <strong>{fmt(keras)}</strong>: a gap of{' '}
            <strong data-testid="pitfall-gap">{signed(tfjs - keras)}</strong>.
            {showPython && (
              <>
                {' '}
                From the {fmt(PYTHON_LOSS_SUM)} Python printed, Keras’ RMSprop lands{' '}
                {signed(keras - PYTHON_LOSS_SUM)} away and tfjs’ {signed(tfjs - PYTHON_LOSS_SUM)}.
              </>
            )}
          </p>
          <div className="table-wrap">
            <table className="numbers" data-testid="pitfall-table">
              <thead>
                <tr>
                  <th scope="col">epoch</th>
                  <th scope="col">Keras RMSprop</th>
                  <th scope="col">tf.train.rmsprop</th>
                  <th scope="col">tfjs − Keras</th>
                  {showPython && <th scope="col">Python printed</th>}
                </tr>
              </thead>
              <tbody>
                {Array.from({ length: rows }, (_, k) => {
                  const a = r.keras.epochLosses[k];
                  const b = r.tfjs.epochLosses[k];
                  return (
                    <tr key={k}>
                      <th scope="row">{k + 1}</th>
                      <td className="num">{a === undefined ? '—' : fmt(a)}</td>
                      <td className="num">{b === undefined ? '—' : fmt(b)}</td>
                      <td className="num">
                        {a !== undefined && b !== undefined ? signed(b - a) : ''}
                      </td>
                      {showPython && (
                        <td className="num python">
                          {PYTHON_EPOCH_LOSSES[k]?.toFixed(PYTHON_EPOCH_DIGITS) ?? '—'}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">sum</th>
                  <td className="num">{fmt(keras)}</td>
                  <td className="num" data-testid="pitfall-tfjs-sum">
                    {fmt(tfjs)}
                  </td>
                  <td className="num">{signed(tfjs - keras)}</td>
                  {showPython && <td className="num python">{fmt(PYTHON_LOSS_SUM)}</td>}
                </tr>
              </tfoot>
            </table>
          </div>
          {(r.keras.diverged || r.tfjs.diverged) && (
            <p className="bad-text">
              {r.keras.diverged ? 'Keras’ RMSprop' : 'tf.train.rmsprop'} hit a NaN or infinite loss
              and stopped there.
            </p>
          )}
        </div>
      )}
    </Cell>
  );
}
