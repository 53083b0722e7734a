/**
 * The one store, built from typed slices (zustand's slices pattern). No tensors live here: the
 * engine hands the notebook plain arrays, and only those are stored.
 */
import { create } from 'zustand';
import { createHyperSlice, type HyperSlice } from './slices/hyperSlice';
import { createOptionsSlice, type OptionsSlice } from './slices/optionsSlice';
import { createRuntimeSlice, type RuntimeSlice } from './slices/runtimeSlice';
import { createTrainingSlice, type TrainingSlice } from './slices/trainingSlice';
import { createUiSlice, type UiSlice } from './slices/uiSlice';
import { createVizSlice, type VizSlice } from './slices/vizSlice';

export type Store = HyperSlice & OptionsSlice & UiSlice & RuntimeSlice & TrainingSlice & VizSlice;

export const useStore = create<Store>()((...a) => ({
  ...createHyperSlice(...a),
  ...createOptionsSlice(...a),
  ...createUiSlice(...a),
  ...createRuntimeSlice(...a),
  ...createTrainingSlice(...a),
  ...createVizSlice(...a),
}));
