/**
 * Orchestrates chapter 5: owns the one training session (both models, in lockstep) and turns
 * play, pause, step, reset and cancel into engine calls and plain progress in the store. The
 * session lives here, never in a component or the store. Every engine call goes through the
 * queue, since tfjs has one global engine; a pause aborts `fit`, which frees the queue between
 * batches, and play calls `fit` again from where the session stands.
 */
import type { ModelKind, TrainConfig } from '../lstm/experimentTypes';
import type { TrainingSession } from '../lstm/experiments';
import { fit } from '../lstm/train/fit';
import type { BatchResult } from '../lstm/train/trainer';
import type { Backend } from '../state/hyperparams';
import type { DivergenceInfo, TrainingStatus } from '../state/slices/trainingSlice';
import { useStore } from '../state/store';
import { ensureBackend } from './backend';
import { loadEngine } from './engine';
import { enqueue } from './queue';
import { checkDivergence, freshProgress, recordBatch, type Progress } from './trainingProgress';

/** What to train: the hyperparameters and the backend. A change means a new session. */
export interface TrainTarget {
  config: TrainConfig;
  backend: Backend;
}

let session: TrainingSession | null = null;
let sessionKey = '';
let live: Progress = freshProgress(0);
let elapsedMs = 0;
/** The play in progress, and why it is being stopped. */
let playing: { controller: AbortController; stop: 'pause' | 'cancel' | null } | null = null;
let frame: number | null = null;

const keyOf = (t: TrainTarget) => JSON.stringify([t.config, t.backend]);
const store = () => useStore.getState();
let divergence: DivergenceInfo | null = null;
const diverged = () => divergence !== null;

/** Publish progress, coalesced to one store write per frame so a fast GPU does not re-render the
 *  chart and log hundreds of times a second. */
function publish(now = false): void {
  const write = () => {
    frame = null;
    store().trainingProgress(structuredClone(live), session?.steps ?? 0);
  };
  if (now) {
    if (frame !== null) cancelAnimationFrame(frame);
    write();
  } else frame ??= requestAnimationFrame(write);
}

function setStatus(status: TrainingStatus, error?: string): void {
  store().trainingStatus(status, { elapsedMs, error });
}

function restartProgress(s: TrainingSession): void {
  live = freshProgress(s.config.epochs);
  divergence = null;
  elapsedMs = 0;
  if (frame !== null) cancelAnimationFrame(frame);
  frame = null;
  store().trainingReset(s.config, s.totalSteps);
}

function disposeSession(): void {
  session?.dispose();
  session = null;
  sessionKey = '';
}

/** Batches trained so far, counting this one (1-based), from the batch's own position. */
const countOf = (r: BatchResult) => r.epoch * r.batches + r.batch + 1;

/** Record one model's batch; true when the divergence guard says stop. */
function record(model: ModelKind, r: BatchResult): boolean {
  const index = countOf(r);
  const found = checkDivergence(model, live[model], r, index);
  recordBatch(live[model], r);
  if (!found) return false;
  // Both models usually trip at the same batch; the first verdict stands, naming both.
  if (!divergence) divergence = found;
  else if (divergence.index === index) divergence.models = [...divergence.models, model];
  store().trainingDiverged(structuredClone(divergence));
  return true;
}

/** The session for `t`, new if the hyperparameters changed. Call only inside the queue. */
async function sessionFor(t: TrainTarget): Promise<TrainingSession> {
  const key = keyOf(t);
  if (session && sessionKey === key) {
    await ensureBackend(t.backend); // Another chapter may have switched it meanwhile.
    return session;
  }
  disposeSession(); // Before a backend switch, while its tensors' backend is still active.
  await ensureBackend(t.backend);
  const engine = await loadEngine();
  session = engine.createTrainingSession(t.config);
  sessionKey = key;
  restartProgress(session);
  return session;
}

/** Where a stopped session stands, in the store's words. */
function settledStatus(s: TrainingSession): TrainingStatus {
  if (diverged()) return 'diverged';
  if (s.done) return 'done';
  return s.steps === 0 ? 'idle' : 'paused';
}

/** Failures become the store's error, shown in the cell; callers never need to catch. */
function fail(e: unknown): void {
  publish(true);
  setStatus('error', e instanceof Error ? e.message : String(e));
}

/**
 * Train until done, diverged, paused or cancelled. `fromStart` (the Train button, a change of
 * hyperparameters) goes back to the starting weights first; so does play after a finished or
 * diverged run, as there is nothing left to resume.
 */
export function play(t: TrainTarget, fromStart = false): Promise<void> {
  if (playing) playing.stop = 'pause';
  playing?.controller.abort();
  const run = { controller: new AbortController(), stop: null as 'pause' | 'cancel' | null };
  playing = run;
  setStatus('running');
  return enqueue(async () => {
    if (run.controller.signal.aborted) return;
    const s = await sessionFor(t);
    if ((fromStart && s.steps > 0) || s.done || diverged()) {
      s.reset();
      restartProgress(s);
    }
    setStatus('running');
    const t0 = performance.now();
    await fit(s, {
      signal: run.controller.signal,
      onBatchEnd: (model, r) => {
        // fit stops by itself on NaN; an exploded loss stops it here, before the next batch.
        if (record(model, r)) run.controller.abort();
        publish(); // Next frame: rendering in this task would lengthen it.
      },
    });
    elapsedMs += performance.now() - t0;
    publish(true);
    if (run.stop !== 'cancel') setStatus(settledStatus(s));
  })
    .catch(fail)
    .finally(() => {
      if (playing === run) playing = null;
    });
}

/** Stop between two batches; play resumes from there. */
export function pause(): void {
  if (!playing) return;
  playing.stop = 'pause';
  playing.controller.abort();
}

/** Train exactly one batch on each model (pausing a running play first). */
export function step(t: TrainTarget): Promise<void> {
  pause();
  return enqueue(async () => {
    const s = await sessionFor(t);
    if (s.done || diverged()) return;
    const t0 = performance.now();
    const report = await s.step();
    elapsedMs += performance.now() - t0;
    record('custom', report.custom);
    record('library', report.library);
    publish(true);
    setStatus(settledStatus(s));
  }).catch(fail);
}

/** Back to the same starting weights, nothing trained; a dropped session is built again. */
export function reset(t: TrainTarget): Promise<void> {
  pause();
  return enqueue(async () => {
    const s = await sessionFor(t);
    s.reset();
    restartProgress(s);
  }).catch(fail);
}

/** Stop and drop the session; what was drawn stays on screen. */
export function cancel(): Promise<void> {
  if (playing) playing.stop = 'cancel';
  playing?.controller.abort();
  return enqueue(async () => {
    disposeSession();
    setStatus('cancelled');
  });
}

/** The cell left the page: stop and free the tensors, quietly. */
export function release(): void {
  if (playing) playing.stop = 'cancel';
  playing?.controller.abort();
  void enqueue(async () => {
    disposeSession();
    const { status } = store().training;
    if (status === 'running' || status === 'paused') setStatus('cancelled');
  });
}
