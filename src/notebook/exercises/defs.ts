/**
 * The "your turn" exercises: each cuts a gap into a real engine file (the lines a learner is to
 * write), checks the learner's version against tf.layers.lstm on several shapes, and can reveal
 * the lines it cut. Gaps are found by their first and last line in the current source, so an
 * exercise cannot drift from the code it is about (a unit test fails if a gap goes missing).
 */
import type { ChapterLayer, ForwardConfig } from '../../lstm/experimentTypes';
import { sourceOf } from '../sources';

export interface Exercise {
  id: string;
  /** The chapter it sits in. */
  slug: string;
  title: string;
  /** The file with the gap, relative to src/lstm/. */
  file: string;
  /** The gap: from the first line that starts (trimmed) with `from` to the next that starts with `to`. */
  from: string;
  to: string;
  /** What stands in the gap: a comment with the task, and code that runs but is wrong. */
  placeholder: string[];
  hint: string;
  /** The layer whose forward pass is compared with tf.layers.lstm. */
  layer: ChapterLayer;
  /** Also trace every gate of every step, to say where the learner's version departs. */
  trace: boolean;
  /** The options each shape runs under (chapter 4 tries several). */
  variants: Partial<ForwardConfig>[];
}

export const EXERCISES: readonly Exercise[] = [
  {
    id: 'ex-forget',
    slug: 'simple-lstm',
    title: 'Your turn: write the forget gate',
    file: 'cell.ts',
    from: 'const f = sigma(',
    to: 'const f = sigma(',
    placeholder: [
      '  // ✎ Your turn: the forget gate, f = σ(x·Wf + h_prev·Uf). (A stand-in keeps nothing.)',
      '  const f = tf.zerosLike(xF);',
    ],
    hint: 'It has the same shape as the input gate on the line above: the forget gate’s own input projection xF, plus h_prev times its own recurrent block rF, through sigma.',
    layer: 'simple',
    trace: true,
    variants: [{ useBias: false }],
  },
  {
    id: 'ex-bias',
    slug: 'bias',
    title: 'Your turn: add the bias',
    file: 'cell.ts',
    from: 'if (weights.bias) {',
    to: '}',
    placeholder: [
      '  if (weights.bias) {',
      '    // ✎ Your turn: add each gate’s bias (bI, bF, bG, bO) to its projection (xI … xO).',
      '  }',
    ],
    hint: 'Split weights.bias into its four blocks with array destructuring, then xI = tf.add(xI, bI), and the same for F, G and O. Broadcasting adds the [units] bias to every row.',
    layer: 'bias',
    trace: true,
    // A random bias, different per gate: a zero bias (Keras' default) would hide a missing one,
    // and ones would hide a bias added to the wrong gate.
    variants: [{ useBias: true, biasInitializer: 'glorotUniform' }],
  },
  {
    id: 'ex-loop',
    slug: 'temporal-loop',
    title: 'Your turn: write the time loop',
    file: 'loop.ts',
    from: 'const xT = ',
    to: 'if (options.keepSteps)',
    placeholder: [
      '    // ✎ Your turn: take x at step t (a [batch, features] slice of inputs), run one',
      '    // lstmStep from (h, c), move h and c on, and keep them (and, with keepSteps, the step).',
      '    // As it stands, the state never moves.',
      '    hs.push(h);',
      '    cs.push(c);',
    ],
    hint: 'inputs is time-major [time, batch, features]: tf.slice(inputs, [t, 0, 0], [1, -1, -1]) then tf.squeeze(…, [0]) gives step t. Then const step = lstmStep(xT, h, c, gates, options.sigma); h = step.h; c = step.c; push them, and the step itself when options.keepSteps.',
    layer: 'loop',
    trace: true,
    variants: [{ useBias: true }],
  },
  {
    id: 'ex-return',
    slug: 'options',
    title: 'Your turn: return the full sequence and the final states',
    file: 'layers/lstmWithOptions.ts',
    from: 'const output = this.returnSequences',
    to: 'return [output, lastOf(hSeq), lastOf(cSeq)];',
    placeholder: [
      '      // ✎ Your turn: the output is h of every step when returnSequences (in the input’s',
      '      // own layout), else the last h; with returnState, also the final h and c.',
      '      return lastOf(hSeq);',
    ],
    hint: 'asInput(hSeq) is every step in the input’s layout, lastOf(hSeq) the final h. Return the output alone unless this.returnState; then [output, lastOf(hSeq), lastOf(cSeq)] (keep the tutorial’s stateMode, which returns the whole sequences).',
    layer: 'options',
    trace: false,
    variants: [
      { returnSequences: true, returnState: true, useBias: true },
      { returnSequences: false, returnState: true, useBias: true },
      { returnSequences: true, returnState: false, timeMajor: true, useBias: true },
    ],
  },
];

export function exerciseById(id: string): Exercise | undefined {
  return EXERCISES.find((e) => e.id === id);
}

/** The gap's line range [start, end] (0-based, inclusive) in `source`, or null. */
export function gapOf(ex: Exercise, source: string): [number, number] | null {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.trim().startsWith(ex.from));
  if (start < 0) return null;
  const rel = lines.slice(start).findIndex((l) => l.trim().startsWith(ex.to));
  return rel < 0 ? null : [start, start + rel];
}

function cut(ex: Exercise): { lines: string[]; gap: [number, number] } | null {
  const source = sourceOf(ex.file);
  const gap = source === null ? null : gapOf(ex, source);
  return source === null || gap === null ? null : { lines: source.split('\n'), gap };
}

/** The file with the gap cut out: what the learner starts from (and Reset returns to). */
export function templateOf(ex: Exercise): string | null {
  const c = cut(ex);
  if (!c) return null;
  const [a, b] = c.gap;
  return [...c.lines.slice(0, a), ...ex.placeholder, ...c.lines.slice(b + 1)].join('\n');
}

/** The lines the gap cut, as the engine has them: the reveal. */
export function answerOf(ex: Exercise): string | null {
  const c = cut(ex);
  return c ? c.lines.slice(c.gap[0], c.gap[1] + 1).join('\n') : null;
}
