/**
 * Chapter 5's side of the engine service: owns the one training session (both models, in
 * lockstep), runs open, play, step, reset and close as they arrive, keeps the divergence guard,
 * and after every model's batch posts that batch alone (a delta) with where the run stands.
 */
import type {
  Backend,
  BackendInfo,
  BreakVariant,
  ModelKind,
  TrainConfig,
} from '../lstm/experimentTypes';
import type { TrainingSession } from '../lstm/experiments';
import { fit } from '../lstm/train/fit';
import {
  checkDivergence,
  freshProgress,
  recordBatch,
  type BatchDelta,
  type DivergenceInfo,
  type Progress,
} from '../lstm/train/progress';
import type { CheckAt } from '../lstm/train/gradientTypes';
import { predictionBuffers, type KeepPlace } from '../lstm/train/predictionTypes';
import type { BatchResult } from '../lstm/train/trainer';
import type { EngineReply, RunState } from './protocol';
import type { EditedFiles } from './edits/types';

export type TrainingAsk =
  | { kind: 'train.open'; id: number; backend: Backend; config: TrainConfig; edits?: EditedFiles }
  | { kind: 'train.play'; id: number; fromStart: boolean }
  | { kind: 'train.step' | 'train.reset' | 'train.close' | 'train.predict'; id: number }
  | { kind: 'train.save'; id: number; to: KeepPlace }
  | { kind: 'train.gradcheck'; id: number; breakIt: BreakVariant; at: CheckAt };

export interface TrainingDeps {
  startBackend: (requested: Backend) => Promise<BackendInfo>;
  createSession: (config: TrainConfig, edits?: EditedFiles) => Promise<TrainingSession>;
  post: (reply: EngineReply, transfer?: ArrayBuffer[]) => void;
}

/** Batches trained so far, counting this one (1-based), from the batch's own position. */
const countOf = (r: BatchResult) => r.epoch * r.batches + r.batch + 1;

export function createTraining(deps: TrainingDeps) {
  const { post } = deps;
  let session: TrainingSession | null = null;
  /** The guard's view of the run (the page keeps its own copy, built from the deltas). */
  let live: Progress = freshProgress(0);
  let pending: BatchDelta[] = [];
  let divergence: DivergenceInfo | null = null;
  let elapsedMs = 0;
  let playing: { id: number; controller: AbortController } | null = null;
  /** The backend the open session was built on. */
  let backend: Backend = 'webgl';

  const restart = (s: TrainingSession) => {
    live = freshProgress(s.config.epochs);
    pending = [];
    divergence = null;
    elapsedMs = 0;
  };

  /** Record one model's batch; true when the divergence guard says stop. */
  const record = (model: ModelKind, r: BatchResult): boolean => {
    const index = countOf(r);
    const found = checkDivergence(model, live[model], r, index);
    recordBatch(live[model], r);
    const { epoch, batch, batches, loss, epochLoss, gateNorms } = r;
    pending.push({
      model,
      epoch,
      batch,
      batches,
      loss,
      ...(epochLoss === undefined ? {} : { epochLoss }),
      ...(gateNorms === undefined ? {} : { gateNorms }),
    });
    if (!found) return false;
    // Both models usually trip at the same batch; the first verdict stands, naming both.
    if (!divergence) divergence = found;
    else if (divergence.index === index) divergence.models = [...divergence.models, model];
    return true;
  };

  const report = (id: number, s: TrainingSession, restarted = false) => {
    const batches = pending;
    pending = [];
    post({
      kind: 'train.progress',
      id,
      steps: s.steps,
      batches,
      divergence: divergence && { ...divergence },
      ...(restarted ? { restarted: true as const } : {}),
    });
  };

  const settle = (id: number, s: TrainingSession) => {
    const status: RunState['status'] = divergence
      ? 'diverged'
      : s.done
        ? 'done'
        : s.steps === 0
          ? 'idle'
          : 'paused';
    post({
      kind: 'train.settled',
      id,
      state: { status, steps: s.steps, elapsedMs, divergence: divergence && { ...divergence } },
    });
  };

  /** The open session, on its own backend again: on the page, another request may have
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

  return {
    /** Stop the play `target` between two batches; true if it was the one running. */
    cancel(target: number): boolean {
      if (playing?.id !== target) return false;
      playing.controller.abort();
      return true;
    },

    /** `cancelled`: the request was cancelled while it waited (a play then settles at once). */
    async run(request: TrainingAsk, cancelled = false): Promise<void> {
      const { id } = request;
      switch (request.kind) {
        case 'train.open': {
          closeSession(); // Before a backend switch, while its tensors' backend is still active.
          const info = await deps.startBackend(request.backend);
          backend = request.backend;
          session = await deps.createSession(request.config, request.edits);
          restart(session);
          post({ kind: 'train.opened', id, info, totalSteps: session.totalSteps });
          return;
        }
        case 'train.play': {
          const s = await open();
          if (cancelled) return settle(id, s);
          // Nothing left to resume after a finished or diverged run: start over.
          if ((request.fromStart && s.steps > 0) || s.done || divergence) {
            s.reset();
            restart(s);
            report(id, s, true);
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
        case 'train.step': {
          const s = await open();
          if (!s.done && !divergence) {
            const both = await timed(() => s.step());
            record('custom', both.custom);
            record('library', both.library);
            report(id, s);
          }
          return settle(id, s);
        }
        case 'train.reset': {
          const s = await open();
          s.reset();
          restart(s);
          return settle(id, s);
        }
        case 'train.gradcheck': {
          const s = await open();
          post({
            kind: 'train.gradcheck',
            id,
            result: await s.gradientCheck(request.breakIt, request.at),
          });
          return;
        }
        case 'train.predict': {
          const result = await (await open()).predict();
          post({ kind: 'train.predicted', id, result }, predictionBuffers(result));
          return;
        }
        case 'train.save': {
          const { savedAt, file } = await (await open()).save(request.to);
          post(
            { kind: 'train.saved', id, to: request.to, savedAt, ...(file ? { file } : {}) },
            file ? [file.weights] : [],
          );
          return;
        }
        case 'train.close':
          closeSession();
          post({ kind: 'train.closed', id });
          return;
      }
    },
  };
}
