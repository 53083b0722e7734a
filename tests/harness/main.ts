/**
 * The engine, bare, in a real browser: browser tests and `npm run bench` drive it through
 * `window.harness`. Everything crossing to the test is plain data.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgl';
import { compareForward, compareTraining } from '../../src/lstm/experiments';
import type { Backend, ForwardConfig, TrainConfig } from '../../src/lstm/experimentTypes';
import { inspectForward, type InspectConfig } from '../../src/lstm/inspect';
import { EngineClient } from '../../src/runtime/client';
import type { Ask } from '../../src/runtime/protocol';
import { startBackend } from '../../src/runtime/startBackend';
import { workerPort } from '../../src/runtime/workerPort';
import { kerasInitializer } from '../../src/parity';
import { benchLstm, roundTrip } from './bench';
import { BENCH_SIZES, median } from '../../src/lstm/bench';
import { countDispatches, profileLstm } from './profile';
import { profilePieces } from './pieces';
import { fusedParity, fusedTraining } from './fused';

/** Starts `name` as the notebook does (its packages loaded on demand); no silent fallback. */
async function useBackend(name: Backend) {
  const info = await startBackend(tf, name, 'page');
  if (info.active !== name) {
    throw new Error(`Backend ${name} did not start: ${info.fallbackReason ?? 'unknown'}.`);
  }
  return { backend: tf.getBackend(), float32: info.floatBits === 32 };
}

/**
 * The TF 2.7 orthogonal emulation against tfjs' own orthogonal initializer, [units, 4 units].
 * tfjs' own runs at most `libraryReps` times: above 100 units one run takes minutes.
 */
function benchOrthogonal(units: number, reps: number, libraryReps = reps) {
  const shape = [units, 4 * units];
  const emulated: number[] = [];
  const tfjs: number[] = [];
  for (let k = 0; k < reps; k++) {
    let t = performance.now();
    kerasInitializer('orthogonal', shape, [313, 1000 + k]);
    emulated.push(performance.now() - t);
    if (k >= libraryReps) continue;
    t = performance.now();
    const w = tf.initializers.orthogonal({ seed: 1 + k, gain: 1 }).apply(shape);
    w.dataSync();
    tfjs.push(performance.now() - t);
    w.dispose();
  }
  return { emulated, tfjs };
}

/** A fresh engine worker's client; the caller disposes it. */
function engineWorker(): EngineClient {
  const port = workerPort();
  if (!port) throw new Error('This browser has no Web Worker.');
  return new EngineClient(port, 'worker');
}

const memoryOf = async (client: EngineClient) => {
  const { numTensors, numBytes } = await client.call({ kind: 'memory' });
  return { numTensors, numBytes };
};

/**
 * The engine worker's training, driven as the page drives it: `cycles` times open, play to the
 * end, reset, step and close. Returns the worker's tfjs memory before and after, and what ran.
 */
async function workerTraining(cfg: TrainConfig, cycles: number, on: Backend = 'webgl') {
  const client = engineWorker();
  try {
    const before = await memoryOf(client);
    let backend = null;
    let losses: number[] = [];
    for (let k = 0; k < cycles; k++) {
      backend = (await client.call({ kind: 'train.open', config: cfg, backend: on })).info;
      losses = [];
      await client.call(
        { kind: 'train.play', fromStart: true },
        {
          onProgress: (p) => p.batches.forEach((b) => b.model === 'custom' && losses.push(b.loss)),
        },
      );
      await client.call({ kind: 'train.reset' });
      await client.call({ kind: 'train.step' });
      await client.call({ kind: 'train.close' });
    }
    return { before, after: await memoryOf(client), backend, losses };
  } finally {
    client.dispose();
  }
}

/**
 * Send each message to a fresh engine worker as it is (not through the client, which would
 * number and shape it) and collect the replies: the protocol's own defence, tested raw.
 */
async function rawWorker(messages: unknown[], settleMs = 2000) {
  const w = new Worker(new URL('../../src/runtime/worker.ts', import.meta.url), { type: 'module' });
  const replies: unknown[] = [];
  w.onmessage = (e) => replies.push(e.data);
  for (const m of messages) w.postMessage(m);
  await new Promise((r) => setTimeout(r, settleMs));
  w.terminate();
  return replies;
}

/**
 * One request to a fresh engine worker, `reps` times, then its memory: what the notebook's cells
 * send, with what comes back summarised (the result itself may be megabytes).
 */
async function workerRepeat(ask: Ask, reps: number) {
  const client = engineWorker();
  try {
    await client.call(ask);
    const before = await memoryOf(client);
    let last: unknown = null;
    for (let k = 0; k < reps; k++) last = await client.call(ask);
    return { before, after: await memoryOf(client), last };
  } finally {
    client.dispose();
  }
}

const harness = {
  benchLstm,
  roundTrip,
  benchSizes: BENCH_SIZES,
  median,
  countDispatches,
  profileLstm,
  profilePieces,
  fusedParity,
  fusedTraining,
  workerTraining,
  workerRepeat,
  rawWorker,
  benchOrthogonal,
  useBackend,
  memory: () => tf.memory().numTensors,
  compareForward: (cfg: ForwardConfig) => compareForward(cfg),
  compareTraining: (cfg: TrainConfig) => compareTraining(cfg),
  inspectForward: (cfg: InspectConfig) => inspectForward(cfg),
};

declare global {
  interface Window {
    harness: typeof harness;
    harnessReady: boolean;
  }
}
window.harness = harness;
window.harnessReady = true;
