/**
 * `<lstm-notebook chapter="bias" cell="forward" params="units=16" theme="auto" hide="source">`:
 * the notebook in an iframe, for any page. Built as `embed.js` at the root of the site; the
 * iframe's URL is resolved against that file, so it works from any origin and sub-path.
 *
 * The iframe is created only when the element comes near the viewport: ten embeds on a page do
 * not start ten engines. Messages from the element's own iframe come out as DOM events
 * (`lstm-ready`, `lstm-result`, `lstm-state`, `lstm-error`; `detail` is the message);
 * `setParams`, `run` and `requestState` send the host API's messages to it.
 */
import {
  PREFIX,
  readEmbedMessage,
  readHostMessage,
  type EmbedMessage,
  type HostMessage,
} from './hostApi';
import {
  EMBED_ATTRIBUTES,
  checkAttributes,
  embedSrc,
  embedTitle,
  initialHeight,
  type EmbedParams,
  type EmbedTarget,
} from './embedUrl';

export const ELEMENT_NAME = 'lstm-notebook';

/** The element's public surface, for hosts written in TypeScript. */
export interface LstmNotebookElement extends HTMLElement {
  /** Change hyperparameters (URL spellings or numbers/booleans); the notebook checks them. */
  setParams(params: EmbedParams): void;
  /** Run one cell again, or every cell. */
  run(cell?: string): void;
  /** Ask for an `lstm-state` event with the current parameters. */
  requestState(): void;
}

/** Not a literal: Vite would try to bundle `new URL('<literal>', import.meta.url)` as an asset. */
const INDEX = './index.html';
/** How far outside the viewport an element starts its notebook. */
const ROOT_MARGIN = '200px';
const MAX_QUEUE = 32;

const CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
iframe { display: block; width: 100%; border: 0; }
.placeholder { box-sizing: border-box; border: 1px dashed color-mix(in srgb, currentColor 30%, transparent);
  border-radius: 6px; padding: 1rem; font: 0.9rem/1.4 system-ui, sans-serif; opacity: 0.7; }
.error { box-sizing: border-box; border: 1px solid #b00020; border-radius: 6px; padding: 0.75rem 1rem;
  color: #b00020; font: 0.9rem/1.4 system-ui, sans-serif; white-space: pre-wrap; }
`;

function styleFor(root: ShadowRoot): void {
  // A constructed sheet passes a host's `style-src` policy; a <style> element is the fallback.
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync === 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = CSS;
    root.append(style);
  }
}

function createClass(): CustomElementConstructor {
  return class extends HTMLElement implements LstmNotebookElement {
    static observedAttributes = [...EMBED_ATTRIBUTES];

    #root: ShadowRoot;
    #box: HTMLDivElement;
    #target: EmbedTarget | null = null;
    #iframe: HTMLIFrameElement | null = null;
    #origin = '';
    #ready = false;
    #queue: HostMessage[] = [];
    /** From `setParams`: kept across rebuilds of the URL, so a theme change keeps them. */
    #overrides: EmbedParams = {};
    #observer: IntersectionObserver | null = null;
    #scheduled = false;

    constructor() {
      super();
      this.#root = this.attachShadow({ mode: 'open' });
      styleFor(this.#root);
      this.#box = document.createElement('div');
      this.#root.append(this.#box);
    }

    connectedCallback() {
      window.addEventListener('message', this.#onMessage);
      this.#update();
    }

    disconnectedCallback() {
      window.removeEventListener('message', this.#onMessage);
      this.#stopObserving();
      // A moved iframe reloads anyway; a removed one should free its engine now.
      this.#dropFrame();
      this.#box.replaceChildren();
    }

    attributeChangedCallback(name: string, old: string | null, value: string | null) {
      if (old === value || !this.isConnected) return;
      if (name === 'params' && this.#iframe) {
        const check = checkAttributes(this.#attributes());
        if (check.ok && this.#sameFrame(check.target)) {
          // The frame applies new values itself; reloading it would throw its state away.
          for (const k of Object.keys(check.target.params)) delete this.#overrides[k];
          this.#target = check.target;
          this.#send({ type: 'lstm-notebook:set-params', params: check.target.params });
          return;
        }
      }
      // Several attributes set in a row rebuild once.
      if (this.#scheduled) return;
      this.#scheduled = true;
      queueMicrotask(() => {
        this.#scheduled = false;
        if (this.isConnected) this.#update();
      });
    }

    setParams(params: EmbedParams): void {
      const message = readHostMessage({ type: 'lstm-notebook:set-params', params });
      if (!message || message.type !== 'lstm-notebook:set-params')
        throw new TypeError('setParams takes an object of strings, numbers and booleans.');
      Object.assign(this.#overrides, message.params);
      // Before the iframe exists the values simply go into its URL.
      if (this.#iframe) this.#send(message);
    }

    run(cell?: string): void {
      const message = readHostMessage({ type: 'lstm-notebook:run', cell });
      if (!message) throw new TypeError('run takes a cell id or nothing.');
      // Before the iframe exists there is nothing to run again: it runs its cells when it loads.
      if (this.#iframe) this.#send(message);
    }

    requestState(): void {
      if (this.#iframe) this.#send({ type: 'lstm-notebook:get-state' });
    }

    #attributes() {
      const get = (n: (typeof EMBED_ATTRIBUTES)[number]) => this.getAttribute(n);
      return {
        chapter: get('chapter'),
        cell: get('cell'),
        figure: get('figure'),
        params: get('params'),
        theme: get('theme'),
        hide: get('hide'),
      };
    }

    /** Whether a target differs from the shown one in its parameters at most. */
    #sameFrame(t: EmbedTarget): boolean {
      const s = this.#target;
      return (
        !!s &&
        s.slug === t.slug &&
        s.id === t.id &&
        s.theme === t.theme &&
        s.hide.join() === t.hide.join()
      );
    }

    #update() {
      const check = checkAttributes(this.#attributes());
      if (!check.ok) {
        this.#target = null;
        this.#stopObserving();
        this.#dropFrame();
        const error = document.createElement('p');
        error.className = 'error';
        error.setAttribute('role', 'alert');
        error.textContent = `LSTM notebook: ${check.error}`;
        this.#box.replaceChildren(error);
        this.#emit({ type: 'lstm-notebook:error', message: check.error, field: check.field });
        return;
      }
      const unchanged = this.#iframe && this.#target && this.#sameFrame(check.target);
      this.#target = check.target;
      if (unchanged) return;
      this.#dropFrame();
      const placeholder = document.createElement('div');
      placeholder.className = 'placeholder';
      placeholder.style.height = `${initialHeight(check.target)}px`;
      placeholder.textContent = `${embedTitle(check.target)} (loads when scrolled into view)`;
      this.#box.replaceChildren(placeholder);
      this.#observe();
    }

    #observe() {
      if (this.#observer) return;
      if (typeof IntersectionObserver === 'undefined') {
        this.#createFrame();
        return;
      }
      this.#observer = new IntersectionObserver(
        (entries) => {
          if (!entries.some((e) => e.isIntersecting)) return;
          this.#stopObserving();
          this.#createFrame();
        },
        { rootMargin: ROOT_MARGIN },
      );
      this.#observer.observe(this);
    }

    #stopObserving() {
      this.#observer?.disconnect();
      this.#observer = null;
    }

    #createFrame() {
      const target = this.#target;
      if (!target || this.#iframe) return;
      const src = embedSrc(new URL(INDEX, import.meta.url), target, this.#overrides);
      const iframe = document.createElement('iframe');
      iframe.title = embedTitle(target);
      iframe.loading = 'lazy';
      iframe.allow = 'fullscreen';
      iframe.style.height = `${initialHeight(target)}px`;
      iframe.src = src;
      this.#origin = new URL(src).origin;
      this.#iframe = iframe;
      this.#ready = false;
      this.#queue = [];
      this.#box.replaceChildren(iframe);
    }

    #dropFrame() {
      this.#iframe?.remove();
      this.#iframe = null;
      this.#ready = false;
      this.#queue = [];
    }

    /** Post to the frame once it has said it is ready; until then, keep the message. */
    #send(message: HostMessage) {
      const frame = this.#iframe?.contentWindow;
      // A file: page has an opaque origin, and there is no origin to address the frame by.
      if (this.#origin === 'null') return;
      if (!frame || !this.#ready) {
        const last = this.#queue.at(-1);
        if (last?.type === 'lstm-notebook:set-params' && message.type === last.type) {
          last.params = { ...last.params, ...message.params };
        } else if (this.#queue.length < MAX_QUEUE) this.#queue.push(message);
        return;
      }
      frame.postMessage(message, this.#origin);
    }

    #onMessage = (event: MessageEvent) => {
      const iframe = this.#iframe;
      if (!iframe || event.source !== iframe.contentWindow || event.origin !== this.#origin) return;
      const message = readEmbedMessage(event.data);
      if (!message) return;
      if (message.type === 'lstm-notebook:resize') {
        iframe.style.height = `${Math.ceil(message.height)}px`;
        return;
      }
      if (message.type === 'lstm-notebook:ready') {
        this.#ready = true;
        const queued = this.#queue;
        this.#queue = [];
        for (const m of queued) this.#send(m);
      }
      this.#emit(message);
    };

    #emit(message: Exclude<EmbedMessage, { type: 'lstm-notebook:resize' }>) {
      const name = `lstm-${message.type.slice(PREFIX.length)}`;
      this.dispatchEvent(new CustomEvent(name, { detail: message, bubbles: true, composed: true }));
    }
  };
}

/** Define `<lstm-notebook>` once, however many times embed.js is imported. */
export function defineLstmNotebook(): void {
  if (typeof customElements === 'undefined' || customElements.get(ELEMENT_NAME)) return;
  customElements.define(ELEMENT_NAME, createClass());
}

defineLstmNotebook();
