/**
 * The Performance chapter's live cell: time tf.layers.lstm, the chapters' readable layer, the
 * fused layer and the floor on the reader's device (in the engine worker, on the backend picked
 * in the badge), and show each one's time as a fraction of the library's, beside the same ratios
 * measured on this project's machine.
 */
import { useEffect, useRef, useState } from 'react';
import { BenchChart } from '../charts/BenchChart';
import { ratioCsv, ratioRows } from '../charts/benchData';
import { ExportButtons } from '../charts/ExportButtons';
import { useParentSize } from '../charts/useParentSize';
import {
  BENCH_LIMITS,
  BENCH_SIZES,
  LIVE_READBACKS,
  LIVE_SIZES,
  type BenchConfig,
  type BenchRow,
  type LiveReadBack,
  type LiveSize,
} from '../lstm/bench/types';
import reference from '../../content/performance-reference.json';
import { useStore } from '../state/store';
import { Cell } from './Cell';
import { BenchProgress, RatioTable, REFERENCE_LABEL } from './BenchTable';
import { useBench } from './useBench';
import { useReportResult } from './useEmbedView';
import './perf.css';

const REFERENCE_ROWS = reference.rows as BenchRow[];
/** The code that runs: the live loop, the timing core, and what it times. */
export const PERF_FILES = ['bench/live.ts', 'bench/timing.ts', 'bench/workloads.ts'];

const READBACK_LABEL: Record<LiveReadBack, string> = {
  async: 'await data(), as the notebook does (waits on the browser’s timers)',
  sync: 'dataSync(), which blocks the engine worker until the GPU is done (not the page)',
};

const sizeText = (s: LiveSize) => {
  const { batch, time, features, units } = BENCH_SIZES[s];
  return `${s} (batch ${batch}, ${time} steps, ${features} features, ${units} units)`;
};

/** The reps field's text as a number within bounds, or the message saying why not. */
export function parseReps(text: string): { reps: number } | { error: string } {
  const [min, max] = BENCH_LIMITS.reps;
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    return { error: `Repetitions must be a whole number from ${min} to ${max}.` };
  }
  return { reps: n };
}

/**
 * What the round trip (one trivial program and its read-back) means for the reader's numbers:
 * no run can take less, so at tutorial size no implementation can be more than library ÷ round
 * trip times as fast as the library on this device.
 */
export function roundTripText(rows: readonly BenchRow[], roundTripMs: number): string {
  const ms = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(1));
  const said = `A round trip, one trivial program and its read-back, took ${ms(roundTripMs)} ms on your device`;
  const library = rows.find(
    (r) => r.impl === 'library' && r.size === 'tutorial' && r.op === 'forward',
  );
  if (!library || !(roundTripMs > 0)) return `${said}: no run can take less.`;
  const most = library.medianMs / roundTripMs;
  return (
    `${said}: no run can take less, so at tutorial size no implementation could be more than ` +
    `${most.toFixed(1)} times as fast as the library's forward (${ms(library.medianMs)} ms) here.`
  );
}

export function PerfCell({ title, id }: { title: string; id: string }) {
  const backend = useStore((s) => s.hyper.forward.backend);
  const { state, run, cancel } = useBench(backend);
  const [sizes, setSizes] = useState<LiveSize[]>(['tutorial', 'medium']);
  const [train, setTrain] = useState(false);
  const [repsText, setRepsText] = useState('5');
  const [readBack, setReadBack] = useState<LiveReadBack>('async');
  const parsed = parseReps(repsText);
  const fieldError = 'error' in parsed ? parsed.error : sizes.length === 0 ? 'Pick a size.' : null;
  const svgRef = useRef<SVGSVGElement>(null);
  const { ref, width } = useParentSize<HTMLDivElement>(640, 300);

  const config: BenchConfig | null =
    'reps' in parsed && sizes.length > 0
      ? {
          sizes: LIVE_SIZES.filter((s) => sizes.includes(s)),
          ops: train ? ['forward', 'train-step'] : ['forward'],
          reps: parsed.reps,
          readBack,
        }
      : null;
  const start = () => {
    if (config && state.status !== 'running') void run(config);
  };

  // A Run-all (the host page's `run`, or the reader's) runs it too, with the settings on show.
  const runAllNonce = useStore((s) => s.runAllNonce);
  const seenNonce = useRef(runAllNonce);
  const startRef = useRef(start);
  startRef.current = start;
  useEffect(() => {
    if (runAllNonce === seenNonce.current) return;
    seenNonce.current = runAllNonce;
    startRef.current();
  }, [runAllNonce]);

  const shown = state.config ?? config ?? { sizes: ['tutorial'], ops: ['forward'], reps: 5 };
  const rows = ratioRows(state.rows, REFERENCE_ROWS, shown);
  // The host page hears the reader's medians (ms) once a run is done; nothing is compared here.
  useReportResult(
    id,
    state.status === 'done' ? state.rows : null,
    state.status === 'done'
      ? {
          sums: Object.fromEntries(
            state.rows.map((r) => [`${r.size}.${r.op}.${r.impl}`, r.medianMs]),
          ),
          maxDiff: 0,
          match: true,
        }
      : null,
  );
  const running = state.status === 'running';

  return (
    <Cell
      title={title}
      id={id}
      files={PERF_FILES}
      status={
        running
          ? 'running'
          : state.status === 'done'
            ? 'done'
            : state.status === 'error'
              ? 'error'
              : 'idle'
      }
      ms={state.ms}
      error={state.error}
      depends={[]}
      onRun={start}
      runLabel="Run benchmark"
      errorHint="Change what to time below and run it again; the rest of the page still works."
    >
      <fieldset className="perf-controls" disabled={running}>
        <legend>What to time</legend>
        {LIVE_SIZES.map((s) => (
          <label key={s}>
            <input
              type="checkbox"
              checked={sizes.includes(s)}
              onChange={(e) =>
                setSizes((was) => (e.target.checked ? [...was, s] : was.filter((x) => x !== s)))
              }
            />{' '}
            {sizeText(s)}
          </label>
        ))}
        <label>
          <input type="checkbox" checked={train} onChange={(e) => setTrain(e.target.checked)} />{' '}
          also one training step (at tutorial size only: one step at medium size is estimated over
          the engine’s budget for a single run, so untick medium)
        </label>
        <label>
          Repetitions per implementation{' '}
          <input
            type="number"
            className="perf-reps"
            min={BENCH_LIMITS.reps[0]}
            max={BENCH_LIMITS.reps[1]}
            step={1}
            value={repsText}
            aria-invalid={'error' in parsed}
            aria-describedby={`${id}-reps-note`}
            onChange={(e) => setRepsText(e.target.value)}
          />
        </label>
        <fieldset className="perf-readback">
          <legend>Read each forward’s result back with</legend>
          {LIVE_READBACKS.map((how) => (
            <label key={how}>
              <input
                type="radio"
                name={`${id}-readback`}
                value={how}
                checked={readBack === how}
                onChange={() => setReadBack(how)}
              />{' '}
              {READBACK_LABEL[how]}
            </label>
          ))}
        </fieldset>
        <span
          id={`${id}-reps-note`}
          className={fieldError ? 'bad-text' : 'hint'}
          role={fieldError ? 'alert' : undefined}
        >
          {fieldError ??
            `after ${BENCH_LIMITS.warmup} untimed warm-up runs each; the median of the timed ones counts.`}
        </span>
      </fieldset>
      <div className="perf-actions">
        {running && (
          <button type="button" className="perf-cancel" onClick={cancel}>
            Cancel
          </button>
        )}
        {running && <BenchProgress done={state.done} total={state.total} />}
      </div>
      {state.status === 'idle' && (
        <p className="perf-note">
          Nothing has run yet: the benchmark takes a few seconds to a minute, so it waits for you.
          Until then the table shows only the numbers measured here.
        </p>
      )}
      {state.status === 'cancelled' && (
        <p className="perf-note perf-cancelled" role="status">
          Cancelled after {state.done} of {state.total} runs. The table shows the medians of the
          runs that finished; a dash means an implementation had no timed run yet.
        </p>
      )}
      {state.info && state.status === 'done' && (
        <p className="perf-note">
          Measured on {state.info.active}
          {state.info.active !== state.info.requested ? ` (asked for ${state.info.requested})` : ''}
          , in the {state.info.thread === 'worker' ? 'engine worker' : 'page'}, {state.config?.reps}{' '}
          repetitions each, forwards read back with{' '}
          <code>{state.config?.readBack === 'sync' ? 'dataSync()' : 'await data()'}</code>
          {state.config?.readBack === 'sync'
            ? ' (the numbers measured here used await data(), so the forward rows compare different things; a training step reads its loss with await data() either way).'
            : '.'}
          {state.info.active !== 'webgl' &&
            ' The reference numbers are WebGL ones, so the two columns measure different things.'}
        </p>
      )}
      {state.status === 'done' && state.roundTripMs !== null && (
        <p className="perf-note" data-testid="round-trip">
          {roundTripText(state.rows, state.roundTripMs)}
        </p>
      )}
      <RatioTable rows={rows} yours={state.rows} reference={REFERENCE_ROWS} />
      <div className="perf-chart" ref={ref}>
        <BenchChart rows={rows} width={width} referenceLabel={REFERENCE_LABEL} svgRef={svgRef} />
        <ExportButtons
          name="lstm-benchmark"
          label="benchmark chart"
          svgRef={svgRef}
          csv={() => ratioCsv(rows)}
        />
      </div>
      <p className="perf-reference">
        “{REFERENCE_LABEL}”: {reference.machine}; <code>{reference.command}</code>, on{' '}
        {reference.measured}.
      </p>
    </Cell>
  );
}
