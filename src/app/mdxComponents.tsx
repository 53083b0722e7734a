/**
 * Everything a chapter in content/*.mdx may use, by name. Chapters import nothing themselves:
 * prose stays prose, and a misspelt component fails loudly at build time review.
 */
import {
  lazy,
  Suspense,
  type ComponentProps,
  type ComponentType,
  type JSX,
  type ReactNode,
} from 'react';
import { ForwardCell } from '../notebook/ForwardCell';
import { ExerciseCell } from '../notebook/ExerciseCell';
import { PredictCell } from '../notebook/PredictCell';
import type { InspectCellProps } from '../notebook/InspectCell';
import { LoadingNote } from '../notebook/LoadingNote';
import { CHAPTERS, findChapter, type Slug } from '../state/chapters';
import { ChapterLink } from './ChapterLink';
import { Formula, GateName, LstmEquations } from './Equations';
import { HyperPanel } from './HyperPanel';
import { LinkedDiagram } from './LinkedDiagram';
import { TeX } from './Math';
import { OptionsPanel } from './OptionsPanel';
import { cellSlot, figureSlot, part } from './embedSlots';

/**
 * A cell whose views (heatmaps, debugger, loss curve) load after the first paint: until its code
 * arrives, it holds its place with its title and the loading note.
 */
function lazyCell<P extends { title: string; id: string }>(load: () => Promise<ComponentType<P>>) {
  const Lazy = lazy(async () => ({ default: await load() }));
  return function LazyCell(props: P) {
    return (
      <Suspense
        fallback={
          <section className="cell cell-pending" aria-label={props.title}>
            <h3 className="cell-title">{props.title}</h3>
            <LoadingNote />
          </section>
        }
      >
        <Lazy {...(props as P & JSX.IntrinsicAttributes)} />
      </Suspense>
    );
  };
}

const InspectCell = lazyCell<InspectCellProps>(() =>
  import('../notebook/InspectCell').then((m) => m.InspectCell),
);
const TrainCell = lazyCell<{ title: string; id: string }>(() =>
  import('../notebook/TrainCell').then((m) => m.TrainCell),
);

const GradientCell = lazyCell<{ title: string; id: string }>(() =>
  import('../notebook/GradientPanel').then((m) => m.GradientCell),
);

const ModelCell = lazyCell<{ title: string; id: string }>(() =>
  import('../notebook/ModelCell').then((m) => m.ModelCell),
);

const PitfallCell = lazyCell<{ title: string; id: string }>(() =>
  import('../notebook/PitfallCell').then((m) => m.PitfallCell),
);

/** Plain text of a heading, for its id. */
function textOf(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join('');
  if (node && typeof node === 'object' && 'props' in node) {
    return textOf((node.props as { children?: ReactNode }).children);
  }
  return '';
}

export function headingId(children: ReactNode): string {
  return textOf(children)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function H2({ children }: { children?: ReactNode }) {
  return <h2 id={headingId(children)}>{children}</h2>;
}

/** `[chapter 2](#/bias)` in MDX becomes a link that keeps the reader's settings. */
function Anchor({ href, children, ...rest }: ComponentProps<'a'>) {
  const m = href?.match(/^#\/([\w-]*)$/);
  const chapter = m ? findChapter(m[1] ?? '') : undefined;
  if (chapter) return <ChapterLink slug={chapter.slug}>{children}</ChapterLink>;
  const external = href?.startsWith('http');
  return (
    <a href={href} {...rest} {...(external ? { target: '_blank', rel: 'noreferrer' } : {})}>
      {children}
    </a>
  );
}

/** The chapter list of the overview. */
function ChapterList() {
  return (
    <ol className="chapter-list">
      {CHAPTERS.filter((c) => c.n > 0).map((c) => (
        <li key={c.slug}>
          <ChapterLink slug={c.slug as Slug}>{c.title}</ChapterLink>: {c.blurb}
        </li>
      ))}
    </ol>
  );
}

/** Block-level prose: hidden when an embed shows a cell or a figure alone, or hides the prose. */
const PROSE_TAGS = ['p', 'h3', 'h4', 'ul', 'ol', 'blockquote', 'pre', 'table', 'hr'] as const;
const prose = Object.fromEntries(PROSE_TAGS.map((tag) => [tag, part('prose', tag)]));

export const mdxComponents = {
  ...prose,
  h1: part('title', 'h1'),
  h2: part('prose', H2),
  a: Anchor,
  TeX,
  Gate: GateName,
  LstmEquations: part('prose', LstmEquations),
  Formula: part('prose', Formula),
  HyperPanel: part('controls', HyperPanel),
  OptionsPanel: part('controls', OptionsPanel),
  ForwardCell: cellSlot(ForwardCell),
  ExerciseCell: cellSlot(ExerciseCell),
  PredictCell: cellSlot(PredictCell),
  InspectCell: cellSlot(InspectCell),
  LinkedDiagram: figureSlot('cell-diagram', LinkedDiagram),
  TrainCell: cellSlot(TrainCell),
  GradientCell: cellSlot(GradientCell),
  ModelCell: cellSlot(ModelCell),
  PitfallCell: cellSlot(PitfallCell),
  ChapterList: part('prose', ChapterList),
};
