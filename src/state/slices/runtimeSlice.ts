import type { StateCreator } from 'zustand';
import type { BackendInfo } from '../../lstm/experimentTypes';

export type { BackendInfo };
import type { Store } from '../store';

export type EngineStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface RuntimeSlice {
  engineStatus: EngineStatus;
  engineError: string | null;
  backendInfo: BackendInfo | null;
  /** Bumped by the Run-all button; every mounted cell runs when it changes. */
  runAllNonce: number;
  setEngineStatus: (status: EngineStatus, error?: string | null) => void;
  setBackendInfo: (info: BackendInfo) => void;
  requestRunAll: () => void;
}

export const createRuntimeSlice: StateCreator<Store, [], [], RuntimeSlice> = (set) => ({
  engineStatus: 'idle',
  engineError: null,
  backendInfo: null,
  runAllNonce: 0,
  setEngineStatus: (engineStatus, engineError = null) => set({ engineStatus, engineError }),
  setBackendInfo: (backendInfo) => set({ backendInfo }),
  requestRunAll: () => set((s) => ({ runAllNonce: s.runAllNonce + 1 })),
});
