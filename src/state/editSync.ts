/**
 * The one place where the reader's edits meet storage: read once at start, written back whenever
 * they change. Each cell's edits sit under a key of their own. Where storage is refused (a
 * sandboxed frame, a private window with storage off), edits live in memory and the editor says so.
 */
import { store } from './store';
import type { EditsSlice, FileEdit } from './slices/editsSlice';

export const EDIT_KEY_PREFIX = 'lstm-notebook:edits:';

/** This browser's storage if it works here, or null (access may throw, not just be absent). */
export function usableStorage(get: () => Storage | undefined = () => globalThis.localStorage) {
  try {
    const s = get();
    if (!s) return null;
    const probe = `${EDIT_KEY_PREFIX}probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

const isEdit = (v: unknown): v is FileEdit =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as FileEdit).text === 'string' &&
  typeof (v as FileEdit).base === 'string';

/** Every cell's stored edits; anything unreadable is skipped, never thrown. */
export function readEdits(storage: Storage): EditsSlice['edits'] {
  const edits: EditsSlice['edits'] = {};
  for (let k = 0; k < storage.length; k++) {
    const key = storage.key(k);
    if (!key?.startsWith(EDIT_KEY_PREFIX) || key.endsWith(':probe')) continue;
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? '');
      if (typeof parsed !== 'object' || parsed === null) continue;
      const files = Object.fromEntries(Object.entries(parsed).filter(([, v]) => isEdit(v)));
      if (Object.keys(files).length > 0) edits[key.slice(EDIT_KEY_PREFIX.length)] = files;
    } catch {
      // Not ours, or damaged: leave it.
    }
  }
  return edits;
}

/** Write what changed between two snapshots, one key per cell. */
function writeEdits(storage: Storage, next: EditsSlice['edits'], prev: EditsSlice['edits']) {
  for (const cell of new Set([...Object.keys(next), ...Object.keys(prev)])) {
    if (next[cell] === prev[cell]) continue;
    const key = EDIT_KEY_PREFIX + cell;
    try {
      if (next[cell]) storage.setItem(key, JSON.stringify(next[cell]));
      else storage.removeItem(key);
    } catch {
      store.setState({ editStorage: 'memory' }); // Full or revoked: keep going in memory.
    }
  }
}

export function startEditSync(storage: Storage | null = usableStorage()): () => void {
  const { loadEdits } = store.getState();
  if (!storage) {
    loadEdits({}, 'memory');
    return () => undefined;
  }
  loadEdits(readEdits(storage), 'local');
  return store.subscribe((s, prev) => {
    if (s.edits !== prev.edits && s.editStorage === 'local')
      writeEdits(storage, s.edits, prev.edits);
  });
}
