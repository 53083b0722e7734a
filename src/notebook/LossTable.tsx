/** Epoch losses of both models in two columns, their sums, and what Python printed. */
import { useStore } from '../state/store';
import { fmt } from './format';
import { MatchBadge } from './MatchBadge';
import { trainingTolerance } from './tolerance';
import {
  PYTHON_EPOCH_DIGITS,
  PYTHON_EPOCH_LOSSES,
  PYTHON_LOSS_SUM,
  PYTHON_SUM_TOLERANCE,
} from './tutorialNumbers';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

export function LossTable({ showPython }: { showPython: boolean }) {
  const custom = useStore((s) => s.training.models.custom.epochLosses);
  const library = useStore((s) => s.training.models.library.epochLosses);
  const status = useStore((s) => s.training.status);
  const backend = useStore((s) => s.backendInfo);
  const rows = Math.max(custom.length, library.length);
  const finished = status === 'done' && custom.length === library.length && rows > 0;
  const maxDiff = finished
    ? Math.max(...custom.map((c, k) => Math.abs(c - (library[k] ?? NaN))))
    : NaN;
  const tol = backend ? trainingTolerance(backend) : null;

  return (
    <div className="loss-table">
      {finished && tol !== null && (
        <div className="result-line">
          <MatchBadge diff={maxDiff} tolerance={tol} what="Epoch losses" />
        </div>
      )}
      <div className="table-wrap">
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col">epoch</th>
              <th scope="col">custom loss</th>
              <th scope="col">tf.layers.lstm loss</th>
              <th scope="col">|Δ|</th>
              {showPython && <th scope="col">Python printed</th>}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, k) => (
              <tr key={k}>
                <th scope="row">{k + 1}</th>
                <td className="num">{custom[k] === undefined ? '…' : fmt(custom[k])}</td>
                <td className="num">{library[k] === undefined ? '…' : fmt(library[k])}</td>
                <td className="num">
                  {custom[k] !== undefined && library[k] !== undefined
                    ? Math.abs(custom[k] - library[k]).toExponential(1)
                    : ''}
                </td>
                {showPython && (
                  <td className="num python">
                    {PYTHON_EPOCH_LOSSES[k]?.toFixed(PYTHON_EPOCH_DIGITS) ?? '—'}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
          {finished && (
            <tfoot>
              <tr>
                <th scope="row">sum</th>
                <td className="num" data-testid="loss-sum-custom">
                  {fmt(sum(custom), 10)}
                </td>
                <td className="num" data-testid="loss-sum-library">
                  {fmt(sum(library), 10)}
                </td>
                <td className="num">{Math.abs(sum(custom) - sum(library)).toExponential(1)}</td>
                {showPython && (
                  <td className="num python">
                    {fmt(PYTHON_LOSS_SUM, 16)}{' '}
                    {Math.abs(sum(custom) - PYTHON_LOSS_SUM) <= PYTHON_SUM_TOLERANCE ? (
                      <span className="ok-text">✓</span>
                    ) : (
                      <span className="bad-text">≠</span>
                    )}
                  </td>
                )}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}
