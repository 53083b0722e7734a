/** The training worker behind a `TrainingPort` (no store, so test pages can use it alone). */
import type { TrainingPort } from './trainingClient';
import type { TrainingReply } from './trainingProtocol';

/** A port to a fresh training worker, or null where workers are not available. */
export function workerPort(): TrainingPort | null {
  if (typeof Worker === 'undefined') return null;
  let w: Worker;
  try {
    w = new Worker(new URL('./trainingWorker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
  return {
    send: (request) => w.postMessage(request),
    listen(onReply, onDeath) {
      w.onmessage = (e: MessageEvent<TrainingReply>) => onReply(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        onDeath(`The training worker failed: ${e.message || 'it could not be loaded'}`);
      };
      w.onmessageerror = () => onDeath('The training worker sent a message that could not be read');
    },
    close: () => w.terminate(),
  };
}
