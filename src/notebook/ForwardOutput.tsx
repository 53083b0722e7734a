/** Both LSTMs' outputs side by side: shapes, sums, first values, and whether they agree. */
import type { ForwardResult, TensorSummary } from '../lstm/experimentTypes';
import type { BackendInfo } from '../state/slices/runtimeSlice';
import { fmtF32, fmtShape, preview } from './format';
import { MatchBadge } from './MatchBadge';
import { forwardTolerance } from './tolerance';
import { PYTHON_SUM_TOLERANCE } from './tutorialNumbers';
import { formatMs } from './Cell';

interface Props {
  result: ForwardResult;
  backend: BackendInfo | null;
  /** What Python printed for the first output's sum, when the settings are the tutorial's. */
  pythonSum: number | null;
}

interface RowProps {
  c: TensorSummary;
  l: TensorSummary | undefined;
  pythonCol: boolean;
  python: number | null;
}

function Row({ c, l, pythonCol, python }: RowProps) {
  return (
    <tr>
      <th scope="row">
        <code>{c.name}</code>
      </th>
      <td>
        <code>{fmtShape(c.shape)}</code>
        {l && fmtShape(l.shape) !== fmtShape(c.shape) && (
          <span className="warn"> (library {fmtShape(l.shape)})</span>
        )}
      </td>
      <td className="num" data-testid={`sum-custom-${c.name}`}>
        {fmtF32(c.sum)}
      </td>
      <td className="num" data-testid={`sum-library-${c.name}`}>
        {l ? fmtF32(l.sum) : '—'}
      </td>
      {pythonCol && python === null && <td className="num python">—</td>}
      {pythonCol && python !== null && (
        <td className="num python">
          {fmtF32(python)}{' '}
          {Math.abs(c.sum - python) <= PYTHON_SUM_TOLERANCE ? (
            <span className="ok-text" data-testid={`python-match-${c.name}`} data-match="true">
              ✓
            </span>
          ) : (
            <span className="bad-text" data-testid={`python-match-${c.name}`} data-match="false">
              ≠
            </span>
          )}
        </td>
      )}
    </tr>
  );
}

export function ForwardOutput({ result, backend, pythonSum }: Props) {
  const tol = backend ? forwardTolerance(backend) : null;
  const first = result.custom[0];
  return (
    <div className="forward-output">
      <div className="result-line">
        {tol !== null && (
          <MatchBadge diff={result.maxAbsDiff} tolerance={tol} what="Every output" />
        )}
        <span className="muted">
          custom {formatMs(result.customMs)} · library {formatMs(result.libraryMs)}
        </span>
      </div>
      <div className="table-wrap">
        <table className="numbers">
          <thead>
            <tr>
              <th scope="col">output</th>
              <th scope="col">shape</th>
              <th scope="col">custom sum</th>
              <th scope="col">tf.layers.lstm sum</th>
              {pythonSum !== null && <th scope="col">Python printed</th>}
            </tr>
          </thead>
          <tbody>
            {result.custom.map((c, k) => (
              <Row
                key={c.name}
                c={c}
                l={result.library.find((l) => l.name === c.name)}
                pythonCol={pythonSum !== null}
                python={k === 0 ? pythonSum : null}
              />
            ))}
          </tbody>
        </table>
      </div>
      {first && (
        <p className="preview">
          <code>{first.name}</code> starts custom {preview(first.values)}, library{' '}
          {preview(result.library[0]?.values ?? [])}
        </p>
      )}
    </div>
  );
}
