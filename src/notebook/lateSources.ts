/**
 * The engine sources the first paint does without (the fused kernels, the benchmark), in one
 * chunk with the Performance chapter that shows them.
 */
import { addSource, sourceOf } from './sources';

const files = import.meta.glob<string>(['../lstm/fused/**/*.ts', '../lstm/bench/**/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Make the sources of `paths` (under src/lstm/) known to `sourceOf`. */
export function loadSources(paths: readonly string[]): void {
  for (const p of paths) {
    const text = files[`../lstm/${p}`];
    if (text !== undefined && sourceOf(p) === null) addSource(p, text);
  }
}
