/**
 * Chapter 5's training, behind messages: owns the one session (both models, in lockstep), runs
 * play, step, reset and close as they arrive, keeps the plain progress and the divergence guard,
 * and posts both back after every batch. It runs in the training worker, so that tfjs' work
 * (the first batch compiles every WebGL program in one go) never blocks the page; the page runs
 * the same service itself where a worker cannot train on the backend the reader asked for.
 */
import type { ModelKind } from '../lstm/experimentTypes';
import type { TrainingSession } from '../lstm/experiments';
import { fit } from '../lstm/train/fit';
import type { BatchResult } from '../lstm/train/trainer';
import type { Backend } from '../state/hyperparams';
import type { BackendInfo } from '../state/slices/runtimeSlice';
import type { DivergenceInfo } from '../state/slices/trainingSlice';
import type { Engine } from './engine';
import type { Enqueue } from './queue';
import type { RunState, TrainingReply, TrainingRequest } from './trainingProtocol';
import { checkDivergence, freshProgress, recordBatch, type Progress } from './trainingProgress';

/** What the service needs from where it runs. */
export interface ServiceDeps {
  /** Start (or keep) the requested tfjs backend; says what actually runs. */
  startBackend: (requested: Backend) => Promise<BackendInfo>;
  loadEngine: () => Promise<Pick<Engine, 'createTrainingSession' | 'engineMemory'>>;
  /** Runs engine work one job at a time (tfjs has one global engine per thread). */
  enqueue: Enqueue;
}

export interface TrainingService {
  handle: (request: TrainingRequest) => void;
}

/** Batches trained so far, counting this one (1-based), from the batch's own position. */
const countOf = (r: BatchResult) => r.epoch * r.batches + r.batch + 1;

export function createTrainingService(
  post: (reply: TrainingReply) => void,
  deps: ServiceDeps,
): TrainingService {
  let session: TrainingSession | null = null;
  let live: Progress = freshProgress(0);
  let divergence: DivergenceInfo | null = null;
  let elapsedMs = 0;
  /** Plays with an id up to this one were aborted; one that has not started yet never will. */
  let abortedThrough = 0;
  let playing: { id: number; controller: AbortController } | null = null;
  /** The backend the open session was built on. */
  let backend: Backend = 'webgl';

  const restart = (s: TrainingSession) => {
    live = freshProgress(s.config.epochs);
    divergence = null;
    elapsedMs = 0;
  };

  /** Record one model's batch; true when the divergence guard says stop. */
  const record = (model: ModelKind, r: BatchResult): boolean => {
    const index = countOf(r);
    const found = checkDivergence(model, live[model], r, index);
    recordBatch(live[model], r);
    if (!found) return false;
    // Both models usually trip at the same batch; the first verdict stands, naming both.
    if (!divergence) divergence = found;
    else if (divergence.index === index) divergence.models = [...divergence.models, model];
    return true;
  };

  const report = (id: number, s: TrainingSession) =>
    post({ kind: 'progress', id, steps: s.steps, progress: live, divergence });

  const settle = (id: number, s: TrainingSession) => {
    const status: RunState['status'] = divergence
      ? 'diverged'
      : s.done
        ? 'done'
        : s.steps === 0
          ? 'idle'
          : 'paused';
    post({
      kind: 'settled',
      id,
      state: { status, steps: s.steps, elapsedMs, progress: live, divergence },
    });
  };

  /** The open session, on its own backend again: on the page, another chapter may have
   *  switched tfjs' backend since (started once per choice, so this is cheap). */
  const open = async () => {
    if (!session) throw new Error('No training run is open; press Train to start one.');
    await deps.startBackend(backend);
    return session;
  };

  const closeSession = () => {
    session?.dispose();
    session = null;
  };

  /** Time spent inside `work`, added to the run's training time. */
  const timed = async <T>(work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      elapsedMs += performance.now() - t0;
    }
  };

  async function run(request: Exclude<TrainingRequest, { kind: 'abort' }>): Promise<void> {
    const { id } = request;
    switch (request.kind) {
      case 'open': {
        closeSession(); // Before a backend switch, while its tensors' backend is still active.
        const info = await deps.startBackend(request.backend);
        backend = request.backend;
        const engine = await deps.loadEngine();
        session = engine.createTrainingSession(request.config);
        restart(session);
        post({ kind: 'opened', id, backend: info, totalSteps: session.totalSteps });
        return;
      }
      case 'play': {
        const s = await open();
        if (id <= abortedThrough) return settle(id, s);
        // Nothing left to resume after a finished or diverged run: start over.
        if ((request.fromStart && s.steps > 0) || s.done || divergence) {
          s.reset();
          restart(s);
          post({ kind: 'progress', id, steps: 0, progress: live, divergence, restarted: true });
        }
        const controller = new AbortController();
        playing = { id, controller };
        try {
          await timed(() =>
            fit(s, {
              signal: controller.signal,
              onBatchEnd: (model, r) => {
                // fit stops by itself on NaN; an exploded loss stops it here, before the next batch.
                if (record(model, r)) controller.abort();
                report(id, s);
              },
            }),
          );
        } finally {
          playing = null;
        }
        return settle(id, s);
      }
      case 'step': {
        const s = await open();
        if (!s.done && !divergence) {
          const both = await timed(() => s.step());
          record('custom', both.custom);
          record('library', both.library);
          report(id, s);
        }
        return settle(id, s);
      }
      case 'reset': {
        const s = await open();
        s.reset();
        restart(s);
        return settle(id, s);
      }
      case 'close':
        closeSession();
        post({ kind: 'closed', id });
        return;
      case 'memory': {
        const engine = await deps.loadEngine();
        post({ kind: 'memory', id, ...engine.engineMemory() });
        return;
      }
    }
  }

  return {
    handle(request) {
      if (request.kind === 'abort') {
        abortedThrough = Math.max(abortedThrough, request.id);
        if (playing && playing.id <= request.id) playing.controller.abort();
        return;
      }
      deps
        .enqueue(() => run(request))
        .catch((e: unknown) => {
          post({
            kind: 'failed',
            id: request.id,
            message: e instanceof Error ? e.message : String(e),
          });
        });
    },
  };
}
