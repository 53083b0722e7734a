/** The cell diagram, wired to the page-wide highlight shared with equations, code and heatmaps. */
import { CellDiagram } from '../charts/CellDiagram';
import { useParentSize } from '../charts/useParentSize';
import { useStore } from '../state/store';

export function LinkedDiagram() {
  const highlight = useStore((s) => s.highlight);
  const setHighlight = useStore((s) => s.setHighlight);
  const { ref, width } = useParentSize<HTMLDivElement>(560);
  return (
    <figure className="linked-diagram" ref={ref} data-testid="cell-diagram">
      <CellDiagram highlighted={highlight} onHover={setHighlight} width={Math.min(560, width)} />
      <figcaption>
        Point at a part of the cell, a term of the equations or a line of code: the matching pieces
        light up everywhere on the page.
      </figcaption>
    </figure>
  );
}
