import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { expect, test } from 'vitest';
import { OptionsPanel } from '../../../src/app/OptionsPanel';
import { BIAS_INIT_NAMES, INIT_NAMES } from '../../../src/lstm/experimentTypes';

/** The option values of the select with this test id, in order. */
function optionsOf(html: string, testId: string): string[] {
  const select = new RegExp(`<select[^>]*data-testid="${testId}"[^>]*>(.*?)</select>`).exec(html);
  if (!select) throw new Error(`no select ${testId}`);
  return [...select[1]!.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]!);
}

test('chapter 4 offers orthogonal for the kernels but not for the bias', () => {
  const html = renderToStaticMarkup(createElement(OptionsPanel));
  expect(optionsOf(html, 'option-kernelInitializer')).toEqual([...INIT_NAMES]);
  expect(optionsOf(html, 'option-recurrentInitializer')).toEqual([...INIT_NAMES]);
  expect(optionsOf(html, 'option-biasInitializer')).toEqual([...BIAS_INIT_NAMES]);
  expect(optionsOf(html, 'option-biasInitializer')).not.toContain('orthogonal');
});
