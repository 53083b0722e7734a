/**
 * The embed kit's Vite plugin. After the site is written it builds, into the same folder:
 *
 * - `embed.js`, the `<lstm-notebook>` web component (src/embed/component.ts) as one ES module
 *   with a stable name: a build of its own, so it can never import one of the app's chunks;
 * - `sw.js`, the service worker (src/embed/sw.ts) with the list of every file now in the folder
 *   (page, engine worker, chunks, fonts, embed.js, examples) and a hash of their contents.
 *
 * In dev, `/embed.js` is served from the component's source.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { build, type InlineConfig, type Plugin, type ResolvedConfig } from 'vite';
import { SW_FILE } from '../src/embed/swMessages.ts';

export const EMBED_ENTRY = 'src/embed/component.ts';
export const SW_ENTRY = 'src/embed/sw.ts';
export const EMBED_FILE = 'embed.js';

/** Fonts that only browsers without woff2 load, and every browser with service workers has it. */
const OLD_FONT = /\.(woff|ttf|otf|eot)$/;
/** `KaTeX_Main-Bold-Cx986IdX.woff2` -> `KaTeX_Main-Bold`: Vite's 8-character content hash. */
const fontFamilyOf = (path: string) => path.replace(/\.[a-z0-9]+$/, '').replace(/-[\w-]{8}$/, '');

/**
 * The paths (relative, `/`-separated) the service worker precaches, out of a build's files:
 * all but the build's manifest, the worker itself, source maps, and a font's woff/ttf when its
 * woff2 is there.
 */
export function precacheList(paths: readonly string[]): string[] {
  const woff2 = new Set(paths.filter((p) => p.endsWith('.woff2')).map(fontFamilyOf));
  return paths
    .filter(
      (p) =>
        !p.startsWith('.vite/') &&
        p !== SW_FILE &&
        !p.endsWith('.map') &&
        !(OLD_FONT.test(p) && woff2.has(fontFamilyOf(p))),
    )
    .sort();
}

/** A short hash of the precached files' names and contents: the cache's version. */
export function precacheVersion(files: readonly { path: string; bytes: Uint8Array }[]): string {
  const all = createHash('sha256');
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    all.update(`${f.path}\n${createHash('sha256').update(f.bytes).digest('hex')}\n`);
  }
  return all.digest('hex').slice(0, 16);
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join(posix.sep));
}

/** A library build of one entry into the site's folder, sharing nothing with the app's build. */
function libBuild(
  config: ResolvedConfig,
  entry: string,
  format: 'es' | 'iife',
  fileName: string,
  define: Record<string, string> = {},
): InlineConfig {
  return {
    configFile: false,
    root: config.root,
    mode: config.mode,
    logLevel: config.logLevel,
    publicDir: false,
    define,
    build: {
      outDir: resolve(config.root, config.build.outDir),
      emptyOutDir: false,
      copyPublicDir: false,
      target: 'es2022',
      minify: true,
      // Library builds keep whitespace in ES output; this file is shipped as is, so squeeze it.
      rolldownOptions: { output: { minify: true } },
      lib: {
        entry: resolve(config.root, entry),
        formats: [format],
        name: 'lstmNotebook',
        fileName: () => fileName,
      },
    },
  };
}

export function embedKit(): Plugin {
  let config: ResolvedConfig | undefined;
  return {
    name: 'lstm-notebook-embed-kit',
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const m = /^\/embed\.js(\?.*)?$/.exec(req.url ?? '');
        // The browser still sees /embed.js, so `import.meta.url` resolves index.html beside it.
        if (m) req.url = `/${EMBED_ENTRY}${m[1] ?? ''}`;
        next();
      });
    },
    async closeBundle(error?: Error) {
      if (!config || config.command !== 'build' || config.build.ssr || error) return;
      await build(libBuild(config, EMBED_ENTRY, 'es', EMBED_FILE));
      const outDir = resolve(config.root, config.build.outDir);
      const files = precacheList(listFiles(outDir)).map((path) => ({
        path,
        bytes: readFileSync(join(outDir, path)),
      }));
      const version = precacheVersion(files);
      await build(
        libBuild(config, SW_ENTRY, 'iife', SW_FILE, {
          __PRECACHE__: JSON.stringify(files.map((f) => f.path)),
          __PRECACHE_VERSION__: JSON.stringify(version),
        }),
      );
      config.logger.info(`sw.js: ${files.length} files precached, version ${version}`);
    },
  };
}
