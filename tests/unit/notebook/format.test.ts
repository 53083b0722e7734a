import { describe, expect, it } from 'vitest';
import { fmtF32, fmtShape, preview } from '../../../src/notebook/format';

describe('number formatting', () => {
  it('prints sums as NumPy prints a float32', () => {
    expect(fmtF32(25.964833354829082)).toBe('25.964834');
    expect(fmtF32(0.1)).toBe('0.1');
    expect(fmtF32(-3)).toBe('-3');
    expect(fmtF32(NaN)).toBe('NaN');
  });

  it('prints shapes and previews', () => {
    expect(fmtShape([10, 5, 32])).toBe('[10, 5, 32]');
    expect(preview([1, 2], 6)).toBe('[1.00000, 2.00000]');
    expect(preview([1, 2, 3], 2)).toBe('[1.00000, 2.00000, …]');
  });
});
