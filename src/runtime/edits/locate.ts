/**
 * Turning an error thrown by the reader's code into a place in that code. Edited modules run as
 * functions named `edited:///src/lstm/<file>`, so their stack frames carry the file and line.
 */
import type { CodeLocation } from './types';

/** The script name each rebuilt module runs under (its stack frames show it). */
export const EDITED_URL = 'edited:///src/lstm/';

/** A thrown value that already knows where it points (a syntax error found while building). */
export class CodeError extends Error {
  constructor(
    message: string,
    readonly where: CodeLocation,
  ) {
    super(message);
    this.name = where.kind === 'syntax' ? 'SyntaxError' : 'Error';
  }
}

/**
 * Lines a built function's body sits below its first line: `new Function` wraps the body in a
 * header of its own, whose height the engine decides; measured once, not assumed.
 */
let bodyOffset: number | undefined;
function offset(): number {
  if (bodyOffset !== undefined) return bodyOffset;
  bodyOffset = 0;
  try {
    new Function(`throw new Error('probe');\n//# sourceURL=${EDITED_URL}probe.ts`)();
  } catch (e) {
    const line = new RegExp(`${EDITED_URL}probe\\.ts:(\\d+)`).exec(String((e as Error).stack));
    if (line) bodyOffset = Number(line[1]) - 1;
  }
  return bodyOffset;
}

/** Where `e` came from in the reader's code (its first frame in an edited module), if anywhere. */
export function locate(e: unknown): CodeLocation | undefined {
  if (e instanceof CodeError) return e.where;
  const stack = e instanceof Error ? e.stack : undefined;
  if (!stack) return undefined;
  const frame = /edited:\/\/\/src\/lstm\/([\w/]+\.ts):(\d+)/.exec(stack);
  if (!frame) return undefined;
  const line = Number(frame[2]) - offset();
  return line >= 1 ? { file: frame[1]!, line, kind: 'runtime' } : undefined;
}

/** Run `code` as a CommonJS-style module body under the edited-file name of `file`. */
export function moduleFunction(file: string, code: string) {
  offset(); // Measured before the first module runs, so a frame's line can be mapped back.
  return new Function(
    'exports',
    'require',
    'module',
    `${code}\n//# sourceURL=${EDITED_URL}${file}`,
  ) as (
    exports: Record<string, unknown>,
    require: (spec: string) => unknown,
    module: { exports: Record<string, unknown> },
  ) => void;
}
