/**
 * Start downloading tfjs and the backend once the page has painted and the browser is idle, so the
 * first Run on a chapter is quick and the backend badge shows the truth even on the overview.
 */
import type { Backend } from '../state/hyperparams';
import { ensureBackend } from './backend';
import { loadEngine } from './engine';
import { enqueue } from './queue';

export function warmUpWhenIdle(backend: Backend): () => void {
  const start = () => {
    // Errors are reported by the cells that need the engine; here they only mean "not yet".
    // Queued like a cell, so it never switches the backend under a running cell.
    enqueue(async () => {
      await ensureBackend(backend);
      await loadEngine();
    }).catch(() => undefined);
  };
  if ('requestIdleCallback' in window) {
    const id = window.requestIdleCallback(start, { timeout: 3000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(start, 500);
  return () => clearTimeout(id);
}
