/**
 * The editor a cell opens on its real source: CodeMirror 6, loaded only when a reader first
 * clicks Edit. The text lives in the store (the reader's edit); this component only mirrors it,
 * marks the line the engine blamed, and can show what changed against the original inline.
 */
import { setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { unifiedMergeView } from '@codemirror/merge';
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import type { CodeLocation } from '../../runtime/edits/types';
import { editorExtensions } from './extensions';

export interface CodeEditorProps {
  /** Relative to src/lstm/. */
  file: string;
  text: string;
  original: string;
  gates: boolean;
  /** Where the last run failed in this file, if it did. */
  problem: { where: CodeLocation; message: string } | null;
  showDiff: boolean;
  onChange: (text: string) => void;
  onRun: () => void;
}

/** The engine's complaint as an editor diagnostic: the column if known, else the whole line. */
function diagnosticOf(state: EditorState, p: NonNullable<CodeEditorProps['problem']>): Diagnostic {
  const line = state.doc.line(Math.min(Math.max(1, p.where.line), state.doc.lines));
  const from = p.where.column ? Math.min(line.from + p.where.column - 1, line.to) : line.from;
  const label = p.where.kind === 'syntax' ? 'Syntax error' : 'Runtime error';
  return {
    from,
    to: p.where.column ? Math.min(from + 1, line.to) : line.to,
    severity: 'error',
    message: `${label}: ${p.message}`,
  };
}

/** Centre position `at` in the editor's own scroller, leaving the page where it is. */
function scrollWithin(v: EditorView, at: number): void {
  v.requestMeasure({
    read: () => v.lineBlockAt(at).top,
    write: (top) => {
      v.scrollDOM.scrollTop = Math.max(0, top - v.scrollDOM.clientHeight / 2);
    },
  });
}

export default function CodeEditor(props: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const diff = useRef(new Compartment());
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const v = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: latest.current.text,
        extensions: [
          editorExtensions({
            gates: latest.current.gates,
            label: `Edit src/lstm/${latest.current.file}`,
            onChange: (text) => latest.current.onChange(text),
            onRun: () => latest.current.onRun(),
          }),
          diff.current.of([]),
        ],
      }),
    });
    view.current = v;
    // An exercise opens on its gap, the line marked ✎, not on the imports. Only the editor
    // scrolls: the page must not jump to an exercise further down as the chapter opens.
    const gap = v.state.doc.toString().indexOf('✎');
    if (gap >= 0) scrollWithin(v, gap);
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [props.file]);

  // A reset (or a load) changes the text from outside: take it without losing the undo history.
  useEffect(() => {
    const v = view.current;
    if (v && v.state.doc.toString() !== props.text) {
      v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: props.text } });
    }
  }, [props.text]);

  useEffect(() => {
    view.current?.dispatch({
      effects: diff.current.reconfigure(
        props.showDiff
          ? unifiedMergeView({ original: props.original, mergeControls: false, gutter: true })
          : [],
      ),
    });
  }, [props.showDiff, props.original, props.file]);

  useEffect(() => {
    const v = view.current;
    if (!v) return;
    const marks = props.problem ? [diagnosticOf(v.state, props.problem)] : [];
    v.dispatch(setDiagnostics(v.state, marks));
    // The marked line may lie outside what the editor shows (it draws only what is in view).
    const mark = marks[0];
    if (mark) scrollWithin(v, mark.from);
  }, [props.problem, props.text, props.file]);

  return (
    <div className="code-editor" ref={host} data-testid="code-editor" data-file={props.file} />
  );
}
