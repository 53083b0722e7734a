/**
 * The engine service's training half through its client, in Node on tfjs' CPU backend, wired as
 * the page wires the worker (every message copied).
 */
import { beforeAll, expect, test } from 'vitest';
import * as engine from '../../../src/lstm/experiments';
import type { TrainConfig } from '../../../src/lstm/experimentTypes';
import { fit } from '../../../src/lstm/train/fit';
import { applyDeltas, freshProgress, type Progress } from '../../../src/lstm/train/progress';
import type { EngineClient } from '../../../src/runtime/client';
import type { ProgressReply } from '../../../src/runtime/protocol';
import { useCpuBackend } from '../setup';
import { connect } from './connect';

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

/** The page's view of a run: every delta replayed, as the runner replays them. */
function tracker() {
  let progress: Progress = freshProgress(3);
  const seen: ProgressReply[] = [];
  return {
    seen,
    onProgress: (p: ProgressReply) => {
      seen.push(p);
      if (p.restarted) progress = freshProgress(3);
      progress = applyDeltas(progress, p.batches);
    },
    get progress() {
      return progress;
    },
  };
}

const open = (client: EngineClient, config = small) =>
  client.call({ kind: 'train.open', backend: 'cpu', config });
const play = (
  client: EngineClient,
  fromStart: boolean,
  t = tracker(),
  onSent?: (id: number) => void,
) =>
  client
    .call({ kind: 'train.play', fromStart }, { onProgress: t.onProgress, onSent })
    .then((r) => r.state);
const step = (client: EngineClient, t = tracker()) =>
  client.call({ kind: 'train.step' }, { onProgress: t.onProgress }).then((r) => r.state);
const memory = (client: EngineClient) =>
  client.call({ kind: 'memory' }).then(({ numTensors, numBytes }) => ({ numTensors, numBytes }));

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

test('a play trains to the end, reports every batch of both models once, and matches a direct run', async () => {
  const { client } = connect();
  const opened = await open(client);
  expect(opened.totalSteps).toBe(9);
  expect(opened.info.thread).toBe('worker');
  const t = tracker();
  const state = await play(client, true, t);
  expect(state.status).toBe('done');
  expect(state.steps).toBe(9);
  expect(t.seen).toHaveLength(18); // One report per model per batch...
  expect(t.seen.every((p) => p.batches.length === 1)).toBe(true); // ...carrying that batch alone.
  expect(t.progress.custom.epochLosses).toHaveLength(3);
  const direct = await directLosses(small);
  expect(t.progress.custom.batchLosses.flat()).toEqual(direct.custom);
  expect(t.progress.library.batchLosses.flat()).toEqual(direct.library);
  expect(state.elapsedMs).toBeGreaterThan(0);
  await client.call({ kind: 'train.close' });
});

test('cancel stops a play between two batches; a new play resumes to the same losses', async () => {
  const { client } = connect();
  await open(client);
  let playId = 0;
  const t = tracker();
  const paused = await client
    .call(
      { kind: 'train.play', fromStart: false },
      {
        onProgress: (p) => {
          t.onProgress(p);
          if (p.steps === 2) client.cancel(playId);
        },
        onSent: (id) => (playId = id),
      },
    )
    .then((r) => r.state);
  expect(paused.status).toBe('paused');
  expect(paused.steps).toBe(2);
  const resumed = await play(client, false, t);
  expect(resumed.status).toBe('done');
  const direct = await directLosses(small);
  expect(t.progress.custom.batchLosses.flat()).toEqual(direct.custom);
  await client.call({ kind: 'train.close' });
});

test('a play cancelled before it starts trains nothing', async () => {
  const { client } = connect();
  await open(client);
  const state = await play(client, false, tracker(), (id) => client.cancel(id));
  expect(state).toMatchObject({ status: 'idle', steps: 0 });
  await client.call({ kind: 'train.close' });
});

test('step trains one batch on each model; reset goes back to the same first loss', async () => {
  const { client } = connect();
  await open(client);
  const t = tracker();
  const one = await step(client, t);
  expect(one).toMatchObject({ status: 'paused', steps: 1 });
  const first = t.progress.custom.batchLosses[0]![0]!;
  await step(client, t);
  const reset = await client.call({ kind: 'train.reset' });
  expect(reset.state).toMatchObject({ status: 'idle', steps: 0 });
  const again = tracker();
  await step(client, again);
  expect(again.progress.custom.batchLosses[0]![0]).toBe(first);
  await client.call({ kind: 'train.close' });
});

test('a diverging run stops at the batch that tripped the guard and says why', async () => {
  const { client } = connect();
  await open(client, { ...small, epochs: 20, learningRate: 1000 });
  const t = tracker();
  const state = await play(client, true, t);
  expect(state.status).toBe('diverged');
  expect(state.divergence).not.toBeNull();
  expect(state.steps).toBeLessThan(60);
  // The guard stopped it at once: the last batch trained is the one it names.
  expect(state.steps).toBe(state.divergence!.index);
  expect(t.seen).toHaveLength(2 * state.steps);
  // A step after a divergence trains nothing more; only reset (or play, from the start) does.
  const again = await step(client);
  expect(again).toMatchObject({ status: 'diverged', steps: state.steps });
  await client.call({ kind: 'train.close' });
});

test('requests fail with a message the cell can show; a dead port fails every call', async () => {
  const { client, kill } = connect();
  await expect(step(client)).rejects.toThrow(/No training run is open/);
  await open(client);
  const pending = client.call({ kind: 'train.reset' });
  kill('The engine worker failed: out of memory');
  await expect(pending).rejects.toThrow(/out of memory/);
  expect(client.dead).toBe(true);
  await expect(client.call({ kind: 'train.close' })).rejects.toThrow(/out of memory/);
});

test('no tensor leaks: opening, training, resetting and closing 20 times leaves memory flat', async () => {
  const { client } = connect();
  const baseline = await memory(client);
  for (let k = 0; k < 20; k++) {
    await open(client, { ...small, epochs: 1, seed: k });
    await play(client, true);
    await client.call({ kind: 'train.reset' });
    await step(client);
    await client.call({ kind: 'train.close' });
  }
  expect(await memory(client)).toEqual(baseline);
});

test('a play that starts over says so first; every request re-checks the backend', async () => {
  const { client, backendStarts } = connect();
  await open(client);
  await step(client);
  const t = tracker();
  // fromStart with a batch already trained: back to the starting weights before training.
  await play(client, true, t);
  expect(t.seen[0]).toMatchObject({ restarted: true, steps: 0, divergence: null, batches: [] });
  expect(t.seen.slice(1).every((p) => p.restarted === undefined)).toBe(true);
  // Play after the end starts over too, and says so.
  const again = tracker();
  await play(client, false, again);
  expect(again.seen[0]?.restarted).toBe(true);
  // On the page another request may switch tfjs' backend between two requests: each one that
  // trains (open, step, play, play) makes sure the session's backend is active first.
  expect(backendStarts).toEqual(['cpu', 'cpu', 'cpu', 'cpu']);
  await client.call({ kind: 'train.close' });
});
