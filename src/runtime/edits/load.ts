/**
 * Load the engine with a reader's edits: the edited modules, and every module that imports them,
 * are built again from source (TypeScript stripped by sucrase, in the worker) and run; everything
 * else is the engine already bundled. Imports between engine modules resolve to the edited
 * versions, so an edit to `cell.ts` changes what every layer built on it computes.
 *
 * Why sucrase rather than esbuild-wasm: it is plain JavaScript (no 10 MB wasm binary to serve),
 * synchronous, fast on a few files, and it keeps every line where it was, so a runtime error's
 * line in the built code is its line in the reader's code, with no source map.
 */
import * as tf from '@tensorflow/tfjs';
import { transform } from 'sucrase';
import { reachedBy, resolve } from './graph';
import { CodeError, moduleFunction } from './locate';
import type { EditedFiles } from './types';

type Namespace = Record<string, unknown>;

const key = (globKey: string) => globKey.replace(/^(\.\.\/)+/, '');
const byPath = <T>(glob: Record<string, T>) =>
  Object.fromEntries(Object.entries(glob).map(([k, v]) => [key(k), v]));

/** The engine's sources as written (paths relative to src/), the text the cells show. */
const ORIGINAL: Record<string, string> = byPath(
  import.meta.glob<string>('../../lstm/**/*.ts', { query: '?raw', import: 'default', eager: true }),
);
/** The modules as bundled: what an unedited import resolves to. */
const BUNDLED: Record<string, Namespace> = byPath(
  import.meta.glob<Namespace>(['../../lstm/**/*.ts', '../../parity/**/*.ts'], { eager: true }),
);
/** The packages engine modules may import. */
const PACKAGES: Record<string, Namespace> = { '@tensorflow/tfjs': tf };

/** Build one module: TypeScript and ES imports out, CommonJS `require` in, lines kept. */
function build(file: string, source: string): string {
  try {
    return transform(source, {
      transforms: ['typescript', 'imports'],
      filePath: file,
      production: true,
    }).code;
  } catch (e) {
    const loc = (e as { loc?: { line: number; column: number } }).loc;
    // Sucrase says "Error transforming <file>: Unexpected token (3:5)"; the place is shown apart.
    const message = (e instanceof Error ? e.message : String(e))
      .replace(/^Error transforming [^:]*: /, '')
      .replace(/\s*\(\d+:\d+\)$/, '');
    throw new CodeError(message, {
      file: file.replace(/^lstm\//, ''),
      line: loc?.line ?? 1,
      ...(loc ? { column: loc.column } : {}),
      kind: 'syntax',
    });
  }
}

/**
 * The namespace of `entry` (relative to src/lstm/) with `edits` in force. Throws a CodeError
 * naming the file, line and column of the first syntax error.
 */
export function loadEdited(edits: EditedFiles, entry = 'experiments.ts'): Namespace {
  const sources = { ...ORIGINAL };
  for (const [file, text] of Object.entries(edits)) {
    if (!(`lstm/${file}` in ORIGINAL)) throw new Error(`src/lstm/${file} is not an engine file.`);
    sources[`lstm/${file}`] = text;
  }
  const rebuild = reachedBy(
    sources,
    Object.keys(edits).map((f) => `lstm/${f}`),
  );
  // Every rebuilt module is built before any runs, so a syntax error anywhere is found first.
  const built = new Map([...rebuild].sort().map((p) => [p, build(p, sources[p]!)] as const));
  const known = (p: string) => p in sources || p in BUNDLED;
  const loaded = new Map<string, Namespace>();

  function load(path: string): Namespace {
    const done = loaded.get(path);
    if (done) return done;
    const code = built.get(path);
    if (code === undefined) {
      const bundled = BUNDLED[path];
      if (!bundled) throw new Error(`No engine module ${path}.`);
      return bundled;
    }
    const module = { exports: {} as Namespace };
    loaded.set(path, module.exports); // Before running: an import cycle sees the partial module.
    const require = (spec: string): unknown => {
      const pkg = PACKAGES[spec];
      if (pkg) return pkg;
      const target = resolve(path, spec, known);
      if (!target)
        throw new Error(
          `${path.replace(/^lstm\//, '')} imports "${spec}", which the engine does not have.`,
        );
      return load(target);
    };
    moduleFunction(path.replace(/^lstm\//, ''), code)(module.exports, require, module);
    loaded.set(path, module.exports);
    return module.exports;
  }
  return load(`lstm/${entry}`);
}

/** The original source of an engine file (relative to src/lstm/), or null. */
export function originalOf(file: string): string | null {
  return ORIGINAL[`lstm/${file}`] ?? null;
}
