/**
 * The engine's own source text, for the cells to show (the code the reader reads is the code
 * that runs). A raw glob rather than one `?raw` import per file, so the notebook builds even while
 * a module it will show is still being written.
 */
// The fused kernels and the benchmark are left out of the first paint: the Performance chapter's
// cells load them (lateSources.ts) before they show them.
const raw = import.meta.glob<string>(
  ['../lstm/**/*.ts', '!../lstm/fused/**', '!../lstm/bench/**'],
  {
    query: '?raw',
    import: 'default',
    eager: true,
  },
);

/** Sources the first paint left out, added by the cells that show them (lateSources.ts). */
const later: Record<string, string> = {};

/** Make `text` the source of `src/lstm/<path>`, for a file the first paint left out. */
export function addSource(path: string, text: string): void {
  later[path] ??= text;
}

/** Source of `src/lstm/<path>`, e.g. `sourceOf('layers/simpleLstm.ts')`; null if absent. */
export function sourceOf(path: string): string | null {
  return raw[`../lstm/${path}`] ?? later[path] ?? null;
}
