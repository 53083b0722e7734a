/**
 * The engine worker: the engine service with a tfjs of its own, so the page's main thread only
 * draws while every cell computes. WebGL works here through OffscreenCanvas.
 */
import * as tf from '@tensorflow/tfjs';
import * as engine from '../lstm/experiments';
import type { EngineReply } from './protocol';
import { createEngineService } from './service';
import { oncePerChoice, startBackend } from './startBackend';

/** The worker's global scope, typed by what this file uses (the DOM lib types `self` as Window). */
const scope = self as unknown as {
  postMessage: (reply: EngineReply, transfer?: Transferable[]) => void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
};

const service = createEngineService((reply, transfer) => scope.postMessage(reply, transfer ?? []), {
  startBackend: oncePerChoice((requested) => startBackend(tf, requested, 'worker')),
  loadEngine: () => Promise.resolve(engine),
});

scope.onmessage = (event) => service.handle(event.data);
