/**
 * The life of one cell: run on mount, on the Run button / Shift+Enter, on Run-all, and again
 * (debounced) when the inputs it depends on change. Only the newest run may write its result;
 * an older one is aborted (its request cancelled in the engine worker), so fast slider moves never
 * show stale numbers and never queue up stale work.
 */
import { startTransition, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { codeProblemOf, type CodeProblem } from '../runtime/edits/problem';
import { useStore } from '../state/store';

export type CellStatus = 'idle' | 'running' | 'done' | 'error';

/** A failure of the reader's edited code, with its place when the engine knows it. */
export type CellProblem = CodeProblem;

export interface CellState<T> {
  status: CellStatus;
  result: T | null;
  error: string | null;
  /** Where in the reader's edited code the last run failed, when it did. */
  problem: CellProblem | null;
  /** Wall time of the last finished run, from request to answer. */
  ms: number | null;
}

export interface CellHandle<T> extends CellState<T> {
  run: () => void;
}

/** How long a hyperparameter must stay still before dependent cells re-run. */
export const RERUN_DEBOUNCE_MS = 400;

const problemOf = (e: unknown): CellProblem | null => codeProblemOf(e) ?? null;

export function describeError(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

/**
 * When a cell runs by itself: on mount right away, again once its inputs (`key`) settle, and on
 * Run-all. An unchanged key means React re-mounted the cell (as StrictMode does in development):
 * that runs right away too. `run` must be stable.
 */
export function useAutoRun(key: string, run: () => void): void {
  const lastKey = useRef<string | null>(null);
  useEffect(() => {
    const immediate = lastKey.current === null || lastKey.current === key;
    lastKey.current = key;
    const timer = setTimeout(run, immediate ? 0 : RERUN_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, run]);

  const runAllNonce = useStore((s) => s.runAllNonce);
  const seenNonce = useRef(runAllNonce);
  useEffect(() => {
    if (runAllNonce !== seenNonce.current) {
      seenNonce.current = runAllNonce;
      run();
    }
  }, [runAllNonce, run]);
}

export function useCell<T>(
  job: (signal: AbortSignal) => Promise<T>,
  /** A stable string of everything the job reads; a change schedules a re-run. */
  depsKey: string,
): CellHandle<T> {
  const [state, setState] = useState<CellState<T>>({
    status: 'idle',
    result: null,
    error: null,
    problem: null,
    ms: null,
  });
  const jobRef = useRef(job);
  useLayoutEffect(() => {
    jobRef.current = job;
  });
  const current = useRef<AbortController | null>(null);

  const run = useCallback(() => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState((s) => ({ ...s, status: 'running', error: null, problem: null }));
    const t0 = performance.now();
    jobRef.current(controller.signal).then(
      (result) => {
        if (current.current !== controller) return;
        const ms = performance.now() - t0;
        // Drawing a result (tables, six heatmaps) is a transition: React renders it in slices and
        // yields to input in between, instead of one long task.
        startTransition(() => setState({ status: 'done', result, error: null, problem: null, ms }));
      },
      (e: unknown) => {
        if (current.current !== controller) return;
        setState((s) => ({
          ...s,
          status: 'error',
          error: describeError(e),
          problem: problemOf(e),
          ms: null,
        }));
      },
    );
  }, []);

  useAutoRun(depsKey, run);

  // Leaving the page stops whatever this cell still has in flight.
  useEffect(() => () => current.current?.abort(), []);

  return { ...state, run };
}
