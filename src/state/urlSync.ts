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
import { decodeQuery, encodeQuery, formatHash, parseHash } from './urlCodec';

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
  return formatHash(slug, encodeQuery(s.hyper[profile], defaultsFor(profile), embedInHash));
}

function readHash(): void {
  const { slug, query } = parseHash(window.location.hash);
  const chapter = findChapter(slug);
  const decoded = decodeQuery(query);
  embedInHash = decoded.embed;
  const state = store.getState();
  const embed = decoded.embed || searchEmbed();
  if (!chapter) {
    state.setRoute('', embed, slug);
    return;
  }
  const fitted = fitLinkToBudget(chapter.profile, decoded.values);
  state.loadHyper(chapter.profile, fitted.values);
  state.setRoute(chapter.slug, embed);
  const notices = [...decoded.notices, ...fitted.notices];
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
