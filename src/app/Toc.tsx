/** The chapter list, with the current chapter's sections under it. */
import { useEffect, useState } from 'react';
import { CHAPTERS, type Slug } from '../state/chapters';
import { useStore } from '../state/store';
import { ChapterLink } from './ChapterLink';
import { chapterProgress } from '../notebook/exercises/progress';

/** "1/1 ✓": how many of a chapter's exercises and predictions are done, or nothing. */
function ProgressMark({ slug }: { slug: Slug }) {
  const exercises = useStore((s) => s.exercises);
  const questions = useStore((s) => s.questions);
  const p = chapterProgress(slug, { exercises, questions });
  const total = p.exercises.total + p.questions.total;
  if (total === 0) return null;
  const done = p.exercises.passed + p.questions.answered;
  const label = `${p.exercises.passed} of ${p.exercises.total} exercises passed, ${p.questions.answered} of ${p.questions.total} predictions made`;
  return (
    <span className="toc-progress" title={label} data-done={done === total}>
      <span aria-hidden="true">
        {done}/{total}
        {done === total ? ' ✓' : ''}
      </span>
      <span className="visually-hidden">({label})</span>
    </span>
  );
}

interface Section {
  id: string;
  text: string;
}

/** Read the rendered chapter's h2s: the MDX is the single source of its outline. */
function useSections(slug: Slug): Section[] {
  const [sections, setSections] = useState<Section[]>([]);
  useEffect(() => {
    let frame = 0;
    const read = () => {
      frame = 0;
      const next = [...document.querySelectorAll<HTMLHeadingElement>('article h2[id]')].map(
        (h) => ({ id: h.id, text: h.textContent ?? '' }),
      );
      setSections((was) => (JSON.stringify(was) === JSON.stringify(next) ? was : next));
    };
    read();
    // Headings are static, but the article mounts in the same commit, and a chapter whose prose
    // loads later (the Performance chapter) adds them afterwards: read again when it does.
    const later = () => (frame ||= requestAnimationFrame(read));
    later();
    const article = document.querySelector('main') ?? document.body;
    const observer = typeof MutationObserver === 'undefined' ? null : new MutationObserver(later);
    observer?.observe(article, { childList: true, subtree: true });
    return () => {
      observer?.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [slug]);
  return sections;
}

function jumpTo(id: string) {
  // Hash links would change the route, so sections are scrolled to directly.
  const el = document.getElementById(id);
  if (!el) return;
  el.scrollIntoView({ block: 'start' });
  el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll: true });
}

export function Toc({ onNavigate }: { onNavigate?: () => void }) {
  const slug = useStore((s) => s.slug);
  const sections = useSections(slug);
  return (
    <nav
      className="toc"
      aria-label="Chapters"
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('a, button')) onNavigate?.();
      }}
    >
      <ol>
        {CHAPTERS.map((c) => (
          <li key={c.slug}>
            <ChapterLink slug={c.slug} current={c.slug === slug}>
              <span className="num">{c.n > 0 ? `${c.n}.` : '·'}</span>
              {c.title}
              <ProgressMark slug={c.slug} />
            </ChapterLink>
            {c.slug === slug && sections.length > 0 && (
              <ol className="sections" aria-label="On this page">
                {sections.map((s) => (
                  <li key={s.id}>
                    <button type="button" onClick={() => jumpTo(s.id)}>
                      {s.text}
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
