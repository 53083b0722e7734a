/**
 * The one store, built from typed slices (zustand's slices pattern), split as zustand itself
 * splits `vanilla.ts` from `react.ts`: `store` is the vanilla store that code outside React reads
 * and writes, `useStore` the one hook components select from. No tensors live here: the engine
 * hands the notebook plain arrays, and only those are stored.
 */
import { useStore as useZustand } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createEditsSlice, type EditsSlice } from './slices/editsSlice';
import { createHyperSlice, type HyperSlice } from './slices/hyperSlice';
import { createProgressSlice, type ProgressSlice } from './slices/progressSlice';
import { createOptionsSlice, type OptionsSlice } from './slices/optionsSlice';
import { createResultsSlice, type ResultsSlice } from './slices/resultsSlice';
import { createRuntimeSlice, type RuntimeSlice } from './slices/runtimeSlice';
import { createTrainingSlice, type TrainingSlice } from './slices/trainingSlice';
import { createUiSlice, type UiSlice } from './slices/uiSlice';
import { createVizSlice, type VizSlice } from './slices/vizSlice';

export type Store = HyperSlice &
  OptionsSlice &
  UiSlice &
  RuntimeSlice &
  TrainingSlice &
  VizSlice &
  ResultsSlice &
  EditsSlice &
  ProgressSlice;

export const store = createStore<Store>()((...a) => ({
  ...createHyperSlice(...a),
  ...createOptionsSlice(...a),
  ...createUiSlice(...a),
  ...createRuntimeSlice(...a),
  ...createTrainingSlice(...a),
  ...createVizSlice(...a),
  ...createResultsSlice(...a),
  ...createEditsSlice(...a),
  ...createProgressSlice(...a),
}));

/** Select one field: `const units = useStore((s) => s.hyper.forward.units)`. */
export function useStore<T>(selector: (s: Store) => T): T {
  return useZustand(store, selector);
}
