import { expect, test } from 'vitest';
import {
  SUSPEND_LIMIT,
  decodeSuspend,
  encodeSuspend,
  findScormApi,
  scormValues,
} from '../../../src/embed/scorm';
import { readEmbedMessage } from '../../../src/embed/hostApi';
import { EXERCISES } from '../../../src/notebook/exercises/defs';
import { QUESTIONS } from '../../../src/notebook/questions';
import { CHAPTERS } from '../../../src/state/chapters';
// @ts-expect-error: a plain .mjs script, typed by use.
import { SCORM_CHAPTERS, manifest } from '../../../scripts/package-scorm.mjs';

const everything = {
  exercises: Object.fromEntries(
    EXERCISES.map((e) => [`${e.slug}/${e.id}`, { passed: true, attempts: 1e9, revealed: true }]),
  ),
  questions: Object.fromEntries(
    QUESTIONS.map((q) => [
      `${q.slug}/${q.id}`,
      { choice: 'x'.repeat(500), correct: true, attempts: 1e9 },
    ]),
  ),
};

test('suspend data holds every exercise and question far below SCORM 1.2’s limit, and reads back', () => {
  const text = encodeSuspend({
    ...everything,
    exercises: {
      ...everything.exercises,
      'x/junk': { passed: true, attempts: 1, revealed: false },
    },
  });
  expect(text.length).toBeLessThan(SUSPEND_LIMIT / 4);
  expect(text).not.toContain('junk');
  const back = decodeSuspend(text);
  expect(Object.keys(back.exercises).sort()).toEqual(Object.keys(everything.exercises).sort());
  expect(back.exercises['bias/ex-bias']).toEqual({ passed: true, attempts: 9999, revealed: true });
  expect(Object.keys(back.questions)).toHaveLength(QUESTIONS.length);
  expect(decodeSuspend('not json')).toEqual({ exercises: {}, questions: {} });
  expect(decodeSuspend('{"e":{"ex-bias":[1,"a",0]}}').exercises).toEqual({});
});

test('a chapter completes when its cells have run and its exercises pass; the score counts a reveal half', () => {
  const none = { exercises: {}, questions: {}, results: {} };
  expect(scormValues('bias', none)).toMatchObject({ status: 'incomplete', score: 0 });
  const ran = {
    ...none,
    results: { forward: { values: { sums: {}, maxDiff: 0, match: true }, run: 1 } },
  };
  expect(scormValues('bias', ran).status).toBe('incomplete');
  const passed = {
    ...ran,
    exercises: { 'bias/ex-bias': { passed: true, attempts: 2, revealed: false } },
  };
  expect(scormValues('bias', passed)).toMatchObject({ status: 'completed', score: 100 });
  const revealed = {
    ...ran,
    exercises: { 'bias/ex-bias': { passed: true, attempts: 2, revealed: true } },
  };
  expect(scormValues('bias', revealed).score).toBe(50);
  // A passed exercise without the chapter's cells having run is not completion.
  expect(scormValues('bias', { ...passed, results: {} }).status).toBe('incomplete');
});

test('the Performance chapter is complete once its benchmark ran; its source-only cell never runs', () => {
  const none = { exercises: {}, questions: {}, results: {} };
  expect(scormValues('performance', none).status).toBe('incomplete');
  const ran = {
    ...none,
    results: { bench: { values: { sums: {}, maxDiff: 0, match: true }, run: 1 } },
  };
  expect(scormValues('performance', ran).status).toBe('completed');
});

test('the LMS API is found on a parent window, and not past a cross-origin one', () => {
  const API = { LMSInitialize: () => 'true', LMSSetValue: () => 'true' };
  const top = { API } as unknown as Window;
  (top as unknown as { parent: Window }).parent = top;
  const frame = { parent: top, opener: null } as unknown as Window;
  expect(findScormApi(frame)).toBe(API);
  const blocked = {} as Window;
  Object.defineProperty(blocked, 'API', {
    get: () => {
      throw new DOMException('cross-origin', 'SecurityError');
    },
  });
  expect(findScormApi({ parent: blocked, opener: null } as unknown as Window)).toBeNull();
});

test('the package lists the chapters the notebook has, and a SCO for each', () => {
  const chapters = CHAPTERS.filter((c) => c.n > 0).map((c) => ({
    slug: c.slug,
    title: `${c.n}. ${c.title}`,
  }));
  expect(SCORM_CHAPTERS).toEqual(chapters);
  const xml = (manifest as (files: string[]) => string)(['index.html', 'assets/a&b.js']);
  expect(xml.match(/adlcp:scormtype="sco"/g)).toHaveLength(chapters.length);
  expect(xml).toContain('<file href="assets/a&amp;b.js"/>');
});

test('a score message is read by a host, and a malformed one is not', () => {
  const ok = {
    type: 'lstm-notebook:score',
    id: 'ex-bias',
    kind: 'exercise',
    passed: true,
    attempts: 2,
  };
  expect(readEmbedMessage(ok)).toEqual(ok);
  expect(readEmbedMessage({ ...ok, kind: 'code' })).toBeNull();
  expect(readEmbedMessage({ ...ok, attempts: 1.5 })).toBeNull();
  expect(readEmbedMessage({ ...ok, passed: 'yes' })).toBeNull();
});
