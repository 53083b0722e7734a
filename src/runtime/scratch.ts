/**
 * Where a reader's edited code runs: a worker of its own (the same engine worker, a second
 * instance), so that code which never stops can be ended without taking chapter 5's training or
 * any other cell's work with it. A watchdog pings the worker while edited code runs; a worker that
 * stops answering (a `while (true) {}`) is ended and the next run starts a fresh one.
 */
import type { Backend, TrainConfig } from '../lstm/experimentTypes';
import { EngineClient, EngineError, type CallOptions } from './client';
import { STALL, type EditedFiles } from './edits/types';
import type { Answers, Ask, EnginePort } from './protocol';
import { workerPort } from './workerPort';

type EditableAsk = Extract<Ask, { kind: 'forward' | 'inspect' | 'optimizers' }>;

export const STALLED_MESSAGE =
  `Your code held the engine for over ${STALL.limitMs / 1000} s without a pause, so its worker ` +
  'was ended and a fresh one started. Look for a loop that never ends; the rest of the page was ' +
  'never blocked.';

/** What a caller needs of an engine client: the scratch worker hands out a guarded one. */
export interface EngineCalls {
  call: EngineClient['call'];
  cancel: (id: number) => void;
  readonly dead: boolean;
  /** It died because its WebGL context was lost. */
  readonly lost?: boolean;
  /**
   * Train one batch of `config` as written, untimed and once per worker: a cold worker compiles
   * for seconds on its first batch, which the watchdog would take for code that never stops.
   */
  warmTraining?: (backend: Backend, config: TrainConfig) => Promise<void>;
}

export interface Scratch {
  /** Run `ask` with `edits` in force; rejects with code `stalled` if the code would not stop. */
  run<A extends EditableAsk>(
    ask: A,
    edits: EditedFiles,
    options?: CallOptions,
  ): Promise<Answers[A['kind']]>;
  /**
   * The scratch worker as a client, for conversations longer than one request (a training
   * session opened with edits): every call is watched like `run`'s.
   */
  client(): EngineCalls;
  /** Start the worker and run `ask` as written, so the first edited run finds it warm. */
  prepare(ask: EditableAsk): void;
  /** Workers started so far (a stalled one is replaced by the next). */
  readonly started: number;
}

export function createScratch(makePort: () => EnginePort | null = workerPort): Scratch {
  let client: EngineClient | null = null;
  /** Asks already run unedited on this worker: their shaders are compiled, their code warm. */
  let warmed = new Set<string>();
  let started = 0;
  /** Calls in flight on the current worker, and the watchdog that runs while there are any. */
  let busy = 0;
  let watchdog: ReturnType<typeof setInterval> | null = null;
  let lastAnswer = 0;
  /** The worker ended by the watchdog: its calls fail as stalled, not as dead. */
  let stalledClient: EngineClient | null = null;

  function current(): EngineClient {
    if (client && !client.dead) return client;
    const port = makePort();
    if (!port) {
      throw new EngineError(
        'Edited code runs only in a Web Worker, and this browser would not start one.',
        'dead',
      );
    }
    started++;
    warmed = new Set();
    client = new EngineClient(port, 'worker');
    return client;
  }

  function watch(c: EngineClient) {
    lastAnswer = performance.now();
    watchdog ??= setInterval(() => {
      if (busy === 0 || c.dead) return;
      if (performance.now() - lastAnswer > STALL.limitMs) {
        stalledClient = c;
        c.dispose(); // Ends the worker: the only way to stop a loop that never yields.
        return;
      }
      c.call({ kind: 'ping' }).then(
        () => (lastAnswer = performance.now()),
        () => undefined,
      );
    }, STALL.pingMs);
  }

  /** A call on `c` under the watchdog. */
  async function guarded<T>(c: EngineClient, work: () => Promise<T>): Promise<T> {
    busy++;
    watch(c);
    try {
      return await work();
    } catch (e) {
      if (stalledClient === c) throw new EngineError(STALLED_MESSAGE, 'stalled');
      throw e;
    } finally {
      busy--;
      if (busy === 0 && watchdog !== null) {
        clearInterval(watchdog);
        watchdog = null;
      }
    }
  }

  /** Run the ask once as written, untimed: a cold worker's first run compiles for seconds. */
  async function warm(c: EngineClient, ask: EditableAsk, options: CallOptions) {
    const key = JSON.stringify([ask.kind, ask.backend, ask.config]);
    if (warmed.has(key)) return;
    await c.call(ask, { signal: options.signal });
    warmed.add(key);
  }

  async function run<A extends EditableAsk>(
    ask: A,
    edits: EditedFiles,
    options: CallOptions = {},
  ): Promise<Answers[A['kind']]> {
    const c = current();
    await warm(c, ask, options);
    return guarded(c, () => c.call({ ...ask, edits }, options));
  }

  return {
    run,
    client() {
      const c = current();
      return {
        call: (ask, options) => guarded(c, () => c.call(ask, options)),
        cancel: (id) => c.cancel(id),
        get dead() {
          return c.dead;
        },
        get lost() {
          return c.lost;
        },
        async warmTraining(backend, config) {
          const key = JSON.stringify(['train', backend, config]);
          if (warmed.has(key)) return;
          await c.call({ kind: 'train.open', backend, config });
          await c.call({ kind: 'train.step' });
          await c.call({ kind: 'train.close' });
          warmed.add(key);
        },
      };
    },
    prepare(ask) {
      try {
        warm(current(), ask, {}).catch(() => undefined); // A failure shows on the real run.
      } catch {
        // No worker: the run will say so.
      }
    },
    get started() {
      return started;
    },
  };
}

/** The page's scratch worker, started on the first edited run. */
export const scratch = createScratch();
