/** The engine worker behind an `EnginePort`. */
import type { EnginePort, EngineReply } from './protocol';

/** A port to a fresh engine worker, or null where workers are not available. */
export function workerPort(): EnginePort | null {
  if (typeof Worker === 'undefined') return null;
  let w: Worker;
  try {
    w = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
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
