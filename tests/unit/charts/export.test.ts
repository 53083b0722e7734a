import { traceOf } from '../traceOf';
import { describe, expect, it } from 'vitest';
import {
  csvField,
  epochLossesToCsv,
  historyToCsv,
  resolveCssVars,
  stackSvgs,
  svgSize,
  toCsv,
  traceToCsv,
} from '../../../src/charts/export';

describe('CSV', () => {
  it('quotes only the fields that need it and doubles inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(NaN)).toBe('NaN');
    expect(
      toCsv([
        ['a', 1],
        ['b,c', 2],
      ]),
    ).toBe('a,1\n"b,c",2\n');
  });

  it('writes a trace in long form with full precision', () => {
    const trace = traceOf({
      i: [[[0.1, 0.2]], [[0.3, 0.4]]], // 2 steps, 1 sample, 2 units
      h: [[[-1e-9, 1]], [[2, 3]]],
    });
    const lines = traceToCsv(trace, ['i', 'h']).trimEnd().split('\n');
    expect(lines[0]).toBe('key,t,sample,unit,value');
    expect(lines).toHaveLength(1 + 8);
    // Every digit of the float32 the engine computed, not a rounded one.
    expect(lines[3]).toBe('i,1,0,0,0.30000001192092896');
    expect(lines[5]).toBe(`h,0,0,0,${Math.fround(-1e-9)}`);
  });

  it('writes histories with 1-based epochs and batches, keeping a NaN that stopped a run', () => {
    const csv = historyToCsv({
      custom: {
        epochLosses: [0.5],
        batchLosses: [
          [0.6, 0.4],
          [0.3, NaN],
        ],
      },
      library: { epochLosses: [], batchLosses: [[0.61]] },
    });
    expect(csv).toBe(
      'model,epoch,batch,loss\ncustom,1,1,0.6\ncustom,1,2,0.4\ncustom,2,1,0.3\ncustom,2,2,NaN\nlibrary,1,1,0.61\n',
    );
  });

  it('skips missing models and the holes of a live (sparse) history', () => {
    const batchLosses: number[][] = [];
    batchLosses[1] = [0.2];
    const epochLosses: number[] = [];
    epochLosses[1] = 0.2;
    expect(historyToCsv({ library: { batchLosses, epochLosses } })).toBe(
      'model,epoch,batch,loss\nlibrary,2,1,0.2\n',
    );
    expect(epochLossesToCsv({ library: { batchLosses, epochLosses } })).toBe(
      'model,epoch,loss\nlibrary,2,0.2\n',
    );
  });
});

describe('SVG strings', () => {
  it('resolves theme variables from the page, else their fallbacks', () => {
    const page: Record<string, string> = { '--fg': ' #e6edf3' };
    const out = resolveCssVars(
      '<text fill="var(--fg, #1b1f24)"/><rect fill="var(--gate-i, #0072b2)" stroke="var(--x)"/>',
      (n) => page[n],
    );
    expect(out).toBe('<text fill="#e6edf3"/><rect fill="#0072b2" stroke=""/>');
  });

  it('reads the size of a document and stacks several into one', () => {
    const a = '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><rect/></svg>';
    expect(svgSize(a)).toEqual({ width: 100, height: 50 });
    expect(svgSize('<svg/>')).toEqual({ width: 0, height: 0 });
    const both = stackSvgs(
      [
        { svg: a, x: 0, y: 0 },
        { svg: a, x: 110, y: 0 },
      ],
      210,
      50,
      '#fff',
    );
    expect(svgSize(both)).toEqual({ width: 210, height: 50 });
    expect(both).toContain('<svg x="110" y="0" xmlns=');
    expect(both.match(/<svg/g)).toHaveLength(3);
  });
});
