/**
 * The engine's import graph, read from its sources: which modules an edit reaches. A module whose
 * imports (direct or not) include an edited file must be loaded again from source, so that it
 * uses the edited version; every other module stays the one already bundled. Pure: no tfjs.
 */

/** Import and re-export specifiers of a module, type-only ones left out (they vanish when built). */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const statement =
    /(?:^|[\n;])\s*(import|export)\s+(type\s+)?(?:[\w*${}\s,]*?\s*from\s*)?['"]([^'"\n]+)['"]/g;
  for (const m of source.matchAll(statement)) {
    if (m[2]) continue;
    found.push(m[3]!);
  }
  return found;
}

/** Join a relative specifier onto the folder of `from` (both relative to `src/`). */
export function joinPath(from: string, spec: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const p of spec.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

/**
 * The module a specifier names, as a key of `known` (paths relative to `src/`, with `.ts`), or
 * null for a package (`@tensorflow/tfjs`) or a file that does not exist.
 */
export function resolve(from: string, spec: string, known: (path: string) => boolean) {
  if (!spec.startsWith('.')) return null;
  const base = joinPath(from, spec.replace(/\.(ts|js)$/, ''));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`]) {
    if (known(candidate)) return candidate;
  }
  return null;
}

/**
 * Every module that must be rebuilt from source for `edited` to take effect: the edited ones and
 * everything that imports them, directly or through others.
 */
export function reachedBy(sources: Record<string, string>, edited: Iterable<string>): Set<string> {
  const importers = new Map<string, string[]>();
  const known = (p: string) => p in sources;
  for (const [path, source] of Object.entries(sources)) {
    for (const spec of importsOf(source)) {
      const target = resolve(path, spec, known);
      if (target) importers.set(target, [...(importers.get(target) ?? []), path]);
    }
  }
  const reached = new Set<string>();
  const todo = [...edited];
  while (todo.length > 0) {
    const p = todo.pop()!;
    if (reached.has(p)) continue;
    reached.add(p);
    todo.push(...(importers.get(p) ?? []));
  }
  return reached;
}
