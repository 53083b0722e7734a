/**
 * The URL allow-list: each shareable field with its parse/serialize codec and bounds, and the hash
 * format `#/<slug>?<params>`. Pure functions; `urlSync.ts` is the one place that applies them.
 * A value outside its bounds is refused with a message, never clamped or rounded.
 */
import { CLIP_BOUNDS, INT_BOUNDS, LR_BOUNDS, isClip, type IntField } from '../lstm/limits';
import { OPTIMIZERS, type OptimizerName } from '../lstm/train/optimizerTypes';
import { HIDE_PARTS, THEMES, type EmbedTheme, type HidePart } from '../embed/hostApi';
import { FIELD_INFO, type Backend, type HyperKey, type Hyperparameters } from './hyperparams';
import { BACKENDS, SEEDINGS, type Seeding } from '../lstm/experimentTypes';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

export interface Codec<T> {
  parse(raw: string): ParseResult<T>;
  serialize(value: T): string;
  /** The accepted range in words, shown beside the field. */
  bounds: string;
  /** For numeric inputs: the browser's own min/max/step hints. */
  input?: { min: number; max: number; step: number | 'any' };
}

const INT = /^[+-]?\d+$/;
// Plain decimal or exponent notation only: no hex, no "Infinity", no empty string.
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function quote(raw: string): string {
  return raw.length > 24 ? `"${raw.slice(0, 24)}…"` : `"${raw}"`;
}

export function intCodec(label: string, min: number, max: number): Codec<number> {
  const bounds = `${min}–${max}`;
  return {
    bounds,
    input: { min, max, step: 1 },
    serialize: (v) => String(v),
    parse(raw) {
      const s = raw.trim();
      const must = `${label} must be a whole number from ${min} to ${max}`;
      if (!INT.test(s)) return { ok: false, error: `${must}; got ${quote(raw)}.` };
      const value = Number(s);
      if (value < min || value > max) return { ok: false, error: `${must}; got ${s}.` };
      return { ok: true, value };
    },
  };
}

/** A number in (min, max]: the lower bound is exclusive, as for a learning rate. */
export function floatCodec(label: string, minExclusive: number, max: number): Codec<number> {
  const bounds = `> ${minExclusive} and ≤ ${max}`;
  return {
    bounds,
    input: { min: minExclusive, max, step: 'any' },
    serialize: (v) => String(v),
    parse(raw) {
      const s = raw.trim();
      const must = `${label} must be a number above ${minExclusive} and at most ${max}`;
      if (!FLOAT.test(s)) return { ok: false, error: `${must}; got ${quote(raw)}.` };
      const value = Number(s);
      if (!(value > minExclusive && value <= max)) {
        return { ok: false, error: `${must}; got ${s}.` };
      }
      return { ok: true, value };
    },
  };
}

/** 0 (off) or a number in (0, max]: gradient clipping. */
export function clipCodec(label: string, max: number): Codec<number> {
  return {
    bounds: `0 (off) or > 0 and ≤ ${max}`,
    input: { min: 0, max, step: 'any' },
    serialize: (v) => String(v),
    parse(raw) {
      const s = raw.trim();
      const must = `${label} must be 0 (off) or a number above 0 and at most ${max}`;
      if (!FLOAT.test(s)) return { ok: false, error: `${must}; got ${quote(raw)}.` };
      const value = Number(s);
      if (!isClip(value)) return { ok: false, error: `${must}; got ${s}.` };
      return { ok: true, value };
    },
  };
}

export function enumCodec<T extends string>(label: string, values: readonly T[]): Codec<T> {
  const bounds = values.join(' | ');
  return {
    bounds,
    serialize: (v) => v,
    parse(raw) {
      const found = values.find((v) => v === raw.trim());
      if (found === undefined) {
        return { ok: false, error: `${label} must be one of ${bounds}; got ${quote(raw)}.` };
      }
      return { ok: true, value: found };
    },
  };
}

type CodecMap = { [K in HyperKey]: Codec<Hyperparameters[K]> };

const label = (k: HyperKey) => FIELD_INFO[k].label;

const int = (k: IntField) => {
  const [min, max] = INT_BOUNDS[k];
  return intCodec(label(k), min, max);
};

export const HYPER_CODECS: CodecMap = {
  units: int('units'),
  timesteps: int('timesteps'),
  features: int('features'),
  samples: int('samples'),
  seed: int('seed'),
  seeding: enumCodec<Seeding>(label('seeding'), SEEDINGS),
  backend: enumCodec<Backend>(label('backend'), BACKENDS),
  epochs: int('epochs'),
  batchSize: int('batchSize'),
  lr: floatCodec(label('lr'), LR_BOUNDS.minExclusive, LR_BOUNDS.max),
  optimizer: enumCodec<OptimizerName>(label('optimizer'), OPTIMIZERS),
  clipnorm: clipCodec(label('clipnorm'), CLIP_BOUNDS.max),
  clipvalue: clipCodec(label('clipvalue'), CLIP_BOUNDS.max),
};

/** The URL's allow-list, in the order links are written. Anything else is ignored with a notice. */
export const HYPER_KEYS: readonly HyperKey[] = [
  'units',
  'timesteps',
  'features',
  'samples',
  'seed',
  'seeding',
  'backend',
  'epochs',
  'batchSize',
  'lr',
  'optimizer',
  'clipnorm',
  'clipvalue',
];
export const EMBED_KEY = 'embed';
/** Embed routes' own parameters (see src/embed/hostApi.ts). */
export const THEME_KEY = 'theme';
export const HIDE_KEY = 'hide';
const themeCodec = enumCodec<EmbedTheme>('theme', THEMES);

/** `theme=…&hide=…` for an embed link; empty when neither is set. */
export function encodeEmbedOptions(theme: EmbedTheme | null, hide: readonly HidePart[]): string {
  const params = new URLSearchParams();
  if (theme) params.set(THEME_KEY, theme);
  if (hide.length > 0) params.set(HIDE_KEY, hide.join(','));
  return params.toString();
}

export function parseField<K extends HyperKey>(
  key: K,
  raw: string,
): ParseResult<Hyperparameters[K]> {
  return HYPER_CODECS[key].parse(raw) as ParseResult<Hyperparameters[K]>;
}

export interface DecodedQuery {
  /** Only the fields present and valid in the URL. */
  values: Partial<Hyperparameters>;
  embed: boolean;
  /** Embed routes only: the theme to force, and what to hide. */
  theme: EmbedTheme | null;
  hide: HidePart[];
  /** One readable sentence per parameter that was ignored. */
  notices: string[];
}

function isHyperKey(k: string): k is HyperKey {
  return (HYPER_KEYS as readonly string[]).includes(k);
}

export function decodeQuery(query: string): DecodedQuery {
  const params = new URLSearchParams(query);
  const values: Partial<Hyperparameters> = {};
  const notices: string[] = [];
  let embed = false;
  let theme: EmbedTheme | null = null;
  const hide: HidePart[] = [];
  const seen = new Set<string>();
  for (const key of params.keys()) {
    if (seen.has(key)) continue;
    seen.add(key);
    const all = params.getAll(key);
    if (all.length > 1) {
      notices.push(`Ignored "${key}": it appears ${all.length} times in the link.`);
      continue;
    }
    const raw = all[0] ?? '';
    if (key === EMBED_KEY) {
      if (raw === '1' || raw === 'true') embed = true;
      else if (raw !== '0' && raw !== 'false') {
        notices.push(`Ignored "embed=${raw}": use embed=1 or embed=0.`);
      }
    } else if (key === THEME_KEY) {
      const r = themeCodec.parse(raw);
      if (r.ok) theme = r.value;
      else notices.push(`Ignored "theme" from the link: ${r.error}`);
    } else if (key === HIDE_KEY) {
      for (const part of raw.split(',').filter(Boolean)) {
        const found = HIDE_PARTS.find((p) => p === part.trim());
        if (!found) {
          notices.push(
            `Ignored "${part.slice(0, 24)}" in hide: use any of ${HIDE_PARTS.join(', ')}.`,
          );
        } else if (!hide.includes(found)) hide.push(found);
      }
    } else if (isHyperKey(key)) {
      const r = parseField(key, raw);
      if (r.ok) (values as Record<HyperKey, unknown>)[key] = r.value;
      else notices.push(`Ignored "${key}" from the link: ${r.error}`);
    } else {
      notices.push(`Ignored unknown link parameter "${key}".`);
    }
  }
  return { values, embed, theme, hide, notices };
}

/** Writes only what differs from the defaults, so the tutorial's own link stays short. */
export function encodeQuery(h: Hyperparameters, defaults: Hyperparameters, embed = false): string {
  const params = new URLSearchParams();
  for (const key of HYPER_KEYS) {
    if (h[key] !== defaults[key]) {
      params.set(key, (HYPER_CODECS[key] as Codec<Hyperparameters[typeof key]>).serialize(h[key]));
    }
  }
  if (embed) params.set(EMBED_KEY, '1');
  return params.toString();
}

/** `#/bias?units=4` -> { slug: 'bias', query: 'units=4' }; `#/` and `` give the overview (''). */
export function parseHash(hash: string): { slug: string; query: string } {
  const body = hash.replace(/^#/, '').replace(/^\//, '');
  const q = body.indexOf('?');
  const path = q < 0 ? body : body.slice(0, q);
  return { slug: safeDecode(path.replace(/\/+$/, '')), query: q < 0 ? '' : body.slice(q + 1) };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s; // A stray "%" is just an unknown slug, shown as such.
  }
}

export function formatHash(slug: string, query: string): string {
  return `#/${slug}${query ? `?${query}` : ''}`;
}
