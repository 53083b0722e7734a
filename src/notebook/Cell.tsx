/** The frame every live cell shares: Run button, status, timing, source and output. */
import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { placeOf } from '../runtime/edits/problem';
import { useStore } from '../state/store';
import { EmbedButton } from './EmbedDialog';
import { useEditKey } from './EditBar';
import { SourceView } from './SourceView';
import { useEmbedFigure, useHideSource, useReportError } from './useEmbedView';
import type { CellProblem, CellStatus } from './useCell';

export interface CellProps {
  title: string;
  /** Engine files the cell runs, relative to src/lstm/, shown as its source. */
  files: string[];
  status: CellStatus;
  ms: number | null;
  error: string | null;
  /** Inputs that re-run the cell when they change, listed for the reader; none: it runs only
   *  when asked. */
  depends: string[];
  onRun: () => void;
  runLabel?: string;
  /** The cell's stable id (embed routes and the host API name cells by it). */
  id?: string;
  /** The reader may edit the source and run it (the cell's engine hook runs the edits). */
  editable?: boolean;
  /**
   * Edits kept under another cell's key, with a line saying so: chapter 5's panels run on the
   * training cell's session, so an edit made in any of them is that session's.
   */
  editAs?: { key: string; note: string };
  /** The last failure, when it points into the reader's code. */
  problem?: CellProblem | null;
  /** The result on show came from the reader's edited code. */
  edited?: boolean;
  /** The editor opened: get the worker that runs edits ready. */
  onEditOpen?: () => void;
  /** What to try after a failure that is not in the reader's code (default: other settings). */
  errorHint?: string;
  /** An exercise: each file starts from (and resets to) this text, with the editor open. */
  startOf?: (file: string) => string | null;
  children?: ReactNode;
}

/** A failure in the reader's code, said with its place: "Syntax error in cell.ts, line 3, …". */
export function describeProblem(p: CellProblem): string {
  return placeOf(p.where) + p.message;
}

const STATUS_TEXT: Record<CellStatus, string> = {
  idle: 'idle',
  running: 'running…',
  done: 'done',
  error: 'error',
};

export function formatMs(ms: number): string {
  return ms < 1000 ? `${ms.toFixed(0)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function Cell(props: CellProps) {
  const { title, files, status, ms, error, depends, onRun, children, id } = props;
  const figure = useEmbedFigure();
  const embedded = useStore((s) => s.embed);
  const section = useRef<HTMLElement>(null);
  const hideSource = useHideSource();
  const ownKey = useEditKey(id);
  const editKey = props.editAs?.key ?? ownKey;
  useReportError(id, error);
  if (figure) {
    // An embedded figure: the cell still runs, but only its figure shows.
    return (
      <section
        className="cell cell-figure"
        data-status={status}
        data-cell-id={id}
        aria-label={title}
      >
        {error && (
          <div className="cell-error" role="alert">
            <strong>This cell failed.</strong> {error}
          </div>
        )}
        {children}
      </section>
    );
  }
  const onKeyDown = (e: KeyboardEvent) => {
    // The code editor runs the cell on Shift+Enter itself.
    if (e.key === 'Enter' && e.shiftKey && !e.defaultPrevented) {
      e.preventDefault();
      onRun();
    }
  };
  return (
    <section
      ref={section}
      className="cell"
      data-status={status}
      data-cell-id={id}
      onKeyDown={onKeyDown}
      aria-label={title}
    >
      <header className="cell-head">
        <button type="button" className="run-button" onClick={onRun} title="Run (Shift+Enter)">
          ▶ {props.runLabel ?? 'Run'}
        </button>
        <h3 className="cell-title">{title}</h3>
        {props.edited && status !== 'running' && (
          <span className="edited-badge" title="This result comes from your edited code">
            your code
          </span>
        )}
        {id && !embedded && (
          <EmbedButton cell={id} measure={() => section.current?.offsetHeight ?? 600} />
        )}
        <span className={`status status-${status}`} data-testid="cell-status">
          {STATUS_TEXT[status]}
          {status === 'done' && ms !== null && <> in {formatMs(ms)}</>}
        </span>
      </header>
      <p className="cell-deps">
        {depends.length > 0
          ? `Re-runs when these change: ${depends.join(', ')}.`
          : 'Runs only when you ask.'}{' '}
        Shift+Enter runs it.
      </p>
      {!hideSource && (
        <SourceView
          files={files}
          edit={
            props.editable && editKey
              ? {
                  cell: editKey,
                  onRun,
                  problem: props.problem ?? null,
                  onOpen: props.onEditOpen,
                  ...(props.editAs ? { note: props.editAs.note } : {}),
                  ...(props.startOf ? { originalOf: props.startOf, startEditing: true } : {}),
                }
              : undefined
          }
        />
      )}
      <div className="cell-out" aria-live="polite">
        {error && (
          <div className="cell-error" role="alert">
            <strong>This cell failed.</strong>{' '}
            {props.problem ? describeProblem(props.problem) : error}
            <div className="hint">
              {props.problem
                ? props.problem.where
                  ? 'The line is marked in the editor. Fix it and run again, or reset the file.'
                  : 'Fix your code and run again, or reset it.'
                : (props.errorHint ??
                  'Try other hyperparameters, the CPU backend, or Reset; the rest of the page still works.')}
            </div>
          </div>
        )}
        {children}
      </div>
    </section>
  );
}
