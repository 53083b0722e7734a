import type { StateCreator } from 'zustand';
import type { Backend } from '../hyperparams';
import type { Store } from '../store';

/** What the notebook knows about the tfjs backend, as plain data. */
export interface BackendInfo {
  /** The backend that actually runs. */
  active: Backend;
  requested: Backend;
  /** Bits of float precision the backend computes with (32, or 16 on weak GPUs). */
  floatBits: 32 | 16;
  /** Set when the requested backend could not start and the notebook fell back. */
  fallbackReason: string | null;
  /** e.g. "WebGL 2"; empty for the CPU. */
  detail: string;
  /** Where this backend computes: the page itself, or the training worker (chapter 5). */
  thread: 'page' | 'worker';
}

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
