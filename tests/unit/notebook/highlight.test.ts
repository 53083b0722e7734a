import { describe, expect, it } from 'vitest';
import { gateOf, highlight } from '../../../src/notebook/highlight';

const text = (lines: ReturnType<typeof highlight>) =>
  lines.map((l) => l.map((t) => t.text).join('')).join('\n');

describe('highlight', () => {
  it('loses no character', () => {
    const src = "import * as tf from '@tensorflow/tfjs';\n/* a\n b */\nconst x = `t${1}`; // hi\n";
    expect(text(highlight(src))).toBe(src);
  });

  it('classifies the usual tokens', () => {
    const [line] = highlight('const n: Tensor = 1.5e-3; // why');
    const kinds = Object.fromEntries(line!.map((t) => [t.text, t.kind]));
    expect(kinds).toMatchObject({
      const: 'keyword',
      Tensor: 'type',
      '1.5e-3': 'number',
      '// why': 'comment',
    });
  });

  it('splits multi-line comments into lines', () => {
    const lines = highlight('/**\n * doc\n */\nx');
    expect(lines).toHaveLength(4);
    expect(lines[1]![0]!.kind).toBe('comment');
  });

  it('tags gate names only when asked', () => {
    const [line] = highlight('const i = tf.sigmoid(xI);', { gates: true });
    expect(line!.filter((t) => t.gate).map((t) => [t.text, t.gate])).toEqual([
      ['i', 'i'],
      ['xI', 'i'],
    ]);
    expect(highlight('i', {})[0]![0]!.gate).toBeUndefined();
  });

  it('maps state names to h and c', () => {
    expect(gateOf('hPrev')).toBe('h');
    expect(gateOf('cSeq')).toBe('c');
    expect(gateOf('kG')).toBe('g');
    expect(gateOf('units')).toBeUndefined();
  });
});
