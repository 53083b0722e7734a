/** The page's tfjs backend: started once per choice, and published to the store. */
import type { Backend } from '../state/hyperparams';
import type { BackendInfo } from '../state/slices/runtimeSlice';
import { useStore } from '../state/store';
import { startBackend } from './startBackend';

let pending: { requested: Backend; info: Promise<BackendInfo> } | null = null;

/** Make `requested` the active backend (once per choice) and publish what actually runs. */
export function ensureBackend(requested: Backend): Promise<BackendInfo> {
  if (pending?.requested === requested) return pending.info;
  const info = startBackend(requested).then((i) => {
    useStore.getState().setBackendInfo(i);
    return i;
  });
  pending = { requested, info };
  info.catch(() => {
    if (pending?.info === info) pending = null;
  });
  return info;
}
