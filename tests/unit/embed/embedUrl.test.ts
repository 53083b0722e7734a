import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMBED_CELLS, EMBED_FIGURES, HIDE_PARTS, THEMES } from '../../../src/embed/hostApi';
import {
  checkAttributes,
  embedQuery,
  embedSrc,
  embedTitle,
  initialHeight,
  parseParamsAttribute,
  type EmbedAttributes,
  type EmbedTarget,
} from '../../../src/embed/embedUrl';

const none: EmbedAttributes = {
  chapter: null,
  cell: null,
  figure: null,
  params: null,
  theme: null,
  hide: null,
};
const attrs = (a: Partial<EmbedAttributes>): EmbedAttributes => ({ ...none, ...a });

function target(a: Partial<EmbedAttributes>): EmbedTarget {
  const check = checkAttributes(attrs(a));
  if (!check.ok) throw new Error(check.error);
  return check.target;
}
function error(a: Partial<EmbedAttributes>) {
  const check = checkAttributes(attrs(a));
  if (check.ok) throw new Error(`accepted ${JSON.stringify(a)}`);
  return check;
}

/** embed.js served from a sub-path: index.html sits beside it. */
const INDEX = new URL('./index.html', 'https://courses.example.org/sub/notebook/embed.js');

describe('checkAttributes', () => {
  it('accepts every chapter, cell and figure of the host API', () => {
    for (const [slug, cells] of Object.entries(EMBED_CELLS)) {
      expect(target({ chapter: slug })).toMatchObject({ slug, kind: 'chapter', id: null });
      for (const cell of cells)
        expect(target({ chapter: slug, cell })).toMatchObject({ kind: 'cell', id: cell });
      for (const figure of EMBED_FIGURES[slug as keyof typeof EMBED_FIGURES])
        expect(target({ chapter: slug, figure })).toMatchObject({ kind: 'figure', id: figure });
    }
  });

  it('asks for a chapter when there is none', () => {
    for (const chapter of [null, '', '   '])
      expect(error({ chapter })).toMatchObject({
        field: 'chapter',
        error: expect.stringMatching(/^Set the chapter attribute to one of simple-lstm, bias/),
      });
  });

  it.each([
    'nope',
    'Bias',
    'bias/forward',
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
  ])('refuses chapter %j, naming the ones there are', (chapter) => {
    const e = error({ chapter });
    expect(e.field).toBe('chapter');
    expect(e.error).toContain(`Unknown chapter ${JSON.stringify(chapter)}`);
    expect(e.error).toContain('simple-lstm, bias, temporal-loop, options, training');
  });

  it('refuses a cell or figure of another chapter, and lists this one’s', () => {
    expect(error({ chapter: 'bias', cell: 'train' })).toEqual({
      ok: false,
      field: 'cell',
      error: 'Chapter "bias" has no cell "train": use one of forward, ex-bias.',
    });
    expect(error({ chapter: 'bias', figure: 'heatmaps' })).toEqual({
      ok: false,
      field: 'figure',
      error: 'Chapter "bias" has no figure "heatmaps": use one of none.',
    });
    expect(error({ chapter: 'training', cell: '../../evil' }).field).toBe('cell');
    expect(error({ chapter: 'training', figure: 'loss-curve?x=1' }).field).toBe('figure');
  });

  it('refuses a cell and a figure together', () => {
    expect(error({ chapter: 'training', cell: 'train', figure: 'loss-curve' }).error).toMatch(
      /either cell or figure/,
    );
  });

  it('quotes what it refuses as a short line of text', () => {
    const e = error({ chapter: `<img src=x onerror="alert(1)">\n${'x'.repeat(500)}` });
    expect(e.error.length).toBeLessThan(200);
    expect(e.error).not.toContain('\n');
  });

  it('trims, and treats empty cell, figure, theme and hide as absent', () => {
    expect(
      target({ chapter: ' bias ', cell: ' forward ', figure: '', theme: ' ', hide: ' , ' }),
    ).toEqual({
      slug: 'bias',
      kind: 'cell',
      id: 'forward',
      params: {},
      theme: null,
      hide: [],
    });
  });

  it('accepts each theme and refuses others', () => {
    for (const theme of THEMES) expect(target({ chapter: 'bias', theme }).theme).toBe(theme);
    expect(error({ chapter: 'bias', theme: 'sepia' })).toMatchObject({
      field: 'theme',
      error: 'Unknown theme "sepia": use one of light, dark, auto.',
    });
  });

  it('reads hide as a comma list of known parts, without repeats', () => {
    expect(target({ chapter: 'bias', hide: 'source, prose,source' }).hide).toEqual([
      'source',
      'prose',
    ]);
    expect(target({ chapter: 'bias', hide: HIDE_PARTS.join(',') }).hide).toEqual([...HIDE_PARTS]);
    expect(error({ chapter: 'bias', hide: 'source,navigation' })).toMatchObject({
      field: 'hide',
      error: expect.stringContaining('"navigation"'),
    });
  });
});

describe('parseParamsAttribute', () => {
  it('reads a query string', () => {
    expect(parseParamsAttribute('units=16&timesteps=4&lr=0.01')).toEqual({
      ok: true,
      params: { units: '16', timesteps: '4', lr: '0.01' },
    });
    expect(parseParamsAttribute(null)).toEqual({ ok: true, params: {} });
    expect(parseParamsAttribute('')).toEqual({ ok: true, params: {} });
  });

  it.each(['__proto__=1', 'a b=1', '1units=2', 'units[]=1', '=3', `${'a'.repeat(33)}=1`])(
    'refuses the field name in %j',
    (raw) => {
      expect(parseParamsAttribute(raw)).toMatchObject({
        ok: false,
        error: expect.stringMatching(/is not a field name/),
      });
    },
  );

  it('refuses keys the element sets itself, and overlong values', () => {
    for (const key of ['theme', 'hide', 'embed'])
      expect(parseParamsAttribute(`${key}=1`)).toMatchObject({ ok: false });
    expect(parseParamsAttribute(`units=${'1'.repeat(65)}`)).toMatchObject({ ok: false });
  });

  it('reports a bad params attribute as the params field', () => {
    expect(error({ chapter: 'bias', params: 'theme=dark' }).field).toBe('params');
  });
});

describe('embedSrc', () => {
  it('resolves the route against index.html beside embed.js', () => {
    expect(embedSrc(INDEX, target({ chapter: 'bias' }))).toBe(
      'https://courses.example.org/sub/notebook/index.html#/embed/bias',
    );
    expect(embedSrc(INDEX, target({ chapter: 'training', figure: 'loss-curve' }))).toBe(
      'https://courses.example.org/sub/notebook/index.html#/embed/training/loss-curve',
    );
  });

  it('puts params, then theme and a readable hide list, into the hash', () => {
    const t = target({
      chapter: 'bias',
      cell: 'forward',
      params: 'units=16&seed=7',
      theme: 'dark',
      hide: 'source,prose',
    });
    expect(embedSrc(INDEX, t)).toBe(
      'https://courses.example.org/sub/notebook/index.html#/embed/bias/forward?units=16&seed=7&theme=dark&hide=source,prose',
    );
  });

  it('lets setParams values override the attribute, and encodes what needs it', () => {
    const t = target({ chapter: 'bias', params: 'units=8&seed=1' });
    expect(embedQuery(t, { units: 16, backend: 'cpu', x: 'a&b=c d' })).toBe(
      'units=16&seed=1&backend=cpu&x=a%26b%3Dc+d',
    );
  });

  it('never leaves the hash whatever the values', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/), fc.string()), (o) => {
        const url = new URL(embedSrc(INDEX, target({ chapter: 'bias', cell: 'forward' }), o));
        expect(url.origin + url.pathname).toBe(
          'https://courses.example.org/sub/notebook/index.html',
        );
        expect(url.search).toBe('');
        expect(url.hash.startsWith('#/embed/bias/forward')).toBe(true);
        const query = url.hash.split('?')[1] ?? '';
        expect(Object.fromEntries(new URLSearchParams(query))).toEqual(
          Object.fromEntries(Object.entries(o).map(([k, v]) => [k, String(v)])),
        );
      }),
    );
  });

  it('works from any origin and from a file beside index.html', () => {
    const local = new URL('./index.html', 'http://127.0.0.1:4173/embed.js');
    expect(embedSrc(local, target({ chapter: 'options', cell: 'inspect' }))).toBe(
      'http://127.0.0.1:4173/index.html#/embed/options/inspect',
    );
  });
});

describe('embedTitle and initialHeight', () => {
  it('name the chapter and the cell or figure', () => {
    expect(embedTitle(target({ chapter: 'bias' }))).toBe('LSTM notebook: chapter "bias"');
    expect(embedTitle(target({ chapter: 'training', figure: 'loss-curve' }))).toBe(
      'LSTM notebook: chapter "training", figure "loss-curve"',
    );
  });

  it('start a chapter taller than a cell, and a cell taller than a figure', () => {
    const chapter = initialHeight(target({ chapter: 'training' }));
    const cell = initialHeight(target({ chapter: 'training', cell: 'train' }));
    const figure = initialHeight(target({ chapter: 'training', figure: 'loss-curve' }));
    expect(chapter).toBeGreaterThan(cell);
    expect(cell).toBeGreaterThan(figure);
    expect(figure).toBeGreaterThanOrEqual(300);
  });
});
