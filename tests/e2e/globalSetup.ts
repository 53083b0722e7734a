import { mkdirSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { build, preview } from 'vite';
// @ts-expect-error: a plain .mjs script shared with .ci/run, typed by use.
import { ensureChromium } from '../../scripts/ensure-chromium.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromiumPath: string;
  }
}

/** Build the notebook as it ships, serve it on loopback, and find Chromium, once for all files. */
export default async function setup(project: TestProject) {
  const chromiumPath = (ensureChromium as () => string)();
  mkdirSync('test-results/screenshots', { recursive: true });
  // Vitest sets NODE_ENV=test, and Vite honours it: the build would ship React's development
  // runtime (several times slower), so every timing taken here would be wrong. Build as shipped.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  // The engine tests drive harness.html, which `npm run build` leaves out (see vite.config.ts).
  process.env.LSTM_HARNESS = '1';
  try {
    await build({ logLevel: 'warn', mode: 'production' });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  const server = await preview({
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
    logLevel: 'warn',
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('The preview server did not start.');
  project.provide('baseUrl', `http://127.0.0.1:${address.port}/`);
  project.provide('chromiumPath', chromiumPath);
  return async () => {
    await server.close();
  };
}
