import { readFileSync } from 'node:fs';
import {
  color as parseColor,
  interpolateRdBu as d3RdBu,
  interpolateViridis as d3Viridis,
  rgb,
} from 'd3';
import { describe, expect, it } from 'vitest';
import {
  colorDomain,
  contrastRatio,
  contrastText,
  gateColor,
  GATE_HEX,
  GATE_KEYS,
  gradientStops,
  heatColorScale,
  interpolateRdBu,
  interpolateViridis,
  maxAbsFinite,
  NON_FINITE_COLOR,
  scaleKindOf,
} from '../../../src/charts/palette';

describe('palette', () => {
  it('gives each of the six quantities its own theme variable with a hex fallback', () => {
    const colors = GATE_KEYS.map(gateColor);
    expect(new Set(colors).size).toBe(6);
    expect(gateColor('f')).toBe('var(--gate-f, #b84a00)');
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

  it("draws d3's viridis and RdBu without d3-scale-chromatic", () => {
    const worst = (ours: (t: number) => string, theirs: (t: number) => string) => {
      let max = 0;
      for (let k = 0; k <= 1000; k++) {
        const [a, b] = [rgb(ours(k / 1000)), rgb(theirs(k / 1000))];
        max = Math.max(max, Math.abs(a.r - b.r), Math.abs(a.g - b.g), Math.abs(a.b - b.b));
      }
      return max;
    };
    expect(worst(interpolateViridis, d3Viridis)).toBeLessThanOrEqual(6);
    expect(worst(interpolateRdBu, d3RdBu)).toBeLessThanOrEqual(1);
  });

  it('picks legible text on dark and light cells', () => {
    expect(contrastText('#440154')).toBe('#ffffff'); // viridis' dark end
    expect(contrastText('#fde725')).toBe('#000000'); // viridis' light end
    expect(contrastText('rgb(247, 247, 247)')).toBe('#000000');
  });
});

/** The custom properties of one rule of theme.css, by the text that opens it. */
function themeVars(css: string, opener: string): Record<string, string> {
  const start = css.indexOf(opener);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(
    [...body.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]),
  );
}

/** `color-mix(in srgb, a p%, b)` for two hex colours. */
function mix(a: string, b: string, p: number): string {
  const ca = parseColor(a)!.rgb();
  const cb = parseColor(b)!.rgb();
  const t = p / 100;
  return rgb(
    ca.r * t + cb.r * (1 - t),
    ca.g * t + cb.g * (1 - t),
    ca.b * t + cb.b * (1 - t),
  ).formatHex();
}

describe('theme colours', () => {
  const css = readFileSync(new URL('../../../src/app/styles/theme.css', import.meta.url), 'utf8');
  const themes = {
    light: themeVars(css, ':root {'),
    dark: themeVars(css, ":root[data-theme='dark']"),
  };
  const TEXT = ['fg', 'muted', 'accent', 'ok', 'bad', ...GATE_KEYS.map((k) => `gate-${k}`)];
  const TOKENS = ['keyword', 'string', 'number', 'comment', 'type'].map((k) => `tok-${k}`);

  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  it('keeps the system dark theme and the dark toggle identical', () => {
    expect(themeVars(css, ':root:not([data-theme')).toEqual(themes.dark);
  });

  it('falls back to the light theme gate colours outside the page', () => {
    for (const k of GATE_KEYS) expect(GATE_HEX[k]).toBe(themes.light[`gate-${k}`]);
  });

  for (const [name, t] of Object.entries(themes)) {
    it(`gives every text colour 4.5:1 on its backgrounds (${name})`, () => {
      const low: string[] = [];
      const check = (fg: string, bg: string, what: string) => {
        const r = contrastRatio(t[fg]!, bg);
        if (!(r >= 4.5)) low.push(`${fg} on ${what}: ${r.toFixed(2)}`);
      };
      for (const fg of TEXT)
        for (const bg of ['bg', 'panel', 'code-bg', 'warn-bg']) check(fg, t[bg]!, bg);
      for (const fg of TOKENS) for (const bg of ['bg', 'code-bg']) check(fg, t[bg]!, bg);
      check('on-accent', t.accent!, 'accent');
      // The tints of notebook.css: a lit code line, a lit equation term.
      const lineHl = mix(t.accent!, t.bg!, 8);
      for (const fg of [...TEXT, ...TOKENS]) check(fg, lineHl, 'a lit code line');
      for (const k of GATE_KEYS) check(`gate-${k}`, mix(t[`gate-${k}`]!, t.bg!, 6), 'its lit term');
      expect(low).toEqual([]);
    });
  }
});
