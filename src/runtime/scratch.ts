/**
 * Where a reader's edited code runs: a worker of its own (the same engine worker, a second
 * instance), so that code which never stops can be ended without taking chapter 5's training or
 * any other cell's work with it. A watchdog pings the worker while edited code runs; a worker that
 * stops answering (a `while (true) {}`) is ended and the next run starts a fresh one.
 */
import { EngineClient, EngineError, type CallOptions } from './client';
import { STALL, type EditedFiles } from './edits/types';
import type { Answers, Ask, EnginePort } from './protocol';
import { workerPort } from './workerPort';

type EditableAsk = Extract<Ask, { kind: 'forward' | 'inspect' }>;

export const STALLED_MESSAGE =
  `Your code held the engine for over ${STALL.limitMs / 1000} s without a pause, so its worker ` +
  'was ended and a fresh one started. Look for a loop that never ends; the rest of the page was ' +
  'never blocked.';

export interface Scratch {
  /** Run `ask` with `edits` in force; rejects with code `stalled` if the code would not stop. */
  run<A extends EditableAsk>(
    ask: A,
    edits: EditedFiles,
    options?: CallOptions,
  ): Promise<Answers[A['kind']]>;
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
    let lastAnswer = performance.now();
    let stalled = false;
    const watchdog = setInterval(() => {
      if (performance.now() - lastAnswer > STALL.limitMs) {
        stalled = true;
        clearInterval(watchdog);
        c.dispose(); // Ends the worker: the only way to stop a loop that never yields.
        return;
      }
      c.call({ kind: 'ping' }).then(
        () => (lastAnswer = performance.now()),
        () => undefined,
      );
    }, STALL.pingMs);
    try {
      return await c.call({ ...ask, edits }, options);
    } catch (e) {
      if (stalled) throw new EngineError(STALLED_MESSAGE, 'stalled');
      throw e;
    } finally {
      clearInterval(watchdog);
    }
  }

  return {
    run,
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
