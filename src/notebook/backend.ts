/** The page's tfjs backend: started once per choice, and published to the store. */
import type { Backend } from '../state/hyperparams';
import type { BackendInfo } from '../state/slices/runtimeSlice';
import { useStore } from '../state/store';
import { startBackend } from './startBackend';

let pending: { requested: Backend; info: Promise<BackendInfo> } | null = null;

/**
 * Make `requested` the page's active backend (started once per choice) and publish what actually
 * runs, on every call: the badge may have shown the training worker's backend meanwhile.
 */
export function ensureBackend(requested: Backend): Promise<BackendInfo> {
  if (pending?.requested !== requested) {
    const info = import('@tensorflow/tfjs').then((tf) => startBackend(tf, requested, 'page'));
    pending = { requested, info };
    info.catch(() => {
      if (pending?.info === info) pending = null;
    });
  }
  return pending.info.then((i) => {
    useStore.getState().setBackendInfo(i);
    return i;
  });
}
