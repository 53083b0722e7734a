import { beforeAll, expect, test } from 'vitest';
import { EngineError } from '../../../src/runtime/client';
import { loadEdited, originalOf } from '../../../src/runtime/edits/load';
import { STALL } from '../../../src/runtime/edits/types';
import type { EngineReply, EngineRequest } from '../../../src/runtime/protocol';
import { createScratch } from '../../../src/runtime/scratch';
import type { EngineModule } from '../../../src/runtime/service';
import type { ForwardConfig } from '../../../src/lstm/experimentTypes';
import { useCpuBackend } from '../setup';
import { connect } from './connect';

beforeAll(useCpuBackend);

const config: ForwardConfig = {
  layer: 'simple',
  units: 8,
  timesteps: 3,
  features: 3,
  samples: 4,
  seed: 313,
  seeding: 'tfjs',
};
const ask = { kind: 'forward', backend: 'cpu', config } as const;
const cell = originalOf('cell.ts')!;
const hard = cell.replace(
  'sigma: GateActivation = tf.sigmoid',
  'sigma: GateActivation = (z) => tf.clipByValue(tf.add(tf.mul(z, 0.2), 0.5), 0, 1)',
);

/** A scratch whose workers are services wired in memory, with edits enabled as in the worker. */
const inMemory = () =>
  createScratch(
    () => connect({ loadEdited: async (e) => loadEdited(e) as unknown as EngineModule }).port,
  );

test('an edited run computes with the edits, and the same edit rebuilt matches again', async () => {
  const scratch = inMemory();
  const broken = await scratch.run(ask, { 'cell.ts': hard });
  expect(broken.result.maxAbsDiff).toBeGreaterThan(1e-3);
  const same = await scratch.run(ask, { 'cell.ts': cell });
  expect(same.result.maxAbsDiff).toBeLessThan(1e-6);
  expect(scratch.started).toBe(1);
});

test('a syntax error comes back with its file, line and column', async () => {
  const scratch = inMemory();
  const run = scratch.run(ask, {
    'cell.ts': cell.replace('const c = tf.add', 'const c = tf.add(;'),
  });
  const e = await run.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(EngineError);
  expect((e as EngineError).where).toMatchObject({ file: 'cell.ts', kind: 'syntax' });
  expect((e as EngineError).where?.column).toBeGreaterThan(0);
});

test('a service without edited loading (the page) refuses edits: edited code runs only in a worker', async () => {
  const { client } = connect();
  await expect(client.call({ ...ask, edits: { 'cell.ts': cell } })).rejects.toThrow(
    /only in the engine worker/,
  );
});

test('a worker that stops answering is ended within the stall limit, and the next run gets a fresh one', async () => {
  let closed = 0;
  let ports = 0;
  // A worker that answers the warm-up run and then hangs, as under `while (true) {}`.
  const scratch = createScratch(() => {
    ports++;
    let onReply: (r: EngineReply) => void = () => undefined;
    let hung = false;
    return {
      send(request: EngineRequest) {
        if (hung || request.kind === 'cancel') return;
        if (request.kind === 'forward' && request.edits) {
          hung = true;
          return;
        }
        const reply: EngineReply =
          request.kind === 'ping'
            ? { kind: 'pong', id: request.id }
            : {
                kind: 'forward',
                id: request.id,
                info: {} as never,
                result: {} as never,
              };
        setTimeout(() => onReply(reply), 1);
      },
      listen: (reply) => {
        onReply = reply;
      },
      close: () => void closed++,
    };
  });
  const t0 = performance.now();
  const e = await scratch.run(ask, { 'cell.ts': 'while (true) {}' }).then(
    () => null,
    (err: unknown) => err,
  );
  const took = performance.now() - t0;
  expect((e as EngineError).code).toBe('stalled');
  expect(closed).toBe(1);
  expect(took).toBeGreaterThanOrEqual(STALL.limitMs);
  expect(took).toBeLessThan(3000);
  await scratch.run(ask, { 'cell.ts': 'while (true) {}' }).catch(() => undefined);
  expect(ports).toBe(2);
});
