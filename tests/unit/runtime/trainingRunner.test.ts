/**
 * The training runner's races, with the real engine service behind it (Node, CPU backend):
 * superseded plays, pause and resume, cancel, and a change of hyperparameters mid-run.
 */
import { beforeAll, expect, test } from 'vitest';
import * as engine from '../../../src/lstm/experiments';
import type { GradientCheck } from '../../../src/lstm/train/gradientTypes';
import type { TrainConfig } from '../../../src/lstm/experimentTypes';
import { fit } from '../../../src/lstm/train/fit';
import type { Progress, TrainingStatus } from '../../../src/lstm/train/progress';
import type { CodeProblem } from '../../../src/runtime/edits/problem';
import { loadEdited, originalOf } from '../../../src/runtime/edits/load';
import { createTrainingRunner, type TrainTarget } from '../../../src/runtime/trainingRunner';
import { useCpuBackend } from '../setup';
import { connect } from './connect';

beforeAll(async () => {
  await useCpuBackend();
  globalThis.requestAnimationFrame ??= (cb: FrameRequestCallback) =>
    setTimeout(() => cb(0), 0) as unknown as number;
  globalThis.cancelAnimationFrame ??= (id: number) => clearTimeout(id);
});

const config: TrainConfig = {
  units: 4,
  timesteps: 3,
  features: 2,
  samples: 16,
  seed: 3,
  seeding: 'tfjs',
  epochs: 4,
  batchSize: 4,
  learningRate: 0.01,
};
const target: TrainTarget = { config, backend: 'cpu' };

function harness() {
  const { client } = connect();
  const statuses: TrainingStatus[] = [];
  const seen = {
    progress: null as Progress | null,
    steps: 0,
    resets: 0,
    /** Every status the reader could see, from resets and status changes alike. */
    shown: [] as TrainingStatus[],
    errors: [] as string[],
    checks: [] as (GradientCheck | string)[],
  };
  const runner = createTrainingRunner(
    {
      reset: (_config, _total, _edited, status) => {
        seen.resets++;
        seen.shown.push(status);
      },
      progress: (p, steps) => {
        seen.progress = p;
        seen.steps = steps;
      },
      status: (s, extra) => {
        statuses.push(s);
        seen.shown.push(s);
        if (extra.error) seen.errors.push(extra.error);
      },
      diverged: () => undefined,
      backend: () => undefined,
      gradients: (result, error) => seen.checks.push(result ?? error ?? 'nothing'),
      current: () => statuses.at(-1) ?? 'idle',
    },
    async () => client,
  );
  const memory = () => client.call({ kind: 'memory' }).then((m) => m.numTensors);
  return { runner, statuses, seen, memory };
}

async function direct(cfg: TrainConfig) {
  const s = engine.createTrainingSession(cfg);
  try {
    return (await fit(s)).custom.batchLosses.flat();
  } finally {
    s.dispose();
  }
}

test('a play superseded by another trains once, to the same losses, and ends done', async () => {
  const { runner, statuses, seen } = harness();
  const first = runner.play(target, true);
  const second = runner.play(target, true);
  await Promise.all([first, second]);
  expect(statuses.at(-1)).toBe('done');
  expect(seen.errors).toEqual([]);
  expect(seen.steps).toBe(16);
  expect(seen.progress!.custom.batchLosses.flat()).toEqual(await direct(config));
});

test('a play that opens a session shows running until it settles, never idle in between', async () => {
  // Work that waits for the run to stand still (the optimizer comparison) would slip in ahead of
  // the run at a moment of idle, and the engine would then do it first.
  const { runner, seen } = harness();
  await runner.play(target, true);
  expect(seen.resets).toBeGreaterThan(0);
  expect(seen.shown.at(-1)).toBe('done');
  expect(seen.shown.slice(0, -1).every((s) => s === 'running')).toBe(true);
});

test('pause stops part-way; play resumes to exactly the losses of an uninterrupted run', async () => {
  const { runner, statuses, seen } = harness();
  const playing = runner.play(target, true);
  await new Promise((r) => setTimeout(r, 30));
  runner.pause();
  await playing;
  expect(statuses.at(-1)).toBe('paused');
  expect(seen.steps).toBeGreaterThan(0);
  expect(seen.steps).toBeLessThan(16);
  await runner.play(target);
  expect(statuses.at(-1)).toBe('done');
  expect(seen.progress!.custom.batchLosses.flat()).toEqual(await direct(config));
});

test('a pause before the play is even sent settles where the run stands', async () => {
  const { runner, statuses, seen } = harness();
  const playing = runner.play(target, true);
  runner.pause();
  await playing;
  expect(['idle', 'paused']).toContain(statuses.at(-1));
  expect(seen.steps).toBe(0);
});

test('cancel drops the session (status cancelled); the next play starts from the beginning', async () => {
  const { runner, statuses, seen, memory } = harness();
  const baseline = await memory();
  const playing = runner.play(target, true);
  await new Promise((r) => setTimeout(r, 20));
  await runner.cancel();
  await playing;
  expect(statuses.at(-1)).toBe('cancelled');
  expect(await memory()).toBe(baseline);
  await runner.play(target);
  expect(statuses.at(-1)).toBe('done');
  expect(seen.progress!.custom.batchLosses.flat()).toEqual(await direct(config));
});

test('new hyperparameters mid-run: the old session is closed, the new one trains, nothing leaks', async () => {
  const { runner, statuses, seen, memory } = harness();
  const baseline = await memory();
  const old = runner.play(target, true);
  const changed = { ...config, seed: 4 };
  const fresh = runner.play({ config: changed, backend: 'cpu' }, true);
  await Promise.all([old, fresh]);
  expect(statuses.at(-1)).toBe('done');
  expect(seen.progress!.custom.batchLosses.flat()).toEqual(await direct(changed));
  runner.release();
  await new Promise((r) => setTimeout(r, 50));
  expect(await memory()).toBe(baseline);
});

test('a gradient check opens the run if needed, follows its batches, and sees a break', async () => {
  const { runner, seen } = harness();
  await runner.check(target, 'none', 'now');
  await runner.step(target);
  await runner.step(target);
  await runner.check(target, 'none', 'now');
  await runner.check(target, 'swapGates', 'now');
  await runner.check(target, 'none', 'start');
  const [before, after, broken, start] = seen.checks as GradientCheck[];
  expect(seen.checks).toHaveLength(4);
  // The starting weights and the first batch, as before any step.
  expect({ ...start, at: 'now' }).toEqual(before);
  expect(before).toMatchObject({ trained: 0, epoch: 1, batch: 1 });
  expect(after).toMatchObject({ trained: 2, epoch: 1, batch: 3 });
  expect(Math.max(...after!.weights.map((w) => w.maxAbsDiff))).toBeLessThanOrEqual(1e-5);
  expect(Math.max(...broken!.weights.map((w) => w.maxAbsDiff))).toBeGreaterThan(1e-3);
  // The batches also carried their per-gate gradient norms.
  expect(seen.progress!.custom.gateNorms).toHaveLength(2);
  expect(seen.progress!.custom.gateNorms[0]!.f).toBeGreaterThan(0);
});

test('a failure in edited training code reaches the sink with its file and line, to be marked', async () => {
  const { client: edited } = connect({ loadEdited: async (e) => loadEdited(e) as never });
  const problems: (CodeProblem | undefined)[] = [];
  const errors: string[] = [];
  const runner = createTrainingRunner(
    {
      reset: () => undefined,
      progress: () => undefined,
      status: (_s, extra) => {
        if (extra.error) errors.push(extra.error);
        problems.push(extra.problem);
      },
      diverged: () => undefined,
      backend: () => undefined,
      gradients: (_r, error, problem) => {
        if (error) errors.push(error);
        problems.push(problem);
      },
      current: () => 'idle',
    },
    async () => {
      throw new Error('an edited run must not use the main engine');
    },
    () => edited,
  );
  const cell = originalOf('cell.ts')!;
  const lines = cell.split('\n');
  const at = lines.findIndex((l) => l.includes('const h = tf.mul'));
  lines.splice(at, 0, "  if (hPrev) throw new Error('stop here');");
  await runner.play({ ...target, edits: { 'cell.ts': lines.join('\n') } }, true);
  const failed = problems.filter((p) => p !== undefined).at(-1);
  expect(failed).toEqual({
    where: { file: 'cell.ts', line: at + 1, kind: 'runtime' },
    message: expect.stringContaining('stop here'),
  });
  expect(errors.at(-1)).toMatch(new RegExp(`^Error in cell\\.ts, line ${at + 1}: .*stop here`));

  // A syntax error in the gradient check's own file is marked there, with its column.
  problems.length = 0;
  const broken = originalOf('train/gradients.ts')!.replace('export function', 'export functio');
  await runner.check({ ...target, edits: { 'train/gradients.ts': broken } }, 'none', 'start');
  expect(problems.at(-1)?.where).toMatchObject({ file: 'train/gradients.ts', kind: 'syntax' });
  expect(problems.at(-1)?.where?.column).toBeGreaterThan(0);
  expect(errors.at(-1)).toMatch(/^Syntax error in train\/gradients\.ts, line \d+, column \d+: /);
});

test('a session whose context was lost while idle: a check says so; Train starts afresh', async () => {
  let engines = 0;
  let latest: ReturnType<typeof connect>['client'] | null = null;
  const seen: { statuses: TrainingStatus[]; checks: string[] } = { statuses: [], checks: [] };
  const runner = createTrainingRunner(
    {
      reset: () => undefined,
      progress: () => undefined,
      status: (s) => seen.statuses.push(s),
      diverged: () => undefined,
      backend: () => undefined,
      gradients: (result, error) => seen.checks.push(result ? 'checked' : error!),
      current: () => seen.statuses.at(-1) ?? 'idle',
    },
    async () => {
      if (!latest || latest.dead) {
        engines++;
        latest = connect().client;
      }
      return latest;
    },
  );
  await runner.play(target, true);
  expect(seen.statuses.at(-1)).toBe('done');
  // The worker says its context is gone (as worker.ts does on webglcontextlost).
  (latest as unknown as { receive: (r: unknown) => void }).receive({
    kind: 'lost',
    id: 0,
    message: 'lost',
  });
  await runner.check(target, 'none', 'now');
  expect(seen.checks.at(-1)).toMatch(/WebGL context was lost/);
  await runner.play(target, true);
  expect(seen.statuses.at(-1)).toBe('done');
  expect(engines).toBe(2);
  await runner.check(target, 'none', 'now');
  expect(seen.checks.at(-1)).toBe('checked');
});
