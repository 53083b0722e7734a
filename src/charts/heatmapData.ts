/** Pure helpers behind the heatmaps: value lookup and the data-table layout. */
import { formatExact } from './format';

/** Value at [t][u], NaN when out of range (so a lookup can never throw in a hover handler). */
export function cellValue(values: readonly (readonly number[])[], t: number, u: number): number {
  return values[t]?.[u] ?? NaN;
}

/** Rows of the data table: one per unit, one column per time step. */
export function heatmapTableRows(values: readonly (readonly number[])[]): (string | number)[][] {
  const units = values[0]?.length ?? 0;
  return Array.from({ length: units }, (_, u) => [
    u,
    ...values.map((step) => formatExact(step[u] ?? NaN)),
  ]);
}

const CELL_MOVES: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
};

/**
 * Keyboard reading of a heatmap: the first arrow press lands on t=0, unit 0, later ones move and
 * stop at the edges; Escape leaves. undefined: the key is not the heatmap's (let it through).
 */
export function keyToCell(
  key: string,
  cursor: { t: number; u: number } | null,
  steps: number,
  units: number,
): { t: number; u: number } | null | undefined {
  if (key === 'Escape') return cursor ? null : undefined;
  const d = CELL_MOVES[key];
  if (!d || steps === 0 || units === 0) return undefined;
  if (!cursor) return { t: 0, u: 0 };
  const clamp = (v: number, n: number) => Math.min(n - 1, Math.max(0, v));
  return { t: clamp(cursor.t + d[0], steps), u: clamp(cursor.u + d[1], units) };
}
