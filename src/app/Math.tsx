/**
 * KaTeX, rendered once per formula. `\htmlClass{gate-f}{…}` is the only HTML extension allowed, so
 * equations can wear the gate colours defined in CSS (and follow the theme) without trusting any
 * other markup.
 */
import katex from 'katex';
import { useMemo } from 'react';

const OPTIONS = {
  throwOnError: false,
  strict: 'ignore',
  trust: (ctx: { command: string }) => ctx.command === '\\htmlClass',
} as const;

export function TeX({ tex, block = false }: { tex: string; block?: boolean }) {
  const html = useMemo(
    () => katex.renderToString(tex, { ...OPTIONS, displayMode: block }),
    [tex, block],
  );
  const Tag = block ? 'div' : 'span';
  // KaTeX escapes the formula's text itself; the string is ours, never the reader's.
  return <Tag className={block ? 'tex-block' : 'tex'} dangerouslySetInnerHTML={{ __html: html }} />;
}
