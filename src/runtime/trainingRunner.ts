/**
 * Orchestrates chapter 5: turns play, pause, step, reset and cancel into requests to the engine
 * (in the worker where possible, see host.ts), replays the batches it reports (deltas) into the
 * page's copy of the progress, and hands that to a sink (the notebook's store). The session lives
 * with the service, never in a component or the store. Requests go out one at a time through the
 * runner's own queue; a pause cancels the play in progress between two batches, and play sends a
 * new play that resumes from where the session stands.
 */
import type { Backend, BackendInfo, BreakVariant, TrainConfig } from '../lstm/experimentTypes';
import type { CheckAt, GradientCheck } from '../lstm/train/gradientTypes';
import {
  applyDeltas,
  freshProgress,
  type DivergenceInfo,
  type Progress,
  type TrainingStatus,
} from '../lstm/train/progress';
import { EngineError } from './client';
import { codeProblemOf, placeOf, type CodeProblem } from './edits/problem';
import { LOST_MESSAGE } from './gpuLoss';
import type { EditedFiles } from './edits/types';
import { scratch, type EngineCalls } from './scratch';
import { engineFor as defaultEngineFor, type EngineFor } from './host';
import type { Answers, Ask, ProgressReply, RunState } from './protocol';

/** Requests about the open session that neither train nor reset it. */
type SessionQuery = Extract<Ask, { kind: 'train.gradcheck' | 'train.predict' | 'train.save' }>;
import { createQueue } from './queue';

/** What to train: the hyperparameters and the backend. A change means a new session. */
export interface TrainTarget {
  config: TrainConfig;
  backend: Backend;
  /** The reader's edits: the session then runs in the scratch worker, with them in force. */
  edits?: EditedFiles | null;
}

/** Where the runner writes what the reader sees. */
export interface TrainingSink {
  /**
   * A fresh run of `config` at its first batch (new session, or reset to the same weights). Its
   * status is `running` when a play opened it: never idle for a moment in between, or work that
   * waits for the run to stand still would slip in ahead of it.
   */
  reset: (
    config: TrainConfig,
    totalSteps: number,
    edited: boolean,
    status: 'idle' | 'running',
  ) => void;
  progress: (progress: Progress, steps: number) => void;
  status: (
    status: TrainingStatus,
    extra: { elapsedMs: number; error?: string; problem?: CodeProblem },
  ) => void;
  diverged: (divergence: DivergenceInfo) => void;
  backend: (info: BackendInfo) => void;
  /** A gradient check's result, or why it failed. */
  gradients: (result: GradientCheck | null, error?: string, problem?: CodeProblem) => void;
  /** The status the reader sees now. */
  current: () => TrainingStatus;
}

/** Equal for two targets that can share one session. */
export const keyOf = (t: TrainTarget) => JSON.stringify([t.config, t.backend, t.edits ?? null]);

interface Open {
  client: EngineCalls;
  /** Opened with the reader's edits (in the scratch worker). */
  edited: boolean;
  key: string;
  config: TrainConfig;
  totalSteps: number;
}

/** The play in progress: its request id once sent, and why it is being stopped. */
interface Play {
  id: number | null;
  stop: 'pause' | 'cancel' | null;
}

export function createTrainingRunner(
  sink: TrainingSink,
  engineFor: EngineFor = defaultEngineFor,
  /** Where an edited session runs: the scratch worker, under its watchdog. */
  scratchClient: () => EngineCalls = () => scratch.client(),
) {
  let current: Open | null = null;
  let playing: Play | null = null;
  /** The page's copy of the run, built from the service's deltas. */
  let progress: Progress = freshProgress(0);
  let steps = 0;
  let frame: number | null = null;
  let elapsedMs = 0;
  const queue = createQueue();

  /** Publish the progress, coalesced to one write per frame so a fast GPU does not re-render
   *  the chart and log hundreds of times a second. */
  function publish(now = false): void {
    const write = () => {
      frame = null;
      sink.progress(progress, steps);
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

  /** Back to an empty run of the open session: nothing trained, nothing drawn. */
  function showFreshRun(open: Open): void {
    progress = freshProgress(open.config.epochs);
    steps = 0;
    elapsedMs = 0;
    dropFrame();
    sink.reset(
      open.config,
      open.totalSteps,
      open.edited,
      sink.current() === 'running' ? 'running' : 'idle',
    );
  }

  function onProgress(p: ProgressReply): void {
    if (p.restarted && current) {
      // The service went back to the starting weights (Train, or Play after the end).
      showFreshRun(current);
      setStatus('running');
    }
    progress = applyDeltas(progress, p.batches);
    steps = p.steps;
    // A divergence is shown when the run settles, a moment later, together with its last batch
    // and the final status: the note, the ✕ and the counters never disagree.
    publish(); // Next frame: rendering in this task would lengthen it.
  }

  function setStatus(status: TrainingStatus, error?: string, problem?: CodeProblem): void {
    sink.status(status, { elapsedMs, error, ...(problem ? { problem } : {}) });
  }

  /** True when a newer play is waiting its turn: the status is its to set, not the caller's. */
  const supersededBy = (own: Play | null) => playing !== null && playing !== own && !playing.stop;

  /** Show where the service says the run stands. */
  function settle(state: RunState, play: Play | null = null): void {
    steps = state.steps;
    elapsedMs = state.elapsedMs;
    publish(true);
    if (state.divergence) sink.diverged(state.divergence);
    if (play?.stop !== 'cancel' && !supersededBy(play)) setStatus(state.status);
  }

  /** Failures become the sink's error, shown in the cell; callers never need to catch. */
  function fail(e: unknown): void {
    publish(true);
    const message = e instanceof Error ? e.message : String(e);
    // A failure in the reader's edited code says where it came from, and the editor marks it.
    const problem = codeProblemOf(e);
    setStatus('error', placeOf(problem?.where) + message, problem);
  }

  async function closeCurrent(): Promise<void> {
    const open = current;
    current = null;
    // A dead worker has nothing left to free.
    await open?.client.call({ kind: 'train.close' }).catch(() => undefined);
  }

  /**
   * The open session for `t`, new if the hyperparameters changed. Call only inside the queue.
   * A session whose WebGL context was lost is gone with its weights: only a run from the start
   * (`fresh`) opens a new one without a word; anything that needed the old one says why it failed.
   */
  async function sessionFor(t: TrainTarget, fresh = false): Promise<EngineCalls> {
    const key = keyOf(t);
    if (current?.client.lost && !fresh) {
      current = null;
      throw new EngineError(LOST_MESSAGE, 'lost');
    }
    if (current?.key === key && !current.client.dead) return current.client;
    await closeCurrent();
    let client: EngineCalls;
    if (t.edits) {
      const scratchCalls = scratchClient();
      await scratchCalls.warmTraining?.(t.backend, t.config);
      client = scratchCalls;
    } else client = await engineFor(t.backend);
    const opened = await client.call({
      kind: 'train.open',
      backend: t.backend,
      config: t.config,
      ...(t.edits ? { edits: t.edits } : {}),
    });
    current = {
      client,
      key,
      config: t.config,
      totalSteps: opened.totalSteps,
      edited: Boolean(t.edits),
    };
    sink.backend(opened.info);
    showFreshRun(current);
    return client;
  }

  /** Stop the play in progress (or about to start) between two batches. */
  function stopPlaying(why: 'pause' | 'cancel'): void {
    if (!playing) return;
    playing.stop = why;
    if (playing.id !== null) current?.client.cancel(playing.id);
  }

  function pause(): void {
    stopPlaying('pause');
  }

  /**
   * A question about the run where it stands (its predictions, a save), opening the session
   * first if need be. Waits for whatever is queued before it; rejects with the engine's error.
   */
  function query<K extends SessionQuery['kind']>(
    t: TrainTarget,
    ask: Extract<SessionQuery, { kind: K }>,
  ): Promise<Answers[K]> {
    return queue(async () => (await sessionFor(t)).call(ask) as Promise<Answers[K]>);
  }

  return {
    /**
     * Train until done, diverged, paused or cancelled. `fromStart` (the Train button, a change of
     * hyperparameters) goes back to the starting weights first; so does play after a finished or
     * diverged run, as there is nothing left to resume.
     */
    play(t: TrainTarget, fromStart = false): Promise<void> {
      stopPlaying('pause');
      const run: Play = { id: null, stop: null };
      playing = run;
      setStatus('running');
      return queue(async () => {
        if (playing !== run || run.stop === 'cancel') return; // Superseded before it began.
        const client = await sessionFor(t, fromStart);
        const { state } = await client.call(
          { kind: 'train.play', fromStart },
          {
            onProgress,
            onSent: (id) => {
              run.id = id;
              if (run.stop) client.cancel(id); // Paused before it was sent: it settles at once.
            },
          },
        );
        settle(state, run);
      })
        .catch(fail)
        .finally(() => {
          if (playing === run) playing = null;
        });
    },

    /** Stop between two batches; play resumes from there. */
    pause,

    /** Train exactly one batch on each model (pausing a running play first). */
    step(t: TrainTarget): Promise<void> {
      pause();
      return queue(async () => {
        const client = await sessionFor(t);
        settle((await client.call({ kind: 'train.step' }, { onProgress })).state);
      }).catch(fail);
    },

    /** Back to the same starting weights, nothing trained; a dropped session is built again. */
    reset(t: TrainTarget): Promise<void> {
      pause();
      return queue(async () => {
        const client = await sessionFor(t, true);
        const { state } = await client.call({ kind: 'train.reset' });
        if (current) showFreshRun(current);
        settle(state);
      }).catch(fail);
    },

    /**
     * Check both models' gradients where the run stands (opening the session first, so this
     * also works before any training). Waits for whatever is queued before it.
     */
    check(t: TrainTarget, breakIt: BreakVariant, at: CheckAt): Promise<void> {
      return query(t, { kind: 'train.gradcheck', breakIt, at }).then(
        (r) => sink.gradients(r.result),
        (e: unknown) => {
          const problem = codeProblemOf(e);
          const message = e instanceof Error ? e.message : String(e);
          sink.gradients(null, placeOf(problem?.where) + message, problem);
        },
      );
    },

    query,

    /** Stop and drop the session; what was drawn stays on screen. */
    cancel(): Promise<void> {
      stopPlaying('cancel');
      return queue(async () => {
        await closeCurrent();
        if (!supersededBy(null)) setStatus('cancelled');
      });
    },

    /** The cell left the page: stop and free the tensors, quietly. */
    release(): void {
      stopPlaying('cancel');
      void queue(async () => {
        await closeCurrent();
        const status = sink.current();
        if (status === 'running' || status === 'paused') setStatus('cancelled');
      });
    },
  };
}

export type TrainingRunner = ReturnType<typeof createTrainingRunner>;
