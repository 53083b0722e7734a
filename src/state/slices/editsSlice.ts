import type { StateCreator } from 'zustand';
import type { Store } from '../store';

/** One edited file: the reader's text, and a hash of the original it was edited from. */
export interface FileEdit {
  text: string;
  /** Hash of the original source when the edit began (see `sourceHash`). */
  base: string;
}

/** Where the reader's edits live: this browser's storage, or only this page's memory. */
export type EditStorage = 'local' | 'memory';

/**
 * The reader's edits to the engine, per cell (`<chapter>/<cell id>`) and file (relative to
 * src/lstm/). Never in the URL, never sent to an embedding host: only to the scratch worker.
 */
export interface EditsSlice {
  edits: Record<string, Record<string, FileEdit>>;
  editStorage: EditStorage;
  /** Set (or, with text null, drop) one file's edit. */
  setEdit: (cell: string, file: string, edit: FileEdit | null) => void;
  /** Drop every edit of a cell. */
  resetEdits: (cell: string) => void;
  /** Replace everything (loading from storage). */
  loadEdits: (edits: EditsSlice['edits'], storage: EditStorage) => void;
}

export const createEditsSlice: StateCreator<Store, [], [], EditsSlice> = (set) => ({
  edits: {},
  editStorage: 'local',
  setEdit: (cell, file, edit) =>
    set((s) => {
      const files = { ...s.edits[cell] };
      if (edit) files[file] = edit;
      else delete files[file];
      const edits = { ...s.edits };
      if (Object.keys(files).length > 0) edits[cell] = files;
      else delete edits[cell];
      return { edits };
    }),
  resetEdits: (cell) =>
    set((s) => {
      const edits = { ...s.edits };
      delete edits[cell];
      return { edits };
    }),
  loadEdits: (edits, editStorage) => set({ edits, editStorage }),
});

/** A short, stable fingerprint of a source text (FNV-1a, 32 bits): has the original changed? */
export function sourceHash(text: string): string {
  let h = 0x811c9dc5;
  for (let k = 0; k < text.length; k++) {
    h ^= text.charCodeAt(k);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Text per file, what the scratch worker takes; null when the cell has no edits. */
export function editedFiles(files: Record<string, FileEdit> | undefined) {
  if (!files || Object.keys(files).length === 0) return null;
  return Object.fromEntries(Object.entries(files).map(([f, e]) => [f, e.text]));
}
