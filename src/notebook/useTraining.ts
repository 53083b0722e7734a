/**
 * Chapter 5's cell life, like `useCell` but around the training runner: train on mount, again
 * (debounced) when the hyperparameters change, on Run-all; release the session on unmount.
 */
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type { TrainConfig } from '../lstm/experimentTypes';
import * as runner from './trainingRunner';
import type { TrainTarget } from './trainingRunner';
import { useAutoRun } from './useCell';

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
  const key = runner.keyOf({ config, backend });
  const train = useCallback(() => void runner.play(target.current, true), []);

  useAutoRun(key, train);
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
