/**
 * The work budget as the fields and the URL apply it: a setting whose work would be over budget
 * is refused before any request is sent, with the estimate and the largest value that fits. The
 * engine service checks every request again (src/runtime/validate.ts); this is the reader's side.
 */
import {
  checkBudget,
  COST_FIELDS,
  type OverBudget,
  type TrainParams,
  type WorkKind,
} from '../lstm/budget';
import { defaultsFor, type HyperKey, type Hyperparameters, type Profile } from './hyperparams';

/** What each profile's chapters run: chapters 1–4 trace every gate, the costlier of their two. */
const WORK: Record<Profile, WorkKind[]> = {
  forward: ['inspect', 'forward'],
  training: ['train'],
};

/** The fields any work's cost depends on: a training run's, which include every other kind's. */
const COST_KEYS = COST_FIELDS.train;
type CostKey = (typeof COST_KEYS)[number];
const isCostKey = (k: HyperKey): k is CostKey => (COST_KEYS as readonly string[]).includes(k);

/** Null when `h` fits the budget of what `profile`'s chapters run. */
export function overBudget(
  profile: Profile,
  h: Hyperparameters,
  changed?: HyperKey,
): OverBudget | null {
  const params: TrainParams = {
    units: h.units,
    timesteps: h.timesteps,
    features: h.features,
    samples: h.samples,
    epochs: h.epochs,
    batchSize: h.batchSize,
  };
  for (const kind of WORK[profile]) {
    const over = checkBudget(kind, params, changed && isCostKey(changed) ? changed : undefined);
    if (over) return over;
  }
  return null;
}

/**
 * A link's values with the budget applied: taken in the link's order, each cost field is kept only
 * if the setting so far still fits; one that does not is left at the tutorial's value, with a notice.
 */
export function fitLinkToBudget(
  profile: Profile,
  values: Partial<Hyperparameters>,
): { values: Partial<Hyperparameters>; notices: string[] } {
  const kept: Partial<Hyperparameters> = {};
  const notices: string[] = [];
  for (const [k, v] of Object.entries(values) as [HyperKey, never][]) {
    const trial = { ...kept, [k]: v };
    const over = isCostKey(k)
      ? overBudget(profile, { ...defaultsFor(profile), ...trial }, k)
      : null;
    if (over) notices.push(`Ignored "${k}=${String(v)}" from the link: ${over.message}`);
    else Object.assign(kept, trial);
  }
  return { values: kept, notices };
}
