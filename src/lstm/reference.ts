/**
 * The test oracle: one LSTM written with plain loops over Float64Arrays, no tfjs. Slow and
 * obvious on purpose; tests and step-by-step explanations compare against it.
 */

/** Weights as flat row-major arrays in Keras' fused i|f|g|o layout. */
export interface PlainWeights {
  features: number;
  units: number;
  /** [features, 4 * units]. */
  kernel: ArrayLike<number>;
  /** [units, 4 * units]. */
  recurrentKernel: ArrayLike<number>;
  /** [4 * units], or null for no bias. */
  bias: ArrayLike<number> | null;
}

/** One step of one sample: every intermediate, each of length `units`. */
export interface PlainStep {
  i: Float64Array;
  f: Float64Array;
  g: Float64Array;
  o: Float64Array;
  c: Float64Array;
  h: Float64Array;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The four equations for one sample: x [features], hPrev and cPrev [units]. */
export function referenceStep(
  w: PlainWeights,
  x: ArrayLike<number>,
  hPrev: ArrayLike<number>,
  cPrev: ArrayLike<number>,
): PlainStep {
  const { units, features } = w;
  const fused = 4 * units;
  // z = x·W + h_prev·U + b, all four gates at once.
  const z = new Float64Array(fused);
  for (let col = 0; col < fused; col++) {
    let sum = w.bias ? w.bias[col]! : 0;
    for (let k = 0; k < features; k++) sum += x[k]! * w.kernel[k * fused + col]!;
    for (let k = 0; k < units; k++) sum += hPrev[k]! * w.recurrentKernel[k * fused + col]!;
    z[col] = sum;
  }
  const step: PlainStep = {
    i: new Float64Array(units),
    f: new Float64Array(units),
    g: new Float64Array(units),
    o: new Float64Array(units),
    c: new Float64Array(units),
    h: new Float64Array(units),
  };
  for (let u = 0; u < units; u++) {
    step.i[u] = sigmoid(z[u]!);
    step.f[u] = sigmoid(z[units + u]!);
    step.g[u] = Math.tanh(z[2 * units + u]!);
    step.o[u] = sigmoid(z[3 * units + u]!);
    step.c[u] = step.f[u]! * cPrev[u]! + step.i[u]! * step.g[u]!;
    step.h[u] = step.o[u]! * Math.tanh(step.c[u]!);
  }
  return step;
}

/**
 * Run the whole sequence of every sample.
 * @param x Batch-major input as nested arrays, [batch][time][features].
 * @returns steps[b][t] for every sample b and time step t.
 */
export function referenceForward(
  w: PlainWeights,
  x: number[][][],
  h0?: number[][],
  c0?: number[][],
): PlainStep[][] {
  return x.map((sequence, b) => {
    let h: ArrayLike<number> = h0?.[b] ?? new Float64Array(w.units);
    let c: ArrayLike<number> = c0?.[b] ?? new Float64Array(w.units);
    return sequence.map((xT) => {
      const step = referenceStep(w, xT, h, c);
      h = step.h;
      c = step.c;
      return step;
    });
  });
}
