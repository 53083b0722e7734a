/**
 * Orchestrates chapter 5: turns play, pause, step, reset and cancel into requests to the training
 * service (in a worker where possible, see trainingHost) and its plain progress into the store.
 * The session lives with the service, never in a component or the store. Requests go out one at
 * a time through the runner's own queue; a pause aborts the play in progress between two batches,
 * and play sends a new play that resumes from where the session stands.
 */
import type { TrainConfig } from '../lstm/experimentTypes';
import type { Backend } from '../state/hyperparams';
import type { TrainingStatus } from '../state/slices/trainingSlice';
import { useStore } from '../state/store';
import { createQueue } from './queue';
import type { ProgressReply, TrainingClient } from './trainingClient';
import { openTraining } from './trainingHost';
import type { RunState } from './trainingProtocol';

/** What to train: the hyperparameters and the backend. A change means a new session. */
export interface TrainTarget {
  config: TrainConfig;
  backend: Backend;
}

interface Open {
  client: TrainingClient;
  key: string;
  config: TrainConfig;
  totalSteps: number;
}

let current: Open | null = null;
/** The play in progress: its request id once sent, and why it is being stopped. */
interface Play {
  id: number | null;
  stop: 'pause' | 'cancel' | null;
}
let playing: Play | null = null;
let latest: Pick<ProgressReply, 'progress' | 'steps'> | null = null;
let frame: number | null = null;
let elapsedMs = 0;

const runnerQueue = createQueue();
/** Equal for two targets that can share one session. */
export const keyOf = (t: TrainTarget) => JSON.stringify([t.config, t.backend]);
const store = () => useStore.getState();

/** Publish the newest progress, coalesced to one store write per frame so a fast GPU does not
 *  re-render the chart and log hundreds of times a second. */
function publish(now = false): void {
  const write = () => {
    frame = null;
    if (latest) store().trainingProgress(latest.progress, latest.steps);
  };
  if (now) {
    dropFrame();
    write();
  } else frame ??= requestAnimationFrame(write);
}

function dropFrame(): void {
  if (frame !== null) cancelAnimationFrame(frame);
  frame = null;
}

/** Back to an empty run of the open session in the store: nothing trained, nothing drawn. */
function showFreshRun(open: Open): void {
  latest = null;
  elapsedMs = 0;
  dropFrame();
  store().trainingReset(open.config, open.totalSteps);
}

function onProgress(p: ProgressReply): void {
  if (p.restarted && current) {
    // The service went back to the starting weights (Train, or Play after the end).
    showFreshRun(current);
    setStatus('running');
  }
  latest = p;
  // A divergence is shown when the run settles, a moment later, together with its last batch
  // and the final status: the note, the ✕ and the counters never disagree.
  publish(); // Next frame: rendering in this task would lengthen it.
}

function setStatus(status: TrainingStatus, error?: string): void {
  store().trainingStatus(status, { elapsedMs, error });
}

/** True when a newer play is waiting its turn: the status is its to set, not the caller's. */
const supersededBy = (own: Play | null) => playing !== null && playing !== own && !playing.stop;

/** Show where the service says the run stands. */
function settle(state: RunState, play: Play | null = null): void {
  latest = state;
  elapsedMs = state.elapsedMs;
  publish(true);
  if (state.divergence) store().trainingDiverged(state.divergence);
  if (play?.stop !== 'cancel' && !supersededBy(play)) setStatus(state.status);
}

/** Failures become the store's error, shown in the cell; callers never need to catch. */
function fail(e: unknown): void {
  publish(true);
  setStatus('error', e instanceof Error ? e.message : String(e));
}

async function closeCurrent(): Promise<void> {
  const open = current;
  current = null;
  await open?.client.close().catch(() => undefined); // A dead worker has nothing left to free.
}

/** The open session for `t`, new if the hyperparameters changed. Call only inside the queue. */
async function sessionFor(t: TrainTarget): Promise<TrainingClient> {
  const key = keyOf(t);
  if (current?.key === key && !current.client.dead) return current.client;
  await closeCurrent();
  const opened = await openTraining(t.config, t.backend);
  current = { client: opened.client, key, config: t.config, totalSteps: opened.totalSteps };
  store().setBackendInfo(opened.backend);
  showFreshRun(current);
  return opened.client;
}

/** Stop the play in progress (or about to start) between two batches. */
function stopPlaying(why: 'pause' | 'cancel'): void {
  if (!playing) return;
  playing.stop = why;
  if (playing.id !== null) current?.client.abort(playing.id);
}

/**
 * Train until done, diverged, paused or cancelled. `fromStart` (the Train button, a change of
 * hyperparameters) goes back to the starting weights first; so does play after a finished or
 * diverged run, as there is nothing left to resume.
 */
export function play(t: TrainTarget, fromStart = false): Promise<void> {
  stopPlaying('pause');
  const run: Play = { id: null, stop: null };
  playing = run;
  setStatus('running');
  return runnerQueue(async () => {
    if (playing !== run || run.stop === 'cancel') return; // Superseded or dropped before it began.
    const client = await sessionFor(t);
    setStatus('running'); // A new session starts out idle.
    const state = await client.play(fromStart, onProgress, (id) => {
      run.id = id;
      if (run.stop) client.abort(id); // Paused before it was sent: it settles where it stands.
    });
    settle(state, run);
  })
    .catch(fail)
    .finally(() => {
      if (playing === run) playing = null;
    });
}

/** Stop between two batches; play resumes from there. */
export function pause(): void {
  stopPlaying('pause');
}

/** Train exactly one batch on each model (pausing a running play first). */
export function step(t: TrainTarget): Promise<void> {
  pause();
  return runnerQueue(async () => {
    const client = await sessionFor(t);
    settle(await client.step(onProgress));
  }).catch(fail);
}

/** Back to the same starting weights, nothing trained; a dropped session is built again. */
export function reset(t: TrainTarget): Promise<void> {
  pause();
  return runnerQueue(async () => {
    const client = await sessionFor(t);
    const state = await client.reset();
    if (current) showFreshRun(current);
    settle(state);
  }).catch(fail);
}

/** Stop and drop the session; what was drawn stays on screen. */
export function cancel(): Promise<void> {
  stopPlaying('cancel');
  return runnerQueue(async () => {
    await closeCurrent();
    if (!supersededBy(null)) setStatus('cancelled');
  });
}

/** The cell left the page: stop and free the tensors, quietly. */
export function release(): void {
  stopPlaying('cancel');
  void runnerQueue(async () => {
    await closeCurrent();
    const { status } = store().training;
    if (status === 'running' || status === 'paused') setStatus('cancelled');
  });
}
