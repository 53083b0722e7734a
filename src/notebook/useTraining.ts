/**
 * Chapter 5's cell life, like `useCell` but around the training runner: train on mount, again
 * (debounced) when the hyperparameters change, on Run-all; release the session on unmount.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { BreakVariant, TrainConfig } from '../lstm/experimentTypes';
import type { CheckAt } from '../lstm/train/gradientTypes';
import type { Answers, Ask } from '../runtime/protocol';
import { createTrainingRunner, keyOf, type TrainTarget } from '../runtime/trainingRunner';
import { store, useStore } from '../state/store';
import { editedFiles } from '../state/slices/editsSlice';
import { TRAIN_EDIT_KEY, trainTargetOf } from './trainTarget';
import { useAutoRun } from './useCell';

/** The one runner, writing to the store. */
const runner = createTrainingRunner({
  reset: (config, totalSteps, edited, status) =>
    store.getState().trainingReset(config, totalSteps, edited, status),
  progress: (models, steps) => store.getState().trainingProgress(models, steps),
  status: (status, extra) => store.getState().trainingStatus(status, extra),
  diverged: (d) => store.getState().trainingDiverged(d),
  backend: (info) => store.getState().setBackendInfo(info),
  gradients: (result, error, problem) => store.getState().trainingGradients(result, error, problem),
  current: () => store.getState().training.status,
});

/** The training cell's edits, if the reader made any: every chapter 5 cell shares its session. */
export function trainingEdits() {
  return editedFiles(store.getState().edits[TRAIN_EDIT_KEY]);
}

/** What the store describes now: the hyperparameters, and the training cell's edits. */
const targetNow = (): TrainTarget => ({
  ...trainTargetOf(store.getState().hyper.training),
  edits: trainingEdits(),
});

/** Check the gradients of the run the store describes (the gradient panel has no handle). */
export function checkGradients(breakIt: BreakVariant, at: CheckAt): Promise<void> {
  return runner.check(targetNow(), breakIt, at);
}

/** Ask the open run (opening it if need be) for its predictions or a save. */
export function queryRun<K extends 'train.predict' | 'train.save'>(
  ask: Extract<Ask, { kind: K }>,
): Promise<Answers[K]> {
  return runner.query(targetNow(), ask);
}

/**
 * Call `run` whenever the training run settles somewhere new (opened, paused, stepped, finished),
 * or `deps` change while it is settled. A moment's wait first: a play that starts a new session
 * passes through idle on its way to running, and that is not a place to stop and look.
 */
export function useWhenSettled(run: () => void, deps: readonly unknown[]): void {
  const config = useStore((s) => s.training.config);
  const status = useStore((s) => s.training.status);
  const steps = useStore((s) => s.training.steps);
  // A failed run is no place to look either: asking would open a fresh session over the error.
  const settled =
    config !== null && status !== 'running' && status !== 'cancelled' && status !== 'error';
  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(run, 60);
    return () => clearTimeout(timer);
    // The caller's deps join the list: a change of them while settled runs again.
  }, [settled, steps, config, run, ...deps]);
}

/** True while chapter 5's run is training, or about to (its cell has not opened it yet). */
export const trainingBusy = (s: ReturnType<typeof store.getState>) =>
  s.training.status === 'running' || (s.training.config === null && s.training.status !== 'error');

/**
 * Resolves once the training run stands still; the engine does one thing at a time, so work that
 * can wait lets the reader's own training go first. Rejects with an AbortError on `signal`.
 */
export function untilTrainingSettles(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (signal.aborted) return done(() => reject(signal.reason));
      if (!trainingBusy(store.getState())) done(resolve);
    };
    const unsubscribe = store.subscribe(check);
    const onAbort = () => check();
    signal.addEventListener('abort', onAbort);
    function done(settle: () => void) {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      settle();
    }
    check();
  });
}

/**
 * Work gated by `untilTrainingSettles` also steps aside when the reader starts a run while it
 * computes: `rerun` (the cell's run, which cancels its request in the engine) sends it back to
 * wait. Without this, a comparison already under way would hold the engine for a minute before
 * the reader's own run began.
 */
export function useStepAsideForTraining(running: boolean, rerun: () => void): void {
  const busy = useStore(trainingBusy);
  const wasBusy = useRef(busy);
  useEffect(() => {
    const started = busy && !wasBusy.current;
    wasBusy.current = busy;
    if (started && running) rerun();
  }, [busy, running, rerun]);
}

export interface TrainingHandle {
  /** Train from the starting weights (the cell's Run button). */
  train: () => void;
  play: () => void;
  pause: () => void;
  step: () => void;
  reset: () => void;
  cancel: () => void;
}

export function useTraining(config: TrainConfig, backend: TrainTarget['backend']): TrainingHandle {
  const target = useRef<TrainTarget>({ config, backend });
  useLayoutEffect(() => {
    target.current = { config, backend };
  });
  // Edits are read when the reader presses Train, not on every keystroke.
  const now = useCallback((): TrainTarget => ({ ...target.current, edits: trainingEdits() }), []);
  const key = keyOf({ config, backend });
  const train = useCallback(() => void runner.play(now(), true), [now]);

  useAutoRun(key, train);
  useEffect(() => runner.release, []);

  return {
    train,
    play: useCallback(() => void runner.play(now()), [now]),
    pause: runner.pause,
    step: useCallback(() => void runner.step(now()), [now]),
    reset: useCallback(() => void runner.reset(now()), [now]),
    cancel: useCallback(() => void runner.cancel(), []),
  };
}
