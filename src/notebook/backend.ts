/** The page's tfjs backend: started once per choice, and published to the store. */
import type { Backend } from '../state/hyperparams';
import type { BackendInfo } from '../state/slices/runtimeSlice';
import { useStore } from '../state/store';
import { oncePerChoice, startBackend } from './startBackend';

const startOnPage = oncePerChoice((requested) =>
  import('@tensorflow/tfjs').then((tf) => startBackend(tf, requested, 'page')),
);

/**
 * Make `requested` the page's active backend (started once per choice) and publish what actually
 * runs, on every call: the badge may have shown the training worker's backend meanwhile.
 */
export function ensureBackend(requested: Backend): Promise<BackendInfo> {
  return startOnPage(requested).then((i) => {
    useStore.getState().setBackendInfo(i);
    return i;
  });
}
