import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, test } from 'vitest';
import { importsOf, reachedBy, resolve } from '../../../src/runtime/edits/graph';
import { loadEdited, originalOf } from '../../../src/runtime/edits/load';
import { locate } from '../../../src/runtime/edits/locate';
import type { EngineModule } from '../../../src/runtime/service';
import type { ForwardConfig } from '../../../src/lstm/experimentTypes';
import { useCpuBackend } from '../setup';
import { TUTORIAL_SETUP } from '../../tutorial';

beforeAll(useCpuBackend);

const TUTORIAL: ForwardConfig = { layer: 'simple', ...TUTORIAL_SETUP };

const cell = originalOf('cell.ts')!;
const engine = (edits: Record<string, string>) => loadEdited(edits) as unknown as EngineModule;

test('imports are read from the source, type-only ones left out', () => {
  const src = [
    "import * as tf from '@tensorflow/tfjs';",
    "import { lstmStep, type GateWeights } from './cell';",
    "import type { Foo } from './types';",
    "export { x } from '../parity';",
    "export * from './loop';",
    "import './sideEffect';",
  ].join('\n');
  expect(importsOf(src)).toEqual([
    '@tensorflow/tfjs',
    './cell',
    '../parity',
    './loop',
    './sideEffect',
  ]);
  const known = (p: string) => ['lstm/cell.ts', 'parity/index.ts'].includes(p);
  expect(resolve('lstm/layers/simpleLstm.ts', '../cell', known)).toBe('lstm/cell.ts');
  expect(resolve('lstm/seeding.ts', '../parity', known)).toBe('parity/index.ts');
  expect(resolve('lstm/cell.ts', '@tensorflow/tfjs', known)).toBeNull();
});

test('an edit reaches the modules that import it, and no others', () => {
  const sources = {
    'lstm/cell.ts': '',
    'lstm/rnn.ts': "import { lstmStep } from './cell';",
    'lstm/layers/simple.ts': "import { rnn } from '../rnn';",
    'lstm/gates.ts': '',
    'lstm/experiments.ts':
      "import { Simple } from './layers/simple';\nimport { g } from './gates';",
  };
  expect([...reachedBy(sources, ['lstm/cell.ts'])].sort()).toEqual([
    'lstm/cell.ts',
    'lstm/experiments.ts',
    'lstm/layers/simple.ts',
    'lstm/rnn.ts',
  ]);
  expect([...reachedBy(sources, ['lstm/gates.ts'])].sort()).toEqual([
    'lstm/experiments.ts',
    'lstm/gates.ts',
  ]);
});

test('the engine rebuilt from its own unedited source computes what the bundled one does', async () => {
  const rebuilt = await engine({ 'cell.ts': cell }).compareForward(TUTORIAL);
  expect(rebuilt.maxAbsDiff).toBeLessThan(1e-6);
  expect(rebuilt.custom[0]!.sum).toBeCloseTo(25.964834, 4);
});

test('gates on a hard sigmoid no longer match the library; the rewrite that computes the same matches', async () => {
  const hard = cell.replace(
    'sigma: GateActivation = tf.sigmoid',
    'sigma: GateActivation = (z) => tf.clipByValue(tf.add(tf.mul(z, 0.2), 0.5), 0, 1)',
  );
  // The library probe keeps its own sigmoid, so only the hand-written side moves.
  expect(hard).not.toBe(cell);
  const broken = await engine({ 'cell.ts': hard }).compareForward(TUTORIAL);
  expect(broken.maxAbsDiff).toBeGreaterThan(1e-3);

  // σ(z) written out by hand as 1 / (1 + e^-z): the same numbers another way.
  const own = cell.replace(
    'sigma: GateActivation = tf.sigmoid',
    'sigma: GateActivation = (z) => tf.div(1, tf.add(1, tf.exp(tf.neg(z))))',
  );
  const same = await engine({ 'cell.ts': own }).compareForward(TUTORIAL);
  expect(same.maxAbsDiff).toBeLessThan(1e-5);
});

test('a syntax error names its file, line and column', () => {
  const lines = cell.split('\n');
  const at = lines.findIndex((l) => l.includes('const c = tf.add'));
  lines[at] = '  const c = tf.add(;';
  let caught: unknown;
  try {
    engine({ 'cell.ts': lines.join('\n') });
  } catch (e) {
    caught = e;
  }
  const where = locate(caught);
  expect(where).toMatchObject({ file: 'cell.ts', line: at + 1, kind: 'syntax' });
  expect(where?.column).toBeGreaterThan(10);
});

test('a runtime error names the line it was thrown from', async () => {
  const lines = cell.split('\n');
  const at = lines.findIndex((l) => l.includes('const h = tf.mul'));
  lines.splice(at, 0, "  if (hPrev) throw new Error('stop here');");
  const run = engine({ 'cell.ts': lines.join('\n') }).compareForward(TUTORIAL);
  const caught = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(String(caught)).toContain('stop here');
  expect(locate(caught)).toEqual({ file: 'cell.ts', line: at + 1, kind: 'runtime' });
});

test('an edit to a file the engine lacks is refused', () => {
  expect(() => engine({ 'nope.ts': '' })).toThrow(/not an engine file/);
});

test('rebuilt modules leak no tensors', async () => {
  const e = engine({ 'cell.ts': cell });
  await e.compareForward(TUTORIAL);
  const before = tf.memory().numTensors;
  for (let k = 0; k < 5; k++) await e.compareForward(TUTORIAL);
  expect(tf.memory().numTensors).toBe(before);
});
