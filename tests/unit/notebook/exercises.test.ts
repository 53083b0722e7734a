import { beforeAll, describe, expect, test } from 'vitest';
import { loadEdited } from '../../../src/runtime/edits/load';
import type { EngineModule } from '../../../src/runtime/service';
import { EXERCISES, answerOf, gapOf, templateOf } from '../../../src/notebook/exercises/defs';
import {
  checkExercise,
  outputDeparture,
  type EditedRun,
} from '../../../src/notebook/exercises/check';
import { sourceOf } from '../../../src/notebook/sources';
import { defaultsFor } from '../../../src/state/hyperparams';
import { useCpuBackend } from '../setup';

beforeAll(useCpuBackend);

const info = {
  active: 'cpu',
  requested: 'cpu',
  floatBits: 32,
  fallbackReason: null,
  detail: '',
  thread: 'worker',
} as const;

/** The scratch worker's job, in-process: the engine rebuilt with the edits, on the CPU. */
const inProcess: EditedRun = async (ask, edits) => {
  const engine = loadEdited(edits) as unknown as EngineModule;
  if (ask.kind === 'forward') {
    return {
      kind: 'forward',
      id: 1,
      info,
      result: await engine.compareForward(ask.config),
    } as never;
  }
  return { kind: 'inspect', id: 1, info, result: await engine.inspectForward(ask.config) } as never;
};

const hyper = { ...defaultsFor('forward'), backend: 'cpu' as const };

describe.each(EXERCISES.map((e) => [e.id, e] as const))('%s', (_, ex) => {
  test('its gap is found in the current source, and the reveal puts the source back', () => {
    const source = sourceOf(ex.file)!;
    expect(gapOf(ex, source)).not.toBeNull();
    const template = templateOf(ex)!;
    expect(template).not.toBe(source);
    expect(template.split('\n').filter((l) => l.includes('✎ Your turn')).length).toBe(1);
    expect(source).toContain(answerOf(ex)!);
  });

  test('fails on its gap, saying where, and passes on the answer', async () => {
    const gap = await checkExercise(ex, hyper, { [ex.file]: templateOf(ex)! }, {}, inProcess);
    expect(gap.passed).toBe(false);
    expect(gap.runs.length).toBeGreaterThanOrEqual(3);
    const failed = gap.runs.find((r) => !r.passed)!;
    expect(failed.departs).toBeTruthy();
    const done = await checkExercise(ex, hyper, { [ex.file]: sourceOf(ex.file)! }, {}, inProcess);
    expect(done.runs.filter((r) => !r.passed)).toEqual([]);
    expect(done.passed).toBe(true);
  });
});

test('the forget-gate gap departs at step 1, in the forget gate', async () => {
  const ex = EXERCISES.find((e) => e.id === 'ex-forget')!;
  const gap = await checkExercise(ex, hyper, { [ex.file]: templateOf(ex)! }, {}, inProcess);
  expect(gap.runs[0]!.departs).toMatch(/^at step 1, in the forget gate f/);
});

test('an output that is missing, reshaped or different is named', () => {
  const s = (name: string, shape: number[], v: number[]) => ({
    name,
    shape,
    sum: 0,
    values: Float32Array.from(v),
  });
  const lib = [s('output', [2], [1, 2]), s('h', [2], [3, 4])];
  expect(outputDeparture([lib[0]!], lib, 1e-6)).toMatch(/output h is missing/);
  expect(outputDeparture([lib[0]!, s('h', [1, 2], [3, 4])], lib, 1e-6)).toMatch(/shape \[1, 2\]/);
  expect(outputDeparture([lib[0]!, s('h', [2], [3, 5])], lib, 1e-6)).toBe('h differs');
  expect(outputDeparture(lib, lib, 1e-6)).toBeNull();
});
