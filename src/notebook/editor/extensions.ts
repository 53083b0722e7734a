/**
 * The code editor's CodeMirror 6 set-up: TypeScript by Lezer (the same parser and token classes
 * as the read-only view), the gate colours as decorations, line numbers, undo, and a lint layer
 * for the errors the engine reports back.
 */
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import {
  bracketMatching,
  indentOnInput,
  syntaxHighlighting,
  syntaxTree,
} from '@codemirror/language';
import { lintGutter } from '@codemirror/lint';
import { EditorState, Prec, type Extension, type Range } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  ViewPlugin,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { tagHighlighter, tags as t } from '@lezer/highlight';
import { gateOf } from '../highlight';

/** The read-only view's token kinds, as CSS classes (`tok-keyword`, …) the theme colours. */
const tokens = tagHighlighter([
  { tag: t.comment, class: 'tok-comment' },
  { tag: [t.string, t.special(t.string), t.regexp], class: 'tok-string' },
  { tag: t.number, class: 'tok-number' },
  { tag: [t.keyword, t.bool, t.null, t.self, t.modifier, t.operatorKeyword], class: 'tok-keyword' },
  { tag: [t.typeName, t.className, t.namespace], class: 'tok-type' },
]);

/** Names the grammar sees as variables or properties, which may be gates. */
const NAME_NODES = new Set([
  'VariableName',
  'VariableDefinition',
  'PropertyName',
  'PropertyDefinition',
]);

function gateMarks(view: EditorView): DecorationSet {
  const marks: Range<Decoration>[] = [];
  for (const { from, to } of view.visibleRanges) {
    syntaxTree(view.state).iterate({
      from,
      to,
      enter: (node) => {
        if (!NAME_NODES.has(node.name)) return;
        const gate = gateOf(view.state.doc.sliceString(node.from, node.to));
        if (gate)
          marks.push(
            Decoration.mark({ attributes: { 'data-gate': gate } }).range(node.from, node.to),
          );
      },
    });
  }
  return Decoration.set(marks, true);
}

/** Every gate name coloured as in the equations, kept in step with the text and the scroll. */
const gateColours = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = gateMarks(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged || u.viewportChanged || syntaxTree(u.startState) !== syntaxTree(u.state)) {
        this.decorations = gateMarks(u.view);
      }
    }
  },
  { decorations: (p) => p.decorations },
);

export interface EditorOptions {
  /** Colour gate names (the files where single letters really are gates). */
  gates: boolean;
  /** What the editor is, for screen readers. */
  label: string;
  onChange: (text: string) => void;
  /** Shift+Enter: run the cell with this code. */
  onRun: () => void;
}

export function editorExtensions({ gates, label, onChange, onRun }: EditorOptions): Extension[] {
  return [
    Prec.highest(keymap.of([{ key: 'Shift-Enter', run: () => (onRun(), true) }])),
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    drawSelection(),
    history(),
    indentOnInput(),
    bracketMatching(),
    EditorState.tabSize.of(2),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    javascript({ typescript: true }),
    syntaxHighlighting(tokens),
    gates ? gateColours : [],
    lintGutter(),
    // tabindex 0 changes nothing for the keyboard (contenteditable is in the tab order anyway),
    // but lets checkers see that the scrolling editor has focusable content.
    EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) onChange(u.state.doc.toString());
    }),
  ];
}
