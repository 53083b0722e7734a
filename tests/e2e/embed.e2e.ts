/**
 * Embedding in real Chromium: a host page on a second localhost port (another origin) embeds
 * `#/embed/bias` in a normal iframe and in `sandbox="allow-scripts"` (an opaque origin, no
 * storage), and talks to both through the host API: ready, resize, result; set-params valid and
 * invalid; get-state. Also a cell and a figure on their own, and no focus taken on load.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launch, watchErrors } from './chromium';

let browser: Browser;
let host: Server;
let hostUrl: string;

/** A host page: the given iframes, and every message they post, recorded with its sender. */
function hostPage(frames: { id: string; src: string; sandbox?: string }[]): string {
  const iframes = frames
    .map(
      (f) =>
        `<iframe id="${f.id}" title="${f.id}" src="${f.src}" style="width:100%;height:300px;border:0"${
          f.sandbox !== undefined ? ` sandbox="${f.sandbox}"` : ''
        }></iframe>`,
    )
    .join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body>
<h1>A course page</h1><p style="height:1200px">Text above the embeds.</p>
${iframes}
<script>
  window.__messages = [];
  window.addEventListener('message', (e) => {
    const frame = [...document.querySelectorAll('iframe')].find((f) => f.contentWindow === e.source);
    window.__messages.push({ frame: frame ? frame.id : null, origin: e.origin, data: e.data });
    if (frame && e.data && e.data.type === 'lstm-notebook:resize') frame.style.height = e.data.height + 'px';
  });
  window.__send = (id, message) =>
    document.getElementById(id).contentWindow.postMessage(message, '*');
</script></body></html>`;
}

const pages: Record<string, string> = {};

beforeAll(async () => {
  browser = await launch(inject('chromiumPath'));
  host = createServer((req, res) => {
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    const body = pages[req.url ?? ''];
    res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => host?.close(resolve));
});

interface Received {
  frame: string | null;
  origin: string;
  data: { type?: string; subject?: string; [k: string]: unknown };
}

const messages = (page: Page) =>
  page.evaluate(() => (window as unknown as { __messages: Received[] }).__messages);

async function waitFor(
  page: Page,
  frame: string,
  type: string,
  after = 0,
  timeout = 120_000,
): Promise<Received> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = (await messages(page))
      .slice(after)
      .find((m) => m.frame === frame && (m.data.type === type || m.data.subject === type));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No ${type} from ${frame} within ${timeout} ms.`);
    await page.waitForTimeout(200);
  }
}

const send = (page: Page, frame: string, message: unknown) =>
  page.evaluate(
    ([id, m]) => (window as unknown as { __send: (i: unknown, m: unknown) => void }).__send(id, m),
    [frame, message] as const,
  );

describe('embedding in a course page on another origin', () => {
  let page: Page;
  let errors: string[];

  test('both iframes report ready, their height and a matching result', async () => {
    const src = `${inject('baseUrl')}index.html#/embed/bias`;
    pages['/two.html'] = hostPage([
      { id: 'normal', src },
      { id: 'sandboxed', src, sandbox: 'allow-scripts' },
    ]);
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    errors = watchErrors(page);
    await page.goto(`${hostUrl}/two.html`);
    for (const frame of ['normal', 'sandboxed']) {
      const ready = await waitFor(page, frame, 'lstm-notebook:ready');
      expect(ready.data).toMatchObject({ version: 1, slug: 'bias', cells: ['forward', 'ex-bias'] });
      const resize = await waitFor(page, frame, 'lstm-notebook:resize');
      expect(resize.data.height).toBeGreaterThan(300);
      await waitFor(page, frame, 'lti.frameResize');
      const result = await waitFor(page, frame, 'lstm-notebook:result');
      expect(result.data.cell).toBe('forward');
      const values = result.data.values as { sums: Record<string, number>; match: boolean };
      expect(values.match).toBe(true);
      expect(values.sums['custom.output']).toBeCloseTo(25.96, 1);
    }
    // The sandboxed frame has an opaque origin: it says what it cannot do there.
    const sandboxed = page.frame({ url: /embed\/bias/ });
    expect(sandboxed).not.toBeNull();
    const notices = await Promise.all(
      page.frames().map((f: Frame) => f.locator('[data-testid="sandbox-notice"]').count()),
    );
    expect(notices.reduce((a, b) => a + b, 0)).toBe(1);
    // Neither embed took focus or scrolled the course page on load.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
  });

  test('valid set-params re-runs, and the new state and result arrive', async () => {
    for (const frame of ['normal', 'sandboxed']) {
      const before = (await messages(page)).length;
      await send(page, frame, { type: 'lstm-notebook:set-params', params: { units: 16 } });
      const state = await waitFor(page, frame, 'lstm-notebook:state', before);
      expect((state.data.params as Record<string, string>).units).toBe('16');
      const result = await waitFor(page, frame, 'lstm-notebook:result', before);
      const values = result.data.values as { sums: Record<string, number>; match: boolean };
      expect(values.match).toBe(true);
      expect(values.sums['custom.output']).not.toBeCloseTo(25.96, 1);
      // A reply reaches the asking page (sent to its origin); it comes from the frame's own
      // origin, which a sandboxed frame does not have.
      const count = (await messages(page)).length;
      await send(page, frame, { type: 'lstm-notebook:get-state' });
      const reply = await waitFor(page, frame, 'lstm-notebook:state', count);
      expect(reply.origin).toBe(frame === 'sandboxed' ? 'null' : new URL(inject('baseUrl')).origin);
    }
  });

  test('invalid set-params is answered with an error and changes nothing', async () => {
    const bad = [
      { units: -3 },
      { units: '1e9' },
      JSON.parse('{"__proto__": {"units": 4}}') as object,
      { evil: 1 },
      { units: 256, timesteps: 50, samples: 256 },
    ];
    for (const frame of ['normal', 'sandboxed']) {
      for (const params of bad) {
        const before = (await messages(page)).length;
        await send(page, frame, { type: 'lstm-notebook:set-params', params });
        const error = await waitFor(page, frame, 'lstm-notebook:error', before, 10_000);
        expect(typeof error.data.message).toBe('string');
      }
      const before = (await messages(page)).length;
      await send(page, frame, { type: 'lstm-notebook:get-state' });
      const state = await waitFor(page, frame, 'lstm-notebook:state', before);
      expect((state.data.params as Record<string, string>).units).toBe('16');
      // Messages of any other shape are ignored: no reply at all.
      await send(page, frame, { type: 'lstm-notebook:eval', code: 'alert(1)' });
      await send(page, frame, 'lstm-notebook:get-state');
      await page.waitForTimeout(500);
      const after = (await messages(page)).slice(before + 1).filter((m) => m.frame === frame);
      expect(after.filter((m) => m.data.type === 'lstm-notebook:error')).toHaveLength(0);
    }
    expect(errors).toEqual([]);
    await page.screenshot({
      path: 'test-results/screenshots/embed-host-chapter.png',
      fullPage: true,
    });
    await page.close();
  });

  test('one cell and one figure embed on their own, sized to their content', async () => {
    const base = inject('baseUrl');
    pages['/parts.html'] = hostPage([
      { id: 'cell', src: `${base}index.html#/embed/simple-lstm/forward?hide=source` },
      { id: 'figure', src: `${base}index.html#/embed/options/equivalence?theme=dark` },
    ]);
    const parts = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    const partErrors = watchErrors(parts);
    await parts.goto(`${hostUrl}/parts.html`);
    const cellReady = await waitFor(parts, 'cell', 'lstm-notebook:ready');
    expect(cellReady.data).toMatchObject({ cells: ['forward'], figures: [] });
    const figureReady = await waitFor(parts, 'figure', 'lstm-notebook:ready');
    expect(figureReady.data).toMatchObject({ cells: [], figures: ['equivalence'] });
    await waitFor(parts, 'cell', 'lstm-notebook:result');
    await waitFor(parts, 'figure', 'lstm-notebook:result');
    const cellFrame = parts.frames().find((f) => f.url().includes('simple-lstm/forward'))!;
    const figureFrame = parts.frames().find((f) => f.url().includes('options/equivalence'))!;
    // The cell alone: no prose, no source; the figure alone: the panel, no cell frame around it.
    expect(await cellFrame.locator('.cell').count()).toBe(1);
    expect(await cellFrame.locator('.source').count()).toBe(0);
    expect(await cellFrame.locator('article > p, article > h2').count()).toBe(0);
    expect(await figureFrame.locator('[data-testid="equivalence"]').count()).toBe(1);
    expect(await figureFrame.locator('.cell-head').count()).toBe(0);
    expect(await figureFrame.locator('[data-testid="heatmap-grid"], .heatmap-grid').count()).toBe(
      0,
    );
    expect(await figureFrame.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    // The host applied the last height: the iframe fits its content exactly.
    for (const [id, f] of [
      ['cell', cellFrame],
      ['figure', figureFrame],
    ] as const) {
      await expect
        .poll(async () => {
          const content = await f.evaluate(() => document.documentElement.scrollHeight);
          const box = await parts.locator(`#${id}`).evaluate((e) => e.clientHeight);
          return Math.abs(content - box);
        })
        .toBeLessThanOrEqual(2);
    }
    await parts.locator('#cell').screenshot({ path: 'test-results/screenshots/embed-cell.png' });
    await parts
      .locator('#figure')
      .screenshot({ path: 'test-results/screenshots/embed-figure.png' });
    expect(partErrors).toEqual([]);
    await parts.close();
  });

  test('the height follows the content: fewer units, shorter heatmaps, a new resize', async () => {
    pages['/inspect.html'] = hostPage([
      { id: 'inspect', src: `${inject('baseUrl')}index.html#/embed/simple-lstm/inspect` },
    ]);
    const p = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    await p.goto(`${hostUrl}/inspect.html`);
    await waitFor(p, 'inspect', 'lstm-notebook:result');
    await p.waitForTimeout(1000);
    const heights = async () =>
      (await messages(p))
        .filter((m) => m.frame === 'inspect' && m.data.type === 'lstm-notebook:resize')
        .map((m) => m.data.height as number);
    const tall = (await heights()).at(-1)!;
    const before = (await messages(p)).length;
    await send(p, 'inspect', { type: 'lstm-notebook:set-params', params: { units: 4 } });
    await waitFor(p, 'inspect', 'lstm-notebook:result', before);
    await expect
      .poll(async () => (await heights()).at(-1)!, { timeout: 20_000 })
      .toBeLessThan(tall - 100);
    await p.close();
  });

  test('the Embed dialog gives the snippets for a cell, a figure and the chapter, with a preview', async () => {
    const p = await browser.newPage({ viewport: { width: 1200, height: 1000 } });
    const pageErrors = watchErrors(p);
    await p.goto(`${inject('baseUrl')}#/options?units=16`);
    await p.waitForSelector('.cell[data-status="done"]', { timeout: 120_000 });
    await p.getByTestId('embed-inspect').click();
    const dialog = p.locator('dialog[open]');
    const iframe = () => dialog.getByTestId('embed-iframe').inputValue();
    expect(await iframe()).toMatch(/#\/embed\/options\/inspect\?units=16"/);
    expect(await iframe()).toMatch(
      /title="LSTM notebook: More options, inspect" width="100%" height="\d+" loading="lazy" allow="fullscreen"/,
    );
    await dialog.getByTestId('embed-target').selectOption('equivalence');
    await dialog.getByTestId('embed-hide-controls').check();
    expect(await iframe()).toMatch(/#\/embed\/options\/equivalence\?units=16&amp;hide=controls"/);
    expect(await dialog.getByTestId('embed-component').inputValue()).toMatch(
      /<lstm-notebook chapter="options" figure="equivalence" params="units=16" theme="auto" hide="controls">/,
    );
    const link = await dialog.getByTestId('embed-link').inputValue();
    expect(await dialog.locator('iframe.embed-preview').getAttribute('src')).toBe(link);
    const preview = p.frames().find((f) => f.url() === link)!;
    await preview.waitForSelector('[data-testid="equivalence"]', { timeout: 120_000 });
    await p.screenshot({ path: 'test-results/screenshots/embed-dialog.png' });
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(p.locator('dialog[open]').count()).resolves.toBe(0);
    await p.getByTestId('embed-chapter').click();
    expect(await p.locator('dialog[open]').getByTestId('embed-link').inputValue()).toMatch(
      /#\/embed\/options\?units=16$/,
    );
    expect(pageErrors).toEqual([]);
    await p.close();
  });

  test('an unknown cell says what there is, and ?embed=1 links still work', async () => {
    const base = inject('baseUrl');
    const p = await browser.newPage();
    await p.goto(`${base}index.html#/embed/bias/nothing`);
    await expect(p.locator('.notice').first().innerText()).resolves.toMatch(
      /no cell or figure “nothing”; it has forward/,
    );
    await p.goto(`${base}index.html#/bias?embed=1`);
    await p.waitForSelector('.cell[data-status="done"]', { timeout: 120_000 });
    expect(await p.locator('.embed-bar').count()).toBe(1);
    await p.close();
  });
});
