/**
 * The host API, version 1: the messages an embedded notebook (an iframe showing `#/embed/...`)
 * and the page around it exchange with `postMessage`. Plain data and pure checks only, shared by
 * the embed frame, the web component (`embed.js`) and the tests. Every message is an object with
 * a `type` starting `lstm-notebook:`; anything else is ignored, and so is anything too large.
 *
 * Embed → host: ready, resize, result, state, error (and `lti.frameResize`, which Canvas,
 * Brightspace and Sakai apply to the iframe by themselves).
 * Host → embed: set-params, run, get-state.
 */

export const HOST_API_VERSION = 1;
export const PREFIX = 'lstm-notebook:';

/** Hash routes: `#/embed/<slug>`, `#/embed/<slug>/<cell-id>`, `#/embed/<slug>/<figure-id>`. */
export const EMBED_ROUTE = 'embed';

/** What an embed may hide: the hyperparameter fields, the source views, the chapter's prose. */
export const HIDE_PARTS = ['controls', 'source', 'prose'] as const;
export type HidePart = (typeof HIDE_PARTS)[number];

export const THEMES = ['light', 'dark', 'auto'] as const;
export type EmbedTheme = (typeof THEMES)[number];

/** The live cells an embed can show alone, per chapter; stable, part of every embed link. */
export const EMBED_CELLS = {
  'simple-lstm': ['forward', 'ex-forget', 'q-forget', 'inspect'],
  bias: ['forward', 'ex-bias'],
  'temporal-loop': ['forward', 'inspect', 'ex-loop'],
  options: ['forward', 'ex-return', 'inspect', 'q-break'],
  training: ['train', 'q-lr', 'gradients', 'pitfall', 'model'],
  performance: ['bench', 'kernel'],
} as const;

/** Cells that only show source and never run: nothing to wait for before a chapter is done. */
export const VIEW_ONLY_CELLS: readonly string[] = ['kernel'];

/** The figures an embed can show alone, per chapter; stable too. */
export const EMBED_FIGURES = {
  'simple-lstm': ['cell-diagram', 'heatmaps'],
  bias: [],
  'temporal-loop': ['heatmaps'],
  options: ['heatmaps', 'equivalence'],
  training: ['loss-curve', 'gate-norms', 'predictions'],
  performance: [],
} as const;

export type EmbedSlug = keyof typeof EMBED_CELLS;

/** The numbers a cell reports after each run. */
export interface ResultValues {
  /** Named sums, e.g. `{ custom: 25.96, library: 25.96 }` or per output. */
  sums: Record<string, number>;
  /** max |custom − library| of the run. */
  maxDiff: number;
  /** The match verdict against the backend's tolerance. */
  match: boolean;
}

export const SCORE_KINDS = ['exercise', 'prediction'] as const;
export type ScoreKind = (typeof SCORE_KINDS)[number];

export type EmbedMessage =
  | {
      type: 'lstm-notebook:ready';
      version: typeof HOST_API_VERSION;
      slug: string;
      cells: readonly string[];
      figures: readonly string[];
    }
  | { type: 'lstm-notebook:resize'; height: number }
  | { type: 'lstm-notebook:result'; cell: string; values: ResultValues }
  /**
   * An exercise was checked or a prediction answered: `passed` is a pass that stays (an exercise)
   * or the last prediction's verdict; `attempts` counts checks or answers. Never any code.
   */
  | { type: 'lstm-notebook:score'; id: string; kind: ScoreKind; passed: boolean; attempts: number }
  /** The shareable parameters as the URL writes them (strings), after every change. */
  | { type: 'lstm-notebook:state'; params: Record<string, string> }
  | { type: 'lstm-notebook:error'; message: string; field?: string };

export type HostMessage =
  /** Values as the URL spells them or as numbers/booleans; checked by the URL codec and the budget. */
  | { type: 'lstm-notebook:set-params'; params: Record<string, string | number | boolean> }
  /** Run one cell again, or every cell when `cell` is absent. */
  | { type: 'lstm-notebook:run'; cell?: string }
  | { type: 'lstm-notebook:get-state' };

/** What Canvas, Brightspace and Sakai listen for. */
export interface LtiResize {
  subject: 'lti.frameResize';
  height: number;
}

/** Messages larger than this (as JSON) are ignored on both sides. */
export const MAX_MESSAGE_CHARS = 16_384;

const HOST_TYPES = ['set-params', 'run', 'get-state'].map((t) => PREFIX + t);
const EMBED_TYPES = ['ready', 'resize', 'result', 'score', 'state', 'error'].map((t) => PREFIX + t);

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.getPrototypeOf(v) === Object.prototype;

function small(v: unknown): boolean {
  try {
    return JSON.stringify(v).length <= MAX_MESSAGE_CHARS;
  } catch {
    return false;
  }
}

const isStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');

/** A plain object's own entries if every value passes `ok`, else null. */
function recordOf<T>(v: unknown, ok: (x: unknown) => x is T): Record<string, T> | null {
  if (!isPlain(v)) return null;
  const out: Record<string, T> = {};
  for (const [k, x] of Object.entries(v)) {
    // `__proto__` as an own key (JSON.parse makes one) would be dropped by the assignment below.
    if (k === '__proto__' || !ok(x)) return null;
    out[k] = x;
  }
  return out;
}
const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number';
const isScalar = (x: unknown): x is string | number | boolean =>
  ['string', 'number', 'boolean'].includes(typeof x);

/** A host message of a known shape, or null (to be ignored). */
export function readHostMessage(data: unknown): HostMessage | null {
  if (!isPlain(data) || !HOST_TYPES.includes(data.type as string) || !small(data)) return null;
  if (data.type === 'lstm-notebook:set-params') {
    if (!isPlain(data.params)) return null;
    const params: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(data.params)) {
      if (!isScalar(v)) return null;
      // Defined, not assigned: a key named "__proto__" stays an own key (the embed answers it
      // with an error by name) and never becomes a prototype.
      Object.defineProperty(params, k, { value: v, enumerable: true, writable: true });
    }
    return { type: data.type, params };
  }
  if (data.type === 'lstm-notebook:run') {
    if (data.cell !== undefined && typeof data.cell !== 'string') return null;
    return data.cell === undefined ? { type: data.type } : { type: data.type, cell: data.cell };
  }
  return { type: 'lstm-notebook:get-state' };
}

/**
 * An embed message of a known type and shape, or null; the web component reads its iframe's with
 * this and hands the result to the host page, so only the fields of the type are copied.
 */
export function readEmbedMessage(data: unknown): EmbedMessage | null {
  if (!isPlain(data) || !EMBED_TYPES.includes(data.type as string) || !small(data)) return null;
  switch (data.type) {
    case 'lstm-notebook:resize': {
      const h = data.height;
      return typeof h === 'number' && Number.isFinite(h) && h >= 0 && h < 1e6
        ? { type: data.type, height: h }
        : null;
    }
    case 'lstm-notebook:ready': {
      const { version, slug, cells, figures } = data;
      if (version !== HOST_API_VERSION || typeof slug !== 'string') return null;
      if (!isStrings(cells) || !isStrings(figures)) return null;
      return { type: data.type, version, slug, cells: [...cells], figures: [...figures] };
    }
    case 'lstm-notebook:result': {
      const v = data.values;
      if (typeof data.cell !== 'string' || !isPlain(v)) return null;
      const sums = recordOf(v.sums, isNumber);
      if (!sums || typeof v.maxDiff !== 'number' || typeof v.match !== 'boolean') return null;
      return {
        type: data.type,
        cell: data.cell,
        values: { sums, maxDiff: v.maxDiff, match: v.match },
      };
    }
    case 'lstm-notebook:score': {
      const { id, kind, passed, attempts } = data;
      if (typeof id !== 'string' || !(SCORE_KINDS as readonly unknown[]).includes(kind))
        return null;
      if (typeof passed !== 'boolean' || !Number.isSafeInteger(attempts)) return null;
      return { type: data.type, id, kind: kind as ScoreKind, passed, attempts: attempts as number };
    }
    case 'lstm-notebook:state': {
      const params = recordOf(data.params, isString);
      return params ? { type: data.type, params } : null;
    }
    default: {
      const { message, field } = data;
      if (typeof message !== 'string') return null;
      if (field !== undefined && typeof field !== 'string') return null;
      return field === undefined
        ? { type: 'lstm-notebook:error', message }
        : { type: 'lstm-notebook:error', message, field };
    }
  }
}

/** `#/embed/<slug>[/<id>]?<query>` for a chapter, a cell or a figure. */
export function embedHash(slug: string, id: string | null, query: string): string {
  return `#/${EMBED_ROUTE}/${slug}${id ? `/${id}` : ''}${query ? `?${query}` : ''}`;
}
