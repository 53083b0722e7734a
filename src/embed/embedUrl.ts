/**
 * The web component's pure half: its attributes checked against the host API's lists and turned
 * into the iframe's URL and title. No DOM, so the unit tests run it in Node.
 */
import {
  EMBED_CELLS,
  EMBED_FIGURES,
  HIDE_PARTS,
  THEMES,
  embedHash,
  type EmbedSlug,
  type EmbedTheme,
  type HidePart,
} from './hostApi';

/** The element's attributes as `getAttribute` returns them (null when absent). */
export interface EmbedAttributes {
  chapter: string | null;
  cell: string | null;
  figure: string | null;
  /** A query string of shareable parameters, e.g. `units=16&timesteps=4`. */
  params: string | null;
  theme: string | null;
  hide: string | null;
}

export const EMBED_ATTRIBUTES = ['chapter', 'cell', 'figure', 'params', 'theme', 'hide'] as const;

export type EmbedParams = Record<string, string | number | boolean>;

/** What an element with valid attributes shows. */
export interface EmbedTarget {
  slug: EmbedSlug;
  kind: 'chapter' | 'cell' | 'figure';
  /** The cell or figure id; null for a whole chapter. */
  id: string | null;
  params: Record<string, string>;
  theme: EmbedTheme | null;
  hide: HidePart[];
}

export type AttributeCheck =
  { ok: true; target: EmbedTarget } | { ok: false; field: keyof EmbedAttributes; error: string };

/** Keys the URL's query carries for the element itself, so `params` may not set them. */
const RESERVED = ['theme', 'hide', 'embed'];
/** The URL codec's field names are short camelCase words (`units`, `batchSize`, `lr`). */
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9]{0,31}$/;
const MAX_PARAM_VALUE = 64;

/** An attribute value as an error message quotes it: short, on one line. */
function quote(v: string): string {
  const flat = v.replace(/\s+/g, ' ');
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}…` : flat);
}

const list = (xs: readonly string[]) => (xs.length ? xs.join(', ') : 'none');

/** `units=16&timesteps=4` as a record, or an error naming the bad pair. */
export function parseParamsAttribute(
  raw: string | null,
): { ok: true; params: Record<string, string> } | { ok: false; error: string } {
  const params: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw ?? '')) {
    if (!PARAM_NAME.test(k))
      return { ok: false, error: `params: ${quote(k)} is not a field name.` };
    if (RESERVED.includes(k))
      return { ok: false, error: `params: set "${k}" with its own attribute, not in params.` };
    if (v.length > MAX_PARAM_VALUE)
      return { ok: false, error: `params: the value of "${k}" is too long.` };
    params[k] = v;
  }
  return { ok: true, params };
}

/** The attributes checked; unknown chapters, cells, figures, themes and parts are refused. */
export function checkAttributes(a: EmbedAttributes): AttributeCheck {
  const chapter = a.chapter?.trim() ?? '';
  const slugs = Object.keys(EMBED_CELLS);
  if (!Object.hasOwn(EMBED_CELLS, chapter)) {
    const error = chapter
      ? `Unknown chapter ${quote(chapter)}: use one of ${list(slugs)}.`
      : `Set the chapter attribute to one of ${list(slugs)}.`;
    return { ok: false, field: 'chapter', error };
  }
  const slug = chapter as EmbedSlug;
  const cell = a.cell?.trim() || null;
  const figure = a.figure?.trim() || null;
  if (cell && figure)
    return { ok: false, field: 'figure', error: 'Set either cell or figure, not both.' };
  const cells: readonly string[] = EMBED_CELLS[slug];
  const figures: readonly string[] = EMBED_FIGURES[slug];
  if (cell && !cells.includes(cell)) {
    const error = `Chapter "${slug}" has no cell ${quote(cell)}: use one of ${list(cells)}.`;
    return { ok: false, field: 'cell', error };
  }
  if (figure && !figures.includes(figure)) {
    const error = `Chapter "${slug}" has no figure ${quote(figure)}: use one of ${list(figures)}.`;
    return { ok: false, field: 'figure', error };
  }
  const themeRaw = a.theme?.trim() || null;
  if (themeRaw !== null && !(THEMES as readonly string[]).includes(themeRaw)) {
    const error = `Unknown theme ${quote(themeRaw)}: use one of ${list(THEMES)}.`;
    return { ok: false, field: 'theme', error };
  }
  const hide: HidePart[] = [];
  for (const part of (a.hide ?? '').split(',').map((p) => p.trim())) {
    if (!part || hide.includes(part as HidePart)) continue;
    if (!(HIDE_PARTS as readonly string[]).includes(part)) {
      const error = `hide: unknown part ${quote(part)}: use any of ${list(HIDE_PARTS)}.`;
      return { ok: false, field: 'hide', error };
    }
    hide.push(part as HidePart);
  }
  const params = parseParamsAttribute(a.params);
  if (!params.ok) return { ok: false, field: 'params', error: params.error };
  return {
    ok: true,
    target: {
      slug,
      kind: cell ? 'cell' : figure ? 'figure' : 'chapter',
      id: cell ?? figure,
      params: params.params,
      theme: themeRaw as EmbedTheme | null,
      hide,
    },
  };
}

/** The hash's query: the parameters (later ones win), then theme and hide. */
export function embedQuery(target: EmbedTarget, overrides: EmbedParams = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...target.params, ...overrides })) q.set(k, String(v));
  if (target.theme) q.set('theme', target.theme);
  if (target.hide.length) q.set('hide', target.hide.join(','));
  // A comma is as safe in a query as `&`; `hide=controls,source` reads better than %2C.
  return q.toString().replace(/%2C/gi, ',');
}

/** The iframe's URL: `index.html` (already resolved against embed.js) with the embed route. */
export function embedSrc(index: string | URL, target: EmbedTarget, overrides?: EmbedParams) {
  return new URL(embedHash(target.slug, target.id, embedQuery(target, overrides)), index).href;
}

/** The iframe's accessible name. */
export function embedTitle(target: EmbedTarget): string {
  const what = target.id ? `, ${target.kind} "${target.id}"` : '';
  return `LSTM notebook: chapter "${target.slug}"${what}`;
}

/** Height in CSS pixels before the frame reports its own. */
export function initialHeight(target: EmbedTarget): number {
  return target.kind === 'chapter' ? 900 : target.kind === 'cell' ? 640 : 480;
}
