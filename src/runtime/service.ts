/**
 * The engine service: answers the protocol's requests one at a time (tfjs has one global engine
 * per thread), each checked and budgeted before it starts. It runs in the engine worker, and on
 * the page only where a worker cannot do the job; either way it owns every tensor, and hands out
 * plain data whose typed arrays are transferred.
 */
import type { Backend, BackendInfo } from '../lstm/experimentTypes';
import type * as Experiments from '../lstm/experiments';
import type * as Bench from '../lstm/bench';
import { createQueue, type Enqueue } from './queue';
import type { EngineReply } from './protocol';
import { createTraining } from './training';
import { keptBuffers } from '../lstm/train/predictionTypes';
import { checkRequest, checkTrainConfig } from './validate';
import { locate } from './edits/locate';
import type { EditedFiles } from './edits/types';

/** What the service computes with: the engine module, loaded where the service runs. */
export type EngineModule = Pick<
  typeof Experiments,
  | 'compareForward'
  | 'inspectForward'
  | 'createTrainingSession'
  | 'compareOptimizers'
  | 'reloadModel'
  | 'probeTraining'
  | 'engineMemory'
  | 'forwardBuffers'
  | 'inspectBuffers'
>;

/** The live benchmark, loaded only when a reader runs it (it brings the fused kernels). */
export type BenchModule = Pick<typeof Bench, 'runBench'>;

export interface ServiceDeps {
  /** Start (or keep) the requested tfjs backend; says what actually runs. */
  startBackend: (requested: Backend) => Promise<BackendInfo>;
  loadEngine: () => Promise<EngineModule>;
  /**
   * The engine with a reader's edits in force. Only a worker has it: edited code never runs on
   * the page, so a service without it refuses edits.
   */
  loadEdited?: (edits: EditedFiles) => Promise<EngineModule>;
  /** The benchmark module; a service without it refuses `bench.run`. */
  loadBench?: () => Promise<BenchModule>;
  /** Runs engine work one job at a time; a queue of the service's own by default. */
  enqueue?: Enqueue;
  /** Lose this side's WebGL context on purpose; false where there is none (see `gpu.lose`). */
  loseContext?: () => boolean;
}

export type Post = (reply: EngineReply, transfer?: ArrayBuffer[]) => void;

export interface EngineService {
  /** Take one message, as it arrived: it is checked before anything else happens. */
  handle: (message: unknown) => void;
}

const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError';

export function createEngineService(post: Post, deps: ServiceDeps): EngineService {
  const enqueue = deps.enqueue ?? createQueue();
  /** Requests taken and not yet answered. */
  const pending = new Set<number>();
  /** Pending requests cancelled before they finished; a waiting one never starts. */
  const cancelled = new Set<number>();
  /** The forward, inspect or bench request running now, stoppable at its next checkpoint. */
  let running: { id: number; controller: AbortController } | null = null;
  const training = createTraining({
    startBackend: deps.startBackend,
    createSession: async (config, edits) => (await loadEngine(edits)).createTrainingSession(config),
    post,
  });

  async function compute(
    id: number,
    work: (engine: EngineModule, signal: AbortSignal, info: BackendInfo) => Promise<void>,
    backend: Backend,
    edits?: EditedFiles,
  ) {
    const info = await deps.startBackend(backend);
    const engine = await loadEngine(edits);
    const controller = new AbortController();
    running = { id, controller };
    try {
      await work(engine, controller.signal, info);
    } finally {
      running = null;
    }
  }

  function loadEngine(edits: EditedFiles | undefined): Promise<EngineModule> {
    if (!edits) return deps.loadEngine();
    if (!deps.loadEdited) {
      throw new Error('Edited code runs only in the engine worker, and this one runs on the page.');
    }
    return deps.loadEdited(edits);
  }

  async function run(id: number, request: ReturnType<typeof checkRequest> & { ok: true }) {
    const r = request.request;
    switch (r.kind) {
      case 'backend':
        post({ kind: 'backend', id, info: await deps.startBackend(r.backend) });
        return;
      case 'forward':
        return compute(
          id,
          async (engine, signal, info) => {
            const result = await engine.compareForward(r.config, signal);
            post({ kind: 'forward', id, info, result }, engine.forwardBuffers(result));
          },
          r.backend,
          r.edits,
        );
      case 'inspect':
        return compute(
          id,
          async (engine, signal, info) => {
            const result = await engine.inspectForward(r.config, signal);
            post({ kind: 'inspect', id, info, result }, engine.inspectBuffers(result));
          },
          r.backend,
          r.edits,
        );
      case 'optimizers':
        return compute(
          id,
          async (engine, signal, info) => {
            const result = await engine.compareOptimizers(r.config, signal);
            post({ kind: 'optimizers', id, info, result });
          },
          r.backend,
          r.edits,
        );
      case 'train.probe':
        return compute(
          id,
          async (engine, signal, info) => {
            const result = await engine.probeTraining(r.config, signal);
            post({ kind: 'train.probed', id, info, result });
          },
          r.backend,
        );
      case 'bench.run': {
        if (!deps.loadBench) throw new Error('This engine cannot run the benchmark.');
        const bench = await deps.loadBench();
        return compute(
          id,
          async (_engine, signal, info) => {
            const result = await bench.runBench(r.config, signal, (p) =>
              post({ kind: 'bench.progress', id, ...p }),
            );
            post({ kind: 'bench.done', id, info, result });
          },
          r.backend,
        );
      }
      case 'memory': {
        const engine = await deps.loadEngine();
        post({ kind: 'memory', id, ...engine.engineMemory() });
        return;
      }
      case 'train.open':
      case 'train.play':
      case 'train.step':
      case 'train.reset':
      case 'train.close':
      case 'train.gradcheck':
      case 'train.predict':
      case 'train.save':
        return training.run(r, false);
      case 'model.load':
        return compute(
          id,
          async (engine, _signal, info) => {
            const result = await engine.reloadModel(r.from, r.file ?? null, checkTrainConfig);
            post({ kind: 'model.loaded', id, info, result }, keptBuffers(result));
          },
          r.backend,
          r.edits,
        );
    }
  }

  return {
    handle(message) {
      const checked = checkRequest(message);
      if (!checked.ok) {
        const { id, code, message: text, field } = checked;
        // A message with no usable id cannot be answered by id; id 0 reaches the client's log.
        post({ kind: 'failed', id: id ?? 0, code, message: text, ...(field ? { field } : {}) });
        return;
      }
      const request = checked.request;
      if (request.kind === 'cancel') {
        const { target } = request;
        if (pending.has(target)) cancelled.add(target);
        if (running?.id === target) running.controller.abort();
        training.cancel(target);
        return;
      }
      const { id } = request;
      if (request.kind === 'ping') return post({ kind: 'pong', id });
      if (request.kind === 'gpu.lose') {
        return post({ kind: 'gpu.lose', id, lost: deps.loseContext?.() ?? false });
      }
      pending.add(id);
      enqueue(async () => {
        const wasCancelled = cancelled.delete(id);
        if (wasCancelled && request.kind === 'train.play') return training.run(request, true);
        if (wasCancelled) return post({ kind: 'cancelled', id });
        await run(id, checked);
      })
        .finally(() => {
          pending.delete(id);
          cancelled.delete(id);
        })
        .catch((e: unknown) => {
          if (isAbort(e)) return post({ kind: 'cancelled', id });
          const where = locate(e);
          post({
            kind: 'failed',
            id,
            code: 'error',
            message: e instanceof Error ? e.message || e.name : String(e),
            ...(where ? { where } : {}),
          });
        });
    },
  };
}
