/**
 * Chapter 5's cell life, like `useCell` but around the training runner: train on mount, again
 * (debounced) when the hyperparameters change, on Run-all; release the session on unmount.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { TrainConfig } from '../lstm/experimentTypes';
import { useStore } from '../state/store';
import * as runner from './trainingRunner';
import type { TrainTarget } from './trainingRunner';
import { RERUN_DEBOUNCE_MS } from './useCell';

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
  const key = JSON.stringify([config, backend]);
  const train = useCallback(() => void runner.play(target.current, true), []);

  // First run right away, later ones once the inputs settle (an unchanged key is a re-mount).
  const lastKey = useRef<string | null>(null);
  useEffect(() => {
    const immediate = lastKey.current === null || lastKey.current === key;
    lastKey.current = key;
    const timer = setTimeout(train, immediate ? 0 : RERUN_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [key, train]);

  const runAllNonce = useStore((s) => s.runAllNonce);
  const seenNonce = useRef(runAllNonce);
  useEffect(() => {
    if (runAllNonce !== seenNonce.current) {
      seenNonce.current = runAllNonce;
      train();
    }
  }, [runAllNonce, train]);

  useEffect(() => runner.release, []);

  return {
    train,
    play: useCallback(() => void runner.play(target.current), []),
    pause: runner.pause,
    step: useCallback(() => void runner.step(target.current), []),
    reset: useCallback(() => void runner.reset(target.current), []),
    cancel: useCallback(() => void runner.cancel(), []),
  };
}
