import { beforeEach, expect, test } from 'vitest';
import {
  EDIT_KEY_PREFIX,
  readEdits,
  startEditSync,
  usableStorage,
} from '../../../src/state/editSync';
import { editedFiles, sourceHash } from '../../../src/state/slices/editsSlice';
import { store } from '../../../src/state/store';
import { memoryStorage } from './memoryStorage';

beforeEach(() => store.getState().loadEdits({}, 'local'));

test('edits are written per cell and read back after a reload', () => {
  const storage = memoryStorage();
  const stop = startEditSync(storage);
  store.getState().setEdit('simple-lstm/forward', 'cell.ts', { text: 'mine', base: 'abc' });
  store.getState().setEdit('bias/forward', 'rnn.ts', { text: 'other', base: 'def' });
  expect(JSON.parse(storage.getItem(`${EDIT_KEY_PREFIX}simple-lstm/forward`)!)).toEqual({
    'cell.ts': { text: 'mine', base: 'abc' },
  });
  stop();
  // A new page: the store starts empty and reads storage.
  store.getState().loadEdits({}, 'local');
  startEditSync(storage)();
  expect(store.getState().edits['simple-lstm/forward']?.['cell.ts']?.text).toBe('mine');
  expect(store.getState().edits['bias/forward']?.['rnn.ts']?.text).toBe('other');
});

test('resetting a cell removes its key; damaged entries are skipped, not thrown', () => {
  const storage = memoryStorage();
  const stop = startEditSync(storage);
  store.getState().setEdit('c/x', 'cell.ts', { text: 't', base: 'b' });
  store.getState().resetEdits('c/x');
  expect(storage.getItem(`${EDIT_KEY_PREFIX}c/x`)).toBeNull();
  stop();
  storage.setItem(`${EDIT_KEY_PREFIX}broken`, '{not json');
  storage.setItem(`${EDIT_KEY_PREFIX}wrong`, JSON.stringify({ 'cell.ts': { text: 1 } }));
  storage.setItem('someone-else', 'x');
  expect(readEdits(storage)).toEqual({});
});

test('where storage throws (a sandboxed frame), edits live in memory and say so', () => {
  const blocked = () => {
    throw new DOMException('The document is sandboxed', 'SecurityError');
  };
  expect(usableStorage(blocked)).toBeNull();
  startEditSync(null);
  expect(store.getState().editStorage).toBe('memory');
  store.getState().setEdit('c/x', 'cell.ts', { text: 't', base: 'b' });
  expect(editedFiles(store.getState().edits['c/x'])).toEqual({ 'cell.ts': 't' });
});

test('a full storage drops to memory instead of failing the edit', () => {
  const storage = memoryStorage();
  storage.setItem = () => {
    throw new DOMException('full', 'QuotaExceededError');
  };
  const stop = startEditSync(storage);
  store.getState().setEdit('c/x', 'cell.ts', { text: 't', base: 'b' });
  expect(store.getState().editStorage).toBe('memory');
  expect(store.getState().edits['c/x']).toBeDefined();
  stop();
});

test('the source hash tells an original that changed from one that did not', () => {
  expect(sourceHash('abc')).toBe(sourceHash('abc'));
  expect(sourceHash('abc')).not.toBe(sourceHash('abd'));
  expect(sourceHash('')).toMatch(/^[0-9a-f]{8}$/);
});
