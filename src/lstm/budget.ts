/**
 * The work budget: what a request costs before it runs, so that no setting can freeze the engine
 * or exhaust its memory. Costs are counted in multiply-adds, dispatched time steps and floats read
 * back, from the hyperparameters alone, then turned into an estimate of milliseconds on tfjs'
 * CPU backend by coefficients measured on a 2-core machine (`npm run bench:budget` measures them
 * again and prints the estimate beside the truth). Pure arithmetic: no tfjs, usable anywhere.
 * One estimate for every backend, on purpose: any of them may fall back to the CPU (WebGPU via
 * WebGL), so a setting accepted anywhere must finish there. wasm runs the same requests at about
 * the CPU's speed or faster, and WebGL and WebGPU faster still, so the CPU figure bounds them all.
 */
import { INT_BOUNDS } from './limits';

export interface ShapeParams {
  units: number;
  timesteps: number;
  features: number;
  samples: number;
}

export interface TrainParams extends ShapeParams {
  epochs: number;
  batchSize: number;
}

export type WorkKind = 'forward' | 'inspect' | 'train';

export interface Cost {
  /** Multiply-adds of the matrix products (the arithmetic). */
  macs: number;
  /** Time steps dispatched one after another (each is a dozen or more small kernels). */
  steps: number;
  /** Training batches, per model: each also computes gradients, updates and reads a loss. */
  batches: number;
  /** Floats read back from the backend and handed over as plain arrays. */
  readFloats: number;
}

/**
 * Milliseconds per unit of each cost on tfjs' CPU backend, fitted, on the safe side, to 13 measured settings on this
 * project's 2-core machine (`npm run bench:budget` prints them beside the estimate).
 */
export const COST_MS = {
  mac: 4.5e-6,
  step: 0.15,
  batch: 2.5,
  readFloat: 1.5e-4,
  /** Drawing the starting weights (TF 2.7's orthogonal is a QR in float64), per units³. */
  initCube: 1.5e-5,
} as const;

/** A training step's arithmetic against its forward pass's: the backward pass is the rest. */
const TRAIN_MAC_FACTOR = 8;

/** The limits every request must stay within. */
export const BUDGET = {
  /** Estimated milliseconds on the CPU backend: the slowest accepted setting takes about this. */
  ms: 5000,
  /** Floats read back by one request: 64 MB of float32, far below the worker's 1 GB. */
  readFloats: 16_000_000,
} as const;

const macsPerStep = (s: ShapeParams) => s.samples * 4 * s.units * (s.features + s.units);

/** One forward comparison: the chapter's layer and tf.layers.lstm over every output option. */
export function forwardCost(s: ShapeParams): Cost {
  const outputs = s.samples * s.timesteps * s.units + 2 * s.samples * s.units;
  return {
    macs: 2 * s.timesteps * macsPerStep(s),
    steps: 2 * s.timesteps,
    batches: 0,
    readFloats: 2 * outputs,
  };
}

/** One trace: the hand-written loop keeping every gate, tf.layers.lstm stepped by hand, and the
 *  float64 reference in plain loops, all over the same input. */
export function inspectCost(s: ShapeParams): Cost {
  const perQuantity = s.samples * s.timesteps * s.units;
  return {
    macs: 3 * s.timesteps * macsPerStep(s),
    // The library is applied once per step, each a full layer call.
    steps: 4 * s.timesteps,
    batches: 0,
    readFloats: 8 * perQuantity + s.samples * s.timesteps * s.features,
  };
}

/** One training run: both models, every batch of every epoch, forward and backward. */
export function trainCost(s: TrainParams): Cost {
  const batches = s.epochs * Math.ceil(s.samples / s.batchSize);
  return {
    macs: 2 * TRAIN_MAC_FACTOR * s.epochs * s.timesteps * macsPerStep(s),
    steps: 2 * 3 * batches * s.timesteps,
    batches: 2 * batches,
    readFloats: 2 * batches,
  };
}

export function costOf(kind: WorkKind, p: TrainParams): Cost {
  return kind === 'forward' ? forwardCost(p) : kind === 'inspect' ? inspectCost(p) : trainCost(p);
}

/** The estimate in CPU milliseconds, weights drawn included. */
export function estimateMs(kind: WorkKind, p: TrainParams): number {
  const c = costOf(kind, p);
  return (
    c.macs * COST_MS.mac +
    c.steps * COST_MS.step +
    c.batches * COST_MS.batch +
    c.readFloats * COST_MS.readFloat +
    p.units ** 3 * COST_MS.initCube
  );
}

/** The fields a kind of work depends on (the others do not change its cost). */
export const COST_FIELDS: Record<WorkKind, readonly (keyof TrainParams)[]> = {
  forward: ['units', 'timesteps', 'features', 'samples'],
  inspect: ['units', 'timesteps', 'features', 'samples'],
  train: ['units', 'timesteps', 'features', 'samples', 'epochs', 'batchSize'],
};

export interface OverBudget {
  kind: WorkKind;
  estimateMs: number;
  readFloats: number;
  /** The field the message is about. */
  field: keyof TrainParams;
  /** The largest value of `field` that fits with every other field as it is (for batch size,
   *  the smallest); null if none. */
  largest: number | null;
  message: string;
}

const fits = (kind: WorkKind, p: TrainParams) =>
  estimateMs(kind, p) <= BUDGET.ms && costOf(kind, p).readFloats <= BUDGET.readFloats;

/**
 * The value of `field` nearest to its current one that keeps the work within budget, the other
 * fields as they are: the largest that fits for every field but batch size, the smallest batch
 * size that fits for batch size (fewer, larger batches cost less). Null when none does.
 */
export function largestFitting(
  kind: WorkKind,
  p: TrainParams,
  field: keyof TrainParams,
): number | null {
  const [min, max] = INT_BOUNDS[field];
  const ok = (v: number) => fits(kind, { ...p, [field]: v });
  // Cost falls as batch size grows, and grows with every other field: search the fitting side.
  const grows = field !== 'batchSize';
  const at = (v: number) => (grows ? ok(v) : ok(max + min - v));
  if (!at(min)) return null;
  let lo: number = min;
  let hi: number = max;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (at(mid)) lo = mid;
    else hi = mid - 1;
  }
  return grows ? lo : max + min - lo;
}

function fmtCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toPrecision(3)} million` : n.toLocaleString('en-US');
}

function fmtMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toPrecision(3)} s` : `${Math.round(ms)} ms`;
}

const FIELD_WORDS: Record<keyof TrainParams, string> = {
  units: 'units',
  timesteps: 'time steps',
  features: 'features',
  samples: 'samples',
  epochs: 'epochs',
  batchSize: 'batch size',
};

const WHAT: Record<WorkKind, string> = {
  forward: 'This forward pass',
  inspect: 'Tracing every gate',
  train: 'This training run',
};

/**
 * Null when `p` fits; otherwise what it would cost and, for `changed` (the field the reader just
 * moved, or the costliest), the largest value that fits.
 */
export function checkBudget(
  kind: WorkKind,
  p: TrainParams,
  changed?: keyof TrainParams,
): OverBudget | null {
  if (fits(kind, p)) return null;
  const candidates = COST_FIELDS[kind];
  const field =
    changed && candidates.includes(changed)
      ? changed
      : (candidates.find((f) => largestFitting(kind, p, f) !== null) ?? candidates[0]!);
  const largest = largestFitting(kind, p, field);
  const est = estimateMs(kind, p);
  const reads = costOf(kind, p).readFloats;
  const cost = `about ${fmtMs(est)} of work on the CPU and ${fmtCount(reads)} numbers read back`;
  const limit =
    reads > BUDGET.readFloats
      ? `at most ${fmtCount(BUDGET.readFloats)} numbers may be read back`
      : `the budget is ${fmtMs(BUDGET.ms)}`;
  const why = `would cost ${cost} (${limit})`;
  const fix =
    largest === null
      ? `No value of ${field} fits with the other settings; make another one smaller.`
      : field === 'batchSize'
        ? `With the other settings as they are, the batch size must be at least ${largest}.`
        : `With the other settings as they are, ${FIELD_WORDS[field]} can be at most ${largest}.`;
  return {
    kind,
    estimateMs: est,
    readFloats: reads,
    field,
    largest,
    message: `${WHAT[kind]} ${why}. ${fix}`,
  };
}
