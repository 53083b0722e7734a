/**
 * The Performance chapter's live benchmark: one `bench.run` to the engine worker, its progress
 * folded in run by run, and Cancel. Never runs by itself on load (it costs seconds): only Run,
 * or a Run-all, starts it. A cancelled run keeps the medians of the runs that finished.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BenchConfig, BenchRow } from '../lstm/bench/types';
import type { Backend, BackendInfo } from '../lstm/experimentTypes';
import { EngineError } from '../runtime/client';
import { request } from '../runtime/host';
import { store } from '../state/store';
import { describeError } from './useCell';

export type BenchStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface BenchState {
  status: BenchStatus;
  /** The latest median of every implementation timed so far, in the order they first came. */
  rows: BenchRow[];
  done: number;
  total: number;
  error: string | null;
  /** Wall time of the last finished run, request to answer. */
  ms: number | null;
  info: BackendInfo | null;
  /** What the run on show asked for. */
  config: BenchConfig | null;
  /** The round trip's median on this device (`LiveBenchResult`), once a run is done. */
  roundTripMs: number | null;
}

const IDLE: BenchState = {
  status: 'idle',
  rows: [],
  done: 0,
  total: 0,
  error: null,
  ms: null,
  info: null,
  config: null,
  roundTripMs: null,
};

const sameRow = (a: BenchRow, b: BenchRow) =>
  a.impl === b.impl && a.size === b.size && a.op === b.op;

/** `rows` with `row` in place of the one of the same impl, size and op (or appended). */
export function withRow(rows: readonly BenchRow[], row: BenchRow): BenchRow[] {
  const k = rows.findIndex((r) => sameRow(r, row));
  return k < 0 ? [...rows, row] : rows.map((r, j) => (j === k ? row : r));
}

export function useBench(backend: Backend) {
  const [state, setState] = useState<BenchState>(IDLE);
  const controller = useRef<AbortController | null>(null);

  const cancel = useCallback(() => controller.current?.abort(), []);
  useEffect(() => cancel, [cancel]);

  const run = useCallback(
    async (config: BenchConfig) => {
      controller.current?.abort();
      const mine = new AbortController();
      controller.current = mine;
      const t0 = performance.now();
      setState({ ...IDLE, status: 'running', config });
      try {
        const reply = await request(
          backend,
          { kind: 'bench.run', backend, config },
          {
            signal: mine.signal,
            onBenchProgress: (p) =>
              setState((s) => ({
                ...s,
                done: p.done,
                total: p.total,
                rows: p.row ? withRow(s.rows, p.row) : s.rows,
              })),
          },
        );
        if (controller.current !== mine) return;
        store.getState().setBackendInfo(reply.info);
        setState((s) => ({
          ...s,
          status: 'done',
          rows: reply.result.rows,
          roundTripMs: reply.result.roundTripMs,
          done: s.total,
          info: reply.info,
          ms: performance.now() - t0,
        }));
      } catch (e) {
        if (controller.current !== mine) return; // A newer run took over.
        const cancelled = e instanceof EngineError && e.code === 'cancelled';
        setState((s) => ({
          ...s,
          status: cancelled ? 'cancelled' : 'error',
          error: cancelled ? null : describeError(e),
        }));
      }
    },
    [backend],
  );

  return { state, run, cancel };
}
