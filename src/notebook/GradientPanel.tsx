/**
 * Chapter 5's gradient check: why the two models' losses agree. After every settled step of the
 * run (and at the starting weights), ∂L/∂w of the hand-written LSTM beside tf.layers.lstm's for
 * every weight, both against float64 finite differences, with the break switches of chapter 4.
 */
import { useCallback, useState } from 'react';
import { gateColor } from '../charts/palette';
import type { BreakVariant } from '../lstm/experimentTypes';
import {
  CHECK_AT,
  WEIGHT_SYMBOLS,
  type CheckAt,
  type GradientCheck,
} from '../lstm/train/gradientTypes';
import { store, useStore } from '../state/store';
import { BreakSwitches } from './BreakSwitches';
import { Cell } from './Cell';
import { fmt } from './format';
import { GateNormsChart } from './GateNormsChart';
import { MatchBadge } from './MatchBadge';
import { finiteDiffTolerance, formatTolerance, gradientTolerance } from './tolerance';
import { SHARED_TRAIN_EDITS } from './trainTarget';
import { checkGradients, useWhenSettled } from './useTraining';
import { useEmbedFigure, useReportResult } from './useEmbedView';

/** What each deliberate mistake does to the gradients (chapter 4 says what it does forwards). */
const GRADIENT_WHY: Record<BreakVariant, string> = {
  none: 'Both sides differentiate the same function: every difference is float32 rounding.',
  hardSigmoid:
    'The hard sigmoid is flat outside ±2.5 and has slope 0.2 inside, where the sigmoid’s is at most 0.25: every gate’s gradient changes, and saturated units stop learning at all.',
  swapGates:
    'Reading the i and f blocks the other way round sends the input gate’s error into the forget gate’s columns: W, U and b get gradients for the wrong gate.',
  unitForgetBias:
    'An extra +1 on the forget gate’s bias keeps f nearer 1: the cell remembers more, every gradient that flows back through c changes, and the loss itself differs.',
  dropBias:
    'A layer that ignores its bias computes a gradient of exactly zero for it; the library’s bias gradient is not zero, so the bias row fails even while the bias is still all zeros.',
};

const AT_LABEL: Record<CheckAt, string> = {
  now: 'where training stands',
  start: 'the starting weights',
};

const exp = (v: number) => (v === 0 ? '0' : Number.isFinite(v) ? v.toExponential(2) : String(v));

function Where({ check }: { check: GradientCheck }) {
  return (
    <p className="muted" data-testid="grad-where">
      Batch {check.batch} of {check.batches} in epoch {check.epoch} ({check.samples} samples), at
      the weights after {check.trained} update{check.trained === 1 ? '' : 's'}. Its loss:{' '}
      {fmt(check.loss.custom)} (custom), {fmt(check.loss.library)} (tf.layers.lstm),{' '}
      {fmt(check.loss.reference)} (float64 reference).
    </p>
  );
}

function WeightTable({ check, tolerance }: { check: GradientCheck; tolerance: number }) {
  return (
    <div className="table-wrap">
      <table className="numbers" data-testid="grad-weights">
        <caption>∂L/∂w of the hand-written LSTM against tf.layers.lstm, per weight</caption>
        <thead>
          <tr>
            <th scope="col">weight</th>
            <th scope="col">shape</th>
            <th scope="col">max |∂L/∂w| (library)</th>
            <th scope="col">max |custom − library|</th>
            <th scope="col">relative</th>
          </tr>
        </thead>
        <tbody>
          {check.weights.map((w) => {
            const ok = w.maxAbsDiff <= tolerance;
            return (
              <tr key={w.name} data-weight={w.name} data-diff={w.maxAbsDiff} data-ok={ok}>
                <th scope="row">{WEIGHT_SYMBOLS[w.name]}</th>
                <td className="num">{w.shape.join(' × ')}</td>
                <td className="num">{exp(w.maxAbs)}</td>
                <td className={`num ${ok ? 'diff-ok' : 'diff-bad'}`}>
                  {ok ? '✓' : '✗'} {exp(w.maxAbsDiff)}
                </td>
                <td className="num">{exp(w.relError)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function FiniteDiffTable({ check, tolerance }: { check: GradientCheck; tolerance: number }) {
  const cell = (rel: number) => (
    <td className={`num ${rel <= tolerance ? 'diff-ok' : 'diff-bad'}`} data-rel={rel}>
      {rel <= tolerance ? '✓' : '✗'} {exp(rel)}
    </td>
  );
  return (
    <div className="table-wrap">
      <table className="numbers" data-testid="grad-fd">
        <caption>
          Central finite differences (L(w + h) − L(w − h)) / 2h, h = {check.step}, in float64
          through the plain-array reference: per gate, the element of W, U and b with the largest
          gradient, then the dense layer
        </caption>
        <thead>
          <tr>
            <th scope="col">element</th>
            <th scope="col">finite difference</th>
            <th scope="col">custom</th>
            <th scope="col">library</th>
            <th scope="col">custom, relative</th>
            <th scope="col">library, relative</th>
          </tr>
        </thead>
        <tbody>
          {check.finiteDifferences.map((s) => (
            <tr key={`${s.weight}-${s.index}`} data-weight={s.weight}>
              <th scope="row">
                {WEIGHT_SYMBOLS[s.weight].split(' ')[0]}[{s.row}, {s.col}]
                {s.gate && <span style={{ color: gateColor(s.gate) }}> ({s.gate})</span>}
              </th>
              <td className="num">{exp(s.finiteDiff)}</td>
              <td className="num">{exp(s.custom)}</td>
              <td className="num">{exp(s.library)}</td>
              {cell(s.relCustom)}
              {cell(s.relLibrary)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The engine files the check runs, relative to src/lstm/. */
const FILES = ['train/gradients.ts', 'train/referenceModel.ts', 'breaks.ts'];

const DEPENDS = ['the training run (every pause, step and finish)', 'the break switch', 'where'];

/** The check as a cell: runs by itself whenever the run settles somewhere new. */
export function GradientCell({ title, id }: { title: string; id: string }) {
  const error = useStore((s) => s.training.gradientsError);
  const problem = useStore((s) => s.training.gradientsProblem);
  const edited = useStore((s) => s.training.edited);
  const hasResult = useStore((s) => s.training.gradients !== null);
  const breakIt = useStore((s) => s.breakIt);
  const [at, setAt] = useState<CheckAt>('now');
  const [pending, setPending] = useState(0);
  const run = useCallback(() => {
    setPending((n) => n + 1);
    void checkGradients(store.getState().breakIt, at).finally(() => setPending((n) => n - 1));
  }, [at]);

  // A fresh check whenever the run settles somewhere new, or the question changes.
  useWhenSettled(run, [breakIt]);
  const figure = useEmbedFigure();
  const check = useStore((s) => s.training.gradients);
  const info = useStore((s) => s.backendInfo);
  useReportResult(
    id,
    check,
    check && info
      ? (() => {
          const maxDiff = Math.max(...check.weights.map((w) => w.maxAbsDiff));
          return { sums: {}, maxDiff, match: maxDiff <= gradientTolerance(info) };
        })()
      : null,
  );

  return (
    <Cell
      title={title}
      id={id}
      files={FILES}
      status={pending > 0 ? 'running' : error ? 'error' : hasResult ? 'done' : 'idle'}
      ms={null}
      error={error && `The gradient check failed: ${error}`}
      depends={DEPENDS}
      onRun={run}
      runLabel="Check"
      editable
      editAs={SHARED_TRAIN_EDITS}
      edited={edited}
      problem={problem}
    >
      {figure === 'gate-norms' ? <GateNormsChart /> : <GradientPanel at={at} setAt={setAt} />}
    </Cell>
  );
}

function GradientPanel({ at, setAt }: { at: CheckAt; setAt: (at: CheckAt) => void }) {
  const config = useStore((s) => s.training.config);
  const status = useStore((s) => s.training.status);
  const check = useStore((s) => s.training.gradients);
  const breakIt = useStore((s) => s.breakIt);
  const info = useStore((s) => s.backendInfo);

  const tolerance = info ? gradientTolerance(info) : 1e-5;
  const fdTolerance = info ? finiteDiffTolerance(info) : 1e-4;
  const worst = check ? Math.max(...check.weights.map((w) => w.maxAbsDiff)) : NaN;
  const worstOf = (side: 'relCustom' | 'relLibrary') =>
    check ? Math.max(...check.finiteDifferences.map((s) => s[side])) : NaN;
  const worstFd = { custom: worstOf('relCustom'), library: worstOf('relLibrary') };
  const fdOk = worstFd.custom <= fdTolerance && worstFd.library <= fdTolerance;
  const stale = check !== null && (check.breakIt !== breakIt || check.at !== at);

  return (
    <section className="gradient-panel" data-testid="gradient-panel" aria-label="Gradient check">
      <fieldset className="break-it">
        <legend>Gradients at</legend>
        {CHECK_AT.map((a) => (
          <label key={a}>
            <input
              type="radio"
              name="grad-at"
              value={a}
              checked={at === a}
              onChange={() => setAt(a)}
              data-testid={`grad-at-${a}`}
            />
            {AT_LABEL[a]}
          </label>
        ))}
      </fieldset>
      <BreakSwitches name="grad-break" testIdPrefix="grad-break" />
      <p className="break-why">{GRADIENT_WHY[breakIt]}</p>
      {!config && (
        <p className="muted">The check runs on the training cell’s model once it is ready.</p>
      )}
      {status === 'running' && (
        <p className="muted">Training… the check runs again when the run stops or pauses.</p>
      )}
      {check && (
        <div
          aria-busy={stale}
          data-testid="grad-result"
          data-break={check.breakIt}
          data-at={check.at}
          data-trained={check.trained}
        >
          <div className="result-line">
            <MatchBadge diff={worst} tolerance={tolerance} what="Gradients" />
            <span
              data-testid="grad-fd-verdict"
              data-ok={fdOk}
              className={fdOk ? 'ok-text' : 'bad-text'}
            >
              Against finite differences, worst relative error: custom{' '}
              {worstFd.custom <= fdTolerance ? '✓' : '✗'} {exp(worstFd.custom)}, library{' '}
              {worstFd.library <= fdTolerance ? '✓' : '✗'} {exp(worstFd.library)} (tolerance{' '}
              {formatTolerance(fdTolerance)})
            </span>
          </div>
          <Where check={check} />
          <WeightTable check={check} tolerance={tolerance} />
          <FiniteDiffTable check={check} tolerance={fdTolerance} />
        </div>
      )}
      <GateNormsChart />
    </section>
  );
}
