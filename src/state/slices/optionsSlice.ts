import type { StateCreator } from 'zustand';
import { BIAS_INIT_NAMES, type BiasInitName, type InitName } from '../../lstm/experimentTypes';
import type { Store } from '../store';

/** Chapter 4's switches, the constructor arguments of the tutorial's last LSTM class. */
export interface LayerOptions {
  returnSequences: boolean;
  returnState: boolean;
  timeMajor: boolean;
  useBias: boolean;
  kernelInitializer: InitName;
  recurrentInitializer: InitName;
  /** Never orthogonal: a bias is 1-D. */
  biasInitializer: BiasInitName;
}

/** The tutorial printed 115.15204 with return_sequences=True and everything else at Keras' defaults. */
export const TUTORIAL_OPTIONS: Readonly<LayerOptions> = Object.freeze({
  returnSequences: true,
  returnState: false,
  timeMajor: false,
  useBias: true,
  kernelInitializer: 'glorotUniform',
  recurrentInitializer: 'orthogonal',
  biasInitializer: 'zeros',
});

export function isTutorialOptions(o: LayerOptions): boolean {
  return (Object.keys(TUTORIAL_OPTIONS) as (keyof LayerOptions)[]).every(
    (k) => o[k] === TUTORIAL_OPTIONS[k],
  );
}

export interface OptionsSlice {
  options: LayerOptions;
  setOption: <K extends keyof LayerOptions>(key: K, value: LayerOptions[K]) => void;
  resetOptions: () => void;
}

export const createOptionsSlice: StateCreator<Store, [], [], OptionsSlice> = (set, get) => ({
  options: { ...TUTORIAL_OPTIONS },
  setOption: (key, value) => {
    // A key typed as a union widens the value to every option's type; refuse what the bias cannot take.
    if (key === 'biasInitializer' && !(BIAS_INIT_NAMES as readonly unknown[]).includes(value)) {
      get().addNotices([
        `Kept biasInitializer at ${get().options.biasInitializer}: a bias cannot be ${String(value)}; ` +
          `pick one of ${BIAS_INIT_NAMES.join(', ')}.`,
      ]);
      return;
    }
    set((s) => ({ options: { ...s.options, [key]: value } }));
  },
  resetOptions: () => set({ options: { ...TUTORIAL_OPTIONS } }),
});
