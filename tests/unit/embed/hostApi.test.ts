import { describe, expect, it } from 'vitest';
import {
  EMBED_CELLS,
  EMBED_FIGURES,
  HOST_API_VERSION,
  MAX_MESSAGE_CHARS,
  embedHash,
  readEmbedMessage,
  readHostMessage,
} from '../../../src/embed/hostApi';

const ready = {
  type: 'lstm-notebook:ready',
  version: HOST_API_VERSION,
  slug: 'bias',
  cells: ['forward'],
  figures: [],
};
const result = {
  type: 'lstm-notebook:result',
  cell: 'forward',
  values: { sums: { custom: 25.96, library: 25.96 }, maxDiff: 1e-7, match: true },
};

/** Anything that is not a plain object of the right type. */
const JUNK: unknown[] = [
  null,
  undefined,
  0,
  'lstm-notebook:ready',
  true,
  [],
  ['lstm-notebook:run'],
  () => 0,
  new Date(),
  Object.create(null),
  { type: 'lstm-notebook:nope' },
  { type: 'ready' },
  { type: ['lstm-notebook:run'] },
  { type: 1 },
];

describe('readHostMessage', () => {
  it('reads the three host messages, copying only their fields', () => {
    expect(readHostMessage({ type: 'lstm-notebook:get-state', extra: 1 })).toEqual({
      type: 'lstm-notebook:get-state',
    });
    expect(readHostMessage({ type: 'lstm-notebook:run' })).toEqual({ type: 'lstm-notebook:run' });
    expect(readHostMessage({ type: 'lstm-notebook:run', cell: 'forward', x: 2 })).toEqual({
      type: 'lstm-notebook:run',
      cell: 'forward',
    });
    expect(
      readHostMessage({
        type: 'lstm-notebook:set-params',
        params: { units: 16, lr: '0.01', embed: true },
      }),
    ).toEqual({ type: 'lstm-notebook:set-params', params: { units: 16, lr: '0.01', embed: true } });
  });

  it.each(JUNK)('ignores %s', (junk) => {
    expect(readHostMessage(junk)).toBeNull();
  });

  it('ignores embed messages (each side reads only the other side’s)', () => {
    expect(readHostMessage(ready)).toBeNull();
    expect(readHostMessage({ type: 'lstm-notebook:resize', height: 10 })).toBeNull();
  });

  it.each([
    ['no params', {}],
    ['params as an array', { params: [1] }],
    ['params as a string', { params: 'units=16' }],
    ['a null value', { params: { units: null } }],
    ['an object value', { params: { units: { valueOf: 16 } } }],
    ['an array value', { params: { units: [16] } }],
    ['an undefined value', { params: { units: undefined } }],
    ['a class instance', { params: new Map([['units', 16]]) }],
  ])('refuses set-params with %s', (_, fields) => {
    expect(readHostMessage({ type: 'lstm-notebook:set-params', ...fields })).toBeNull();
  });

  it.each([1, null, ['forward'], { id: 'forward' }])('refuses run with cell %j', (cell) => {
    expect(readHostMessage({ type: 'lstm-notebook:run', cell })).toBeNull();
  });

  it('keeps a __proto__ key as a key (to be refused by name), polluting nothing', () => {
    // An object value is not a parameter at all: ignored.
    expect(
      readHostMessage(
        JSON.parse('{"type":"lstm-notebook:set-params","params":{"__proto__":{"polluted":1}}}'),
      ),
    ).toBeNull();
    for (const json of [
      '{"type":"lstm-notebook:set-params","params":{"__proto__":"x"}}',
      '{"type":"lstm-notebook:set-params","params":{"units":1,"__proto__":1}}',
    ]) {
      const m = readHostMessage(JSON.parse(json));
      expect(m?.type).toBe('lstm-notebook:set-params');
      if (m?.type === 'lstm-notebook:set-params') {
        expect(Object.keys(m.params)).toContain('__proto__');
        expect(Object.getPrototypeOf(m.params)).toBe(Object.prototype);
      }
    }
    // A message whose own prototype was swapped is not a plain object.
    const swapped = JSON.parse('{"__proto__":{"type":"lstm-notebook:get-state"}}');
    expect(readHostMessage(swapped)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps constructor-like names as plain keys of a plain record', () => {
    const m = readHostMessage(
      JSON.parse('{"type":"lstm-notebook:set-params","params":{"constructor":"1","toString":2}}'),
    );
    expect(m).toEqual({
      type: 'lstm-notebook:set-params',
      params: { constructor: '1', toString: 2 },
    });
    if (m?.type === 'lstm-notebook:set-params')
      expect(Object.getPrototypeOf(m.params)).toBe(Object.prototype);
  });

  it(`ignores messages over ${MAX_MESSAGE_CHARS} characters of JSON`, () => {
    const at = (n: number) => ({ type: 'lstm-notebook:run', cell: 'x'.repeat(n) });
    const base = JSON.stringify(at(0)).length;
    expect(readHostMessage(at(MAX_MESSAGE_CHARS - base))).not.toBeNull();
    expect(readHostMessage(at(MAX_MESSAGE_CHARS - base + 1))).toBeNull();
  });

  it('ignores what JSON cannot measure (cycles, BigInt)', () => {
    const params: Record<string, unknown> = { units: 1 };
    const cyclic = { type: 'lstm-notebook:get-state', self: null as unknown };
    cyclic.self = cyclic;
    expect(readHostMessage(cyclic)).toBeNull();
    expect(readHostMessage({ type: 'lstm-notebook:run', cell: 1n })).toBeNull();
    params.units = 1n;
    expect(readHostMessage({ type: 'lstm-notebook:set-params', params })).toBeNull();
  });
});

describe('readEmbedMessage', () => {
  it('reads each embed message, copying only its fields', () => {
    expect(readEmbedMessage({ ...ready, html: '<img>' })).toEqual(ready);
    expect(readEmbedMessage({ ...result, values: { ...result.values, extra: 1 } })).toEqual(result);
    expect(readEmbedMessage({ type: 'lstm-notebook:resize', height: 812.5 })).toEqual({
      type: 'lstm-notebook:resize',
      height: 812.5,
    });
    expect(readEmbedMessage({ type: 'lstm-notebook:state', params: { units: '16' } })).toEqual({
      type: 'lstm-notebook:state',
      params: { units: '16' },
    });
    expect(readEmbedMessage({ type: 'lstm-notebook:error', message: 'Units…' })).toEqual({
      type: 'lstm-notebook:error',
      message: 'Units…',
    });
    expect(
      readEmbedMessage({ type: 'lstm-notebook:error', message: 'Units…', field: 'units' }),
    ).toEqual({ type: 'lstm-notebook:error', message: 'Units…', field: 'units' });
  });

  it('returns copies, not the message it was given', () => {
    const read = readEmbedMessage(ready);
    expect(read).not.toBe(ready);
    if (read?.type === 'lstm-notebook:ready') expect(read.cells).not.toBe(ready.cells);
  });

  it.each(JUNK)('ignores %s', (junk) => {
    expect(readEmbedMessage(junk)).toBeNull();
  });

  it('ignores host messages and LTI resizes', () => {
    expect(readEmbedMessage({ type: 'lstm-notebook:get-state' })).toBeNull();
    expect(readEmbedMessage({ subject: 'lti.frameResize', height: 100 })).toBeNull();
  });

  it.each([-1, NaN, Infinity, 1e6, '100', null, undefined])('refuses resize height %s', (h) => {
    expect(readEmbedMessage({ type: 'lstm-notebook:resize', height: h })).toBeNull();
  });

  it.each([
    ['another version', { version: 2 }],
    ['the version as a string', { version: '1' }],
    ['no slug', { slug: undefined }],
    ['a numeric slug', { slug: 2 }],
    ['cells as a string', { cells: 'forward' }],
    ['a non-string cell', { cells: ['forward', 3] }],
    ['no figures', { figures: undefined }],
  ])('refuses ready with %s', (_, change) => {
    expect(readEmbedMessage({ ...ready, ...change })).toBeNull();
  });

  it.each([
    ['no cell', { cell: undefined }],
    ['no values', { values: undefined }],
    ['values as an array', { values: [] }],
    ['a string sum', { values: { ...result.values, sums: { custom: '25.9' } } }],
    ['sums as an array', { values: { ...result.values, sums: [25.9] } }],
    ['maxDiff as a string', { values: { ...result.values, maxDiff: '0' } }],
    ['match as a string', { values: { ...result.values, match: 'true' } }],
  ])('refuses result with %s', (_, change) => {
    expect(readEmbedMessage({ ...result, ...change })).toBeNull();
  });

  it('refuses state with non-string values, and errors without a string message', () => {
    expect(readEmbedMessage({ type: 'lstm-notebook:state', params: { units: 16 } })).toBeNull();
    expect(readEmbedMessage({ type: 'lstm-notebook:state', params: null })).toBeNull();
    expect(readEmbedMessage({ type: 'lstm-notebook:error' })).toBeNull();
    expect(readEmbedMessage({ type: 'lstm-notebook:error', message: { text: 'x' } })).toBeNull();
    expect(readEmbedMessage({ type: 'lstm-notebook:error', message: 'x', field: 3 })).toBeNull();
  });

  it('refuses __proto__ junk in records', () => {
    const state = JSON.parse('{"type":"lstm-notebook:state","params":{"__proto__":"x"}}');
    expect(readEmbedMessage(state)).toBeNull();
    const sums = JSON.parse(
      '{"type":"lstm-notebook:result","cell":"forward","values":{"sums":{"__proto__":1},"maxDiff":0,"match":true}}',
    );
    expect(readEmbedMessage(sums)).toBeNull();
  });

  it('ignores messages over the size limit', () => {
    const big = { ...ready, cells: Array(MAX_MESSAGE_CHARS / 8).fill('forward') };
    expect(readEmbedMessage(big)).toBeNull();
  });
});

describe('embedHash and the id lists', () => {
  it('builds the three route shapes', () => {
    expect(embedHash('bias', null, '')).toBe('#/embed/bias');
    expect(embedHash('training', 'loss-curve', '')).toBe('#/embed/training/loss-curve');
    expect(embedHash('bias', 'forward', 'units=16&theme=dark')).toBe(
      '#/embed/bias/forward?units=16&theme=dark',
    );
  });

  it('has the same chapters for cells and figures, and ids that need no escaping', () => {
    expect(Object.keys(EMBED_FIGURES)).toEqual(Object.keys(EMBED_CELLS));
    const ids = [...Object.values(EMBED_CELLS), ...Object.values(EMBED_FIGURES)].flat();
    for (const id of [...ids, ...Object.keys(EMBED_CELLS)]) expect(id).toMatch(/^[a-z][a-z-]*$/);
  });
});
