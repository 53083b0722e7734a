/** The benchmark cell's progress bar and its ratio table (yours beside the reference). */
import { formatRatio, formatSpeedup, libraryMs, type RatioRow } from '../charts/benchData';
import type { BenchOp, BenchRow } from '../lstm/bench/types';
import { formatMs } from './Cell';

/** What the reference column is called, in the table, the chart and the note under them. */
export const REFERENCE_LABEL = 'measured here';

const OP_TEXT: Record<BenchOp, string> = { forward: 'forward', 'train-step': 'training step' };

export function BenchProgress({ done, total }: { done: number; total: number }) {
  const pct = total > 0 ? Math.round((100 * done) / total) : 0;
  return (
    <div className="perf-progress">
      <div
        className="perf-progress-bar"
        role="progressbar"
        aria-label="Benchmark progress"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} runs`}
      >
        <div className="perf-progress-fill" style={{ width: `${pct}%` }} />
      </div>
      <span className="perf-progress-text">
        {done} of {total || '…'} runs
      </span>
    </div>
  );
}

export function RatioTable({
  rows,
  yours,
  reference,
}: {
  rows: readonly RatioRow[];
  yours: readonly BenchRow[];
  reference: readonly BenchRow[];
}) {
  const groups = [...new Set(rows.map((r) => `${r.size}/${r.op}`))];
  return (
    <table className="perf-table">
      <caption>
        Each implementation’s median time ÷ tf.layers.lstm’s (below 1 is faster; speed-up is the
        inverse), on your device and {REFERENCE_LABEL}.
      </caption>
      <thead>
        <tr>
          <th scope="col">size, op</th>
          <th scope="col">library median, yours / here</th>
          <th scope="col">impl</th>
          <th scope="col">yours ÷ library</th>
          <th scope="col">your speed-up</th>
          <th scope="col">here ÷ library</th>
          <th scope="col">speed-up here</th>
        </tr>
      </thead>
      <tbody>
        {groups.flatMap((g) => {
          const inGroup = rows.filter((r) => `${r.size}/${r.op}` === g);
          const first = inGroup[0]!;
          const mine = libraryMs(yours, first.size, first.op);
          const here = libraryMs(reference, first.size, first.op);
          return inGroup.map((r, k) => (
            <tr key={`${g}/${r.impl}`} data-impl={r.impl} data-size={r.size} data-op={r.op}>
              {k === 0 && (
                <>
                  <th scope="rowgroup" rowSpan={inGroup.length}>
                    {r.size}, {OP_TEXT[r.op]}
                  </th>
                  <td rowSpan={inGroup.length}>
                    {mine === null ? '–' : formatMs(mine)} / {here === null ? '–' : formatMs(here)}
                  </td>
                </>
              )}
              <th scope="row">{r.impl}</th>
              <td className="num" data-col="yours">
                {formatRatio(r.yours)}
              </td>
              <td className="num">{formatSpeedup(r.yours)}</td>
              <td className="num" data-col="reference">
                {formatRatio(r.reference)}
              </td>
              <td className="num">{formatSpeedup(r.reference)}</td>
            </tr>
          ));
        })}
      </tbody>
    </table>
  );
}
