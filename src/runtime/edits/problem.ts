/** How a failure of the reader's edited code is told: its message, and its place when known. */
import type { CodeLocation } from './types';

/** A failure of the reader's edited code: its message and, when known, its place. */
export interface CodeProblem {
  where?: CodeLocation;
  message: string;
}

/** The reader's code is to blame for `e` (a line in it, or it never stopped): say so, with where. */
export function codeProblemOf(e: unknown): CodeProblem | undefined {
  const { where, code } = (e ?? {}) as { where?: CodeLocation; code?: string };
  const message = e instanceof Error ? e.message : String(e);
  if (where) return { where, message };
  return code === 'stalled' ? { message } : undefined;
}

/** "Syntax error in cell.ts, line 3, column 5: " for a failure with a place, else nothing. */
export function placeOf(where: CodeLocation | undefined): string {
  if (!where) return '';
  const column = where.column ? `, column ${where.column}` : '';
  return `${where.kind === 'syntax' ? 'Syntax error' : 'Error'} in ${where.file}, line ${where.line}${column}: `;
}
