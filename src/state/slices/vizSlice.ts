import type { StateCreator } from 'zustand';
import type { BreakVariant } from '../../lstm/inspect';
import type { GateKey } from '../../lstm/gates';
import type { Store } from '../store';

/** What the reader is looking at across the linked views (equations, code, diagram, heatmaps). */
export interface VizSlice {
  /** The gate or state under the pointer anywhere on the page; null when none. */
  highlight: GateKey | null;
  /** Which sample of the batch the heatmaps and the debugger show. */
  sample: number;
  /** The time step the debugger stands on. */
  debugT: number;
  /** The deliberate mistake the equivalence panel applies to the hand-written side. */
  breakIt: BreakVariant;
  setHighlight: (key: GateKey | null) => void;
  setSample: (sample: number) => void;
  setDebugT: (t: number) => void;
  setBreakIt: (variant: BreakVariant) => void;
}

export const createVizSlice: StateCreator<Store, [], [], VizSlice> = (set) => ({
  highlight: null,
  sample: 0,
  debugT: 0,
  breakIt: 'none',
  setHighlight: (highlight) => set({ highlight }),
  setSample: (sample) => set({ sample }),
  setDebugT: (debugT) => set({ debugT }),
  setBreakIt: (breakIt) => set({ breakIt }),
});
