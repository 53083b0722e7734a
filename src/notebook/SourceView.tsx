/**
 * The real source of the engine modules a cell runs, one tab per file, highlighted with the gate
 * colours of the equations.
 */
import { useId, useMemo, useState } from 'react';
import type { GateKey } from '../lstm/gates';
import { useStore } from '../state/store';
import { highlight } from './highlight';
import { sourceOf } from './sources';

/** Files where single-letter names really are the gates; elsewhere `i` may be a loop index. */
const GATE_FILES = /^(cell|loop|layers\/.*)\.ts$/;

/** The gate a code line is about: the first gate-coloured name on it. */
function lineGate(line: { gate?: string }[]): GateKey | null {
  return (line.find((t) => t.gate)?.gate as GateKey | undefined) ?? null;
}

function Code({ path }: { path: string }) {
  const src = sourceOf(path);
  const lit = useStore((s) => s.highlight);
  const setHighlight = useStore((s) => s.setHighlight);
  const lines = useMemo(
    () =>
      src === null ? null : highlight(src.replace(/\n$/, ''), { gates: GATE_FILES.test(path) }),
    [src, path],
  );
  if (lines === null) {
    return <p className="source-missing">src/lstm/{path} is not written yet.</p>;
  }
  return (
    // Focusable so keyboard users can scroll long files sideways; a named region, so the name
    // is announced (a <pre> without a role has none to carry it).
    <pre
      className="source"
      tabIndex={0}
      role="region"
      aria-label={`Source of src/lstm/${path}`}
      onMouseLeave={() => setHighlight(null)}
    >
      <code>
        {lines.map((line, n) => (
          <span
            className={`line${lit && line.some((t) => t.gate === lit) ? ' line-hl' : ''}`}
            key={n}
            data-line-gate={lineGate(line) ?? undefined}
            onMouseEnter={() => setHighlight(lineGate(line))}
          >
            {line.map((t, k) =>
              // Plain text and punctuation wear no colour: text nodes, not elements (a chapter
              // shows a few thousand tokens, and every element costs style and layout).
              (t.kind === 'plain' || t.kind === 'punct') && !t.gate ? (
                t.text
              ) : (
                <span key={k} className={`tok-${t.kind}`} data-gate={t.gate}>
                  {t.text}
                </span>
              ),
            )}
            {'\n'}
          </span>
        ))}
      </code>
    </pre>
  );
}

export function SourceView({ files }: { files: string[] }) {
  const [active, setActive] = useState(0);
  const id = useId();
  const path = files[Math.min(active, files.length - 1)];
  if (!path) return null;
  return (
    <details className="source-view" open>
      <summary>
        Source ({files.length === 1 ? `src/lstm/${path}` : `${files.length} files`})
      </summary>
      {files.length > 1 && (
        <div className="source-tabs" role="tablist" aria-label="Source files">
          {files.map((f, k) => (
            <button
              key={f}
              type="button"
              role="tab"
              id={`${id}-tab-${k}`}
              aria-selected={k === active}
              aria-controls={`${id}-panel`}
              onClick={() => setActive(k)}
            >
              {f}
            </button>
          ))}
        </div>
      )}
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${active}`}>
        <Code path={path} />
      </div>
    </details>
  );
}
