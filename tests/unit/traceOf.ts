import { GATE_KEYS, type GateKey } from '../../src/lstm/gates';
import type { LSTMTrace } from '../../src/lstm/traceData';

/** A trace from nested arrays [t][sample][unit] (missing quantities are zeros). */
export function traceOf(nested: Partial<Record<GateKey, number[][][]>>): LSTMTrace {
  const any = Object.values(nested)[0]!;
  const steps = any.length;
  const samples = any[0]!.length;
  const units = any[0]![0]!.length;
  const values = Object.fromEntries(
    GATE_KEYS.map((k) => [
      k,
      nested[k] ? Float32Array.from(nested[k].flat(2)) : new Float32Array(steps * samples * units),
    ]),
  ) as Record<GateKey, Float32Array>;
  return { steps, samples, units, values };
}
