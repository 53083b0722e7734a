/** The Performance chapter's table and chart data: ratios to the library, yours beside the reference. */
import { describe, expect, test } from 'vitest';
import {
  formatRatio,
  formatSpeedup,
  libraryMs,
  ratioCsv,
  ratioMax,
  ratioRows,
} from '../../../src/charts/benchData';
import type { BenchRow } from '../../../src/lstm/bench/types';
import reference from '../../../content/performance-reference.json';

const row = (
  impl: BenchRow['impl'],
  medianMs: number,
  op: BenchRow['op'] = 'forward',
): BenchRow => ({
  impl,
  size: 'tutorial',
  op,
  medianMs,
  reps: 5,
});

describe('ratioRows', () => {
  test('each impl over the library, yours beside the reference, for either op', () => {
    const yours = [row('library', 10), row('readable', 12), row('fused', 4), row('floor', 3)];
    const here = [row('library', 20), row('fused', 10), row('library', 40, 'train-step')];
    const rows = ratioRows(yours, here, { sizes: ['tutorial'], ops: ['forward', 'train-step'] });
    expect(rows.map((r) => `${r.op}/${r.impl}`)).toEqual([
      'forward/readable',
      'forward/fused',
      'forward/floor',
      'train-step/readable',
      'train-step/fused',
      'train-step/floor',
    ]);
    expect(rows[1]).toEqual({
      size: 'tutorial',
      op: 'forward',
      impl: 'fused',
      yours: 0.4,
      reference: 0.5,
      yoursMs: 4,
      referenceMs: 10,
    });
    // Missing on one side (the reference has no readable row; nothing trained yet): null, not NaN.
    expect(rows[0]).toMatchObject({ yours: 1.2, reference: null, referenceMs: null });
    expect(rows[3]).toMatchObject({ yours: null, reference: null, yoursMs: null });
  });

  test('no library median yet (a cancelled run): no ratio, but the median itself is kept', () => {
    const [readable] = ratioRows([row('readable', 12)], [], {
      sizes: ['tutorial'],
      ops: ['forward'],
    });
    expect(readable).toMatchObject({ yours: null, yoursMs: 12 });
  });

  test('the committed reference covers every live size and op it is shown for', () => {
    const rows = ratioRows([], reference.rows as BenchRow[], {
      sizes: ['tutorial', 'medium'],
      ops: ['forward', 'train-step'],
    });
    for (const r of rows) expect(r.reference).toBeGreaterThan(0);
    expect(libraryMs(reference.rows as BenchRow[], 'medium', 'forward')).toBeGreaterThan(0);
  });
});

describe('scale and formats', () => {
  test('the axis always shows the library line at 1, and grows to the largest ratio', () => {
    expect(ratioMax([])).toBe(1.2);
    const rows = ratioRows([row('library', 1), row('readable', 3)], [], {
      sizes: ['tutorial'],
      ops: ['forward'],
    });
    expect(ratioMax(rows)).toBe(3);
  });

  test('ratios, speed-ups and dashes', () => {
    expect(formatRatio(0.456)).toBe('0.46');
    expect(formatRatio(12.34)).toBe('12.3');
    expect(formatRatio(null)).toBe('–');
    expect(formatRatio(NaN)).toBe('–');
    expect(formatSpeedup(0.5)).toBe('2.0×');
    expect(formatSpeedup(0)).toBe('–');
    expect(formatSpeedup(null)).toBe('–');
  });

  test('the CSV has both sides, blank where a side has no number', () => {
    const rows = ratioRows([row('library', 10), row('fused', 4)], [row('library', 20)], {
      sizes: ['tutorial'],
      ops: ['forward'],
    });
    const lines = ratioCsv(rows).trim().split('\n');
    expect(lines[0]).toBe(
      'size,op,impl,your_ratio_to_library,reference_ratio_to_library,your_median_ms,reference_median_ms',
    );
    expect(lines).toContain('tutorial,forward,fused,0.4,,4,');
    expect(lines).toContain('tutorial,forward,readable,,,,');
  });
});

describe('BenchChart', () => {
  test('data in, SVG out: a titled, described image with a bar per side and row', async () => {
    const { createElement } = await import('react');
    const { renderToStaticMarkup } = await import('react-dom/server');
    const { BenchChart } = await import('../../../src/charts/BenchChart');
    const rows = ratioRows(
      [row('library', 10), row('fused', 4)],
      [row('library', 20), row('fused', 10)],
      {
        sizes: ['tutorial'],
        ops: ['forward'],
      },
    );
    const html = renderToStaticMarkup(
      createElement(BenchChart, { rows, width: 600, referenceLabel: 'measured here' }),
    );
    expect(html).toContain('role="img"');
    expect(html).toMatch(/<title id="[^"]+">Time relative to tf.layers.lstm<\/title>/);
    expect(html).toMatch(
      /<desc id="[^"]+">[^<]*tutorial forward, fused: yours 0.40, reference 0.50/,
    );
    expect(html).toMatch(/aria-labelledby="[^"]+" aria-describedby="[^"]+"/);
    // fused has both sides; readable and floor have neither, so no bars (never a NaN width).
    expect(html.match(/data-series="yours"/g)).toHaveLength(1);
    expect(html.match(/data-series="reference"/g)).toHaveLength(1);
    expect(html).not.toContain('NaN');
  });
});
