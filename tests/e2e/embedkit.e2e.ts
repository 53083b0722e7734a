/**
 * The embed kit in Chromium: the build under a sub-path, offline through sw.js, and the
 * <lstm-notebook> element (lazy iframes, its message handling against a stub frame, cross-origin).
 *
 * The tests in the last block need the embed frame (`#/embed/...` posting the host API's
 * messages) and the app's call of `registerOffline`, which land separately: they fail until then.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { cellsSettled, launch, watchErrors } from './chromium';
import { serveStatic, type StaticServer } from './staticServer';

const SUB = '/sub/notebook/';
const VIEWPORT = { width: 1280, height: 900 };
const EVENTS = ['lstm-ready', 'lstm-result', 'lstm-state', 'lstm-error'];

let browser: Browser;
/** The build under a sub-path, with CORS as GitHub Pages sends it. Also serves a stub frame. */
let site: StaticServer;
/** Another origin: a host page embedding from `site`. */
let host: StaticServer;

/** The iframe page the component loads in the protocol tests: it records what it is sent. */
/** No icon request (a 404 would be a console error). */
const NO_ICON = '<link rel="icon" href="data:,">';

const STUB_FRAME = `<!doctype html><html lang="en"><meta charset="utf-8">${NO_ICON}<title>stub</title>
<body>stub frame<script>
  window.got = [];
  addEventListener('message', (e) => got.push({ data: e.data, origin: e.origin }));
  window.say = (m) => parent.postMessage(m, '*');
</script></body></html>`;

const hostPage = (embedJs: string) => `<!doctype html><html lang="en"><meta charset="utf-8">
${NO_ICON}<title>host</title><body><script>
  window.events = [];
  for (const name of ${JSON.stringify(EVENTS)})
    document.addEventListener(name, (e) => events.push({
      name, id: e.target.id, detail: e.detail, bubbles: e.bubbles, composed: e.composed,
    }));
</script><script type="module" src="${embedJs}"></script></body></html>`;

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
  site = await serveStatic({
    mounts: { [SUB]: 'dist' },
    pages: {
      '/stub/embed.js': () => readFile('dist/embed.js', 'utf8'),
      '/stub/index.html': STUB_FRAME,
      '/blank.html': `<!doctype html><html lang="en">${NO_ICON}<title>blank</title><body></body></html>`,
    },
    cors: true,
  });
  host = await serveStatic({
    pages: {
      '/host.html': hostPage(`${site.origin}/stub/embed.js`),
      '/stub.html': STUB_FRAME,
      '/blank.html': `<!doctype html><html lang="en">${NO_ICON}<title>blank</title><body></body></html>`,
    },
  });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await host?.close();
});

/** Requests that left for another origin than `origin` (data: and blob: URLs stay local). */
function watchOrigins(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = r.url();
    if (!/^(data|blob):/.test(url) && new URL(url).origin !== origin) foreign.push(url);
  });
  return foreign;
}

async function newPage(context?: BrowserContext) {
  const page = await (context ?? browser).newPage({ viewport: VIEWPORT });
  return { page, errors: watchErrors(page) };
}

/** The `src` of an element's iframe, or null while it has none. */
const iframeSrc = (page: Page, id: string) =>
  page.evaluate(
    (i) => document.getElementById(i)?.shadowRoot?.querySelector('iframe')?.src ?? null,
    id,
  );

async function frameOf(page: Page, id: string): Promise<Frame> {
  await page.waitForFunction(
    (i) => !!document.getElementById(i)?.shadowRoot?.querySelector('iframe'),
    id,
  );
  const handle = await page.locator(`#${id} iframe`).elementHandle();
  const frame = await handle?.contentFrame();
  if (!frame) throw new Error(`#${id} has no iframe`);
  return frame;
}

const iframeHeight = (page: Page, id: string) =>
  page.evaluate(
    (i) => document.getElementById(i)?.shadowRoot?.querySelector('iframe')?.style.height,
    id,
  );

describe('under a sub-path', () => {
  test('#/bias computes at /sub/notebook/, and nothing is asked of another origin', async () => {
    const { page, errors } = await newPage();
    const foreign = watchOrigins(page, site.origin);
    const paths: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(site.origin)) paths.push(new URL(r.url()).pathname);
    });
    // The folder itself, as a reader types it: index.html comes from the server's default.
    await page.goto(`${site.origin}${SUB}#/bias`);
    await cellsSettled(page);
    expect(await page.locator('.cell[data-status="done"]').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('match-badge').first().getAttribute('data-match')).toBe('true');
    // Computed in the engine worker, which loaded (with its chunks) from the sub-path.
    expect(await page.getByTestId('backend-badge').getAttribute('data-backend')).toBe('webgl');
    expect(paths.some((p) => /^\/sub\/notebook\/assets\/worker-[\w-]+\.js$/.test(p))).toBe(true);
    expect(paths.filter((p) => !p.startsWith(SUB))).toEqual([]);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('offline', () => {
  test('after one visit, #/bias renders and computes with the server gone', async () => {
    const own = await serveStatic({ mounts: { [SUB]: 'dist' } });
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      const { page, errors } = await newPage(context);
      await page.goto(`${own.origin}${SUB}index.html#/bias`);
      // The app will call registerOffline (the lead's part); until it does, register the same
      // file the same way, relative to the page.
      await page.evaluate(async () => {
        const sw = navigator.serviceWorker;
        if (!(await sw.getRegistration())) await sw.register('./sw.js');
        await sw.ready;
      });
      // The worker claims the page when it activates; a reload is the fallback.
      const controlled = () => page.evaluate(() => !!navigator.serviceWorker.controller);
      if (!(await controlled())) await page.reload();
      await page.waitForFunction(() => !!navigator.serviceWorker.controller, null, {
        timeout: 15_000,
      });
      await cellsSettled(page);

      const cache = await page.evaluate(async () => {
        const names = await caches.keys();
        const urls = names[0] ? (await (await caches.open(names[0])).keys()).map((r) => r.url) : [];
        const reg = await navigator.serviceWorker.getRegistration();
        return { names, urls, scope: reg?.scope };
      });
      expect(cache.scope).toBe(`${own.origin}${SUB}`);
      expect(cache.names).toEqual([expect.stringMatching(/^lstm-notebook .+ [0-9a-f]{16}$/)]);
      expect(cache.names[0]).toContain(`${own.origin}${SUB}`);
      const files = cache.urls.map((u) => u.slice(`${own.origin}${SUB}`.length));
      for (const f of ['index.html', 'embed.js', 'examples/component.html', 'favicon.svg'])
        expect(files).toContain(f);
      for (const re of [/^assets\/worker-.+\.js$/, /^assets\/tfjs-.+\.js$/, /\.woff2$/, /\.css$/])
        expect(files.some((f) => re.test(f))).toBe(true);
      expect(files).not.toContain('sw.js');
      expect(files.some((f) => f.startsWith('.vite/'))).toBe(false);

      await own.close();
      await context.setOffline(true);
      const before = own.requests.length;
      await page.reload();
      await cellsSettled(page);
      expect(await page.locator('.cell[data-status="done"]').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('match-badge').first().getAttribute('data-match')).toBe('true');
      expect(await page.getByTestId('backend-badge').getAttribute('data-backend')).toBe('webgl');
      // Every precached file answers, the chunks other chapters load lazily too.
      const statuses = await page.evaluate(
        (urls) => Promise.all(urls.map(async (u) => (await fetch(u)).status)),
        cache.urls,
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(own.requests.length).toBe(before);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await own.close();
    }
  });
});

describe('<lstm-notebook>', () => {
  test('importing embed.js defines the element and creates nothing, however often', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${host.origin}/blank.html`);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(site.origin)) asked.push(r.url());
    });
    // A string, not a function: Vitest would rewrite a function's `import()` for Node.
    const after = await page.evaluate(`(async (url) => {
      const nodes = document.querySelectorAll('*').length;
      await import(url);
      const first = customElements.get('lstm-notebook');
      // A second copy of the module (another URL) must not define the element again.
      await import(url + '?again');
      await new Promise((r) => setTimeout(r, 500));
      return {
        defined: !!first,
        same: customElements.get('lstm-notebook') === first,
        added: document.querySelectorAll('*').length - nodes,
        iframes: document.querySelectorAll('iframe').length,
      };
    })(${JSON.stringify(`${site.origin}${SUB}embed.js`)})`);
    expect(after).toEqual({ defined: true, same: true, added: 0, iframes: 0 });
    expect(asked).toEqual([`${site.origin}${SUB}embed.js`, `${site.origin}${SUB}embed.js?again`]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('component.html: only the element near the viewport has an iframe, the other waits for the scroll', async () => {
    const { page, errors } = await newPage();
    const foreign = watchOrigins(page, site.origin);
    const frames: string[] = [];
    page.on('request', (r) => {
      if (r.isNavigationRequest() && r.frame() !== page.mainFrame())
        frames.push(r.url().split('#')[0] ?? '');
    });
    await page.goto(`${site.origin}${SUB}examples/component.html`);
    await page.evaluate(() => customElements.whenDefined('lstm-notebook'));
    expect(await page.locator('lstm-notebook').count()).toBe(2);
    await frameOf(page, 'first');
    expect(await iframeSrc(page, 'first')).toBe(
      `${site.origin}${SUB}index.html#/embed/bias/forward?theme=auto&hide=source`,
    );
    // Give the far one every chance to start: it must not.
    await page.waitForTimeout(1500);
    expect(await iframeSrc(page, 'second')).toBeNull();
    expect(await page.locator('#second .placeholder').innerText()).toMatch(
      /loads when scrolled into view/,
    );
    expect(frames).toEqual([`${site.origin}${SUB}index.html`]);

    await page.locator('#second').scrollIntoViewIfNeeded();
    await frameOf(page, 'second');
    expect(await iframeSrc(page, 'second')).toBe(
      `${site.origin}${SUB}index.html#/embed/training/loss-curve?epochs=10`,
    );
    expect(frames).toHaveLength(2);
    const attrs = await page.evaluate(() => {
      const f = document.getElementById('second')?.shadowRoot?.querySelector('iframe');
      const style = f && getComputedStyle(f);
      return {
        title: f?.title,
        loading: f?.getAttribute('loading'),
        allow: f?.getAttribute('allow'),
        border: style?.borderTopWidth,
        fullWidth:
          f?.getBoundingClientRect().width === document.getElementById('second')?.clientWidth,
        // The starting height (480px) until the frame reports its own: either way, pixels.
        height: /^\d+(\.\d+)?px$/.test(f?.style.height ?? ''),
      };
    });
    expect(attrs).toEqual({
      title: 'LSTM notebook: chapter "training", figure "loss-curve"',
      loading: 'lazy',
      allow: 'fullscreen',
      border: '0px',
      fullWidth: true,
      height: true,
    });
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('iframe.html: both iframes load the embed routes from the sub-path', async () => {
    const { page, errors } = await newPage();
    const foreign = watchOrigins(page, site.origin);
    await page.goto(`${site.origin}${SUB}examples/iframe.html`);
    const srcs = await page.evaluate(() =>
      [...document.querySelectorAll('iframe')].map((f) => f.src),
    );
    expect(srcs).toEqual([
      `${site.origin}${SUB}index.html#/embed/bias`,
      `${site.origin}${SUB}index.html#/embed/training/loss-curve`,
    ]);
    // A message is printed as text, whatever it holds.
    await page.evaluate(() => window.postMessage({ html: '<img src=x>' }, '*'));
    await page.waitForFunction(() => document.getElementById('log')?.textContent?.includes('<img'));
    expect(await page.locator('#log img').count()).toBe(0);
    expect(foreign).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  describe('against a stub frame, from another origin', () => {
    let page: Page;
    let errors: string[];
    const stub = (query: string) => `${site.origin}/stub/index.html#/embed/${query}`;
    const events = () =>
      page.evaluate(
        () =>
          (
            window as unknown as {
              events: { name: string; id: string; detail: unknown; bubbles: boolean }[];
            }
          ).events,
      );
    const got = (frame: Frame) =>
      frame.evaluate(() => (window as unknown as { got: { data: unknown; origin: string }[] }).got);
    const say = (frame: Frame, message: unknown) =>
      frame.evaluate((m) => (window as unknown as { say: (m: unknown) => void }).say(m), message);
    const ready = (slug: string) => ({
      type: 'lstm-notebook:ready',
      version: 1,
      slug,
      cells: ['forward'],
      figures: [],
    });
    /** Lets messages already posted arrive before checking that nothing happened. */
    const settle = () => page.waitForTimeout(300);

    beforeAll(async () => {
      ({ page, errors } = await newPage());
      await page.goto(`${host.origin}/host.html`);
      await page.evaluate(() => customElements.whenDefined('lstm-notebook'));
    });
    afterAll(async () => {
      await page?.close();
    });

    test('messages: resize and events from its own iframe only; calls wait for ready, then go to the iframe’s origin', async () => {
      await page.evaluate(() => {
        const make = (id: string, attrs: Record<string, string>) => {
          const el = document.createElement('lstm-notebook');
          el.id = id;
          for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
          document.body.append(el);
        };
        make('a', {
          chapter: 'bias',
          cell: 'forward',
          params: 'units=8',
          theme: 'dark',
          hide: 'source',
        });
        make('b', { chapter: 'training', figure: 'loss-curve' });
      });
      const fa = await frameOf(page, 'a');
      const fb = await frameOf(page, 'b');
      await fa.waitForFunction(() => 'got' in window);
      await fb.waitForFunction(() => 'got' in window);
      expect(await iframeSrc(page, 'a')).toBe(stub('bias/forward?units=8&theme=dark&hide=source'));
      expect(await iframeHeight(page, 'a')).toBe('640px');
      expect(await iframeHeight(page, 'b')).toBe('480px');

      // Before the frame says it is ready, calls wait (two setParams become one message).
      await page.evaluate(() => {
        const a = document.getElementById('a') as HTMLElement & {
          setParams(p: object): void;
          run(c?: string): void;
          requestState(): void;
        };
        a.setParams({ units: 16 });
        a.setParams({ seed: 3 });
        a.run('forward');
        a.requestState();
      });
      await settle();
      expect(await got(fa)).toEqual([]);
      await say(fa, ready('bias'));
      await fa.waitForFunction(() => (window as unknown as { got: unknown[] }).got.length >= 3);
      expect(await got(fa)).toEqual([
        {
          data: { type: 'lstm-notebook:set-params', params: { units: 16, seed: 3 } },
          origin: host.origin,
        },
        { data: { type: 'lstm-notebook:run', cell: 'forward' }, origin: host.origin },
        { data: { type: 'lstm-notebook:get-state' }, origin: host.origin },
      ]);
      expect(await got(fb)).toEqual([]);

      // Resize: each element applies its own iframe's, and nobody else's.
      await say(fa, { type: 'lstm-notebook:resize', height: 431.2 });
      await page.waitForFunction(
        () =>
          document.getElementById('a')?.shadowRoot?.querySelector('iframe')?.style.height ===
          '432px',
      );
      await say(fb, { type: 'lstm-notebook:resize', height: 300 });
      await page.evaluate(() =>
        window.postMessage({ type: 'lstm-notebook:resize', height: 999 }, '*'),
      );
      await say(fa, { type: 'lstm-notebook:resize', height: -5 });
      await say(fa, { type: 'lstm-notebook:resize', height: '700' });
      await settle();
      expect(await iframeHeight(page, 'a')).toBe('432px');
      expect(await iframeHeight(page, 'b')).toBe('300px');

      // Events: the host API's messages as bubbling, composed DOM events; junk is dropped.
      const result = {
        type: 'lstm-notebook:result',
        cell: 'forward',
        values: { sums: { custom: 25.964834 }, maxDiff: 0, match: true },
      };
      await say(fa, '<img src=x>');
      await say(fa, { type: 'lstm-notebook:result', cell: 'forward' });
      await say(fa, { ...result, extra: '<script>' });
      await say(fa, { type: 'lstm-notebook:state', params: { units: '16' } });
      await say(fa, { type: 'lstm-notebook:error', message: 'Units must be…', field: 'units' });
      await page.waitForFunction(
        () => (window as unknown as { events: unknown[] }).events.length >= 4,
      );
      await settle();
      expect(await events()).toEqual([
        { name: 'lstm-ready', id: 'a', detail: ready('bias'), bubbles: true, composed: true },
        { name: 'lstm-result', id: 'a', detail: result, bubbles: true, composed: true },
        {
          name: 'lstm-state',
          id: 'a',
          detail: { type: 'lstm-notebook:state', params: { units: '16' } },
          bubbles: true,
          composed: true,
        },
        {
          name: 'lstm-error',
          id: 'a',
          detail: { type: 'lstm-notebook:error', message: 'Units must be…', field: 'units' },
          bubbles: true,
          composed: true,
        },
      ]);

      // Once ready, calls go at once; bad arguments throw.
      const thrown = await page.evaluate(() => {
        const a = document.getElementById('a') as HTMLElement & {
          setParams(p: unknown): void;
          run(c?: unknown): void;
        };
        a.setParams({ units: 32 });
        a.run();
        const errorsOf = (f: () => void) => {
          try {
            f();
            return null;
          } catch (e) {
            return (e as Error).name;
          }
        };
        return [
          errorsOf(() => a.setParams('units=4')),
          errorsOf(() => a.setParams({ units: { n: 4 } })),
          errorsOf(() => a.run(5)),
        ];
      });
      expect(thrown).toEqual(['TypeError', 'TypeError', 'TypeError']);
      await fa.waitForFunction(() => (window as unknown as { got: unknown[] }).got.length >= 5);
      expect((await got(fa)).slice(3).map((m) => m.data)).toEqual([
        { type: 'lstm-notebook:set-params', params: { units: 32 } },
        { type: 'lstm-notebook:run' },
      ]);

      // A params attribute change is sent, not reloaded: the same document receives it.
      await page.evaluate(() => document.getElementById('a')?.setAttribute('params', 'units=64'));
      await fa.waitForFunction(() => (window as unknown as { got: unknown[] }).got.length >= 6);
      expect((await got(fa))[5]?.data).toEqual({
        type: 'lstm-notebook:set-params',
        params: { units: '64' },
      });
      expect(await iframeSrc(page, 'a')).toBe(stub('bias/forward?units=8&theme=dark&hide=source'));

      // Other attributes rebuild the URL in a new iframe, keeping setParams' values.
      await page.evaluate(() => {
        const a = document.getElementById('a');
        a?.setAttribute('theme', 'light');
        a?.setAttribute('hide', 'source,prose');
      });
      await page.waitForFunction(
        (old) => document.getElementById('a')?.shadowRoot?.querySelector('iframe')?.src !== old,
        stub('bias/forward?units=8&theme=dark&hide=source'),
      );
      expect(await iframeSrc(page, 'a')).toBe(
        stub('bias/forward?units=64&seed=3&theme=light&hide=source,prose'),
      );
      // The old frame is gone, and the new one is not ready: nothing is sent to it yet.
      const fa2 = await frameOf(page, 'a');
      await fa2.waitForFunction(() => 'got' in window);
      await page.evaluate(() =>
        (document.getElementById('a') as HTMLElement & { run(): void }).run(),
      );
      await settle();
      expect(await got(fa2)).toEqual([]);
      expect(errors).toEqual([]);
    });

    test('targetOrigin: once its iframe has navigated to another origin, nothing reaches it, and its messages are ignored', async () => {
      const fb = await frameOf(page, 'b');
      await say(fb, ready('training'));
      await page.waitForFunction(() =>
        (window as unknown as { events: { id: string }[] }).events.some((e) => e.id === 'b'),
      );
      await fb.evaluate((url) => {
        location.href = url;
      }, `${host.origin}/stub.html`);
      await fb.waitForURL(`${host.origin}/stub.html`);
      await fb.waitForFunction(() => 'got' in window);
      const height = await iframeHeight(page, 'b');
      await page.evaluate(() =>
        (document.getElementById('b') as HTMLElement & { setParams(p: object): void }).setParams({
          units: 2,
        }),
      );
      await say(fb, { type: 'lstm-notebook:resize', height: 123 });
      await settle();
      expect(await got(fb)).toEqual([]);
      expect(await iframeHeight(page, 'b')).toBe(height);
    });

    test('bad attributes show a plain-text error and no iframe; nothing is parsed as HTML', async () => {
      await page.evaluate(() =>
        document.querySelectorAll('lstm-notebook').forEach((e) => e.remove()),
      );
      await page.evaluate(() => {
        (window as unknown as { events: unknown[] }).events.length = 0;
        const el = document.createElement('lstm-notebook');
        el.id = 'bad';
        el.setAttribute('chapter', '<img src=x onerror="window.pwned=1">');
        document.body.append(el);
      });
      const view = () =>
        page.evaluate(() => {
          const root = document.getElementById('bad')?.shadowRoot;
          return {
            text: root?.querySelector('.error')?.textContent ?? null,
            role: root?.querySelector('.error')?.getAttribute('role') ?? null,
            iframes: root?.querySelectorAll('iframe').length,
            imgs: root?.querySelectorAll('img').length,
          };
        });
      expect(await view()).toEqual({
        text: 'LSTM notebook: Unknown chapter "<img src=x onerror=\\"window.pwned=1\\">": use one of simple-lstm, bias, temporal-loop, options, training, performance.',
        role: 'alert',
        iframes: 0,
        imgs: 0,
      });
      expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
      expect((await events()).map((e) => [e.name, (e.detail as { field?: string }).field])).toEqual(
        [['lstm-error', 'chapter']],
      );

      const set = (attrs: Record<string, string>) =>
        page.evaluate((a) => {
          const el = document.getElementById('bad');
          for (const [k, v] of Object.entries(a)) el?.setAttribute(k, v);
        }, attrs);
      await set({ chapter: 'bias', cell: 'inspect' });
      await page.waitForFunction(() =>
        document.getElementById('bad')?.shadowRoot?.textContent?.includes('has no cell'),
      );
      expect((await view()).text).toBe(
        'LSTM notebook: Chapter "bias" has no cell "inspect": use one of forward, ex-bias.',
      );
      await set({ cell: 'forward', hide: 'navigation' });
      await page.waitForFunction(() =>
        document.getElementById('bad')?.shadowRoot?.textContent?.includes('unknown part'),
      );
      // Set in one go, chapter and cell are checked together: no error for the moment between.
      const count = (await events()).length;
      await set({ hide: '', chapter: 'options', cell: 'inspect' });
      await frameOf(page, 'bad');
      expect(await iframeSrc(page, 'bad')).toBe(stub('options/inspect'));
      expect((await events()).length).toBe(count);
      expect(errors).toEqual([]);
    });

    test('setParams before the iframe exists goes into its URL', async () => {
      await page.evaluate(() => {
        const spacer = document.createElement('div');
        spacer.style.height = '3000px';
        const el = document.createElement('lstm-notebook');
        el.id = 'far';
        el.setAttribute('chapter', 'temporal-loop');
        el.setAttribute('params', 'units=2');
        document.body.append(spacer, el);
        (el as HTMLElement & { setParams(p: object): void }).setParams({ units: 4, seed: 9 });
      });
      await settle();
      expect(await iframeSrc(page, 'far')).toBeNull();
      await page.locator('#far').scrollIntoViewIfNeeded();
      await frameOf(page, 'far');
      expect(await iframeSrc(page, 'far')).toBe(stub('temporal-loop?units=4&seed=9'));
      expect(await iframeHeight(page, 'far')).toBe('900px');
    });
  });
});

describe('needs the embed frame and registerOffline (fail until they land)', () => {
  test('component.html: the first element hears the real frame (ready, result), applies its resize, and setParams comes back as state', async () => {
    const { page, errors } = await newPage();
    await page.addInitScript((names) => {
      if (window.top !== window) return;
      const w = window as unknown as {
        seen: { name: string; id: string; detail: unknown }[];
        heights: number[];
      };
      w.seen = [];
      w.heights = [];
      for (const name of names)
        document.addEventListener(name, (e) =>
          w.seen.push({
            name,
            id: (e.target as HTMLElement).id,
            detail: (e as CustomEvent).detail,
          }),
        );
      addEventListener('message', (e) => {
        const first = document.getElementById('first')?.shadowRoot?.querySelector('iframe');
        if (e.source === first?.contentWindow && e.data?.type === 'lstm-notebook:resize')
          w.heights.push(e.data.height);
      });
    }, EVENTS);
    await page.goto(`${site.origin}${SUB}examples/component.html`);
    const seen = (name: string) =>
      page.waitForFunction(
        (n) =>
          (window as unknown as { seen: { name: string; id: string }[] }).seen.find(
            (e) => e.name === n && e.id === 'first',
          ),
        name,
        { timeout: 90_000 },
      );
    const readyEvent = await (await seen('lstm-ready')).jsonValue();
    expect(readyEvent).toMatchObject({
      detail: { type: 'lstm-notebook:ready', version: 1, slug: 'bias' },
    });
    const result = await (await seen('lstm-result')).jsonValue();
    expect(result).toMatchObject({ detail: { cell: 'forward', values: { match: true } } });

    await page.waitForFunction(
      () => (window as unknown as { heights: number[] }).heights.length > 0,
    );
    await page.waitForFunction(() => {
      const heights = (window as unknown as { heights: number[] }).heights;
      const f = document.getElementById('first')?.shadowRoot?.querySelector('iframe');
      return f?.style.height === `${Math.ceil(heights.at(-1) ?? -1)}px`;
    });

    await page.locator('#set-units').click();
    await page.waitForFunction(
      () =>
        (
          window as unknown as {
            seen: { name: string; id: string; detail: { params?: Record<string, string> } }[];
          }
        ).seen.some((e) => e.name === 'lstm-state' && e.detail.params?.units === '16'),
      null,
      { timeout: 60_000 },
    );
    expect(await page.locator('#log').innerText()).toContain('#first lstm-ready');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('iframe.html: both frames post ready, resize and lti.frameResize, printed in the log', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${site.origin}${SUB}examples/iframe.html`);
    const logHas = (text: string) =>
      page.waitForFunction((t) => document.getElementById('log')?.textContent?.includes(t), text, {
        timeout: 90_000,
      });
    await logHas('#bias: {"type":"lstm-notebook:ready"');
    await logHas('#loss-curve: {"type":"lstm-notebook:ready"');
    await logHas('#bias: {"type":"lstm-notebook:resize"');
    await logHas('"subject":"lti.frameResize"');
    expect(errors).toEqual([]);
    await page.close();
  });

  test('the app registers ./sw.js itself (registerOffline), scoped to its sub-path', async () => {
    const own = await serveStatic({ mounts: { [SUB]: 'dist' } });
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      const { page } = await newPage(context);
      await page.goto(`${own.origin}${SUB}index.html#/bias`);
      await expect
        .poll(
          () =>
            page.evaluate(async () => {
              const r = await navigator.serviceWorker.getRegistration();
              const worker = r && (r.active ?? r.waiting ?? r.installing);
              return r ? { scope: r.scope, script: worker?.scriptURL } : null;
            }),
          { timeout: 30_000, interval: 500 },
        )
        .toEqual({ scope: `${own.origin}${SUB}`, script: `${own.origin}${SUB}sw.js` });
    } finally {
      await context.close();
      await own.close();
    }
  });
});
