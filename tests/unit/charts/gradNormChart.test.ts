import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { gateSegments, normDomain } from '../../../src/charts/gradNormData';
import { GradNormChart, gradNormCsv, type GradNormRow } from '../../../src/charts/GradNormChart';

const attrs = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((m) => m[1]!);

const norms: GradNormRow[] = [
  { batch: 1, i: 0.5, f: 0.1, g: 1, o: 0.2 },
  { batch: 2, i: 0.25, f: 0, g: NaN, o: 0.1 },
  { batch: 3, i: 0.125, f: 0.01, g: 2, o: Infinity },
  { batch: 4, i: 0.0625, f: 0.001, g: 3, o: 0.05 },
];

describe('gradient norm data', () => {
  it('breaks a gate’s line where its axis cannot show the value', () => {
    const batches = (gate: 'i' | 'f' | 'g' | 'o', log: boolean) =>
      gateSegments(norms, gate, log).map((seg) => seg.map((p) => p.batch));
    expect(batches('i', true)).toEqual([[1, 2, 3, 4]]);
    expect(batches('f', true)).toEqual([[1], [3, 4]]); // Zero has no place on a log axis.
    expect(batches('f', false)).toEqual([[1, 2, 3, 4]]);
    expect(batches('g', false)).toEqual([[1], [3, 4]]);
    expect(batches('o', true)).toEqual([[1, 2], [4]]);
  });

  it('spans the showable norms, never NaN', () => {
    expect(normDomain(norms, true)).toEqual([0.001, 3]);
    expect(normDomain(norms, false)).toEqual([0, 3]);
    expect(normDomain([], true)).toEqual([1e-3, 1]);
    expect(normDomain([{ batch: 1, i: 0, f: 0, g: 0, o: 0 }], false)).toEqual([0, 1]);
    expect(normDomain([{ batch: 1, i: 2, f: 2, g: NaN, o: 0 }], true)).toEqual([0.2, 20]);
  });

  it('writes batch,i,f,g,o as CSV, keeping zeros and NaN', () => {
    expect(gradNormCsv(norms.slice(0, 2))).toBe(
      'batch,i,f,g,o\n1,0.5,0.1,1,0.2\n2,0.25,0,NaN,0.1\n',
    );
  });
});

describe('GradNormChart', () => {
  const render = (logScale?: boolean) =>
    renderToStaticMarkup(
      createElement(GradNormChart, { norms, width: 600, height: 300, logScale }),
    );

  it('draws one series per gate in its colour, with the gate names and axis labels', () => {
    const html = render();
    expect(attrs(html, 'data-gate')).toEqual(['i', 'f', 'g', 'o']);
    expect(html).toContain('data-gate="f" stroke="var(--gate-f, #b84a00)"');
    for (const name of ['input gate', 'forget gate', 'candidate', 'output gate']) {
      expect(html).toContain(name);
    }
    expect(html).toContain('>batch</text>');
    expect(html).toMatch(/‖∂L\/∂W<tspan[^>]*>gate<\/tspan>‖ \(log scale\)/);
    expect(html).toContain('data-log="true"');
    expect(html).toContain('role="img"');
    expect(html).toContain('<title>Gradient norm per gate</title>');
    expect(html).toMatch(
      /aria-label="Gradient norm of each gate’s weights per batch, 4 batches, log/,
    );
    expect(html).toContain('<summary>Data table: gradient norms</summary>');
  });

  it('puts a dot on every showable batch and skips zero and NaN on a log axis', () => {
    const html = render();
    // 4 + 3 + 3 + 3 showable points; a lone point between gaps still gets its dot.
    expect(attrs(html, 'data-batch')).toHaveLength(13);
    expect(attrs(html, 'data-points')).toEqual(['4', '1', '2', '1', '2', '2', '1']);
  });

  it('lets no NaN or Infinity reach a path or a position, on either scale', () => {
    for (const html of [render(true), render(false)]) {
      for (const name of ['d', 'cx', 'cy', 'transform', 'x', 'y']) {
        for (const v of attrs(html, name)) expect(v).not.toMatch(/NaN|Infinity/);
      }
    }
    const empty = renderToStaticMarkup(
      createElement(GradNormChart, { norms: [], width: 300, height: 200, showTable: false }),
    );
    expect(empty).not.toMatch(/NaN|Infinity/);
    expect(empty).toContain('No batch yet.');
  });
});
