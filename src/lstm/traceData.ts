/**
 * A trace as plain data: every gate and state of every step, one flat Float32Array per quantity,
 * laid out [t][sample][unit]. Typed arrays cross from the engine worker without a copy
 * (transferred), and charts read them through `traceRow`. No tensors, no tfjs: the page imports
 * this module, never `traces.ts`, which computes them.
 */
import { GATE_KEYS, type GateKey } from './gates';

export interface LSTMTrace {
  steps: number;
  samples: number;
  units: number;
  values: Record<GateKey, Float32Array>;
}

/** The `units` values of `key` at step `t` for one sample (a view, not a copy). */
export function traceRow(trace: LSTMTrace, key: GateKey, t: number, sample: number): Float32Array {
  const start = (t * trace.samples + sample) * trace.units;
  return trace.values[key].subarray(start, start + trace.units);
}

/** The buffers to transfer when a trace crosses to another thread. */
export function traceBuffers(trace: LSTMTrace): ArrayBuffer[] {
  return GATE_KEYS.map((k) => trace.values[k].buffer as ArrayBuffer);
}

/**
 * What each column of the comparison is checked against. tf.layers.lstm hands out only its states
 * (h and c, stepped one time step at a time); its gates never leave the layer, so i, f, g and o are
 * checked against the float64 reference LSTM (reference.ts) on the same weights and input.
 */
export const COMPARED_WITH: Readonly<Record<GateKey, 'tf.layers.lstm' | 'float64 reference'>> = {
  i: 'float64 reference',
  f: 'float64 reference',
  g: 'float64 reference',
  o: 'float64 reference',
  c: 'tf.layers.lstm',
  h: 'tf.layers.lstm',
};
