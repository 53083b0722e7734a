/**
 * The training worker: chapter 5's service with a tfjs of its own, so the page's main thread
 * only draws while the models learn. WebGL works here through OffscreenCanvas.
 */
import * as tf from '@tensorflow/tfjs';
import * as engine from '../lstm/experiments';
import { createQueue } from './queue';
import { oncePerChoice, startBackend } from './startBackend';
import type { TrainingReply, TrainingRequest } from './trainingProtocol';
import { createTrainingService } from './trainingService';

/** The worker's global scope, typed by what this file uses (the DOM lib types `self` as Window). */
const scope = self as unknown as {
  postMessage: (reply: TrainingReply) => void;
  onmessage: ((event: MessageEvent<TrainingRequest>) => void) | null;
};

const service = createTrainingService((reply) => scope.postMessage(reply), {
  startBackend: oncePerChoice((requested) => startBackend(tf, requested, 'worker')),
  loadEngine: () => Promise.resolve(engine),
  enqueue: createQueue(),
});

scope.onmessage = (event) => service.handle(event.data);
