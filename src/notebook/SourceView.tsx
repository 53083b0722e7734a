/**
 * The real source of the engine modules a cell runs, one tab per file, highlighted with the gate
 * colours of the equations. An editable cell can open it in a code editor: the reader's edits then
 * run in the scratch worker in place of the original, and the view shows which files they changed.
 */
import { lazy, Suspense, useEffect, useId, useMemo, useState } from 'react';
import type { GateKey } from '../lstm/gates';
import { useStore } from '../state/store';
import { EditBar, useCellEdits, type CellEdits } from './EditBar';
import type { Token } from './highlight';
import { sourceOf } from './sources';
import type { CellProblem } from './useCell';

const CodeEditor = lazy(() => import('./editor/CodeEditor'));

type Highlight = (typeof import('./highlight'))['highlight'];

/**
 * The highlighter (the Lezer TypeScript grammar, ~50 kB) loads after the first paint, not with
 * it: until it arrives, code shows as plain text in the same layout.
 */
let highlighter: Promise<Highlight> | null = null;
function useHighlighter(): Highlight | null {
  const [fn, setFn] = useState<Highlight | null>(null);
  useEffect(() => {
    let live = true;
    highlighter ??= import('./highlight').then((m) => m.highlight);
    void highlighter.then((h) => live && setFn(() => h));
    return () => {
      live = false;
    };
  }, []);
  return fn;
}

const plain = (src: string): Token[][] =>
  src.split('\n').map((text) => (text ? [{ kind: 'plain', text }] : []));

/** Files where single-letter names really are the gates; elsewhere `i` may be a loop index. */
const GATE_FILES = /^(cell|loop|layers\/.*)\.ts$/;

/** The gate a code line is about: the first gate-coloured name on it. */
function lineGate(line: { gate?: string }[]): GateKey | null {
  return (line.find((t) => t.gate)?.gate as GateKey | undefined) ?? null;
}

function Code({ path, src }: { path: string; src: string | null }) {
  const lit = useStore((s) => s.highlight);
  const setHighlight = useStore((s) => s.setHighlight);
  const highlight = useHighlighter();
  const lines = useMemo(() => {
    if (src === null) return null;
    const text = src.replace(/\n$/, '');
    return highlight ? highlight(text, { gates: GATE_FILES.test(path) }) : plain(text);
  }, [src, path, highlight]);
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

export interface SourceViewProps {
  files: string[];
  /** Set on cells whose code the reader may edit and run: the cell's key and how to run it. */
  edit?: {
    cell: string;
    onRun: () => void;
    problem: CellProblem | null;
    onOpen?: () => void;
    /** An exercise's starting text per file, in place of the engine's source. */
    originalOf?: (file: string) => string | null;
    /** Open in the editor straight away. */
    startEditing?: boolean;
    /** Said beside the editor (whose edits these are, when they are shared). */
    note?: string;
  };
}

export function SourceView({ files, edit }: SourceViewProps) {
  const [active, setActive] = useState(0);
  const id = useId();
  const originalOf = edit?.originalOf ?? sourceOf;
  const edits = useCellEdits(edit?.cell ?? null, files, originalOf, edit?.startEditing);
  const path = files[Math.min(active, files.length - 1)];
  // A failure in the reader's code opens the editor on the file it names, where it is marked.
  const problemFile = edit?.problem?.where?.file;
  const problemAt = problemFile ? files.indexOf(problemFile) : -1;
  const setEditing = edits?.setEditing;
  useEffect(() => {
    if (problemAt < 0 || !setEditing) return;
    setActive(problemAt);
    setEditing(true);
  }, [edit?.problem, problemAt, setEditing]);
  if (!path) return null;
  return (
    <details className="source-view" open>
      <summary>
        Source ({files.length === 1 ? `src/lstm/${path}` : `${files.length} files`})
        {edits?.edited.length ? ' · edited' : ''}
      </summary>
      {edit && edits && <EditBar edits={edits} file={path} onOpen={edit.onOpen} note={edit.note} />}
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
              {edits?.edited.includes(f) && <span className="edited-mark"> (edited)</span>}
            </button>
          ))}
        </div>
      )}
      <div role="tabpanel" id={`${id}-panel`} aria-labelledby={`${id}-tab-${active}`}>
        {edit && edits?.editing ? (
          <EditorFor
            edits={edits}
            path={path}
            onRun={edit.onRun}
            problem={edit.problem}
            original={originalOf(path) ?? ''}
          />
        ) : (
          <Code path={path} src={edits?.textOf(path) ?? sourceOf(path)} />
        )}
      </div>
    </details>
  );
}

function EditorFor(props: {
  edits: CellEdits;
  path: string;
  onRun: () => void;
  problem: CellProblem | null;
  original: string;
}) {
  const { edits, path, onRun, problem, original } = props;
  return (
    // Until CodeMirror arrives, the same code, read-only.
    <Suspense fallback={<Code path={path} src={edits.textOf(path)} />}>
      <CodeEditor
        key={path}
        file={path}
        text={edits.textOf(path)}
        original={original}
        gates={GATE_FILES.test(path)}
        problem={
          problem?.where?.file === path ? { where: problem.where, message: problem.message } : null
        }
        showDiff={edits.showDiff}
        onChange={(text) => edits.change(path, text)}
        onRun={onRun}
      />
    </Suspense>
  );
}
