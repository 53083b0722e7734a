/**
 * The learner's progress (exercises, predictions) kept in this browser's storage: read once at
 * start, written back on every change. Where storage is refused it lives in memory, like edits.
 */
import { usableStorage } from './editSync';
import type { ExerciseProgress, QuestionProgress } from './slices/progressSlice';
import { store } from './store';

export const PROGRESS_KEY = 'lstm-notebook:progress';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function entries<T>(raw: unknown, ok: (v: Record<string, unknown>) => boolean): Record<string, T> {
  if (!isRecord(raw)) return {};
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => isRecord(v) && ok(v))) as Record<
    string,
    T
  >;
}

/** Stored progress, with anything malformed dropped. */
export function readProgress(storage: Storage) {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(storage.getItem(PROGRESS_KEY) ?? 'null');
  } catch {
    parsed = null;
  }
  const p = isRecord(parsed) ? parsed : {};
  return {
    exercises: entries<ExerciseProgress>(
      p.exercises,
      (v) =>
        typeof v.passed === 'boolean' &&
        typeof v.revealed === 'boolean' &&
        Number.isSafeInteger(v.attempts),
    ),
    questions: entries<QuestionProgress>(
      p.questions,
      (v) =>
        typeof v.choice === 'string' &&
        typeof v.correct === 'boolean' &&
        Number.isSafeInteger(v.attempts),
    ),
  };
}

export function startProgressSync(storage: Storage | null = usableStorage()): () => void {
  if (!storage) return () => undefined;
  store.getState().loadProgress(readProgress(storage));
  return store.subscribe((s, prev) => {
    if (s.exercises === prev.exercises && s.questions === prev.questions) return;
    try {
      storage.setItem(
        PROGRESS_KEY,
        JSON.stringify({ exercises: s.exercises, questions: s.questions }),
      );
    } catch {
      // Full or revoked: progress stays in memory for this visit.
    }
  });
}
