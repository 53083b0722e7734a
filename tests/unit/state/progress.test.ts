import { beforeEach, expect, test } from 'vitest';
import { PROGRESS_KEY, readProgress, startProgressSync } from '../../../src/state/progressSync';
import { store } from '../../../src/state/store';
import { memoryStorage } from './memoryStorage';
import { chapterProgress } from '../../../src/notebook/exercises/progress';

beforeEach(() => store.getState().loadProgress({ exercises: {}, questions: {} }));

test('a pass stays a pass, every check counts, and a reveal is remembered', () => {
  const { recordCheck, recordReveal } = store.getState();
  recordCheck('bias/ex-bias', false);
  recordCheck('bias/ex-bias', true);
  recordCheck('bias/ex-bias', false);
  recordReveal('bias/ex-bias');
  expect(store.getState().exercises['bias/ex-bias']).toEqual({
    passed: true,
    attempts: 3,
    revealed: true,
  });
  expect(chapterProgress('bias', store.getState())).toEqual({
    exercises: { passed: 1, total: 1 },
    questions: { answered: 0, total: 0 },
    score: 50,
  });
});

test('progress survives a reload through storage; damaged entries are dropped', () => {
  const storage = memoryStorage();
  const stop = startProgressSync(storage);
  store.getState().recordCheck('bias/ex-bias', true);
  store.getState().recordAnswer('simple-lstm/q-forget', '0.5', true);
  stop();
  store.getState().loadProgress({ exercises: {}, questions: {} });
  startProgressSync(storage)();
  expect(store.getState().exercises['bias/ex-bias']?.passed).toBe(true);
  expect(store.getState().questions['simple-lstm/q-forget']).toEqual({
    choice: '0.5',
    correct: true,
    attempts: 1,
  });
  storage.setItem(
    PROGRESS_KEY,
    JSON.stringify({ exercises: { a: { passed: 'yes' } }, questions: 3 }),
  );
  expect(readProgress(storage)).toEqual({ exercises: {}, questions: {} });
  storage.setItem(PROGRESS_KEY, '{oops');
  expect(readProgress(storage)).toEqual({ exercises: {}, questions: {} });
});
