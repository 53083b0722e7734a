/**
 * A cell's edit controls: open the editor, see what changed, reset, and the notes a reader needs
 * (where edits are kept, that links never carry them, that an original moved under an edit).
 */
import { useState } from 'react';
import { sourceHash, type EditStorage } from '../state/slices/editsSlice';
import { store, useStore } from '../state/store';
import { sourceOf } from './sources';

export interface CellEdits {
  cell: string;
  editing: boolean;
  setEditing: (on: boolean) => void;
  showDiff: boolean;
  setShowDiff: (on: boolean) => void;
  /** The cell's files that hold an edit. */
  edited: string[];
  /** Any file under the cell's key holds an edit (a shared key may hold files not shown here). */
  anyEdited: boolean;
  /** Edited files whose original has changed since the edit began. */
  stale: string[];
  storage: EditStorage;
  /** The text that runs: the edit if there is one, else the original. */
  textOf: (file: string) => string;
  change: (file: string, text: string) => void;
  /** One file back to its original, or every file with no argument. */
  reset: (file?: string) => void;
}

/** The key a cell's edits are kept under: its chapter and its stable id. */
export function useEditKey(id: string | undefined): string | undefined {
  const slug = useStore((s) => s.slug);
  return id ? `${slug || 'intro'}/${id}` : undefined;
}

/** The edits of cell `cell` (null: not editable) over `files`. */
export function useCellEdits(
  cell: string | null,
  files: string[],
  /** What a file starts as and resets to: the engine's source, or an exercise's template. */
  originalOf: (file: string) => string | null = sourceOf,
  startEditing = false,
): CellEdits | null {
  const [editing, setEditing] = useState(startEditing);
  const [showDiff, setShowDiff] = useState(false);
  const mine = useStore((s) => (cell ? s.edits[cell] : undefined));
  const storage = useStore((s) => s.editStorage);
  if (!cell) return null;
  const edited = files.filter((f) => mine?.[f]);
  return {
    cell,
    editing,
    setEditing,
    showDiff,
    setShowDiff,
    edited,
    anyEdited: Object.values(mine ?? {}).some(Boolean),
    stale: edited.filter((f) => mine![f]!.base !== sourceHash(originalOf(f) ?? '')),
    storage,
    textOf: (f) => mine?.[f]?.text ?? originalOf(f) ?? '',
    change(file, text) {
      const original = originalOf(file) ?? '';
      const { setEdit } = store.getState();
      // Typing the original back is no edit at all.
      if (text === original) setEdit(cell, file, null);
      else setEdit(cell, file, { text, base: mine?.[file]?.base ?? sourceHash(original) });
    },
    reset(file) {
      const { setEdit, resetEdits } = store.getState();
      if (file) setEdit(cell, file, null);
      else resetEdits(cell);
    },
  };
}

export function EditBar(props: {
  edits: CellEdits;
  file: string;
  onOpen?: () => void;
  note?: string | undefined;
}) {
  const { edits, file, onOpen, note } = props;
  const { editing, showDiff, edited, stale } = edits;
  return (
    <div className="edit-bar">
      <div className="edit-actions">
        <button
          type="button"
          aria-pressed={editing}
          onClick={() => {
            if (!editing) onOpen?.();
            edits.setEditing(!editing);
          }}
          data-testid="edit-toggle"
        >
          {editing ? 'Close editor' : '✎ Edit code'}
        </button>
        {editing && (
          <button
            type="button"
            aria-pressed={showDiff}
            onClick={() => edits.setShowDiff(!showDiff)}
            disabled={!edited.includes(file) && !showDiff}
          >
            Show changes
          </button>
        )}
        {editing && (
          <button type="button" onClick={() => edits.reset(file)} disabled={!edited.includes(file)}>
            Reset {file}
          </button>
        )}
        {edits.anyEdited && (
          <button type="button" onClick={() => edits.reset()} data-testid="edit-reset-all">
            Reset all edits
          </button>
        )}
      </div>
      {editing && (
        <p className="edit-note">
          Run (or Shift+Enter) runs your code in a worker of its own. Edits stay in this browser; a
          link you share always opens the original code.
        </p>
      )}
      {editing && note && (
        <p className="edit-note" data-testid="edit-shared">
          {note}
        </p>
      )}
      {editing && edits.storage === 'memory' && (
        <p className="edit-note" role="status">
          This page cannot store anything here (its storage is blocked, as in a sandboxed frame), so
          your edits last only until you leave or reload.
        </p>
      )}
      {stale.length > 0 && (
        <p className="edit-note edit-stale" role="status">
          The original of {stale.join(', ')} has changed since you edited it. Your edit still runs;
          Show changes compares it with the new original, Reset takes the new one.
        </p>
      )}
    </div>
  );
}
