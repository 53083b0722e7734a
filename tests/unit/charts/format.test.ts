import { describe, expect, it } from 'vitest';
import { formatExact, formatTick, formatValue, thinTicks } from '../../../src/charts/format';
import { keyToCell } from '../../../src/charts/heatmapData';

describe('number formats', () => {
  it('shows four significant digits, exponents only where digits would hide the value', () => {
    expect(formatValue(0.123456)).toBe('0.1235');
    expect(formatValue(-0.5)).toBe('−0.5');
    expect(formatValue(2.5e-7)).toBe('2.500e−7');
    expect(formatValue(1e12)).toBe('1.000e+12');
    expect([NaN, Infinity, -Infinity].map(formatValue)).toEqual(['NaN', '∞', '−∞']);
  });

  it('keeps every digit where the exact value is promised', () => {
    expect(formatExact(0.30000000000000004)).toBe('0.30000000000000004');
    expect(formatExact(NaN)).toBe('NaN');
  });

  it('labels axes briefly', () => {
    expect([0, 0.25, 1, 100, 1e6, 1e-4].map(formatTick)).toEqual([
      '0',
      '0.25',
      '1',
      '100',
      '1e6',
      '1e-4',
    ]);
  });

  it('thins tick positions to at most the requested count', () => {
    expect(thinTicks(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(thinTicks(100, 10)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
    expect(thinTicks(0, 10)).toEqual([]);
  });
});

describe('heatmap keyboard reading', () => {
  it('lands on the first cell, then moves within bounds', () => {
    expect(keyToCell('ArrowDown', null, 3, 2)).toEqual({ t: 0, u: 0 });
    expect(keyToCell('ArrowDown', { t: 0, u: 0 }, 3, 2)).toEqual({ t: 0, u: 1 });
    expect(keyToCell('ArrowDown', { t: 0, u: 1 }, 3, 2)).toEqual({ t: 0, u: 1 });
    expect(keyToCell('ArrowRight', { t: 2, u: 1 }, 3, 2)).toEqual({ t: 2, u: 1 });
    expect(keyToCell('ArrowLeft', { t: 2, u: 1 }, 3, 2)).toEqual({ t: 1, u: 1 });
    expect(keyToCell('Escape', { t: 2, u: 1 }, 3, 2)).toBeNull();
    expect(keyToCell('Tab', null, 3, 2)).toBeUndefined();
    expect(keyToCell('ArrowUp', null, 0, 0)).toBeUndefined();
  });
});
