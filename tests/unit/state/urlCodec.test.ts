import { BACKENDS } from '../../../src/lstm/experimentTypes';
import { OPTIMIZERS } from '../../../src/lstm/train/optimizerTypes';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FORWARD_DEFAULTS,
  TRAINING_DEFAULTS,
  MAX_SEED,
  type Hyperparameters,
} from '../../../src/state/hyperparams';
import {
  HYPER_CODECS,
  HYPER_KEYS,
  decodeQuery,
  encodeQuery,
  formatHash,
  parseField,
  parseHash,
} from '../../../src/state/urlCodec';

describe('field codecs', () => {
  it('accept the tutorial values', () => {
    for (const key of HYPER_KEYS) {
      const raw = (HYPER_CODECS[key].serialize as (v: unknown) => string)(FORWARD_DEFAULTS[key]);
      expect(parseField(key, raw)).toEqual({ ok: true, value: FORWARD_DEFAULTS[key] });
    }
  });

  it.each(['0', '-3', '1e9', 'abc', 'NaN', '', ' ', '3.5', '0x10', 'Infinity', '257'])(
    'refuse units=%j with a message naming the bounds',
    (raw) => {
      const r = parseField('units', raw);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatch(/Units must be a whole number from 1 to 256/);
    },
  );

  it('keeps integer bounds inclusive', () => {
    expect(parseField('units', '1')).toEqual({ ok: true, value: 1 });
    expect(parseField('units', '256')).toEqual({ ok: true, value: 256 });
    expect(parseField('seed', String(MAX_SEED))).toEqual({ ok: true, value: MAX_SEED });
    expect(parseField('seed', String(MAX_SEED + 1)).ok).toBe(false);
    expect(parseField('seed', '0')).toEqual({ ok: true, value: 0 });
  });

  it('treats the learning rate as (0, 1000]', () => {
    expect(parseField('lr', '0').ok).toBe(false);
    expect(parseField('lr', '-0.1').ok).toBe(false);
    expect(parseField('lr', '1000')).toEqual({ ok: true, value: 1000 });
    expect(parseField('lr', '1000.0001').ok).toBe(false);
    expect(parseField('lr', '1e-3')).toEqual({ ok: true, value: 0.001 });
    expect(parseField('lr', '.5')).toEqual({ ok: true, value: 0.5 });
    for (const bad of ['NaN', 'Infinity', 'abc', '', '1e999', '0x1']) {
      expect(parseField('lr', bad).ok).toBe(false);
    }
  });

  it('accepts only the listed enum values', () => {
    expect(parseField('seeding', 'tfjs')).toEqual({ ok: true, value: 'tfjs' });
    expect(parseField('seeding', 'TF27').ok).toBe(false);
    for (const b of ['webgl', 'webgpu', 'wasm', 'cpu'] as const) {
      expect(parseField('backend', b)).toEqual({ ok: true, value: b });
    }
    for (const bad of ['WASM', 'webgl2', 'gpu', 'tpu', '', 'wasm;cpu']) {
      const r = parseField('backend', bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toContain('webgl | webgpu | wasm | cpu');
    }
  });

  it('round-trips every in-bounds integer and rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), (n) => {
        expect(parseField('units', HYPER_CODECS.units.serialize(n))).toEqual({
          ok: true,
          value: n,
        });
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 10, noNaN: true }), (x) => {
        expect(parseField('lr', HYPER_CODECS.lr.serialize(x))).toEqual({ ok: true, value: x });
      }),
    );
  });
});

describe('query decoding', () => {
  it('keeps valid fields and reports each ignored one', () => {
    const d = decodeQuery('units=64&timesteps=0&foo=1&seeding=tfjs&lr=abc');
    expect(d.values).toEqual({ units: 64, seeding: 'tfjs' });
    expect(d.notices).toHaveLength(3);
    expect(d.notices.join('\n')).toMatch(/timesteps/);
    expect(d.notices.join('\n')).toMatch(/unknown link parameter "foo"/);
    expect(d.notices.join('\n')).toMatch(/Learning rate/);
  });

  it('ignores a parameter given twice', () => {
    const d = decodeQuery('units=4&units=8');
    expect(d.values).toEqual({});
    expect(d.notices[0]).toMatch(/2 times/);
  });

  it('reads the optimizer and clipping, 0 meaning off, and refuses the rest', () => {
    expect(decodeQuery('optimizer=adam&clipnorm=1&clipvalue=0').values).toEqual({
      optimizer: 'adam',
      clipnorm: 1,
      clipvalue: 0,
    });
    const bad = decodeQuery('optimizer=adagrad&clipnorm=-1&clipvalue=Infinity');
    expect(bad.values).toEqual({});
    expect(bad.notices).toHaveLength(3);
    expect(bad.notices.join('\n')).toMatch(/Clip norm must be 0 \(off\)/);
  });

  it('reads embed', () => {
    expect(decodeQuery('embed=1').embed).toBe(true);
    expect(decodeQuery('embed=0').embed).toBe(false);
    expect(decodeQuery('embed=yes').notices).toHaveLength(1);
  });

  it('round-trips any valid state through encode and decode', () => {
    const arb: fc.Arbitrary<Hyperparameters> = fc.record({
      units: fc.integer({ min: 1, max: 256 }),
      timesteps: fc.integer({ min: 1, max: 50 }),
      features: fc.integer({ min: 1, max: 16 }),
      samples: fc.integer({ min: 1, max: 256 }),
      seed: fc.integer({ min: 0, max: MAX_SEED }),
      seeding: fc.constantFrom('tf27' as const, 'tfjs' as const),
      backend: fc.constantFrom(...BACKENDS),
      epochs: fc.integer({ min: 1, max: 200 }),
      batchSize: fc.integer({ min: 1, max: 256 }),
      lr: fc.double({ min: 1e-9, max: 1000, noNaN: true }),
      optimizer: fc.constantFrom(...OPTIMIZERS),
      clipnorm: fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e6, noNaN: true })),
      clipvalue: fc.oneof(fc.constant(0), fc.double({ min: 1e-9, max: 1e6, noNaN: true })),
    });
    fc.assert(
      fc.property(arb, fc.boolean(), (h, embed) => {
        const d = decodeQuery(encodeQuery(h, TRAINING_DEFAULTS, embed));
        expect(d.notices).toEqual([]);
        expect(d.embed).toBe(embed);
        expect({ ...TRAINING_DEFAULTS, ...d.values }).toEqual(h);
      }),
    );
  });

  it('writes nothing for the tutorial defaults', () => {
    expect(encodeQuery({ ...FORWARD_DEFAULTS }, FORWARD_DEFAULTS)).toBe('');
    expect(encodeQuery({ ...FORWARD_DEFAULTS, units: 64 }, FORWARD_DEFAULTS)).toBe('units=64');
  });
});

describe('hash routes', () => {
  it('splits slug and query', () => {
    expect(parseHash('#/bias?units=4')).toEqual({ slug: 'bias', query: 'units=4' });
    expect(parseHash('#/')).toEqual({ slug: '', query: '' });
    expect(parseHash('')).toEqual({ slug: '', query: '' });
    expect(parseHash('#/?embed=1')).toEqual({ slug: '', query: 'embed=1' });
    expect(parseHash('#/training/')).toEqual({ slug: 'training', query: '' });
    expect(parseHash('#/%E0%A4%A')).toEqual({ slug: '%E0%A4%A', query: '' });
  });

  it('formats what it parses', () => {
    expect(formatHash('options', 'units=3')).toBe('#/options?units=3');
    expect(formatHash('', '')).toBe('#/');
    expect(parseHash(formatHash('training', 'lr=0.01'))).toEqual({
      slug: 'training',
      query: 'lr=0.01',
    });
  });
});
