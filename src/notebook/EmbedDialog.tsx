/**
 * "Embed": what an instructor copies into a course page for this chapter, one of its cells or one
 * of their figures. The snippets (iframe, web component, plain link) are built from the reader's
 * current settings with the chosen options, beside a live preview of exactly that URL.
 */
import { useId, useRef, useState } from 'react';
import {
  EMBED_CELLS,
  EMBED_FIGURES,
  HIDE_PARTS,
  THEMES,
  embedHash,
  type EmbedSlug,
  type EmbedTheme,
  type HidePart,
} from '../embed/hostApi';
import { FIGURE_CELL } from '../state/embedRoute';
import { findChapter } from '../state/chapters';
import { defaultsFor } from '../state/hyperparams';
import { store, useStore } from '../state/store';
import { encodeEmbedOptions, encodeQuery } from '../state/urlCodec';

const HIDE_LABEL: Record<HidePart, string> = {
  controls: 'Lock the settings (hide the fields, keep the values)',
  source: 'Hide the source code',
  prose: 'Hide the chapter’s text',
};

/** The embed URL of `id` (null: the chapter) with the reader's settings and these options. */
function embedUrl(slug: EmbedSlug, id: string | null, theme: EmbedTheme, hide: HidePart[]) {
  const s = store.getState();
  const profile = findChapter(slug)?.profile ?? 'forward';
  const query = [
    encodeQuery(s.hyper[profile], defaultsFor(profile)),
    encodeEmbedOptions(theme === 'auto' ? null : theme, hide),
  ]
    .filter(Boolean)
    .join('&');
  const base = new URL('index.html', window.location.href.split('#')[0]);
  base.search = '';
  return base.toString() + embedHash(slug, id, query);
}

/** Where each figure sits on the page, to measure the height an iframe of it needs. */
const FIGURE_SELECTOR: Record<string, string> = {
  'cell-diagram': '[data-testid="cell-diagram"]',
  heatmaps: '.heatmap-grid',
  equivalence: '[data-testid="equivalence"]',
  'loss-curve': '[data-testid="loss-chart"]',
  'gate-norms': '[data-testid="gate-norms"]',
  predictions: '[data-testid="predictions"] .prediction-plot',
};

/** The embed bar and the page's padding around a figure shown alone. */
const FRAME_PX = 80;

const attr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

function Snippet({ label, text, testId }: { label: string; text: string; testId: string }) {
  const [copied, setCopied] = useState(false);
  const id = useId();
  const copy = () =>
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  return (
    <div className="embed-snippet">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} readOnly value={text} rows={3} data-testid={testId} />
      <button type="button" onClick={copy}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}

/**
 * The Embed button and its dialog, for a cell (`cell` set) or a whole chapter. The height in the
 * iframe snippet is the element's measured height now; the embed keeps it right by itself.
 */
export function EmbedButton({ cell, measure }: { cell?: string; measure: () => number }) {
  const slug = useStore((s) => s.slug) as EmbedSlug;
  const dialog = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<string | null>(cell ?? null);
  const [theme, setTheme] = useState<EmbedTheme>('auto');
  const [hide, setHide] = useState<HidePart[]>([]);
  const [height, setHeight] = useState(600);
  if (!Object.hasOwn(EMBED_CELLS, slug)) return null;
  const figures = (EMBED_FIGURES[slug] as readonly string[]).filter(
    (f) => cell === undefined || FIGURE_CELL[f] === cell,
  );
  const choices = cell ? [cell, ...figures] : [null, ...figures];
  const url = embedUrl(slug, target, theme, hide);
  const title = `LSTM notebook: ${findChapter(slug)?.title ?? slug}${target ? `, ${target}` : ''}`;
  const iframe = `<iframe src="${attr(url)}" title="${attr(title)}" width="100%" height="${height}" loading="lazy" allow="fullscreen" style="border:0"></iframe>`;
  const script = new URL('embed.js', window.location.href.split('#')[0]).toString();
  const params = (url.split('?')[1] ?? '')
    .split('&')
    .filter((p) => !/^(theme|hide)=/.test(p))
    .join('&');
  const component = [
    `<script type="module" src="${attr(script)}"></script>`,
    `<lstm-notebook chapter="${slug}"${
      target ? ` ${FIGURE_CELL[target] !== undefined ? 'figure' : 'cell'}="${target}"` : ''
    }${params ? ` params="${attr(params)}"` : ''} theme="${theme}"${
      hide.length ? ` hide="${hide.join(',')}"` : ''
    }></lstm-notebook>`,
  ].join('\n');

  const heightOf = (what: string | null) => {
    const el = what && FIGURE_SELECTOR[what] && document.querySelector(FIGURE_SELECTOR[what]!);
    return Math.max(200, Math.ceil(el ? el.getBoundingClientRect().height + FRAME_PX : measure()));
  };
  const pick = (what: string | null) => {
    setTarget(what);
    setHeight(heightOf(what));
  };
  const show = () => {
    setHeight(heightOf(target));
    setOpen(true);
    dialog.current?.showModal();
    // The dialog's content renders on the next commit; focus its first field then.
    requestAnimationFrame(() => dialog.current?.querySelector('select')?.focus());
  };
  const toggle = (part: HidePart) =>
    setHide((h) => (h.includes(part) ? h.filter((p) => p !== part) : [...h, part]));

  return (
    <>
      <button
        type="button"
        className="embed-button"
        onClick={show}
        data-testid={cell ? `embed-${cell}` : 'embed-chapter'}
      >
        Embed
      </button>
      <dialog
        ref={dialog}
        className="embed-dialog"
        aria-label="Embed in a course page"
        onClose={() => setOpen(false)}
      >
        {open && (
          <>
            <h2>Embed in a course page</h2>
            <div className="embed-options">
              <label>
                What{' '}
                <select
                  value={target ?? ''}
                  onChange={(e) => pick(e.target.value || null)}
                  data-testid="embed-target"
                >
                  {choices.map((c) => (
                    <option key={c ?? 'chapter'} value={c ?? ''}>
                      {c === null
                        ? 'the whole chapter'
                        : figures.includes(c)
                          ? `figure: ${c}`
                          : `cell: ${c}`}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Theme{' '}
                <select value={theme} onChange={(e) => setTheme(e.target.value as EmbedTheme)}>
                  {THEMES.map((t) => (
                    <option key={t}>{t}</option>
                  ))}
                </select>
              </label>
              {HIDE_PARTS.map((p) => (
                <label key={p}>
                  <input
                    type="checkbox"
                    checked={hide.includes(p)}
                    onChange={() => toggle(p)}
                    data-testid={`embed-hide-${p}`}
                  />{' '}
                  {HIDE_LABEL[p]}
                </label>
              ))}
            </div>
            <Snippet label="iframe (any course page)" text={iframe} testId="embed-iframe" />
            <Snippet
              label="Web component (pages that allow a script)"
              text={component}
              testId="embed-component"
            />
            <Snippet label="Link" text={url} testId="embed-link" />
            <p className="muted">Ids of cells and figures are stable; the README lists them.</p>
            <iframe className="embed-preview" src={url} title={`Preview: ${title}`} />
            <form method="dialog">
              <button type="submit">Close</button>
            </form>
          </>
        )}
      </dialog>
    </>
  );
}
