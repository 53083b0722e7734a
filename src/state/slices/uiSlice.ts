import type { StateCreator } from 'zustand';
import type { Slug } from '../chapters';
import type { EmbedTheme, HidePart } from '../../embed/hostApi';
import type { Store } from '../store';

export type ThemeChoice = 'system' | 'light' | 'dark';

/** What an embed route shows: a whole chapter, one cell or one figure, and what it hides. */
export interface EmbedView {
  target: { kind: 'chapter' } | { kind: 'cell' | 'figure'; id: string };
  hide: HidePart[];
  theme: EmbedTheme | null;
}

export interface Notice {
  id: number;
  text: string;
}

export interface UiSlice {
  slug: Slug;
  /** Embed mode hides the navigation chrome so a chapter can sit in an iframe. */
  embed: boolean;
  /** Set on an `#/embed/...` route; null elsewhere (including `?embed=1` links). */
  embedView: EmbedView | null;
  /** True while the hash names a page that does not exist. */
  unknownSlug: string | null;
  theme: ThemeChoice;
  /** Things the reader should know about the link they opened (ignored parameters). */
  notices: Notice[];
  /** A newer version of the notebook has been downloaded for offline use and waits for a reload. */
  updateReady: boolean;
  setUpdateReady: () => void;
  setRoute: (
    slug: Slug,
    embed: boolean,
    unknownSlug?: string | null,
    embedView?: EmbedView | null,
  ) => void;
  setTheme: (theme: ThemeChoice) => void;
  addNotices: (texts: string[]) => void;
  dismissNotice: (id: number) => void;
}

let nextNoticeId = 1;

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  slug: '',
  embed: false,
  embedView: null,
  unknownSlug: null,
  theme: 'system',
  notices: [],
  updateReady: false,
  setUpdateReady: () => set({ updateReady: true }),
  setRoute: (slug, embed, unknownSlug = null, embedView = null) =>
    set({ slug, embed: embed || embedView !== null, unknownSlug, embedView }),
  setTheme: (theme) => set({ theme }),
  addNotices: (texts) =>
    set((s) => ({
      // The newest few are enough; a link with fifty bad parameters should not bury the page.
      notices: [...s.notices, ...texts.map((text) => ({ id: nextNoticeId++, text }))].slice(-6),
    })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
});
