/** Previous and next chapter, at the foot of every page. */
import { CHAPTERS } from '../state/chapters';
import { useStore } from '../state/store';
import { ChapterLink } from './ChapterLink';

export function PrevNext() {
  const slug = useStore((s) => s.slug);
  const k = CHAPTERS.findIndex((c) => c.slug === slug);
  const prev = k > 0 ? CHAPTERS[k - 1] : undefined;
  const next = k >= 0 ? CHAPTERS[k + 1] : undefined;
  return (
    <nav className="prev-next" aria-label="Previous and next chapter">
      {prev && (
        <ChapterLink slug={prev.slug} className="prev">
          <small>← Previous</small>
          {prev.title}
        </ChapterLink>
      )}
      {next && (
        <ChapterLink slug={next.slug} className="next">
          <small>Next →</small>
          {next.title}
        </ChapterLink>
      )}
    </nav>
  );
}
