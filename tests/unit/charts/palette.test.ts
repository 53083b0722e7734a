import { describe, expect, it } from 'vitest';
import {
  colorDomain,
  contrastText,
  gateColor,
  GATE_KEYS,
  gradientStops,
  heatColorScale,
  maxAbsFinite,
  NON_FINITE_COLOR,
  scaleKindOf,
} from '../../../src/charts/palette';

describe('palette', () => {
  it('gives each of the six quantities its own theme variable with a hex fallback', () => {
    const colors = GATE_KEYS.map(gateColor);
    expect(new Set(colors).size).toBe(6);
    expect(gateColor('f')).toBe('var(--gate-f, #d55e00)');
  });

  it('uses a sequential scale for the gates and a diverging one for g, c, h', () => {
    expect(GATE_KEYS.map(scaleKindOf)).toEqual([
      'sequential',
      'sequential',
      'diverging',
      'sequential',
      'diverging',
      'diverging',
    ]);
  });

  it('fixes bounded domains and grows c symmetrically from its largest |value|', () => {
    expect(colorDomain('f', [[5]])).toEqual([0, 1]);
    expect(colorDomain('h', [[3]])).toEqual([-1, 1]);
    expect(colorDomain('c', [[0.2, -0.5]])).toEqual([-1, 1]);
    expect(colorDomain('c', [[[0.2, -2.5]], [[1.5, NaN, Infinity]]])).toEqual([-2.5, 2.5]);
  });

  it('ignores non-finite values when looking for the largest magnitude', () => {
    expect(maxAbsFinite([[NaN, -Infinity, -3, 2]])).toBe(3);
    expect(maxAbsFinite([])).toBe(0);
  });

  it('maps the diverging middle to a neutral colour, negatives to blue, positives to red', () => {
    const s = heatColorScale('c', [-2, 2]);
    const rgb = (v: number) => s.color(v).match(/\d+/g)!.map(Number);
    const [r0, g0, b0] = rgb(0);
    expect(Math.abs(r0! - b0!)).toBeLessThan(16); // near white
    expect(g0).toBeGreaterThan(220);
    const [rn, , bn] = rgb(-2);
    const [rp, , bp] = rgb(2);
    expect(bn).toBeGreaterThan(rn!);
    expect(rp).toBeGreaterThan(bp!);
  });

  it('never hands a non-finite value to d3 and clamps values outside the domain', () => {
    const s = heatColorScale('i', [0, 1]);
    expect(s.color(NaN)).toBe(NON_FINITE_COLOR);
    expect(s.color(Infinity)).toBe(NON_FINITE_COLOR);
    expect(s.color(2)).toBe(s.color(1));
    expect(s.color(-1)).toBe(s.color(0));
    expect(s.ticks[0]).toBe(0);
    expect(s.ticks.at(-1)).toBe(1);
  });

  it('samples gradient stops across the domain, ends included', () => {
    const s = heatColorScale('g', [-1, 1]);
    const stops = gradientStops(s, 5);
    expect(stops.map((x) => x.offset)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(stops[0]!.color).toBe(s.color(-1));
    expect(stops[4]!.color).toBe(s.color(1));
  });

  it('picks legible text on dark and light cells', () => {
    expect(contrastText('#440154')).toBe('#ffffff'); // viridis' dark end
    expect(contrastText('#fde725')).toBe('#000000'); // viridis' light end
    expect(contrastText('rgb(247, 247, 247)')).toBe('#000000');
  });
});
