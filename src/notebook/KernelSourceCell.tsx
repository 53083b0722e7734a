/**
 * The fused WebGL kernel as it runs: the GLSL programs, the shared GLSL pieces and the loop that
 * dispatches them, read from the very modules the engine executes (loaded with this cell, not
 * with the first paint).
 */
import { useRef } from 'react';
import { useStore } from '../state/store';
import { EmbedButton } from './EmbedDialog';
import { SourceView } from './SourceView';

/** The step program first: it is the one dispatch per time step the chapter is about. */
export const KERNEL_FILES = ['fused/webglPrograms.ts', 'fused/glsl.ts', 'fused/webgl.ts'];

export function KernelSourceCell({ title, id }: { title: string; id: string }) {
  const embedded = useStore((s) => s.embed);
  const section = useRef<HTMLElement>(null);
  return (
    <section ref={section} className="cell cell-source" data-cell-id={id} aria-label={title}>
      <header className="cell-head">
        <h3 className="cell-title">{title}</h3>
        {!embedded && (
          <EmbedButton cell={id} measure={() => section.current?.offsetHeight ?? 600} />
        )}
      </header>
      <SourceView files={KERNEL_FILES} />
    </section>
  );
}
