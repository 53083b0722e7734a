/**
 * The engine worker: the engine service with a tfjs of its own, so the page's main thread only
 * draws while every cell computes. WebGL works here through OffscreenCanvas.
 */
import * as tf from '@tensorflow/tfjs';
import * as engine from '../lstm/experiments';
import type { EditedFiles } from './edits/types';
import { createLossWatch, LOST_MESSAGE } from './gpuLoss';
import type { EngineReply } from './protocol';
import { applyFlags, flagsFromName } from './tfjsFlags';
import { createEngineService, type EngineModule } from './service';
import { oncePerChoice, startBackend } from './startBackend';

/** The worker's global scope, typed by what this file uses (the DOM lib types `self` as Window). */
const scope = self as unknown as {
  postMessage: (reply: EngineReply, transfer?: Transferable[]) => void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
};

// Before any backend starts: the flags of the page's link (see tfjsFlags.ts).
applyFlags(tf.env(), flagsFromName((self as unknown as { name?: string }).name ?? ''));

/** A lost context ends this worker: the page hears of it and starts a fresh one. */
const gpu = createLossWatch(tf, () =>
  scope.postMessage({ kind: 'lost', id: 0, message: LOST_MESSAGE }),
);

const start = oncePerChoice((requested) => startBackend(tf, requested, 'worker'));

const service = createEngineService((reply, transfer) => scope.postMessage(reply, transfer ?? []), {
  startBackend: async (requested) => {
    const info = await start(requested);
    gpu.watch();
    return info;
  },
  loadEngine: () => Promise.resolve(engine),
  // A chunk of its own: only a reader who runs the benchmark loads it.
  loadBench: () => import('../lstm/bench'),
  loadEdited,
  loseContext: () => gpu.lose(),
});

/** The last edited engine built, kept while the reader re-runs the same edits. */
let edited: { key: string; engine: EngineModule } | null = null;

/** Built on demand, from a chunk of its own: a reader who never edits never loads sucrase. */
async function loadEdited(edits: EditedFiles): Promise<EngineModule> {
  const key = JSON.stringify(Object.entries(edits).sort(([a], [b]) => (a < b ? -1 : 1)));
  if (edited?.key !== key) {
    const { loadEdited: load } = await import('./edits/load');
    edited = { key, engine: load(edits) as unknown as EngineModule };
  }
  return edited.engine;
}

scope.onmessage = (event) => service.handle(event.data);
