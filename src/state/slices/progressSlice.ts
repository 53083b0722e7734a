import type { StateCreator } from 'zustand';
import type { Store } from '../store';

/** One exercise's record: has it passed, after how many checks, and was the answer revealed. */
export interface ExerciseProgress {
  passed: boolean;
  attempts: number;
  revealed: boolean;
}

/** One prediction question: the reader's committed choice and whether the live answer agreed. */
export interface QuestionProgress {
  choice: string;
  correct: boolean;
  attempts: number;
}

/**
 * The learner's progress, by `<chapter>/<id>`: what a course is told (score messages, SCORM),
 * and what the chapter shows as done. Kept in this browser's storage where it can be.
 */
export interface ProgressSlice {
  exercises: Record<string, ExerciseProgress>;
  questions: Record<string, QuestionProgress>;
  /** A check finished: passed or not (a pass stays a pass; attempts count every check). */
  recordCheck: (key: string, passed: boolean) => void;
  recordReveal: (key: string) => void;
  recordAnswer: (key: string, choice: string, correct: boolean) => void;
  loadProgress: (p: Pick<ProgressSlice, 'exercises' | 'questions'>) => void;
}

export const createProgressSlice: StateCreator<Store, [], [], ProgressSlice> = (set) => ({
  exercises: {},
  questions: {},
  recordCheck: (key, passed) =>
    set((s) => {
      const was = s.exercises[key];
      const next = {
        passed: passed || (was?.passed ?? false),
        attempts: (was?.attempts ?? 0) + 1,
        revealed: was?.revealed ?? false,
      };
      return { exercises: { ...s.exercises, [key]: next } };
    }),
  recordReveal: (key) =>
    set((s) => {
      const was = s.exercises[key] ?? { passed: false, attempts: 0, revealed: false };
      return { exercises: { ...s.exercises, [key]: { ...was, revealed: true } } };
    }),
  recordAnswer: (key, choice, correct) =>
    set((s) => {
      const attempts = (s.questions[key]?.attempts ?? 0) + 1;
      return { questions: { ...s.questions, [key]: { choice, correct, attempts } } };
    }),
  loadProgress: ({ exercises, questions }) => set({ exercises, questions }),
});

/**
 * An exercise's share of the score: a pass counts whole, a pass after the answer was revealed
 * counts half, and no pass counts nothing.
 */
export function exerciseCredit(p: ExerciseProgress | undefined): number {
  if (!p?.passed) return 0;
  return p.revealed ? 0.5 : 1;
}
