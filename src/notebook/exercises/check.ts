/**
 * Checking a learner's version: the exercise's layer against tf.layers.lstm, on the shape the
 * chapter shows and on two more, under each of its option variants, all in the scratch worker
 * with the learner's edits. The verdict names the first place the two part ways.
 */
import type { ForwardConfig, TensorSummary } from '../../lstm/experimentTypes';
import type { GateKey } from '../../lstm/gates';
import type { InspectResult } from '../../lstm/inspect';
import type { CallOptions } from '../../runtime/client';
import type { EditedFiles } from '../../runtime/edits/types';
import { scratch, type Scratch } from '../../runtime/scratch';
import type { Hyperparameters } from '../../state/hyperparams';
import { forwardTolerance } from '../tolerance';
import type { Exercise } from './defs';

type Shape = Pick<
  ForwardConfig,
  'units' | 'timesteps' | 'features' | 'samples' | 'seed' | 'seeding'
>;

/** Two shapes beyond the visible one: odd sizes, so a hard-coded 32 or 5 cannot pass. */
export const EXTRA_SHAPES: readonly Shape[] = [
  { units: 5, timesteps: 7, features: 2, samples: 3, seed: 7, seeding: 'tfjs' },
  { units: 12, timesteps: 3, features: 4, samples: 6, seed: 42, seeding: 'tfjs' },
];

export interface CheckRun {
  /** "32 units × 5 steps × 3 features, batch 10", and the variant. */
  label: string;
  maxDiff: number;
  passed: boolean;
  /** Where it first departs: "at step 2, in the forget gate f", "output h is missing"; or null. */
  departs: string | null;
}

export interface CheckReport {
  passed: boolean;
  runs: CheckRun[];
}

const ORDER: GateKey[] = ['i', 'f', 'g', 'o', 'c', 'h'];
const GATE_NAME: Record<GateKey, string> = {
  i: 'input gate i',
  f: 'forget gate f',
  g: 'candidate g',
  o: 'output gate o',
  c: 'cell state c',
  h: 'hidden state h',
};

/** The first output that differs: missing, extra, another shape, or other numbers. */
export function outputDeparture(
  custom: TensorSummary[],
  library: TensorSummary[],
  tol: number,
): string | null {
  for (let k = 0; k < Math.max(custom.length, library.length); k++) {
    const c = custom[k];
    const l = library[k];
    if (!c) return `output ${l!.name} is missing (the library returns ${library.length})`;
    if (!l) return `an extra output ${c.name} (the library returns ${library.length})`;
    if (c.shape.join() !== l.shape.join()) {
      return `${l.name} has shape [${c.shape.join(', ')}], the library's is [${l.shape.join(', ')}]`;
    }
    for (let j = 0; j < c.values.length; j++) {
      if (!(Math.abs(c.values[j]! - l.values[j]!) <= tol)) return `${l.name} differs`;
    }
  }
  return null;
}

/** The first step and gate where the traced loop leaves the reference, or `fallback`. */
async function firstStepApart(
  trace: () => Promise<{ result: InspectResult }>,
  tol: number,
  fallback: string,
): Promise<string> {
  let result: InspectResult;
  try {
    result = (await trace()).result;
  } catch (e) {
    if (e instanceof Error && e.name === 'AbortError') throw e;
    // Code with a gap may not even trace (no steps kept): the forward verdict stands.
    return fallback;
  }
  const { maxDiffPerStep, scalePerStep } = result;
  for (let t = 0; t < maxDiffPerStep.h.length; t++) {
    for (const key of ORDER) {
      const d = maxDiffPerStep[key][t]!;
      if (!(d <= tol * Math.max(1, scalePerStep[key][t]!))) {
        return `at step ${t + 1}, in the ${GATE_NAME[key]} (off by up to ${d.toExponential(2)})`;
      }
    }
  }
  return fallback;
}

const describe = (s: Shape, v: Partial<ForwardConfig>) => {
  const opts = [
    v.returnSequences && 'returnSequences',
    v.returnState && 'returnState',
    v.timeMajor && 'timeMajor',
  ].filter(Boolean);
  const base = `${s.units} units × ${s.timesteps} steps × ${s.features} features, batch ${s.samples}`;
  return opts.length ? `${base} (${opts.join(', ')})` : base;
};

/** How a check reaches the engine: the scratch worker on the page, an in-process one in tests. */
export type EditedRun = Scratch['run'];

export async function checkExercise(
  ex: Exercise,
  hyper: Hyperparameters,
  edits: EditedFiles,
  options: CallOptions = {},
  run: EditedRun = (ask, e, o) => scratch.run(ask, e, o),
): Promise<CheckReport> {
  const { units, timesteps, features, samples, seed, seeding } = hyper;
  const shapes: Shape[] = [{ units, timesteps, features, samples, seed, seeding }, ...EXTRA_SHAPES];
  const runs: CheckRun[] = [];
  for (const shape of shapes) {
    for (const variant of ex.variants) {
      const config: ForwardConfig = { layer: ex.layer, ...shape, ...variant };
      const fwd = await run({ kind: 'forward', backend: hyper.backend, config }, edits, options);
      const tol = forwardTolerance(fwd.info);
      const { maxAbsDiff } = fwd.result;
      let departs = outputDeparture(fwd.result.custom, fwd.result.library, tol);
      if (ex.trace && departs !== null) {
        const { layer: _, ...inspect } = config;
        departs = await firstStepApart(
          () => run({ kind: 'inspect', backend: hyper.backend, config: inspect }, edits, options),
          tol,
          departs,
        );
      }
      const passed = departs === null && maxAbsDiff <= tol;
      runs.push({ label: describe(shape, variant), maxDiff: maxAbsDiff, passed, departs });
    }
  }
  return { passed: runs.every((r) => r.passed), runs };
}
