/**
 * The notebook as a SCORM 1.2 SCO: when an LMS launched it (a SCORM API object on a parent or
 * opener window), each chapter reports `cmi.core.lesson_status` (completed once its cells have
 * run and its exercises pass) and `cmi.core.score.raw` (from the exercises), and keeps the
 * learner's progress in `cmi.suspend_data`. Without an LMS this does nothing.
 */
import { EXERCISES } from '../notebook/exercises/defs';
import { chapterProgress, progressKey } from '../notebook/exercises/progress';
import { QUESTIONS } from '../notebook/questions';
import type { ExerciseProgress, QuestionProgress } from '../state/slices/progressSlice';
import { store, type Store } from '../state/store';
import { EMBED_CELLS, VIEW_ONLY_CELLS } from './hostApi';

/** The part of the SCORM 1.2 run-time API the notebook uses. Every call answers a string. */
export interface Scorm12Api {
  LMSInitialize(arg: ''): string;
  LMSGetValue(element: string): string;
  LMSSetValue(element: string, value: string): string;
  LMSCommit(arg: ''): string;
  LMSFinish(arg: ''): string;
}

/** SCORM 1.2 caps suspend_data at 4,096 characters. */
export const SUSPEND_LIMIT = 4096;

const isApi = (v: unknown): v is Scorm12Api =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Scorm12Api).LMSInitialize === 'function' &&
  typeof (v as Scorm12Api).LMSSetValue === 'function';

/** The LMS's `API` object: on this window, a parent (up to 10 up), or the opener's chain. */
export function findScormApi(start: Window): Scorm12Api | null {
  const climb = (w: Window | null): Scorm12Api | null => {
    for (let k = 0; w && k <= 10; k++) {
      try {
        const api = (w as unknown as { API?: unknown }).API;
        if (isApi(api)) return api;
      } catch {
        return null; // A cross-origin parent: no API reachable beyond it.
      }
      if (w.parent === w) break;
      w = w.parent;
    }
    return null;
  };
  return climb(start) ?? climb(start.opener as Window | null);
}

type Progress = Pick<Store, 'exercises' | 'questions'>;

/**
 * Progress as suspend_data: only the known exercises and questions, as short arrays, so it stays
 * far below the limit whatever the learner does (under 400 characters with every one recorded).
 */
export function encodeSuspend(p: Progress): string {
  const e: Record<string, [number, number, number]> = {};
  for (const ex of EXERCISES) {
    const r = p.exercises[progressKey(ex)];
    if (r) e[ex.id] = [r.passed ? 1 : 0, Math.min(r.attempts, 9999), r.revealed ? 1 : 0];
  }
  const q: Record<string, [number, number, string]> = {};
  for (const qu of QUESTIONS) {
    const r = p.questions[progressKey(qu)];
    if (r) q[qu.id] = [r.correct ? 1 : 0, Math.min(r.attempts, 9999), r.choice.slice(0, 20)];
  }
  return JSON.stringify({ v: 1, e, q }).slice(0, SUSPEND_LIMIT);
}

/** suspend_data back into progress entries; anything unreadable is left out. */
export function decodeSuspend(text: string): Progress {
  const out: Progress = { exercises: {}, questions: {} };
  let data: { e?: Record<string, unknown>; q?: Record<string, unknown> };
  try {
    data = JSON.parse(text) as typeof data;
  } catch {
    return out;
  }
  for (const ex of EXERCISES) {
    const r = data?.e?.[ex.id];
    if (Array.isArray(r) && r.length === 3 && r.every(Number.isSafeInteger)) {
      const [passed, attempts, revealed] = r as number[];
      out.exercises[progressKey(ex)] = {
        passed: passed === 1,
        attempts: attempts!,
        revealed: revealed === 1,
      } satisfies ExerciseProgress;
    }
  }
  for (const qu of QUESTIONS) {
    const r = data?.q?.[qu.id];
    if (Array.isArray(r) && r.length === 3 && typeof r[2] === 'string') {
      const [correct, attempts, choice] = r as [number, number, string];
      if (!Number.isSafeInteger(attempts)) continue;
      out.questions[progressKey(qu)] = {
        correct: correct === 1,
        attempts,
        choice,
      } satisfies QuestionProgress;
    }
  }
  return out;
}

/** Take the better of two records: a pass stays a pass, attempts add up to the larger count. */
function merge(a: Progress, b: Progress): Progress {
  const exercises = { ...a.exercises };
  for (const [k, r] of Object.entries(b.exercises)) {
    const o = exercises[k];
    exercises[k] = o
      ? {
          passed: o.passed || r.passed,
          attempts: Math.max(o.attempts, r.attempts),
          revealed: o.revealed || r.revealed,
        }
      : r;
  }
  const questions = { ...a.questions };
  for (const [k, r] of Object.entries(b.questions)) {
    const o = questions[k];
    if (!o || r.attempts > o.attempts) questions[k] = r;
  }
  return { exercises, questions };
}

/** What the chapter tells the LMS now: status, score, suspend data. */
export function scormValues(slug: string, s: Pick<Store, 'exercises' | 'questions' | 'results'>) {
  const cells = ((EMBED_CELLS as Record<string, readonly string[]>)[slug] ?? []).filter(
    (id) => !id.startsWith('ex-') && !id.startsWith('q-') && !VIEW_ONLY_CELLS.includes(id),
  );
  const p = chapterProgress(slug, s);
  const ran = cells.every((id) => s.results[id]);
  const done = p.exercises.passed === p.exercises.total;
  return {
    status: ran && done ? 'completed' : 'incomplete',
    score: p.score,
    suspend: encodeSuspend(s),
  };
}

/** Start reporting to the LMS, if one launched us; returns a stop function. */
export function startScorm(win: Window = window): () => void {
  const api = findScormApi(win);
  if (!api || api.LMSInitialize('') !== 'true') return () => undefined;
  const slug = store.getState().slug;
  const saved = decodeSuspend(api.LMSGetValue('cmi.suspend_data'));
  const { exercises, questions, loadProgress } = store.getState();
  loadProgress(merge({ exercises, questions }, saved));

  const sent: Record<string, string> = {};
  const set = (element: string, value: string) => {
    if (sent[element] === value) return false;
    sent[element] = value;
    api.LMSSetValue(element, value);
    return true;
  };
  let completed = api.LMSGetValue('cmi.core.lesson_status') === 'completed';
  const report = () => {
    const v = scormValues(slug, store.getState());
    completed ||= v.status === 'completed';
    let changed = set('cmi.core.lesson_status', completed ? 'completed' : 'incomplete');
    if (v.score !== null) {
      changed = set('cmi.core.score.min', '0') || changed;
      changed = set('cmi.core.score.max', '100') || changed;
      changed = set('cmi.core.score.raw', String(v.score)) || changed;
    }
    changed = set('cmi.suspend_data', v.suspend) || changed;
    if (changed) api.LMSCommit('');
  };
  report();
  const unsubscribe = store.subscribe((s, prev) => {
    if (
      s.results !== prev.results ||
      s.exercises !== prev.exercises ||
      s.questions !== prev.questions
    )
      report();
  });
  const finish = () => {
    unsubscribe();
    report();
    api.LMSFinish('');
  };
  win.addEventListener('pagehide', finish, { once: true });
  return finish;
}
