/**
 * The embed routes, `#/embed/<slug>`, `#/embed/<slug>/<cell-id>` and `#/embed/<slug>/<figure-id>`:
 * read from a hash path and checked against the stable ids in src/embed/hostApi.ts.
 */
import {
  EMBED_CELLS,
  EMBED_FIGURES,
  EMBED_ROUTE,
  embedHash,
  type EmbedSlug,
} from '../embed/hostApi';
import type { EmbedView } from './slices/uiSlice';

export type EmbedTarget = EmbedView['target'];

/** `embed/bias/forward` → { slug: 'bias', id: 'forward' }; null for a path that is not an embed. */
export function parseEmbedPath(path: string): { slug: string; id: string | null } | null {
  const parts = path.split('/');
  if (parts[0] !== EMBED_ROUTE) return null;
  return { slug: parts[1] ?? '', id: parts.slice(2).join('/') || null };
}

const isEmbedSlug = (slug: string): slug is EmbedSlug => Object.hasOwn(EMBED_CELLS, slug);

/** What an embed path points at, or why it points at nothing. */
export function resolveEmbed(
  slug: string,
  id: string | null,
): { ok: true; slug: EmbedSlug; target: EmbedTarget } | { ok: false; message: string } {
  if (!isEmbedSlug(slug)) {
    return {
      ok: false,
      message: `There is no chapter “${slug}” to embed; use one of ${Object.keys(EMBED_CELLS).join(', ')}.`,
    };
  }
  if (id === null) return { ok: true, slug, target: { kind: 'chapter' } };
  const cells: readonly string[] = EMBED_CELLS[slug];
  const figures: readonly string[] = EMBED_FIGURES[slug];
  if (cells.includes(id)) return { ok: true, slug, target: { kind: 'cell', id } };
  if (figures.includes(id)) return { ok: true, slug, target: { kind: 'figure', id } };
  const all = [...cells, ...figures].join(', ');
  return { ok: false, message: `Chapter “${slug}” has no cell or figure “${id}”; it has ${all}.` };
}

/** The embed hash for a view, with the hyperparameters' query and the view's own options. */
export function embedHashOf(slug: string, view: EmbedView, query: string): string {
  const id = view.target.kind === 'chapter' ? null : view.target.id;
  return embedHash(slug, id, query);
}

/** Which cell shows a figure (the cell diagram is a figure of its own, outside any cell). */
export const FIGURE_CELL: Record<string, string | null> = {
  'cell-diagram': null,
  heatmaps: 'inspect',
  equivalence: 'inspect',
  'loss-curve': 'train',
  'gate-norms': 'gradients',
  predictions: 'model',
};
