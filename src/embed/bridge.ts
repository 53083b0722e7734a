/**
 * The host API on the embedded page (v1, see hostApi.ts): tells the page around the iframe that
 * the notebook is ready, every result, every change of its parameters and every error, and takes
 * set-params, run and get-state from it. Parameters from a host go through the same URL codec and
 * work budget as a link; an invalid one is answered with an error and changes nothing. Replies go
 * to the asking window's origin, other messages to the parent's origin; only the first `ready`
 * is broadcast. No React: it reads and writes the store.
 */
import { overBudget } from '../state/budgetCheck';
import { findChapter } from '../state/chapters';
import { PROFILE_FIELDS, type HyperKey, type Hyperparameters } from '../state/hyperparams';
import { store } from '../state/store';
import { HYPER_CODECS, parseField, type Codec } from '../state/urlCodec';
import {
  EMBED_CELLS,
  EMBED_FIGURES,
  HOST_API_VERSION,
  readHostMessage,
  type EmbedMessage,
  type EmbedSlug,
} from './hostApi';

/** Host origins this build talks to, from VITE_EMBED_ORIGINS (comma-separated); empty: any. */
function allowList(): Set<string> {
  const raw = (import.meta.env.VITE_EMBED_ORIGINS as string | undefined) ?? '';
  return new Set(
    raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

/** The parent page's origin, as the browser reports it (null when it cannot be known). */
function parentOrigin(): string | null {
  const ancestors = window.location.ancestorOrigins;
  if (ancestors && ancestors.length > 0) return ancestors[0] ?? null;
  try {
    return document.referrer ? new URL(document.referrer).origin : null;
  } catch {
    return null;
  }
}

type State = ReturnType<typeof store.getState>;

const profileOf = (s: State) => findChapter(s.slug)?.profile ?? 'forward';

/** Every parameter the chapter uses, as the URL writes it. */
export function paramsOf(s: State): Record<string, string> {
  const profile = profileOf(s);
  const h = s.hyper[profile];
  return Object.fromEntries(
    PROFILE_FIELDS[profile].map((k) => [
      k,
      (HYPER_CODECS[k] as Codec<Hyperparameters[typeof k]>).serialize(h[k]),
    ]),
  );
}

/**
 * Check a host's parameters as a link's are checked; all or nothing. Returns the error to
 * answer with, or null once every value is applied.
 */
export function applyParams(
  params: Record<string, string | number | boolean>,
): { message: string; field?: string } | null {
  const s = store.getState();
  const profile = profileOf(s);
  const allowed: readonly HyperKey[] = PROFILE_FIELDS[profile];
  const keys = Object.keys(params);
  if (keys.length === 0) return { message: 'set-params needs at least one parameter.' };
  const next: Partial<Hyperparameters> = {};
  for (const key of keys) {
    const field = allowed.find((k) => k === key);
    if (!field) {
      return {
        message: `Unknown parameter "${key.slice(0, 40)}": this chapter takes ${allowed.join(', ')}.`,
        field: key.slice(0, 40),
      };
    }
    const r = parseField(field, String(params[key]));
    if (!r.ok) return { message: r.error, field };
    (next as Record<string, unknown>)[field] = r.value;
  }
  const merged = { ...s.hyper[profile], ...next };
  const over = overBudget(profile, merged, keys[keys.length - 1] as HyperKey);
  if (over) return { message: over.message, field: over.field };
  for (const [k, v] of Object.entries(next)) {
    s.setHyper(profile, k as HyperKey, v as Hyperparameters[HyperKey]);
  }
  return null;
}

/** The cells and figures this embed shows, by id. */
function onPage(s: State): { cells: string[]; figures: string[] } {
  const slug = s.slug as EmbedSlug;
  const cells: readonly string[] = EMBED_CELLS[slug] ?? [];
  const figures: readonly string[] = EMBED_FIGURES[slug] ?? [];
  const target = s.embedView?.target;
  if (!target || target.kind === 'chapter') return { cells: [...cells], figures: [...figures] };
  return target.kind === 'cell'
    ? { cells: [target.id], figures: [] }
    : { cells: [], figures: [target.id] };
}

/** Start talking to the page around the iframe; returns the function that stops it. */
export function startBridge(): () => void {
  if (window.parent === window) return () => undefined;
  const allowed = allowList();
  const parent = parentOrigin();
  const trusted = (origin: string | null) =>
    origin !== null && (allowed.size === 0 || allowed.has(origin));
  /** Where messages go: the host that spoke to us, else the parent page. */
  let host: string | null = null;
  const send = (message: EmbedMessage, to: string | null = host ?? parent) => {
    if (to && trusted(to)) window.parent.postMessage(message, to);
  };

  const s0 = store.getState();
  const ready: EmbedMessage = {
    type: 'lstm-notebook:ready',
    version: HOST_API_VERSION,
    slug: s0.slug,
    ...onPage(s0),
  };
  // The one broadcast: a host cannot be told anything before it knows the frame is there.
  if (allowed.size === 0) window.parent.postMessage(ready, '*');
  else send(ready, parent);

  const onMessage = (event: MessageEvent) => {
    if (event.source !== window.parent || !trusted(event.origin)) return;
    const message = readHostMessage(event.data);
    if (!message) return;
    host = event.origin;
    const reply = (m: EmbedMessage) => send(m, event.origin);
    const s = store.getState();
    switch (message.type) {
      case 'lstm-notebook:set-params': {
        const error = applyParams(message.params);
        if (error) reply({ type: 'lstm-notebook:error', ...error });
        return;
      }
      case 'lstm-notebook:run': {
        if (message.cell !== undefined && !onPage(s).cells.includes(message.cell)) {
          reply({
            type: 'lstm-notebook:error',
            message: `No cell "${message.cell.slice(0, 40)}" in this embed; it has ${onPage(s).cells.join(', ') || 'none'}.`,
          });
          return;
        }
        s.requestRunAll();
        return;
      }
      case 'lstm-notebook:get-state':
        reply({ type: 'lstm-notebook:state', params: paramsOf(s) });
        return;
    }
  };
  window.addEventListener('message', onMessage);

  const unsubscribe = store.subscribe((s, prev) => {
    const profile = profileOf(s);
    if (s.hyper[profile] !== prev.hyper[profile]) {
      send({ type: 'lstm-notebook:state', params: paramsOf(s) });
    }
    if (s.results !== prev.results) {
      for (const [cell, r] of Object.entries(s.results)) {
        if (prev.results[cell] !== r)
          send({ type: 'lstm-notebook:result', cell, values: r.values });
      }
    }
    // Scores: what was checked or answered, and how it went; never the code that was written.
    const idOf = (key: string) => key.slice(key.indexOf('/') + 1);
    if (s.exercises !== prev.exercises) {
      for (const [key, p] of Object.entries(s.exercises)) {
        if (prev.exercises[key] === p) continue;
        const { passed, attempts } = p;
        send({ type: 'lstm-notebook:score', id: idOf(key), kind: 'exercise', passed, attempts });
      }
    }
    if (s.questions !== prev.questions) {
      for (const [key, q] of Object.entries(s.questions)) {
        if (prev.questions[key] === q) continue;
        const { correct: passed, attempts } = q;
        send({ type: 'lstm-notebook:score', id: idOf(key), kind: 'prediction', passed, attempts });
      }
    }
    if (s.lastError && s.lastError !== prev.lastError) {
      send({ type: 'lstm-notebook:error', message: s.lastError.message.slice(0, 2000) });
    }
  });
  return () => {
    window.removeEventListener('message', onMessage);
    unsubscribe();
  };
}

/** Tell the host how tall the embed is (and Canvas, Brightspace and Sakai, in their words). */
export function postHeight(height: number): void {
  if (window.parent === window) return;
  const allowed = allowList();
  const to = parentOrigin();
  // A height says nothing about the reader: it may go where the parent's origin is unknown.
  const target = allowed.size === 0 ? (to ?? '*') : to && allowed.has(to) ? to : null;
  if (!target) return;
  window.parent.postMessage({ type: 'lstm-notebook:resize', height }, target);
  window.parent.postMessage({ subject: 'lti.frameResize', height }, target);
}
