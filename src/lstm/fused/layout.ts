/**
 * The interleaved state layout of the fused kernels ([time, batch, 2 * units], row b holding
 * h[0], c[0], h[1], c[1], ...) and the outputs a layer hands out, as plain arrays.
 */
import type { FusedDims } from './cpuKernel';

/** What the op's value can be: every state, the last h, or every h (batch-major). */
export type ValueKind = 'states' | 'last' | 'sequence';

/** The last h and c [batch, units], and with `sequence` every h, [batch, time, units]. */
export function statesToOutputs(states: ArrayLike<number>, d: FusedDims, sequence: boolean) {
  const { batch, time, units } = d;
  const h = new Float32Array(batch * units);
  const c = new Float32Array(batch * units);
  const seq = sequence ? new Float32Array(batch * time * units) : null;
  for (let t = 0; t < time; t++) {
    for (let b = 0; b < batch; b++) {
      for (let u = 0; u < units; u++) {
        const s = ((t * batch + b) * units + u) * 2;
        if (seq) seq[(b * time + t) * units + u] = states[s]!;
        if (t === time - 1) {
          h[b * units + u] = states[s]!;
          c[b * units + u] = states[s + 1]!;
        }
      }
    }
  }
  return { h, c, sequence: seq };
}

/** A gradient with respect to the op's value, spread back onto every state. */
export function externalToStates(
  dValue: ArrayLike<number>,
  kind: ValueKind,
  d: FusedDims,
): ArrayLike<number> {
  if (kind === 'states') return dValue;
  const { batch, time, units } = d;
  const dStates = new Float32Array(time * batch * 2 * units);
  for (let b = 0; b < batch; b++) {
    for (let u = 0; u < units; u++) {
      if (kind === 'last') {
        dStates[(((time - 1) * batch + b) * units + u) * 2] = dValue[b * units + u]!;
        continue;
      }
      for (let t = 0; t < time; t++) {
        dStates[((t * batch + b) * units + u) * 2] = dValue[(b * time + t) * units + u]!;
      }
    }
  }
  return dStates;
}
