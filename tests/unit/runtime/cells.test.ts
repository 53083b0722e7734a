/** The engine service's cell requests: forward and inspect, cancelled, refused and re-run. */
import { beforeAll, expect, test } from 'vitest';
import type { ForwardConfig } from '../../../src/lstm/experimentTypes';
import { EngineError } from '../../../src/runtime/client';
import { useCpuBackend } from '../setup';
import { connect } from './connect';

beforeAll(useCpuBackend);

const config: ForwardConfig = {
  layer: 'bias',
  units: 8,
  timesteps: 4,
  features: 3,
  samples: 5,
  seed: 313,
  seeding: 'tf27',
};

test('forward and inspect answer with plain typed arrays and a match', async () => {
  const { client } = connect();
  const f = await client.call({ kind: 'forward', backend: 'cpu', config });
  expect(f.result.custom[0]!.values).toBeInstanceOf(Float32Array);
  expect(f.result.maxAbsDiff).toBeLessThanOrEqual(1e-6);
  const { layer: _layer, ...shape } = config;
  const i = await client.call({ kind: 'inspect', backend: 'cpu', config: shape });
  expect(i.result.custom.values.h).toHaveLength(4 * 5 * 8);
  expect(i.result.maxDiffPerStep.h).toBeInstanceOf(Float64Array);
});

test('a request superseded while it waits is cancelled in the service and never runs', async () => {
  const { client, replies } = connect();
  const controller = new AbortController();
  const first = client.call(
    { kind: 'forward', backend: 'cpu', config },
    { signal: controller.signal },
  );
  const second = client.call({ kind: 'forward', backend: 'cpu', config: { ...config, seed: 1 } });
  controller.abort();
  await expect(first).rejects.toMatchObject({ name: 'AbortError', code: 'cancelled' });
  await second;
  // The service said so itself: it answered the first with `cancelled`, not with a result.
  expect(replies.map((r) => r.kind)).toEqual(['cancelled', 'forward']);
});

test('refusals come back as EngineErrors with their code and field; nothing runs', async () => {
  const { client, replies } = connect();
  const err = await client
    .call({ kind: 'forward', backend: 'cpu', config: { ...config, units: 0 } })
    .catch((e: unknown) => e);
  expect(err).toBeInstanceOf(EngineError);
  expect(err).toMatchObject({ code: 'invalid', field: 'units' });
  const big = { ...config, units: 256, timesteps: 50, features: 16, samples: 256 };
  await expect(client.call({ kind: 'forward', backend: 'cpu', config: big })).rejects.toMatchObject(
    {
      code: 'budget',
    },
  );
  expect(replies.every((r) => r.kind === 'failed')).toBe(true);
});

test('a raw message of the wrong shape is answered, never thrown', async () => {
  const { raw, replies } = connect();
  for (const m of [null, 42, 'x', [], { v: 1 }, { v: 1, id: 3, kind: 'forward' }]) raw(m);
  await new Promise((r) => setTimeout(r, 10));
  expect(replies).toHaveLength(6);
  expect(replies.every((r) => r.kind === 'failed')).toBe(true);
});

test('100 re-runs of every cell request leave the service memory flat', async () => {
  const { client } = connect();
  const { layer: _layer, ...shape } = config;
  const once = async () => {
    await client.call({ kind: 'forward', backend: 'cpu', config });
    await client.call({
      kind: 'inspect',
      backend: 'cpu',
      config: { ...shape, breakIt: 'swapGates' },
    });
  };
  await once();
  const before = await client.call({ kind: 'memory' });
  for (let k = 0; k < 100; k++) await once();
  const after = await client.call({ kind: 'memory' });
  expect(after.numTensors).toBe(before.numTensors);
  expect(after.numBytes).toBe(before.numBytes);
}, 120_000);
