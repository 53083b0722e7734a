/**
 * A link to another page that carries the reader's current hyperparameters, so moving between
 * chapters never quietly resets them (a bare `#/bias` would mean "the tutorial's values").
 */
import type { ReactNode } from 'react';
import type { Slug } from '../state/chapters';
import { useStore } from '../state/store';
import { hashFor } from '../state/urlSync';

export function ChapterLink(props: {
  slug: Slug;
  children: ReactNode;
  className?: string;
  current?: boolean;
}) {
  // Subscribing to the values keeps the href fresh when they change.
  useStore((s) => s.hyper);
  return (
    <a
      href={hashFor(props.slug)}
      className={props.className}
      aria-current={props.current ? 'page' : undefined}
    >
      {props.children}
    </a>
  );
}
