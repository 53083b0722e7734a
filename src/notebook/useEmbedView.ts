/**
 * What an embed route asks of the notebook's cells: which figure to show alone, whether to hide
 * the source views, and a way to report each run's verdict to the host page (through the store).
 */
import { useEffect, useRef } from 'react';
import type { ResultValues } from '../embed/hostApi';
import { store, useStore } from '../state/store';

/** The figure an embed shows alone, or null (the whole cell, chapter or page). */
export function useEmbedFigure(): string | null {
  return useStore((s) => (s.embedView?.target.kind === 'figure' ? s.embedView.target.id : null));
}

export function useHideSource(): boolean {
  return useStore((s) => s.embedView?.hide.includes('source') ?? false);
}

/**
 * Record a cell's verdict after each run: `run` is the run's own result object (a new one per
 * run, even with the same numbers), `values` what to tell the host about it (null: nothing yet).
 */
export function useReportResult(
  cell: string | undefined,
  run: unknown,
  values: ResultValues | null,
): void {
  const latest = useRef(values);
  latest.current = values;
  useEffect(() => {
    if (cell && run && latest.current) store.getState().setResult(cell, latest.current);
  }, [cell, run]);
}

/** Record a cell's failure for the host (the cell shows it in place itself). */
export function useReportError(cell: string | undefined, error: string | null): void {
  useEffect(() => {
    if (cell && error) store.getState().setCellError(cell, error);
  }, [cell, error]);
}
