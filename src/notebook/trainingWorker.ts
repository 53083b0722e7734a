/**
 * The training worker: chapter 5's service with a tfjs of its own, so the page's main thread
 * only draws while the models learn. WebGL works here through OffscreenCanvas.
 */
import * as tf from '@tensorflow/tfjs';
import * as engine from '../lstm/experiments';
import type { Backend } from '../state/hyperparams';
import type { BackendInfo } from '../state/slices/runtimeSlice';
import { createQueue } from './queue';
import { startBackend } from './startBackend';
import type { TrainingReply, TrainingRequest } from './trainingProtocol';
import { createTrainingService } from './trainingService';

/** The worker's global scope, typed by what this file uses (the DOM lib types `self` as Window). */
const scope = self as unknown as {
  postMessage: (reply: TrainingReply) => void;
  onmessage: ((event: MessageEvent<TrainingRequest>) => void) | null;
};

let started: { requested: Backend; info: Promise<BackendInfo> } | null = null;

const service = createTrainingService((reply) => scope.postMessage(reply), {
  startBackend(requested) {
    if (started?.requested !== requested) {
      const info = startBackend(tf, requested, 'worker');
      started = { requested, info };
      // A failed start is tried again next time, not remembered.
      info.catch(() => {
        if (started?.info === info) started = null;
      });
      return info;
    }
    return started.info;
  },
  loadEngine: () => Promise.resolve(engine),
  enqueue: createQueue(),
});

scope.onmessage = (event) => service.handle(event.data);
