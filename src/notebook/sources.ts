/**
 * The engine's own source text, for the cells to show (the code the reader reads is the code
 * that runs). A raw glob rather than one `?raw` import per file, so the notebook builds even while
 * a module it will show is still being written.
 */
// The fused kernels are left out until a cell shows them (the performance chapter, to come).
const raw = import.meta.glob<string>(['../lstm/**/*.ts', '!../lstm/fused/**'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Source of `src/lstm/<path>`, e.g. `sourceOf('layers/simpleLstm.ts')`; null if absent. */
export function sourceOf(path: string): string | null {
  return raw[`../lstm/${path}`] ?? null;
}
