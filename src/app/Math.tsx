/**
 * KaTeX, rendered once per formula. The chapters' formulas come rendered from the build (see
 * tex.ts), so they paint with the text; any other formula shows its TeX source until KaTeX, loaded
 * on first need, has rendered it.
 */
import { useEffect, useState } from 'react';
import prerendered from 'virtual:prerendered-tex';
import { KATEX_OPTIONS, texKey } from './tex';

export function TeX({ tex, block = false }: { tex: string; block?: boolean }) {
  const ready = prerendered[texKey(tex, block)];
  const [rendered, setRendered] = useState<{ key: string; html: string } | null>(null);
  const key = texKey(tex, block);
  useEffect(() => {
    if (ready) return;
    let live = true;
    void import('katex').then(({ default: katex }) => {
      const html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: block });
      if (live) setRendered({ key, html });
    });
    return () => {
      live = false;
    };
  }, [ready, key, tex, block]);
  const html = ready ?? (rendered?.key === key ? rendered.html : null);
  const Tag = block ? 'div' : 'span';
  const className = block ? 'tex-block' : 'tex';
  if (html === null) return <Tag className={`${className} tex-source`}>{tex}</Tag>;
  // KaTeX escapes the formula's text itself; the string is ours, never the reader's.
  return <Tag className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
