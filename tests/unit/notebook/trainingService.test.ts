/**
 * Chapter 5's training service and its client, wired together in Node the way the page wires them
 * to a worker (every message copied, as postMessage copies it), on tfjs' CPU backend.
 */
import { beforeAll, expect, test } from 'vitest';
import * as engine from '../../../src/lstm/experiments';
import type { TrainConfig } from '../../../src/lstm/experimentTypes';
import { fit } from '../../../src/lstm/train/fit';
import { createQueue } from '../../../src/notebook/queue';
import {
  TrainingClient,
  type ProgressReply,
  type TrainingPort,
} from '../../../src/notebook/trainingClient';
import type { TrainingReply } from '../../../src/notebook/trainingProtocol';
import { createTrainingService } from '../../../src/notebook/trainingService';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const small: TrainConfig = {
  units: 6,
  timesteps: 4,
  features: 3,
  samples: 24,
  seed: 7,
  seeding: 'tfjs',
  epochs: 3,
  batchSize: 8,
  learningRate: 0.01,
};

/** A client talking to a fresh service through a copying in-memory port. */
function connect(): {
  client: TrainingClient;
  kill: (reason: string) => void;
  backendStarts: string[];
} {
  let onReply: (reply: TrainingReply) => void = () => undefined;
  let onDeath: (reason: string) => void = () => undefined;
  const backendStarts: string[] = [];
  const service = createTrainingService((reply) => onReply(structuredClone(reply)), {
    startBackend: async (requested) => (
      backendStarts.push(requested),
      {
        active: 'cpu',
        requested,
        floatBits: 32,
        fallbackReason: null,
        detail: '',
        thread: 'worker',
      }
    ),
    loadEngine: async () => engine,
    enqueue: createQueue(),
  });
  const port: TrainingPort = {
    send: (request) => service.handle(structuredClone(request)),
    listen: (reply, death) => {
      onReply = reply;
      onDeath = death;
    },
    close: () => undefined,
  };
  return {
    client: new TrainingClient(port, 'worker'),
    kill: (reason) => onDeath(reason),
    backendStarts,
  };
}

/** The losses the engine gives for `cfg` when trained directly, without the service. */
async function directLosses(cfg: TrainConfig) {
  const session = engine.createTrainingSession(cfg);
  try {
    const h = await fit(session);
    return { custom: h.custom.batchLosses.flat(), library: h.library.batchLosses.flat() };
  } finally {
    session.dispose();
  }
}

test('a play trains to the end, reports every batch of both models, and matches a direct run', async () => {
  const { client } = connect();
  const opened = await client.open(small, 'cpu');
  expect(opened.totalSteps).toBe(9);
  expect(opened.backend.thread).toBe('worker');
  const seen: ProgressReply[] = [];
  const state = await client.play(
    true,
    (p) => seen.push(p),
    () => undefined,
  );
  expect(state.status).toBe('done');
  expect(state.steps).toBe(9);
  expect(seen).toHaveLength(18); // One report per model per batch.
  expect(seen.at(-1)!.progress.custom.epochLosses).toHaveLength(3);
  const direct = await directLosses(small);
  expect(state.progress.custom.batchLosses.flat()).toEqual(direct.custom);
  expect(state.progress.library.batchLosses.flat()).toEqual(direct.library);
  expect(state.elapsedMs).toBeGreaterThan(0);
  await client.close();
});

test('abort stops between two batches; a new play resumes to the same losses', async () => {
  const { client } = connect();
  await client.open(small, 'cpu');
  let playId = 0;
  const paused = await client.play(
    false,
    (p) => {
      if (p.steps === 2) client.abort(playId);
    },
    (id) => (playId = id),
  );
  expect(paused.status).toBe('paused');
  expect(paused.steps).toBe(2);
  const resumed = await client.play(
    false,
    () => undefined,
    () => undefined,
  );
  expect(resumed.status).toBe('done');
  const direct = await directLosses(small);
  expect(resumed.progress.custom.batchLosses.flat()).toEqual(direct.custom);
  await client.close();
});

test('a play aborted before it starts trains nothing', async () => {
  const { client } = connect();
  await client.open(small, 'cpu');
  const state = await client.play(
    false,
    () => undefined,
    (id) => client.abort(id),
  );
  expect(state).toMatchObject({ status: 'idle', steps: 0 });
  await client.close();
});

test('step trains one batch on each model; reset goes back to the same first loss', async () => {
  const { client } = connect();
  await client.open(small, 'cpu');
  const one = await client.step(() => undefined);
  expect(one).toMatchObject({ status: 'paused', steps: 1 });
  const first = one.progress.custom.batchLosses[0]![0]!;
  await client.step(() => undefined);
  const reset = await client.reset();
  expect(reset).toMatchObject({ status: 'idle', steps: 0 });
  expect(reset.progress.custom.batchLosses).toEqual([]);
  const again = await client.step(() => undefined);
  expect(again.progress.custom.batchLosses[0]![0]).toBe(first);
  await client.close();
});

test('a diverging run stops at the batch that tripped the guard and says why', async () => {
  const { client } = connect();
  await client.open({ ...small, epochs: 20, learningRate: 1e38 }, 'cpu');
  let reports = 0;
  const state = await client.play(
    true,
    () => reports++,
    () => undefined,
  );
  expect(state.status).toBe('diverged');
  expect(state.divergence).not.toBeNull();
  expect(state.steps).toBeLessThan(60);
  // The guard stopped it at once: the last batch trained is the one it names.
  expect(state.steps).toBe(state.divergence!.index);
  expect(reports).toBe(2 * state.steps);
  // A step after a divergence trains nothing more; only reset (or play, from the start) does.
  const again = await client.step(() => undefined);
  expect(again).toMatchObject({ status: 'diverged', steps: state.steps });
  await client.close();
});

test('requests fail with a message the cell can show; a dead port fails every call', async () => {
  const { client, kill } = connect();
  await expect(client.step(() => undefined)).rejects.toThrow(/No training run is open/);
  await client.open(small, 'cpu');
  const pending = client.reset();
  kill('The training worker failed: out of memory');
  await expect(pending).rejects.toThrow(/out of memory/);
  expect(client.dead).toBe(true);
  await expect(client.close()).rejects.toThrow(/out of memory/);
});

test('no tensor leaks: opening, training, resetting and closing 20 times leaves memory flat', async () => {
  const { client } = connect();
  const baseline = await client.memory();
  for (let k = 0; k < 20; k++) {
    await client.open({ ...small, epochs: 1, seed: k }, 'cpu');
    await client.play(
      true,
      () => undefined,
      () => undefined,
    );
    await client.reset();
    await client.step(() => undefined);
    await client.close();
  }
  expect(await client.memory()).toEqual(baseline);
});

test('a play that starts over says so first; every request re-checks the backend', async () => {
  const { client, backendStarts } = connect();
  await client.open(small, 'cpu');
  await client.step(() => undefined);
  const seen: ProgressReply[] = [];
  // fromStart with a batch already trained: back to the starting weights before training.
  await client.play(
    true,
    (p) => seen.push(p),
    () => undefined,
  );
  expect(seen[0]).toMatchObject({ restarted: true, steps: 0, divergence: null });
  expect(seen[0]!.progress.custom.batchLosses).toEqual([]);
  expect(seen.slice(1).every((p) => p.restarted === undefined)).toBe(true);
  // Play after the end starts over too, and says so.
  const again: ProgressReply[] = [];
  await client.play(
    false,
    (p) => again.push(p),
    () => undefined,
  );
  expect(again[0]?.restarted).toBe(true);
  // On the page another chapter may switch tfjs' backend between two requests: each one that
  // trains (open, step, play, play) makes sure the session's backend is active first.
  expect(backendStarts).toEqual(['cpu', 'cpu', 'cpu', 'cpu']);
  await client.close();
});
