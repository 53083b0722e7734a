/**
 * A reader's edits to the engine, as the page sends them to a worker: plain data. Edited code is
 * only ever run in a worker; it never travels in URLs or to an embedding host.
 */

/** Edited engine files: path relative to `src/lstm/` (e.g. `cell.ts`) → the reader's source. */
export type EditedFiles = Record<string, string>;

/** Where in the reader's code something went wrong; lines and columns count from 1. */
export interface CodeLocation {
  /** Relative to `src/lstm/`. */
  file: string;
  line: number;
  /** Known for syntax errors; a runtime error names its line only. */
  column?: number;
  /** A syntax error stops the code from loading at all; a runtime error happens while it runs. */
  kind: 'syntax' | 'runtime';
}

/** The largest edit a request may carry, all files together, and how many files. */
export const EDIT_LIMITS = { chars: 400_000, files: 40 } as const;

/** A path an edit may name: a TypeScript file under `src/lstm/`, no `..`, no leading slash. */
export const EDIT_PATH = /^(?:[a-z][A-Za-z0-9]*\/)*[a-z][A-Za-z0-9]*\.ts$/;

/**
 * How long an edited run may hold its worker without answering a ping before the worker is
 * ended and replaced (a `while (true) {}`). Pings go out every `pingMs`.
 */
export const STALL = { limitMs: 2000, pingMs: 200 } as const;
