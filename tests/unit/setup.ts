import * as tf from '@tensorflow/tfjs';

/** Unit tests run the engine on tfjs' CPU backend in Node, in float32 like the browser. */
export async function useCpuBackend(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** max |a - b| over two equally long flat arrays; throws on a length mismatch. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let max = 0;
  for (let k = 0; k < a.length; k++) max = Math.max(max, Math.abs(a[k]! - b[k]!));
  return max;
}

/** The tutorial's input, built as the engine builds it. */
export { rangeInput } from '../../src/lstm/startWeights';
