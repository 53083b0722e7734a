/**
 * Where chapter 5 trains. First choice: a Web Worker with its own tfjs, so that the page's main
 * thread stays free for drawing and input even while tfjs compiles its WebGL programs. The page
 * trains itself (between its own frames, as before) when there is no worker, the worker will not
 * load, or the worker cannot start WebGL (no OffscreenCanvas WebGL) while the page can.
 */
import type { TrainConfig } from '../lstm/experimentTypes';
import type { Backend } from '../state/hyperparams';
import type { BackendInfo } from '../state/slices/runtimeSlice';
import { ensureBackend } from './backend';
import { loadEngine } from './engine';
import { enqueue } from './queue';
import { TrainingClient, type TrainingPort } from './trainingClient';
import type { TrainingReply } from './trainingProtocol';
import { createTrainingService } from './trainingService';
import { workerPort } from './trainingWorkerPort';

/** The worker's client: undefined until first needed, null once it proved unusable. */
let worker: TrainingClient | null | undefined;
let workerLacksWebgl = false;
let pageLacksWebgl = false;
let page: TrainingClient | null = null;

/** The same service, run by the page itself with the page's tfjs and queue. */
function pagePort(): TrainingPort {
  let deliver: (reply: TrainingReply) => void = () => undefined;
  // Replies are copied, as postMessage would: the service keeps mutating its progress.
  const service = createTrainingService((reply) => deliver(structuredClone(reply)), {
    startBackend: ensureBackend,
    loadEngine,
    enqueue,
  });
  return {
    send: (request) => service.handle(request),
    listen: (onReply) => {
      deliver = onReply;
    },
    close: () => undefined,
  };
}

function workerClient(): TrainingClient | null {
  if (worker === undefined) {
    const port = workerPort();
    worker = port ? new TrainingClient(port, 'worker') : null;
  }
  if (worker?.dead) {
    worker.dispose();
    worker = null;
  }
  return worker;
}

/** A session of `config` on `backend`, opened where it can train best. */
export async function openTraining(
  config: TrainConfig,
  backend: Backend,
): Promise<{ client: TrainingClient; backend: BackendInfo; totalSteps: number }> {
  const w = workerClient();
  // WebGL on the page beats the CPU in a worker; the CPU in a worker beats the CPU on the page.
  const tryPage = backend === 'webgl' && workerLacksWebgl && !pageLacksWebgl;
  if (w && !tryPage) {
    try {
      const opened = await w.open(config, backend);
      const missing = backend === 'webgl' && opened.backend.active !== 'webgl';
      if (!missing || pageLacksWebgl) {
        return { client: w, backend: opened.backend, totalSteps: opened.totalSteps };
      }
      workerLacksWebgl = true; // Maybe the page has WebGL: it trains instead, if so.
      await w.close();
    } catch (e) {
      if (!w.dead) throw e; // The engine itself failed: the page would fail the same way.
    }
  }
  page ??= new TrainingClient(pagePort(), 'page');
  const opened = await page.open(config, backend);
  if (w && !w.dead && backend === 'webgl' && opened.backend.active !== 'webgl') {
    // Neither has WebGL: train on the CPU, but off the page's main thread.
    pageLacksWebgl = true;
    await page.close();
    return openTraining(config, backend);
  }
  return { client: page, backend: opened.backend, totalSteps: opened.totalSteps };
}
