/** The engine worker behind an `EnginePort`. */
import type { EnginePort, EngineReply } from './protocol';
import { flagsFromSearch, workerName } from './tfjsFlags';

/** A port to a fresh engine worker, or null where workers are not available. */
export function workerPort(): EnginePort | null {
  if (typeof Worker === 'undefined') return null;
  let w: Worker;
  try {
    // The link's tfjs flags travel in the worker's name (it cannot read the page's address).
    const name = workerName(flagsFromSearch(globalThis.location?.search ?? ''));
    w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name });
  } catch {
    return null;
  }
  return {
    send: (request) => w.postMessage(request),
    listen(onReply, onDeath) {
      w.onmessage = (e: MessageEvent<EngineReply>) => onReply(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        onDeath(`The engine worker failed: ${e.message || 'it could not be loaded'}`);
      };
      w.onmessageerror = () => onDeath('The engine worker sent a message that could not be read');
    },
    close: () => w.terminate(),
  };
}
