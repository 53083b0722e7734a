/**
 * Where the engine runs. First choice: the engine worker, with its own tfjs, so the page's main
 * thread stays free for drawing and input even while tfjs compiles its WebGL programs. The page
 * runs the same service itself (loading tfjs only then) when there is no worker, the worker will
 * not load or dies, or the worker cannot start the backend asked for (no OffscreenCanvas WebGL,
 * say) while the page gets nearer to it.
 */
import { fallbackChain, type Backend } from '../lstm/experimentTypes';
import { EngineClient, EngineError, type CallOptions } from './client';
import type { Answers, Ask, EnginePort } from './protocol';
import { workerPort } from './workerPort';

export interface HostPorts {
  /** A fresh engine worker's port, or null where workers are unavailable. */
  worker: () => EnginePort | null;
  /** The service on the page (loads the page's tfjs). */
  page: () => Promise<EnginePort>;
}

export type EngineFor = (backend: Backend) => Promise<EngineClient>;

/** Lost WebGL contexts a page gets past with a fresh worker before it computes on the page. */
export const FRESH_WORKERS_AFTER_LOSS = 3;

export function createHost(ports: HostPorts) {
  /** The worker's client: undefined until first needed, null once it proved unusable. */
  let worker: EngineClient | null | undefined;
  let losses = 0;
  let page: Promise<EngineClient> | null = null;
  /** The client chosen for each backend, decided once (again after a death). */
  const chosen = new Map<Backend, Promise<EngineClient>>();

  function workerClient(): EngineClient | null {
    if (worker === undefined) {
      const port = ports.worker();
      worker = port ? new EngineClient(port, 'worker') : null;
    }
    if (worker?.dead) {
      // A lost context is the GPU's doing, not the worker's: a fresh one gets a fresh context.
      const again = worker.lost && ++losses <= FRESH_WORKERS_AFTER_LOSS;
      worker.dispose();
      worker = again ? undefined : null;
      if (again) return workerClient();
    }
    return worker ?? null;
  }

  function pageClient(): Promise<EngineClient> {
    page ??= ports.page().then(
      (port) => new EngineClient(port, 'page'),
      (e: unknown) => {
        page = null; // A network hiccup should not poison every later run.
        throw e;
      },
    );
    return page;
  }

  async function choose(backend: Backend): Promise<EngineClient> {
    const w = workerClient();
    if (w) {
      try {
        const { info } = await w.call({ kind: 'backend', backend });
        if (info.active === backend) return w;
        // The worker fell back (no OffscreenCanvas WebGL, say): the page computes if it gets
        // nearer to the backend asked for, else the worker's fallback does.
        const p = await pageClient();
        const onPage = await p.call({ kind: 'backend', backend });
        const chain = fallbackChain(backend);
        return chain.indexOf(onPage.info.active) < chain.indexOf(info.active) ? p : w;
      } catch (e) {
        if (!w.dead) throw e; // The engine itself failed: the page would fail the same way.
      }
    }
    return pageClient();
  }

  /** The client that computes on `backend`: the engine worker, or the page where it must. */
  const engineFor: EngineFor = (backend) => {
    let c = chosen.get(backend);
    if (!c) {
      c = choose(backend);
      chosen.set(backend, c);
      c.catch(() => chosen.delete(backend));
    }
    return c.then((client) => {
      if (!client.dead) return client;
      chosen.clear(); // It died since: choose again (the worker is then out of the running).
      return engineFor(backend);
    });
  };

  /**
   * Send `ask` to whoever computes on `backend`; a worker that dies mid-way (or loses its WebGL
   * context) gets one retry, on a fresh worker or the page.
   */
  async function request<A extends Ask>(
    backend: Backend,
    ask: A,
    options?: CallOptions,
  ): Promise<Answers[A['kind']]> {
    const client = await engineFor(backend);
    try {
      return await client.call(ask, options);
    } catch (e) {
      const died = e instanceof EngineError && (e.code === 'dead' || e.code === 'lost');
      if (!died || client.thread !== 'worker') throw e;
      return (await engineFor(backend)).call(ask, options);
    }
  }

  return { engineFor, request };
}

/** The page's host: the real engine worker, and the page fallback loaded only when needed. */
const host = createHost({
  worker: workerPort,
  page: () => import('./pagePort').then((m) => m.pagePort()),
});

export const { engineFor, request } = host;
