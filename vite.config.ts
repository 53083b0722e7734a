import { resolve } from 'node:path';
import katex from 'katex';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import remarkGfm from 'remark-gfm';
import { KATEX_OPTIONS, PRERENDERED_TEX, texKey } from './src/app/tex.ts';
import { embedKit } from './scripts/embedKit.ts';

// The engine harness (a bare page for browser tests and the benchmark) is built only when asked:
// the shipped site has no reason to expose the engine on a second page.
const withHarness = process.env.LSTM_HARNESS === '1';

/** `virtual:prerendered-tex`: the chapters' equations as KaTeX HTML, so the page ships no KaTeX. */
function prerenderedTeX(): Plugin {
  const id = 'virtual:prerendered-tex';
  return {
    name: 'prerendered-tex',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      const html = Object.fromEntries(
        PRERENDERED_TEX.map((tex) => [
          texKey(tex, true),
          katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: true }),
        ]),
      );
      return `export default ${JSON.stringify(html)};`;
    },
  };
}

export default defineConfig({
  // Relative asset paths so the built notebook works from any static host or sub-folder.
  base: './',
  // An embed sandboxed without allow-same-origin has an opaque origin: every module script, font
  // and chunk it loads is a cross-origin (CORS) request. Static hosts that send this header
  // (GitHub Pages does) serve such embeds; the dev and preview servers do too.
  server: { headers: { 'Access-Control-Allow-Origin': '*' } },
  preview: { headers: { 'Access-Control-Allow-Origin': '*' } },
  plugins: [
    // Chapters are MDX (with GitHub tables): compiled to JSX before React's plugin sees them.
    { enforce: 'pre', ...mdx({ remarkPlugins: [remarkGfm] }) },
    react({ include: /\.(mdx|jsx|tsx|ts|js)$/ }),
    prerenderedTeX(),
    // dist/embed.js (the <lstm-notebook> element) and dist/sw.js (offline), after the site.
    embedKit(),
  ],
  // The training worker imports tfjs, whose backends load lazily: ES module workers can split.
  // Its legal comments go the way the page's chunks' do (1,200 tfjs headers were 0.8 MB of it).
  worker: { format: 'es', rolldownOptions: { output: { comments: { legal: false } } } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    // dist/.vite/manifest.json: the entry's import graph, read by scripts/first-js.mjs.
    manifest: true,
    rollupOptions: {
      // tfjs in a chunk of its own: without this the bundler may merge it with a small shared
      // module (a list of names the page needs), and the page would load tfjs up front. The
      // WebGPU and wasm backends stay out of it, in chunks loaded only when a reader picks them.
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'tfjs',
              test: /node_modules[\\/]@tensorflow[\\/](?!tfjs-backend-(webgpu|wasm)[\\/])/,
            },
          ],
        },
      },
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        ...(withHarness ? { harness: resolve(import.meta.dirname, 'harness.html') } : {}),
      },
    },
  },
});
