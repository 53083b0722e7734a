import { expect, test } from 'vitest';
import { PROTOCOL_VERSION } from '../../../src/runtime/protocol';
import { checkRequest, checkTrainConfig } from '../../../src/runtime/validate';
import { TUTORIAL_SETUP, TUTORIAL_TRAINING } from '../../tutorial';

const config = { layer: 'bias', ...TUTORIAL_SETUP };
const forward = { v: PROTOCOL_VERSION, id: 7, kind: 'forward', backend: 'webgl', config };

test('a well-formed request passes as it is', () => {
  expect(checkRequest(forward)).toEqual({ ok: true, request: forward });
  expect(checkRequest({ v: 1, id: 2, kind: 'cancel', target: 1 }).ok).toBe(true);
  const train = TUTORIAL_TRAINING;
  expect(checkRequest({ v: 1, id: 3, kind: 'train.open', backend: 'cpu', config: train }).ok).toBe(
    true,
  );
});

const refusals: [string, unknown, RegExp][] = [
  ['not an object', 'forward', /must be an object/],
  ['an array', [forward], /must be an object/],
  ['null', null, /must be an object/],
  ['an old version', { ...forward, v: 0 }, /protocol version 1; got 0/],
  ['no id', { ...forward, id: undefined }, /positive whole-number id/],
  ['a fractional id', { ...forward, id: 1.5 }, /positive whole-number id/],
  ['an unknown kind', { ...forward, kind: 'eval' }, /kind must be one of/],
  [
    'NaN units',
    { ...forward, config: { ...config, units: NaN } },
    /units must be a whole number from 1 to 256; got NaN/,
  ],
  [
    'Infinity',
    { ...forward, config: { ...config, timesteps: Infinity } },
    /timesteps .* got Infinity/,
  ],
  [
    '-Infinity',
    { ...forward, config: { ...config, samples: -Infinity } },
    /samples .* got -Infinity/,
  ],
  ['a fraction', { ...forward, config: { ...config, features: 2.5 } }, /features .* got 2\.5/],
  ['a numeric string', { ...forward, config: { ...config, units: '32' } }, /units .* got "32"/],
  ['a huge value', { ...forward, config: { ...config, units: 1e9 } }, /units .* got 1000000000/],
  ['an array value', { ...forward, config: { ...config, seed: [1] } }, /seed .* got \[1\]/],
  [
    'an object value',
    { ...forward, config: { ...config, seeding: { a: 1 } } },
    /seeding must be one of/,
  ],
  [
    'a 10 kB string',
    { ...forward, config: { ...config, layer: 'x'.repeat(10_000) } },
    /layer must be one of .*…/,
  ],
  ['an extra key', { ...forward, config: { ...config, evil: 1 } }, /unknown field "evil"/],
  [
    'a constructor key',
    { ...forward, config: { ...config, constructor: 1 } },
    /unknown field "constructor"/,
  ],
  [
    'an own __proto__ key',
    {
      ...forward,
      config: JSON.parse(JSON.stringify(config).replace('{', '{"__proto__":{"x":1},')),
    },
    /unknown field "__proto__"/,
  ],
  [
    'a prototype swapped in',
    { ...forward, config: Object.assign(Object.create({ units: 1 }), config) },
    /no config object/,
  ],
  [
    'an orthogonal bias',
    { ...forward, config: { ...config, biasInitializer: 'orthogonal' } },
    /biasInitializer must be one of/,
  ],
  [
    'a bad backend',
    { ...forward, backend: 'tpu' },
    /backend must be one of webgl, webgpu, wasm, cpu/,
  ],
  [
    'a learning rate of 0',
    {
      v: 1,
      id: 3,
      kind: 'train.open',
      backend: 'cpu',
      config: {
        units: 8,
        timesteps: 5,
        features: 3,
        samples: 100,
        seed: 1,
        seeding: 'tf27',
        epochs: 1,
        batchSize: 1,
        learningRate: 0,
      },
    },
    /learningRate must be a number above 0/,
  ],
  [
    'a cancel with no target',
    { v: 1, id: 2, kind: 'cancel' },
    /needs the id of the request to stop/,
  ],
];

test.each(refusals)('refused with a message: %s', (_, message, pattern) => {
  const r = checkRequest(message);
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.code).toBe('invalid');
    expect(r.message).toMatch(pattern);
    expect(r.message.length).toBeLessThan(300);
  }
});

test('a request within bounds but over budget is refused before it starts, naming the estimate', () => {
  const shape = Object.fromEntries(Object.entries(config).filter(([k]) => k !== 'layer'));
  const big = { ...shape, units: 256, timesteps: 50, features: 16, samples: 256 };
  const r = checkRequest({ ...forward, kind: 'inspect', config: big });
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.code).toBe('budget');
    expect(r.message).toMatch(/of work on the CPU/);
    expect(r.id).toBe(7);
  }
});

const trainOpen = (config: object) => ({
  v: PROTOCOL_VERSION,
  id: 9,
  kind: 'train.open',
  backend: 'cpu',
  config: { ...TUTORIAL_TRAINING, ...config },
});

test('chapter 5: the optimizer and clipping pass within bounds and are refused outside', () => {
  expect(checkRequest(trainOpen({ optimizer: 'adam', clipnorm: 1, clipvalue: 0 })).ok).toBe(true);
  const bad: [object, RegExp][] = [
    [{ optimizer: 'adagrad' }, /optimizer must be one of rmsprop, adam, sgd, tfjs-rmsprop/],
    [{ clipnorm: -1 }, /clipnorm must be 0 \(off\) or a number above 0/],
    [{ clipvalue: Infinity }, /clipvalue .* got Infinity/],
    [{ clipvalue: '1' }, /clipvalue .* got "1"/],
  ];
  for (const [config, message] of bad) {
    const r = checkRequest(trainOpen(config));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  }
});

test('chapter 5: gradient checks, saves and loads are checked too', () => {
  const ask = (rest: object) => checkRequest({ v: PROTOCOL_VERSION, id: 4, ...rest });
  expect(ask({ kind: 'train.gradcheck', breakIt: 'swapGates', at: 'now' }).ok).toBe(true);
  expect(ask({ kind: 'train.gradcheck', breakIt: 'swapGates', at: 'later' }).ok).toBe(false);
  expect(ask({ kind: 'train.gradcheck', breakIt: 'eval', at: 'now' }).ok).toBe(false);
  expect(ask({ kind: 'train.save', to: 'browser' }).ok).toBe(true);
  expect(ask({ kind: 'train.save', to: '/etc/passwd' }).ok).toBe(false);
  const file = { modelJson: '{}', weights: new ArrayBuffer(8) };
  expect(ask({ kind: 'model.load', backend: 'cpu', from: 'file', file }).ok).toBe(true);
  expect(ask({ kind: 'model.load', backend: 'cpu', from: 'browser' }).ok).toBe(true);
  const refused = [
    { kind: 'model.load', backend: 'cpu', from: 'file' },
    { kind: 'model.load', backend: 'cpu', from: 'browser', file },
    { kind: 'model.load', backend: 'cpu', from: 'file', file: { ...file, weights: [1, 2] } },
    { kind: 'model.load', backend: 'cpu', from: 'file', file: { ...file, extra: 1 } },
    {
      kind: 'model.load',
      backend: 'cpu',
      from: 'file',
      file: { ...file, modelJson: 'x'.repeat(1_000_001) },
    },
    {
      kind: 'model.load',
      backend: 'cpu',
      from: 'file',
      file: { ...file, weights: new ArrayBuffer(16_000_001) },
    },
  ];
  for (const r of refused) expect(ask(r).ok).toBe(false);
});

test('a saved model with settings over the budget or out of bounds is refused before it runs', () => {
  expect(() => checkTrainConfig({ ...TUTORIAL_TRAINING, units: 9999 })).toThrow(
    /saved settings are not usable: units must be/,
  );
  expect(() =>
    checkTrainConfig({ ...TUTORIAL_TRAINING, units: 256, timesteps: 50, epochs: 200 }),
  ).toThrow(/saved settings are not usable/);
  expect(checkTrainConfig({ ...TUTORIAL_TRAINING })).toEqual(TUTORIAL_TRAINING);
});

test('edits are plain text per src/lstm file, within limits', () => {
  const ok = { ...forward, edits: { 'cell.ts': 'x', 'layers/simpleLstm.ts': 'y' } };
  expect(checkRequest(ok)).toEqual({ ok: true, request: ok });
  expect(
    checkRequest({ ...forward, kind: 'inspect', config: { ...TUTORIAL_SETUP }, edits: {} }).ok,
  ).toBe(true);
  const refused: [unknown, RegExp][] = [
    [['cell.ts'], /must map file paths/],
    [{ '../runtime/host.ts': 'x' }, /src\/lstm\/ path/],
    [{ '/etc/passwd': 'x' }, /src\/lstm\/ path/],
    [{ 'cell.js': 'x' }, /src\/lstm\/ path/],
    [{ 'cell.ts': 42 }, /must be text/],
    [{ 'cell.ts': 'x'.repeat(400_001) }, /400,000 characters/],
    [Object.fromEntries(Array.from({ length: 41 }, (_, k) => [`f${k}.ts`, ''])), /At most 40/],
  ];
  for (const [edits, message] of refused) {
    const r = checkRequest({ ...forward, edits });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  }
  // Only the kinds that can run edited code take edits: forward, inspect, the optimizer pitfall,
  // a training session, and a model load (with the run's layer).
  const train = { v: 1, id: 3, kind: 'train.open', backend: 'cpu', config: TUTORIAL_TRAINING };
  expect(checkRequest({ ...train, edits: { 'cell.ts': 'x' } }).ok).toBe(true);
  expect(checkRequest({ ...train, kind: 'train.probe', edits: {} }).ok).toBe(false);
  expect(checkRequest({ ...train, kind: 'optimizers', edits: {} }).ok).toBe(true);
  const load = { v: 1, id: 5, kind: 'model.load', backend: 'cpu', from: 'browser' };
  expect(checkRequest({ ...load, edits: { 'train/keep.ts': 'x' } }).ok).toBe(true);
  expect(checkRequest({ ...load, edits: { '../keep.ts': 'x' } }).ok).toBe(false);
});

test('a ping is a request of its own, with nothing else in it', () => {
  expect(checkRequest({ v: 1, id: 4, kind: 'ping' }).ok).toBe(true);
  expect(checkRequest({ v: 1, id: 4, kind: 'ping', extra: 1 }).ok).toBe(false);
});
