/** Where the engine runs: the host's choices between the engine worker and the page fallback. */
import { expect, test } from 'vitest';
import * as engine from '../../../src/lstm/experiments';
import type { Backend, BackendInfo } from '../../../src/lstm/experimentTypes';
import { EngineError } from '../../../src/runtime/client';
import { createHost, FRESH_WORKERS_AFTER_LOSS } from '../../../src/runtime/host';
import type { EnginePort, EngineReply } from '../../../src/runtime/protocol';
import { createEngineService } from '../../../src/runtime/service';

/** A port to a real service whose backend start answers as a machine with or without WebGL. */
function fakePort(thread: BackendInfo['thread'], hasWebgl: boolean, log: string[]) {
  let onReply: (r: EngineReply) => void = () => undefined;
  let onDeath: (reason: string) => void = () => undefined;
  const service = createEngineService((r) => onReply(structuredClone(r)), {
    startBackend: async (requested: Backend) => {
      log.push(`${thread}:${requested}`);
      const active: Backend = requested === 'webgl' && hasWebgl ? 'webgl' : 'cpu';
      return {
        active,
        requested,
        floatBits: 32,
        fallbackReason: active === requested ? null : 'no WebGL here',
        detail: '',
        thread,
      };
    },
    loadEngine: async () => engine,
  });
  const seen = { closed: false };
  const port: EnginePort = {
    send: (m) => service.handle(structuredClone(m)),
    listen: (r, d) => {
      onReply = r;
      onDeath = d;
    },
    close: () => (seen.closed = true),
  };
  return {
    port,
    kill: (why: string) => onDeath(why),
    /** What the worker says when its WebGL context goes. */
    lose: (message: string) => onReply({ kind: 'lost', id: 0, message }),
    seen,
  };
}

function setup(opts: { worker: 'none' | 'webgl' | 'cpu'; page: 'webgl' | 'cpu' }) {
  const log: string[] = [];
  const workers: ReturnType<typeof fakePort>[] = [];
  let pages = 0;
  const host = createHost({
    worker: () => {
      if (opts.worker === 'none') return null;
      const w = fakePort('worker', opts.worker === 'webgl', log);
      workers.push(w);
      return w.port;
    },
    page: async () => {
      pages++;
      return fakePort('page', opts.page === 'webgl', log).port;
    },
  });
  return { host, log, workers, pages: () => pages };
}

test('the worker computes when it has WebGL; the page never loads its engine', async () => {
  const { host, pages } = setup({ worker: 'webgl', page: 'webgl' });
  expect((await host.engineFor('webgl')).thread).toBe('worker');
  expect((await host.engineFor('cpu')).thread).toBe('worker');
  expect(pages()).toBe(0);
});

test('a worker without WebGL leaves WebGL to the page, when the page has it', async () => {
  const { host } = setup({ worker: 'cpu', page: 'webgl' });
  expect((await host.engineFor('webgl')).thread).toBe('page');
  // The CPU is better off the main thread.
  expect((await host.engineFor('cpu')).thread).toBe('worker');
});

test('with WebGL nowhere, the CPU computes in the worker, not on the page', async () => {
  const { host } = setup({ worker: 'cpu', page: 'cpu' });
  expect((await host.engineFor('webgl')).thread).toBe('worker');
});

test('no worker at all: the page computes', async () => {
  const { host } = setup({ worker: 'none', page: 'webgl' });
  expect((await host.engineFor('webgl')).thread).toBe('page');
});

test('a worker that dies is replaced by the page, and a request in flight is retried there', async () => {
  const { host, workers } = setup({ worker: 'webgl', page: 'webgl' });
  expect((await host.engineFor('cpu')).thread).toBe('worker');
  const pending = host.request('cpu', { kind: 'memory' });
  workers[0]!.kill('The engine worker failed: out of memory');
  const reply = await pending;
  expect(reply.kind).toBe('memory');
  expect((await host.engineFor('cpu')).thread).toBe('page');
});

test('the choice is made once per backend: one backend start each, not one per request', async () => {
  const { host, log } = setup({ worker: 'webgl', page: 'webgl' });
  await Promise.all([host.engineFor('webgl'), host.engineFor('webgl'), host.engineFor('webgl')]);
  expect(log).toEqual(['worker:webgl']);
});

test('a worker that loses its WebGL context is ended and replaced by a fresh worker, a few times', async () => {
  const { host, workers, pages } = setup({ worker: 'webgl', page: 'webgl' });
  const first = await host.engineFor('webgl');
  // A call that would never be answered (a read-back on a dead context) fails with the message.
  const stuck = first.call({ kind: 'memory' });
  workers[0]!.lose('context gone');
  await expect(stuck).rejects.toEqual(new EngineError('context gone', 'lost'));
  expect(workers[0]!.seen.closed).toBe(true);
  expect(first.lost).toBe(true);
  // The next request goes to a fresh worker, which has a context of its own.
  expect((await host.engineFor('webgl')).thread).toBe('worker');
  expect(workers).toHaveLength(2);
  // A request in flight when the context goes is retried once on the next worker.
  const retried = host.request('webgl', { kind: 'memory' });
  workers[1]!.lose('context gone again');
  expect((await retried).kind).toBe('memory');
  expect(workers).toHaveLength(3);
  for (let k = 2; k < FRESH_WORKERS_AFTER_LOSS; k++) {
    workers[k]!.lose('and again');
    await host.engineFor('webgl');
  }
  expect(pages()).toBe(0);
  // Past that, the GPU keeps failing this page's workers: the page computes instead.
  workers.at(-1)!.lose('once too often');
  expect((await host.engineFor('webgl')).thread).toBe('page');
});
