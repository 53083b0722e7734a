/**
 * Start the engine worker (and its tfjs and backend) once the page has painted and the browser is
 * idle, so the first Run on a chapter is quick and the backend badge shows the truth even on the
 * overview. The page itself loads no tfjs for this.
 */
import type { Backend } from '../lstm/experimentTypes';
import { request } from '../runtime/host';
import { store } from '../state/store';

export function warmUpWhenIdle(backend: Backend): () => void {
  const start = () => {
    const { setEngineStatus, setBackendInfo } = store.getState();
    if (store.getState().engineStatus === 'idle') setEngineStatus('loading');
    request(backend, { kind: 'backend', backend }).then(
      ({ info }) => {
        setEngineStatus('ready');
        setBackendInfo(info);
      },
      // Errors are reported by the cells that need the engine; here they only mean "not yet".
      () => undefined,
    );
  };
  if ('requestIdleCallback' in window) {
    const id = window.requestIdleCallback(start, { timeout: 3000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(start, 500);
  return () => clearTimeout(id);
}
