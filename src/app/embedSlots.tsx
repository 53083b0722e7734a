/**
 * What an embed route shows of a chapter. The chapter's MDX renders as always; these wrappers
 * around its components decide, from the store's embed view, which parts appear: the prose (and
 * its equations), the hyperparameter controls, each cell by its stable id, each figure.
 */
import type { ComponentType, JSX } from 'react';
import { FIGURE_CELL } from '../state/embedRoute';
import type { EmbedView } from '../state/slices/uiSlice';
import { useStore } from '../state/store';

type Part = 'prose' | 'title' | 'controls';

/** Whether a part of the page shows under an embed view (always, outside embed routes). */
export function shows(view: EmbedView | null, part: Part): boolean {
  if (!view) return true;
  const alone = view.target.kind !== 'chapter';
  switch (part) {
    case 'title':
      return !alone;
    case 'prose':
      return !alone && !view.hide.includes('prose');
    case 'controls':
      return view.target.kind !== 'figure' && !view.hide.includes('controls');
  }
}

/** Whether the cell with this id shows: the whole chapter, the cell itself, or its figure. */
export function showsCell(view: EmbedView | null, id: string | undefined): boolean {
  if (!view || view.target.kind === 'chapter') return true;
  if (view.target.kind === 'cell') return id === view.target.id;
  return FIGURE_CELL[view.target.id] === id;
}

/** Whether a figure outside any cell (the cell diagram) shows. */
export function showsFigure(view: EmbedView | null, id: string): boolean {
  if (!view || view.target.kind === 'chapter') return true;
  return view.target.kind === 'figure' && view.target.id === id;
}

/** A component, or nothing when its part is hidden. */
export function part<P extends object>(
  which: Part,
  Inner: ComponentType<P> | keyof JSX.IntrinsicElements,
) {
  const Shown = Inner as ComponentType<P>;
  function Part(props: P) {
    const view = useStore((s) => s.embedView);
    return shows(view, which) ? <Shown {...props} /> : null;
  }
  return Part;
}

/** A cell, shown when the embed view includes its id (from the MDX `id` prop). */
export function cellSlot<P extends { id?: string }>(Inner: ComponentType<P>) {
  function CellSlot(props: P) {
    const view = useStore((s) => s.embedView);
    return showsCell(view, props.id) ? <Inner {...props} /> : null;
  }
  return CellSlot;
}

/** A figure of its own, shown in a chapter or as the embedded figure. */
export function figureSlot<P extends object>(id: string, Inner: ComponentType<P>) {
  function FigureSlot(props: P) {
    const view = useStore((s) => s.embedView);
    return showsFigure(view, id) ? <Inner {...props} /> : null;
  }
  return FigureSlot;
}
