/** The page frame: top bar, chapter list, the chapter itself, previous/next; or just the chapter when embedded. */
import { useEffect, useRef, useState } from 'react';
import { findChapter } from '../state/chapters';
import { store, useStore } from '../state/store';
import { formatHash, parseHash } from '../state/urlCodec';
import { BackendBadge, FallbackNotice, PrecisionNotice } from './BackendBadge';
import { ChapterLink } from './ChapterLink';
import { mdxComponents } from './mdxComponents';
import { Notices } from './Notices';
import { UpdateNotice } from './UpdateNotice';
import { PAGES } from './pages';
import { PrevNext } from './PrevNext';
import { ThemeToggle } from './ThemeToggle';
import { useApplyTheme } from './theme';
import { Toc } from './Toc';
import { warmUpWhenIdle } from '../notebook/warmUp';
import { EmbedFrame } from '../embed/EmbedFrame';
import { EmbedButton } from '../notebook/EmbedDialog';
import { parseEmbedPath } from '../state/embedRoute';

/** This page's link without `embed` (or the embed route), for readers who want the navigation back. */
function fullNotebookUrl(): string {
  const url = new URL(window.location.href);
  url.searchParams.delete('embed');
  const { slug: path, query } = parseHash(url.hash);
  const params = new URLSearchParams(query);
  for (const key of ['embed', 'theme', 'hide']) params.delete(key);
  const embedded = parseEmbedPath(path);
  url.hash = formatHash(embedded ? embedded.slug : path, params.toString());
  return url.toString();
}

function NotFound({ slug }: { slug: string }) {
  return (
    <div className="not-found">
      <h1>No chapter called “{slug}”</h1>
      <p>
        The link may be mistyped. Start from the <ChapterLink slug="">overview</ChapterLink>.
      </p>
    </div>
  );
}

function Chapter() {
  const slug = useStore((s) => s.slug);
  const unknown = useStore((s) => s.unknownSlug);
  if (unknown !== null) return <NotFound slug={unknown} />;
  const Page = PAGES[slug];
  return (
    // Keyed by slug so each chapter's cells start fresh.
    <article key={slug} data-chapter={slug || 'overview'}>
      <Page components={mdxComponents} />
    </article>
  );
}

/** The chapter's own Embed button, under its text (each cell has one in its header). */
function ChapterEmbed() {
  const slug = useStore((s) => s.slug);
  if (!slug) return null;
  return (
    <div className="chapter-embed">
      Teaching with this chapter?{' '}
      <EmbedButton
        measure={() => document.querySelector('article')?.getBoundingClientRect().height ?? 900}
      />
    </div>
  );
}

/** Move focus and scroll to the top on a new page, as a full page load would. */
function useFocusOnNavigate(slug: string) {
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    const title = findChapter(slug)?.title;
    document.title = title && slug ? `${title} — LSTM from scratch` : 'LSTM from scratch';
    if (first.current || store.getState().embed) {
      // An embed never takes focus or scrolls: its host page is the reader's, not ours.
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    main.current?.focus({ preventScroll: true });
  }, [slug]);
  return main;
}

export function App() {
  useApplyTheme();
  // Once, with the backend of the opened link; later changes are the cells' business. Chapter 5
  // trains in its own worker at once, and warming the page's tfjs meanwhile would only cost the
  // main thread (parsing tfjs, starting WebGL) while the curve is drawing.
  useEffect(() => {
    const { slug: opened, hyper } = store.getState();
    return opened === 'training' ? undefined : warmUpWhenIdle(hyper.forward.backend);
  }, []);
  const slug = useStore((s) => s.slug);
  const embed = useStore((s) => s.embed);
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useFocusOnNavigate(slug);

  if (embed) {
    return (
      <EmbedFrame fullUrl={fullNotebookUrl()}>
        <Chapter />
      </EmbedFrame>
    );
  }

  return (
    <div className="app">
      <button type="button" className="skip-link" onClick={() => main.current?.focus()}>
        Skip to the chapter
      </button>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen((o) => !o)}
        >
          ☰ Chapters
        </button>
        <ChapterLink slug="" className="brand">
          LSTM from scratch
        </ChapterLink>
        <BackendBadge />
        <ThemeToggle />
      </header>
      <div className="shell">
        <aside className="sidebar" id="sidebar" data-open={menuOpen}>
          <Toc onNavigate={() => setMenuOpen(false)} />
        </aside>
        <main ref={main} tabIndex={-1} id="main">
          <Notices />
          <UpdateNotice />
          <FallbackNotice />
          <PrecisionNotice />
          <Chapter />
          <ChapterEmbed />
          <PrevNext />
        </main>
      </div>
    </div>
  );
}
