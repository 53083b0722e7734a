import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import mdx from '@mdx-js/rollup';
import remarkGfm from 'remark-gfm';

// The engine harness (a bare page for browser tests and the benchmark) is built only when asked:
// the shipped site has no reason to expose the engine on a second page.
const withHarness = process.env.LSTM_HARNESS === '1';

export default defineConfig({
  // Relative asset paths so the built notebook works from any static host or sub-folder.
  base: './',
  plugins: [
    // Chapters are MDX (with GitHub tables): compiled to JSX before React's plugin sees them.
    { enforce: 'pre', ...mdx({ remarkPlugins: [remarkGfm] }) },
    react({ include: /\.(mdx|jsx|tsx|ts|js)$/ }),
  ],
  // The training worker imports tfjs, whose backends load lazily: ES module workers can split.
  // Its legal comments go the way the page's chunks' do (1,200 tfjs headers were 0.8 MB of it).
  worker: { format: 'es', rolldownOptions: { output: { comments: { legal: false } } } },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 2500,
    rollupOptions: {
      input: {
        main: resolve(import.meta.dirname, 'index.html'),
        ...(withHarness ? { harness: resolve(import.meta.dirname, 'harness.html') } : {}),
      },
    },
  },
});
