/**
 * The one place where the URL and the store meet. The hash is read on load and on every
 * `hashchange` (links, back/forward, a pasted URL); the store writes it back with `replaceState`
 * whenever a shareable field changes, so moving a slider never floods the history.
 * Event handlers never touch the URL themselves.
 */
import { fitLinkToBudget } from './budgetCheck';
import { findChapter, type Slug } from './chapters';
import { defaultsFor } from './hyperparams';
import { store } from './store';
import { embedHashOf, parseEmbedPath, resolveEmbed } from './embedRoute';
import type { EmbedView } from './slices/uiSlice';
import { decodeQuery, encodeEmbedOptions, encodeQuery, formatHash, parseHash } from './urlCodec';

/** Whether `embed=1` sits in the hash (ours to keep) rather than in `location.search`. */
let embedInHash = false;

function searchEmbed(): boolean {
  const v = new URLSearchParams(window.location.search).get('embed');
  return v === '1' || v === 'true';
}

/** The hash the store's current state should have; also used by navigation links. */
export function hashFor(slug: Slug): string {
  const s = store.getState();
  const profile = findChapter(slug)?.profile ?? 'forward';
  const query = encodeQuery(s.hyper[profile], defaultsFor(profile), embedInHash);
  const view = s.embedView;
  if (view && slug === s.slug) {
    const options = encodeEmbedOptions(view.theme, view.hide);
    return embedHashOf(slug, view, [query, options].filter(Boolean).join('&'));
  }
  return formatHash(slug, query);
}

function readHash(): void {
  const { slug: path, query } = parseHash(window.location.hash);
  const decoded = decodeQuery(query);
  embedInHash = decoded.embed;
  const state = store.getState();
  const embed = decoded.embed || searchEmbed();
  const embedPath = parseEmbedPath(path);
  let view: EmbedView | null = null;
  let slug = path;
  if (embedPath) {
    const found = resolveEmbed(embedPath.slug, embedPath.id);
    if (!found.ok) {
      state.setRoute('', true, path);
      state.addNotices([found.message]);
      return;
    }
    slug = found.slug;
    view = { target: found.target, hide: decoded.hide, theme: decoded.theme };
  }
  const chapter = findChapter(slug);
  if (!chapter) {
    state.setRoute('', embed, slug);
    return;
  }
  const fitted = fitLinkToBudget(chapter.profile, decoded.values);
  state.loadHyper(chapter.profile, fitted.values);
  state.setRoute(chapter.slug, embed, null, view);
  const unused = view ? [] : embedOnly(decoded);
  const notices = [...decoded.notices, ...unused, ...fitted.notices];
  if (notices.length > 0) state.addNotices(notices);
  writeHash();
}

function writeHash(): void {
  const s = store.getState();
  if (s.unknownSlug !== null) return; // Leave a mistyped link visible so the reader can fix it.
  const hash = hashFor(s.slug);
  if (hash !== window.location.hash) {
    const url = `${window.location.pathname}${window.location.search}${hash}`;
    window.history.replaceState(window.history.state, '', url);
  }
}

/** theme= and hide= belong to embed routes; elsewhere they are ignored, with a word. */
function embedOnly(d: ReturnType<typeof decodeQuery>): string[] {
  return d.theme !== null || d.hide.length > 0
    ? ['Ignored "theme" and "hide": they apply to #/embed/… links only.']
    : [];
}

/** Start syncing; returns the function that stops it. Call once, from the app's root. */
export function startUrlSync(): () => void {
  readHash();
  window.addEventListener('hashchange', readHash);
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.hyper !== prev.hyper || s.slug !== prev.slug) writeHash();
  });
  return () => {
    window.removeEventListener('hashchange', readHash);
    unsubscribe();
  };
}
