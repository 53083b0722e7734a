/**
 * Every message the engine service receives is checked here before any work starts: its shape,
 * every field against the same bounds the URL and the fields use, and the work budget. Anything
 * else (a stray message, NaN, a 10 kB string, an extra `__proto__` key) is refused with a message.
 */
import { checkBudget, type WorkKind } from '../lstm/budget';
import { benchOverBudget } from '../lstm/bench/budget';
import {
  BENCH_LIMITS,
  BENCH_OPS,
  LIVE_READBACKS,
  LIVE_SIZES,
  type BenchConfig,
} from '../lstm/bench/types';
import {
  BACKENDS,
  BIAS_INIT_NAMES,
  BREAK_VARIANTS,
  CHAPTER_LAYERS,
  INIT_NAMES,
  SEEDINGS,
} from '../lstm/experimentTypes';
import { CHECK_AT } from '../lstm/train/gradientTypes';
import {
  CLIP_BOUNDS,
  INT_BOUNDS,
  LR_BOUNDS,
  inIntBounds,
  isClip,
  type IntField,
} from '../lstm/limits';
import { OPTIMIZERS } from '../lstm/train/optimizerTypes';
import { KEEP_PLACES } from '../lstm/train/predictionTypes';
import type { TrainConfig } from '../lstm/experimentTypes';
import { PROTOCOL_VERSION, type EngineRequest, type FailCode } from './protocol';
import { EDIT_LIMITS, EDIT_PATH } from './edits/types';

export type Checked =
  | { ok: true; request: EngineRequest }
  | { ok: false; id: number | null; code: FailCode; message: string; field?: string };

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.getPrototypeOf(v) === Object.prototype;

class Refusal extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

function show(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? String(v);
  } catch {
    s = String(v);
  }
  if (typeof v === 'number' && !Number.isFinite(v)) s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

/** Only these keys, each own and plain: no `__proto__`, no `constructor`, nothing extra. */
function onlyKeys(o: Plain, allowed: readonly string[], what: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) throw new Refusal(`${what} has an unknown field ${show(k)}.`, k);
  }
}

function int(o: Plain, field: IntField): number {
  const v = o[field];
  if (!inIntBounds(field, v)) {
    const [min, max] = INT_BOUNDS[field];
    throw new Refusal(
      `${field} must be a whole number from ${min} to ${max}; got ${show(v)}.`,
      field,
    );
  }
  return v;
}

function oneOf<T extends string>(o: Plain, field: string, values: readonly T[], optional = false) {
  const v = o[field];
  if (optional && v === undefined) return;
  if (typeof v !== 'string' || !(values as readonly string[]).includes(v)) {
    throw new Refusal(`${field} must be one of ${values.join(', ')}; got ${show(v)}.`, field);
  }
}

function bool(o: Plain, field: string): void {
  const v = o[field];
  if (v !== undefined && typeof v !== 'boolean') {
    throw new Refusal(`${field} must be true or false; got ${show(v)}.`, field);
  }
}

const SHAPE = ['units', 'timesteps', 'features', 'samples', 'seed'] as const;
const FORWARD_KEYS = [
  ...SHAPE,
  'seeding',
  'layer',
  'returnSequences',
  'returnState',
  'timeMajor',
  'useBias',
  'kernelInitializer',
  'recurrentInitializer',
  'biasInitializer',
];
const INSPECT_KEYS = [...FORWARD_KEYS.filter((k) => k !== 'layer'), 'breakIt'];
const TRAIN_KEYS = [
  ...SHAPE,
  'seeding',
  'epochs',
  'batchSize',
  'learningRate',
  'optimizer',
  'clipnorm',
  'clipvalue',
];

function config(raw: unknown, kind: WorkKind): void {
  if (!isPlain(raw)) throw new Refusal('The request has no config object.', 'config');
  const keys = kind === 'forward' ? FORWARD_KEYS : kind === 'inspect' ? INSPECT_KEYS : TRAIN_KEYS;
  onlyKeys(raw, keys, 'The config');
  for (const f of SHAPE) int(raw, f);
  oneOf(raw, 'seeding', SEEDINGS);
  if (kind === 'train') {
    int(raw, 'epochs');
    int(raw, 'batchSize');
    const lr = raw.learningRate;
    if (typeof lr !== 'number' || !(lr > LR_BOUNDS.minExclusive && lr <= LR_BOUNDS.max)) {
      throw new Refusal(
        `learningRate must be a number above ${LR_BOUNDS.minExclusive} and at most ${LR_BOUNDS.max}; got ${show(lr)}.`,
        'learningRate',
      );
    }
    oneOf(raw, 'optimizer', OPTIMIZERS, true);
    for (const f of ['clipnorm', 'clipvalue']) {
      if (raw[f] !== undefined && !isClip(raw[f])) {
        throw new Refusal(
          `${f} must be 0 (off) or a number above 0 and at most ${CLIP_BOUNDS.max}; got ${show(raw[f])}.`,
          f,
        );
      }
    }
  } else {
    if (kind === 'forward') oneOf(raw, 'layer', CHAPTER_LAYERS);
    else oneOf(raw, 'breakIt', BREAK_VARIANTS, true);
    for (const f of ['returnSequences', 'returnState', 'timeMajor', 'useBias']) bool(raw, f);
    oneOf(raw, 'kernelInitializer', INIT_NAMES, true);
    oneOf(raw, 'recurrentInitializer', INIT_NAMES, true);
    oneOf(raw, 'biasInitializer', BIAS_INIT_NAMES, true);
  }
}

/** A model.json of a tutorial-sized model is a few kB; the largest allowed model's weights ~1.2 MB. */
export const KEPT_LIMITS = { modelJsonChars: 1_000_000, weightBytes: 16_000_000 } as const;

function keptFiles(file: unknown): void {
  if (!isPlain(file))
    throw new Refusal('A load from files needs model.json and the weights.', 'file');
  onlyKeys(file, ['modelJson', 'weights'], 'The files');
  const { modelJson, weights } = file;
  if (typeof modelJson !== 'string' || modelJson.length > KEPT_LIMITS.modelJsonChars) {
    throw new Refusal(
      `model.json must be text of at most ${KEPT_LIMITS.modelJsonChars.toLocaleString('en-US')} characters.`,
      'modelJson',
    );
  }
  if (!(weights instanceof ArrayBuffer) || weights.byteLength > KEPT_LIMITS.weightBytes) {
    throw new Refusal(
      `The weights must be one file of at most ${KEPT_LIMITS.weightBytes / 1e6} MB.`,
      'weights',
    );
  }
}

/**
 * A training config from elsewhere (a saved model's metadata) checked as a training request's
 * would be, budget included; throws an Error the reader can read.
 */
export function checkTrainConfig(raw: unknown): TrainConfig {
  const checked = checkRequest({
    v: PROTOCOL_VERSION,
    id: 1,
    kind: 'train.open',
    backend: 'cpu',
    config: raw,
  });
  if (!checked.ok) throw new Error(`The saved settings are not usable: ${checked.message}`);
  return raw as TrainConfig;
}

const KINDS = [
  'backend',
  'forward',
  'inspect',
  'train.open',
  'train.play',
  'train.step',
  'train.reset',
  'train.close',
  'train.gradcheck',
  'train.predict',
  'train.save',
  'model.load',
  'optimizers',
  'train.probe',
  'bench.run',
  'memory',
  'ping',
  'gpu.lose',
  'cancel',
] as const;
const WORK: Partial<Record<string, WorkKind>> = {
  forward: 'forward',
  inspect: 'inspect',
  'train.open': 'train',
  'train.probe': 'train',
  optimizers: 'train',
};

/** A reader's edited files: known-looking paths, strings, and not too much of them. */
function edits(raw: unknown): void {
  if (!isPlain(raw)) throw new Refusal('edits must map file paths to source text.', 'edits');
  const files = Object.entries(raw);
  if (files.length > EDIT_LIMITS.files)
    throw new Refusal(`At most ${EDIT_LIMITS.files} edited files; got ${files.length}.`, 'edits');
  let chars = 0;
  for (const [path, text] of files) {
    if (!EDIT_PATH.test(path))
      throw new Refusal(`An edited file must be a src/lstm/ path; got ${show(path)}.`, 'edits');
    if (typeof text !== 'string')
      throw new Refusal(`The edit of ${path} must be text; got ${show(text)}.`, 'edits');
    chars += text.length;
  }
  if (chars > EDIT_LIMITS.chars) {
    throw new Refusal(
      `Edits may hold ${EDIT_LIMITS.chars.toLocaleString('en')} characters in all; got ${chars.toLocaleString('en')}.`,
      'edits',
    );
  }
}

/** A list of distinct names from `values`, at least one. */
function someOf(o: Plain, field: string, values: readonly string[]): void {
  const v = o[field];
  const ok =
    Array.isArray(v) &&
    v.length > 0 &&
    v.length <= values.length &&
    v.every((x) => typeof x === 'string' && values.includes(x)) &&
    new Set(v).size === v.length;
  if (!ok) {
    throw new Refusal(
      `${field} must list one or more of ${values.join(', ')}, each once; got ${show(v)}.`,
      field,
    );
  }
}

/** A live benchmark's config: known sizes and ops only, and a bounded number of repetitions. */
function benchConfig(raw: unknown): BenchConfig {
  if (!isPlain(raw)) throw new Refusal('The request has no config object.', 'config');
  onlyKeys(raw, ['sizes', 'ops', 'reps', 'readBack'], 'The config');
  someOf(raw, 'sizes', LIVE_SIZES);
  someOf(raw, 'ops', BENCH_OPS);
  oneOf(raw, 'readBack', LIVE_READBACKS, true);
  const [min, max] = BENCH_LIMITS.reps;
  const reps = raw.reps;
  if (typeof reps !== 'number' || !Number.isInteger(reps) || reps < min || reps > max) {
    throw new Refusal(
      `reps must be a whole number from ${min} to ${max}; got ${show(reps)}.`,
      'reps',
    );
  }
  return raw as unknown as BenchConfig;
}

/** Check one incoming message; a refusal names the id to answer, when the message had one. */
export function checkRequest(raw: unknown): Checked {
  const id =
    isPlain(raw) && typeof raw.id === 'number' && Number.isSafeInteger(raw.id) && raw.id > 0
      ? raw.id
      : null;
  try {
    if (!isPlain(raw)) throw new Refusal('A request must be an object.');
    if (raw.v !== PROTOCOL_VERSION) {
      throw new Refusal(
        `This engine speaks protocol version ${PROTOCOL_VERSION}; got ${show(raw.v)}.`,
        'v',
      );
    }
    if (id === null)
      throw new Refusal(`A request needs a positive whole-number id; got ${show(raw.id)}.`, 'id');
    oneOf(raw, 'kind', KINDS);
    const kind = raw.kind as (typeof KINDS)[number];
    const base = ['v', 'id', 'kind'];
    switch (kind) {
      case 'cancel':
        onlyKeys(raw, [...base, 'target'], 'A cancel');
        if (typeof raw.target !== 'number' || !Number.isSafeInteger(raw.target)) {
          throw new Refusal(
            `A cancel needs the id of the request to stop; got ${show(raw.target)}.`,
            'target',
          );
        }
        break;
      case 'backend':
        onlyKeys(raw, [...base, 'backend'], 'The request');
        oneOf(raw, 'backend', BACKENDS);
        break;
      case 'forward':
      case 'inspect':
      case 'train.open':
      case 'optimizers':
        onlyKeys(raw, [...base, 'backend', 'config', 'edits'], 'The request');
        oneOf(raw, 'backend', BACKENDS);
        config(raw.config, WORK[kind]!);
        if (raw.edits !== undefined) edits(raw.edits);
        break;
      case 'train.probe':
        onlyKeys(raw, [...base, 'backend', 'config'], 'The request');
        oneOf(raw, 'backend', BACKENDS);
        config(raw.config, WORK[kind]!);
        break;
      case 'bench.run': {
        onlyKeys(raw, [...base, 'backend', 'config'], 'The request');
        oneOf(raw, 'backend', BACKENDS);
        const over = benchOverBudget(benchConfig(raw.config));
        if (over) return { ok: false, id, code: 'budget', ...over };
        break;
      }
      case 'train.play':
        onlyKeys(raw, [...base, 'fromStart'], 'The request');
        if (typeof raw.fromStart !== 'boolean')
          throw new Refusal('fromStart must be true or false.', 'fromStart');
        break;
      case 'train.save':
        onlyKeys(raw, [...base, 'to'], 'The request');
        oneOf(raw, 'to', KEEP_PLACES);
        break;
      case 'model.load':
        onlyKeys(raw, [...base, 'backend', 'from', 'file', 'edits'], 'The request');
        oneOf(raw, 'backend', BACKENDS);
        oneOf(raw, 'from', KEEP_PLACES);
        if (raw.edits !== undefined) edits(raw.edits);
        if (raw.from === 'file') keptFiles(raw.file);
        else if (raw.file !== undefined)
          throw new Refusal('Only a load from files sends files.', 'file');
        break;
      case 'train.gradcheck':
        onlyKeys(raw, [...base, 'breakIt', 'at'], 'The request');
        oneOf(raw, 'breakIt', BREAK_VARIANTS);
        oneOf(raw, 'at', CHECK_AT);
        break;
      default:
        onlyKeys(raw, base, 'The request');
    }
    const work = WORK[kind];
    if (work) {
      const c = raw.config as Plain;
      const over = checkBudget(work, {
        units: c.units as number,
        timesteps: c.timesteps as number,
        features: c.features as number,
        samples: c.samples as number,
        epochs: (c.epochs as number | undefined) ?? 1,
        batchSize: (c.batchSize as number | undefined) ?? 1,
      });
      if (over) return { ok: false, id, code: 'budget', message: over.message, field: over.field };
    }
    return { ok: true, request: raw as unknown as EngineRequest };
  } catch (e) {
    if (!(e instanceof Refusal)) throw e;
    return {
      ok: false,
      id,
      code: 'invalid',
      message: e.message,
      ...(e.field ? { field: e.field } : {}),
    };
  }
}
