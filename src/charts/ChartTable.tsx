import { useState } from 'react';
import './charts.css';

/** Props of the data-table alternative that every chart carries. */
export interface ChartTableProps {
  /** Says what the table holds, e.g. "Forget gate f, sample 0: units × time steps". */
  caption: string;
  columns: readonly string[];
  /** Built only when the table is shown, so a large trace costs nothing while it is folded. */
  rows: () => readonly (readonly (string | number)[])[];
  /** 'toggle' (default): a "Show data table" disclosure anyone can open. 'hidden': for screen
   *  readers only, always present, visually hidden. */
  mode?: 'toggle' | 'hidden';
  /** Text of the disclosure. */
  summary?: string;
  /** Header cell of each row (first column) is a row header. */
  rowHeaders?: boolean;
}

/** The data behind a chart as a plain table: the accessible alternative to the picture. */
export function ChartTable({
  caption,
  columns,
  rows,
  mode = 'toggle',
  summary = 'Data table',
  rowHeaders = true,
}: ChartTableProps) {
  const [open, setOpen] = useState(false);
  const table = (
    <div className="chart-table-scroll">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows().map((row, r) => (
            <tr key={r}>
              {row.map((cell, k) =>
                k === 0 && rowHeaders ? (
                  <th key={k} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={k}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  if (mode === 'hidden') return <div className="visually-hidden">{table}</div>;
  return (
    <details className="chart-table" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{summary}</summary>
      {open ? table : null}
    </details>
  );
}
