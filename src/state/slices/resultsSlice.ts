import type { StateCreator } from 'zustand';
import type { ResultValues } from '../../embed/hostApi';
import type { Store } from '../store';

/**
 * Each cell's latest verdict as plain numbers, by its stable id: what an embedding host is told
 * after every run (the embed bridge reads this slice; cells only write it).
 */
export interface ResultsSlice {
  results: Record<string, { values: ResultValues; run: number }>;
  /** The latest failure a cell showed, for the host as well. */
  lastError: { cell: string; message: string; run: number } | null;
  setResult: (cell: string, values: ResultValues) => void;
  setCellError: (cell: string, message: string) => void;
}

let runs = 0;

export const createResultsSlice: StateCreator<Store, [], [], ResultsSlice> = (set) => ({
  results: {},
  lastError: null,
  setResult: (cell, values) =>
    set((s) => ({ results: { ...s.results, [cell]: { values, run: ++runs } } })),
  setCellError: (cell, message) => set({ lastError: { cell, message, run: ++runs } }),
});
