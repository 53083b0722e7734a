/**
 * Where a learner stands in a chapter: exercises passed, predictions made, and the score a
 * course is given. Plain functions of the progress slice, shared by the contents and SCORM.
 */
import { exerciseCredit, type ProgressSlice } from '../../state/slices/progressSlice';
import { QUESTIONS } from '../questions';
import { EXERCISES } from './defs';

export interface ChapterProgress {
  exercises: { passed: number; total: number };
  questions: { answered: number; total: number };
  /** 0–100 from the exercises (a pass after the reveal counts half); null without exercises. */
  score: number | null;
}

type Progress = Pick<ProgressSlice, 'exercises' | 'questions'>;

/** The progress key of an exercise or question: its chapter and id. */
export const progressKey = (item: { slug: string; id: string }) => `${item.slug}/${item.id}`;

export function chapterProgress(slug: string, p: Progress): ChapterProgress {
  const exercises = EXERCISES.filter((e) => e.slug === slug);
  const questions = QUESTIONS.filter((q) => q.slug === slug);
  const credit = exercises.reduce((s, e) => s + exerciseCredit(p.exercises[progressKey(e)]), 0);
  return {
    exercises: {
      passed: exercises.filter((e) => p.exercises[progressKey(e)]?.passed).length,
      total: exercises.length,
    },
    questions: {
      answered: questions.filter((q) => p.questions[progressKey(q)]).length,
      total: questions.length,
    },
    score: exercises.length ? Math.round((100 * credit) / exercises.length) : null,
  };
}
