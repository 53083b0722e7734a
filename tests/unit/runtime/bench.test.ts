/**
 * The live benchmark over the protocol: `bench.run` checked before it starts (allow-listed sizes
 * and ops, bounded reps, the budget), then run by the service with progress after every run,
 * cancellable between runs, leak-free. Node, tfjs' CPU backend.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import * as bench from '../../../src/lstm/bench';
import { benchRuns, type BenchConfig } from '../../../src/lstm/bench';
import { EngineError } from '../../../src/runtime/client';
import type { BenchProgressReply } from '../../../src/runtime/protocol';
import { PROTOCOL_VERSION } from '../../../src/runtime/protocol';
import { checkRequest } from '../../../src/runtime/validate';
import { useCpuBackend } from '../setup';
import { connect } from './connect';

beforeAll(useCpuBackend);

const config: BenchConfig = { sizes: ['tutorial'], ops: ['forward'], reps: 2 };
const ask = { v: PROTOCOL_VERSION, id: 4, kind: 'bench.run', backend: 'webgl', config };

describe('validate bench.run', () => {
  test('a well-formed request passes as it is', () => {
    expect(checkRequest(ask)).toEqual({ ok: true, request: ask });
    const both = { sizes: ['tutorial', 'medium'], ops: ['forward', 'train-step'], reps: 30 };
    expect(checkRequest({ ...ask, config: { ...both, sizes: ['medium', 'tutorial'] } }).ok).toBe(
      false, // medium train-step is over budget, see below
    );
    expect(checkRequest({ ...ask, config: { ...both, ops: ['forward'] } }).ok).toBe(true);
    for (const readBack of ['async', 'sync']) {
      const with_ = { ...ask, config: { ...config, readBack } };
      expect(checkRequest(with_)).toEqual({ ok: true, request: with_ });
    }
  });

  const refusals: [string, unknown, string, RegExp][] = [
    ['no config', { ...ask, config: undefined }, 'config', /no config object/],
    ['an extra field', { ...ask, config: { ...config, impls: ['fused'] } }, 'impls', /unknown/],
    ['an extra request field', { ...ask, edits: {} }, 'edits', /unknown field/],
    [
      'a size not allowed live',
      { ...ask, config: { ...config, sizes: ['large'] } },
      'sizes',
      /one or more of tutorial, medium/,
    ],
    ['no size', { ...ask, config: { ...config, sizes: [] } }, 'sizes', /one or more/],
    [
      'a size twice',
      { ...ask, config: { ...config, sizes: ['tutorial', 'tutorial'] } },
      'sizes',
      /each once/,
    ],
    [
      'sizes as a string',
      { ...ask, config: { ...config, sizes: 'tutorial' } },
      'sizes',
      /one or more/,
    ],
    [
      'an unknown op',
      { ...ask, config: { ...config, ops: ['backward'] } },
      'ops',
      /forward, train-step/,
    ],
    [
      'an unknown read-back',
      { ...ask, config: { ...config, readBack: 'later' } },
      'readBack',
      /readBack must be one of async, sync; got "later"/,
    ],
    [
      'a read-back that is not a string',
      { ...ask, config: { ...config, readBack: true } },
      'readBack',
      /one of async, sync; got true/,
    ],
    ['0 reps', { ...ask, config: { ...config, reps: 0 } }, 'reps', /from 1 to 30; got 0/],
    ['31 reps', { ...ask, config: { ...config, reps: 31 } }, 'reps', /got 31/],
    ['fractional reps', { ...ask, config: { ...config, reps: 2.5 } }, 'reps', /got 2.5/],
    ['NaN reps', { ...ask, config: { ...config, reps: NaN } }, 'reps', /got NaN/],
    ['an unknown backend', { ...ask, backend: 'tpu' }, 'backend', /backend must be one of/],
  ];
  test.each(refusals)('refused: %s', (_, message, field, pattern) => {
    const checked = checkRequest(message);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.code).toBe('invalid');
    expect(checked.id).toBe(4);
    expect(checked.field).toBe(field);
    expect(checked.message).toMatch(pattern);
  });

  test('a run over the budget is refused before it starts, saying what to leave out', () => {
    const checked = checkRequest({
      ...ask,
      config: { sizes: ['medium'], ops: ['train-step'], reps: 1 },
    });
    expect(checked).toMatchObject({ ok: false, code: 'budget', field: 'sizes' });
  });
});

describe('the service runs bench.run', () => {
  test('progress after every run, then one row per impl; memory flat', async () => {
    const { client } = connect({ loadBench: async () => bench });
    const memory = () => client.call({ kind: 'memory' }).then((m) => m.numTensors);
    const before = await memory();
    const seen: BenchProgressReply[] = [];
    const reply = await client.call(
      { kind: 'bench.run', backend: 'cpu', config },
      { onBenchProgress: (p) => seen.push(p) },
    );
    expect(seen.map((p) => p.done)).toEqual(
      Array.from({ length: benchRuns(config) }, (_, k) => k + 1),
    );
    expect(seen.at(-1)?.row).toMatchObject({ impl: 'floor', reps: 2 });
    expect(reply.info.active).toBe('cpu');
    expect(reply.result.rows.map((r) => r.impl)).toEqual(['library', 'readable', 'fused', 'floor']);
    expect(await memory()).toBe(before);
  });

  test('cancel stops it between runs: cancelled, with the progress so far, memory flat', async () => {
    const { client } = connect({ loadBench: async () => bench });
    const memory = () => client.call({ kind: 'memory' }).then((m) => m.numTensors);
    const before = await memory();
    const controller = new AbortController();
    const seen: BenchProgressReply[] = [];
    const run = client.call(
      { kind: 'bench.run', backend: 'cpu', config: { ...config, reps: 20 } },
      {
        signal: controller.signal,
        onBenchProgress: (p) => {
          seen.push(p);
          if (p.done === 10) controller.abort();
        },
      },
    );
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.length).toBeLessThan(benchRuns({ ...config, reps: 20 }));
    expect(seen.some((p) => p.row)).toBe(true);
    expect(await memory()).toBe(before);
  });

  test('a service without the benchmark says so', async () => {
    const { client } = connect();
    const run = client.call({ kind: 'bench.run', backend: 'cpu', config });
    await expect(run).rejects.toBeInstanceOf(EngineError);
    await expect(run).rejects.toMatchObject({ code: 'error', message: /cannot run the benchmark/ });
  });
});
