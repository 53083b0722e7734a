import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CellDiagram } from '../../../src/charts/CellDiagram';
import { GateHeatmap } from '../../../src/charts/GateHeatmap';
import { cellValue, heatmapTableRows } from '../../../src/charts/heatmapData';
import { HeatmapGrid, sliceSample } from '../../../src/charts/HeatmapGrid';
import { LossCurve } from '../../../src/charts/LossCurve';
import type { GateKey } from '../../../src/lstm/gates';
import { traceOf } from '../traceOf';

/** values[t][u] = t + u / 10, easy to check from the attributes. */
const grid = (steps: number, units: number) =>
  Array.from({ length: steps }, (_, t) => Array.from({ length: units }, (_, u) => t + u / 10));

const attrs = (html: string, name: string) =>
  [...html.matchAll(new RegExp(`${name}="([^"]*)"`, 'g'))].map((m) => m[1]);

describe('GateHeatmap', () => {
  const html = renderToStaticMarkup(
    createElement(GateHeatmap, { values: grid(5, 3), gate: 'c', width: 400, height: 200 }),
  );

  it('draws one rect per unit and time step, carrying t, u and the exact value', () => {
    expect(attrs(html, 'data-t')).toHaveLength(15);
    expect(html).toContain('data-t="4" data-u="2" data-value="4.2"');
    expect(html).toContain('role="img"');
    expect(html).toMatch(/aria-label="Heatmap of the cell state c: 3 units by 5 time steps/);
  });

  it('says where the value is in each cell title and offers a data table', () => {
    expect(html).toContain('<title>c[t=1, unit=2] = 1.2</title>');
    expect(html).toContain('<summary>Data table: c</summary>');
  });

  it('paints non-finite values grey instead of passing them to d3', () => {
    const bad = renderToStaticMarkup(
      createElement(GateHeatmap, { values: [[NaN, 0.5]], gate: 'f', width: 200, height: 120 }),
    );
    expect(bad).toContain('fill="#7f7f7f" data-t="0" data-u="0" data-value="NaN"');
  });

  it('looks values up safely and lays the table out units × steps', () => {
    const v = grid(2, 2);
    expect(cellValue(v, 1, 1)).toBe(1.1);
    expect(cellValue(v, 5, 0)).toBeNaN();
    expect(heatmapTableRows(v)).toEqual([
      [0, '0', '1'],
      [1, '0.1', '1.1'],
    ]);
  });
});

describe('HeatmapGrid', () => {
  // 4 steps, 2 samples, 3 units: sample b adds 100 * b.
  const steps = (k: number) =>
    Array.from({ length: 4 }, (_, t) =>
      Array.from({ length: 2 }, (_, b) =>
        Array.from({ length: 3 }, (_, u) => (k + t + u / 10 + 100 * b) / 1000),
      ),
    );
  const nested = Object.fromEntries(
    ['i', 'f', 'g', 'o', 'c', 'h'].map((key, k) => [key, steps(k)]),
  ) as Record<GateKey, number[][][]>;
  const trace = traceOf(nested);

  it('slices one sample out of a flat [t][b][u] trace', () => {
    expect(trace.samples).toBe(2);
    expect(sliceSample(trace, 'f', 1)[2]).toEqual(nested.f[2]![1]!.map(Math.fround));
    expect(sliceSample(trace, 'f', 2)).toEqual([]);
  });

  it('draws six heatmaps of the chosen sample with a sample selector', () => {
    const html = renderToStaticMarkup(
      createElement(HeatmapGrid, { trace, sample: 1, onSampleChange: () => {}, width: 900 }),
    );
    expect(attrs(html, 'data-gate').filter((_, k) => k % 2 === 0)).toEqual([
      'i',
      'f',
      'g',
      'o',
      'c',
      'h',
    ]);
    expect(attrs(html, 'data-t')).toHaveLength(6 * 12);
    expect(html).toContain(`data-value="${Math.fround(nested.o[3]![1]![2]!)}"`);
    expect(html).toMatch(/<option value="1" selected="">1<\/option>/);
  });
});

describe('LossCurve', () => {
  it('draws one point per finite batch for each model and an epoch marker per epoch', () => {
    const html = renderToStaticMarkup(
      createElement(LossCurve, {
        histories: {
          custom: {
            batchLosses: [
              [1, 0.5],
              [0.4, 0.3],
            ],
            epochLosses: [0.75, 0.35],
          },
          library: { batchLosses: [[1, 0.5], [0.4]], epochLosses: [0.75] },
        },
        width: 600,
        height: 300,
      }),
    );
    expect(attrs(html, 'data-points')).toEqual(['4', '3']);
    expect(attrs(html, 'data-epoch')).toEqual(['1', '2', '1']);
    expect(html).not.toContain('NaN');
  });

  it('marks divergence with a ✕ and words, and no NaN reaches the drawing', () => {
    const html = renderToStaticMarkup(
      createElement(LossCurve, {
        histories: { custom: { batchLosses: [[1, 50, NaN]], epochLosses: [], diverged: true } },
        width: 600,
        height: 300,
        logScale: true,
        showTable: false,
      }),
    );
    expect(html).toContain('✕');
    expect(html).toContain('custom diverged: loss NaN at batch 3 (epoch 1)');
    expect(html.replace(/loss NaN/g, '')).not.toContain('NaN');
  });
});

describe('CellDiagram', () => {
  it('has six focusable parts in the gates’ colours and dims all but the highlighted one', () => {
    const html = renderToStaticMarkup(createElement(CellDiagram, { highlighted: 'f' }));
    expect(attrs(html, 'data-part').sort()).toEqual(['c', 'f', 'g', 'h', 'i', 'o']);
    expect(attrs(html, 'tabindex')).toHaveLength(6);
    expect(html).toContain(
      'data-part="f" data-highlighted="true" color="var(--gate-f, #b84a00)" opacity="1"',
    );
    expect(html).toContain(
      'data-part="i" data-highlighted="false" color="var(--gate-i, #0072b2)" opacity="0.3"',
    );
  });
});
