/**
 * Where the time of a forward pass or a training step goes on WebGL or WebGPU: the GPU programs
 * it dispatches, counted by wrapping the backend's runWebGLProgram or runWebGPUProgram (tfjs' own
 * kernels and the fused ones alike), and optionally milliseconds per program kind, read back
 * after every program.
 */
import * as tf from '@tensorflow/tfjs';
import {
  forwardWorkload,
  trainWorkload,
  type BenchImpl,
  type BenchSize,
  type Workload,
} from '../../src/lstm/bench';

type Run = (this: unknown, ...args: unknown[]) => unknown;
interface Program {
  variableNames?: string[];
  outputShape: number[];
}

/** Programs by kind: minified class name, then its inputs' names, which say what it is. */
const kindOf = (p: Program, shape: boolean) =>
  `${p.constructor.name}(${p.variableNames?.join(',') ?? ''})${shape ? `[${p.outputShape}]` : ''}`;

/** Run `work` once with `wrap` around every program the WebGL or WebGPU backend runs. */
async function wrapped(work: Workload, wrap: (original: Run) => Run): Promise<void> {
  const backend = tf.backend() as unknown as Record<string, Run | undefined>;
  const key = ['runWebGLProgram', 'runWebGPUProgram'].find((k) => backend[k]);
  const original = key ? backend[key] : undefined;
  if (!key || !original) return work.run();
  backend[key] = wrap(original);
  try {
    await work.run();
  } finally {
    backend[key] = original;
  }
}

/** Programs dispatched by one run, in all and by kind, after two warm-up runs. */
export async function countDispatches(
  impl: BenchImpl,
  size: BenchSize,
  op: 'forward' | 'train-step',
) {
  const work = op === 'forward' ? forwardWorkload(impl, size) : trainWorkload(impl, size);
  const byKind: Record<string, number> = {};
  try {
    await work.run();
    await work.run();
    await wrapped(
      work,
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          const kind = kindOf(args[0] as Program, false);
          byKind[kind] = (byKind[kind] ?? 0) + 1;
          return original.apply(this, args);
        },
    );
  } finally {
    work.dispose();
  }
  return { programs: Object.values(byKind).reduce((a, b) => a + b, 0), byKind };
}

/**
 * Milliseconds per program kind and output shape: every program is followed by reading back
 * one element of its output, so the time of each includes about one read-back's latency.
 * Also the median of `reps` plain runs, asynchronously and synchronously read back.
 */
export async function profileLstm(
  impl: BenchImpl,
  size: BenchSize,
  op: 'forward' | 'train-step',
  reps: number,
) {
  const work = op === 'forward' ? forwardWorkload(impl, size) : trainWorkload(impl, size);
  const ms: Record<string, number> = {};
  const count: Record<string, number> = {};
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
  const timed = async (how: 'async' | 'sync') => {
    const times: number[] = [];
    for (let k = 0; k < reps; k++) {
      const t0 = performance.now();
      await work.run(how);
      times.push(performance.now() - t0);
    }
    return median(times);
  };
  try {
    await work.run();
    await work.run();
    let inner = false;
    await wrapped(
      work,
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          if (inner) return original.apply(this, args);
          const kind = kindOf(args[0] as Program, true);
          const t0 = performance.now();
          const out = original.apply(this, args) as { dataId: object; shape: number[] };
          inner = true;
          const corner = out.shape.length
            ? `getA(${out.shape.map(() => '0').join(', ')})`
            : 'getA()';
          const first = original.call(
            this,
            {
              variableNames: ['A'],
              packedInputs: true,
              outputShape: [1],
              userCode: `void main() { setOutput(${corner}.x); }`,
            },
            [out],
            'float32',
          ) as { dataId: object };
          const backend = tf.backend();
          backend.readSync(first.dataId);
          backend.disposeData(first.dataId);
          inner = false;
          ms[kind] = (ms[kind] ?? 0) + performance.now() - t0;
          count[kind] = (count[kind] ?? 0) + 1;
          return out;
        },
    );
    return { ms, count, asyncMs: await timed('async'), syncMs: await timed('sync') };
  } finally {
    work.dispose();
  }
}
