import { expect, test } from 'vitest';
import {
  applyFlags,
  flagsFromName,
  flagsFromSearch,
  workerName,
} from '../../../src/runtime/tfjsFlags';

test('a link sets only the flags on the list, with a boolean value', () => {
  expect(flagsFromSearch('?tfjsflags=WEBGL_FORCE_F16_TEXTURES:true')).toEqual({
    WEBGL_FORCE_F16_TEXTURES: true,
  });
  expect(flagsFromSearch('?tfjsflags=WEBGL_FORCE_F16_TEXTURES:false,DEBUG:true')).toEqual({
    WEBGL_FORCE_F16_TEXTURES: false,
  });
  for (const garbage of [
    '',
    '?tfjsflags=',
    '?tfjsflags=WEBGL_FORCE_F16_TEXTURES:yes',
    '?tfjsflags=constructor:true',
    '?tfjsflags=__proto__:true',
    '?tfjsflags=WEBGL_PACK:false',
    '?units=3',
  ]) {
    expect(flagsFromSearch(garbage)).toEqual({});
  }
});

test('the flags cross to the worker in its name, and nothing else does', () => {
  const flags = { WEBGL_FORCE_F16_TEXTURES: true };
  expect(flagsFromName(workerName(flags))).toEqual(flags);
  expect(workerName({})).toBe('lstm-engine');
  expect(flagsFromName('lstm-engine')).toEqual({});
  expect(flagsFromName('lstm-engine {"DEBUG":true,"WEBGL_FORCE_F16_TEXTURES":1}')).toEqual({});
  expect(flagsFromName('lstm-engine not json')).toEqual({});
  expect(flagsFromName('')).toEqual({});
});

test('applying sets each flag in the environment', () => {
  const set: [string, boolean][] = [];
  applyFlags({ set: (name, value) => set.push([name, value]) }, { WEBGL_FORCE_F16_TEXTURES: true });
  expect(set).toEqual([['WEBGL_FORCE_F16_TEXTURES', true]]);
});
