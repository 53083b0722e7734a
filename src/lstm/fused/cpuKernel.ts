/**
 * The fused LSTM on plain typed arrays: the whole sequence forward, and its backward pass through
 * time, as loops over Float32Arrays (sums in float64, JavaScript's own numbers). The kernel of
 * every backend that is not WebGL: no tfjs here, so Node, a worker or wasm's host side can run it.
 *
 * States travel interleaved, as the WebGL kernel writes them: row b of step t holds
 * h[0], c[0], h[1], c[1], ... so one [time, batch, 2 * units] array carries both.
 */

/** The sizes of one pass. */
export interface FusedDims {
  batch: number;
  time: number;
  features: number;
  units: number;
}

/** One pass's inputs, flat and row-major, weights in Keras' fused i|f|g|o layout. */
export interface FusedInputs {
  /** Input, batch-major [batch, time, features]. */
  x: ArrayLike<number>;
  /** Input kernel W, [features, 4 * units]. */
  kernel: ArrayLike<number>;
  /** Recurrent kernel U, [units, 4 * units]. */
  recurrentKernel: ArrayLike<number>;
  /** Bias b, [4 * units]. */
  bias: ArrayLike<number>;
  /** Hidden state before the first step, [batch, units]. */
  h0: ArrayLike<number>;
  /** Cell state before the first step, [batch, units]. */
  c0: ArrayLike<number>;
}

export interface FusedForward {
  /** h and c of every step, interleaved, [time, batch, 2 * units]. */
  states: Float32Array;
  /** The activated gates i, f, g, o of every step, [time, batch, 4 * units]: what backward needs. */
  gates: Float32Array;
}

/** The gradients of a pass with respect to each of its inputs, in the inputs' shapes. */
export interface FusedGrads {
  x: Float32Array;
  kernel: Float32Array;
  recurrentKernel: Float32Array;
  bias: Float32Array;
  h0: Float32Array;
  c0: Float32Array;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** All time steps: z = x·W + h_prev·U + b, then the four equations. */
export function cpuForward(d: FusedDims, input: FusedInputs): FusedForward {
  const { batch, time, features, units } = d;
  const fused = 4 * units;
  const { x, kernel: W, recurrentKernel: U, bias } = input;
  const states = new Float32Array(time * batch * 2 * units);
  const gates = new Float32Array(time * batch * fused);
  const z = new Float64Array(fused);
  for (let t = 0; t < time; t++) {
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < fused; j++) z[j] = bias[j]!;
      const xRow = (b * time + t) * features;
      for (let k = 0; k < features; k++) {
        const xk = x[xRow + k]!;
        for (let j = 0; j < fused; j++) z[j] = z[j]! + xk * W[k * fused + j]!;
      }
      const prev = t > 0 ? ((t - 1) * batch + b) * 2 * units : -1;
      for (let k = 0; k < units; k++) {
        const hk = prev < 0 ? input.h0[b * units + k]! : states[prev + 2 * k]!;
        if (hk === 0) continue;
        for (let j = 0; j < fused; j++) z[j] = z[j]! + hk * U[k * fused + j]!;
      }
      const out = (t * batch + b) * 2 * units;
      const gateRow = (t * batch + b) * fused;
      for (let u = 0; u < units; u++) {
        const i = sigmoid(z[u]!);
        const f = sigmoid(z[units + u]!);
        const g = Math.tanh(z[2 * units + u]!);
        const o = sigmoid(z[3 * units + u]!);
        const cPrev = prev < 0 ? input.c0[b * units + u]! : states[prev + 2 * u + 1]!;
        const c = f * cPrev + i * g;
        states[out + 2 * u] = o * Math.tanh(c);
        states[out + 2 * u + 1] = c;
        gates[gateRow + u] = i;
        gates[gateRow + units + u] = f;
        gates[gateRow + 2 * units + u] = g;
        gates[gateRow + 3 * units + u] = o;
      }
    }
  }
  return { states, gates };
}

/**
 * Backpropagation through time. `dStates` is the gradient of the loss with respect to every
 * step's h and c, interleaved like `states`; the recurrence adds what flows back from later steps.
 */
export function cpuBackward(
  d: FusedDims,
  input: FusedInputs,
  forward: FusedForward,
  dStates: ArrayLike<number>,
): FusedGrads {
  const { batch, time, units } = d;
  const fused = 4 * units;
  const { states, gates } = forward;
  const U = input.recurrentKernel;
  // dz of every step, batch-major [batch, time, 4 * units] like the input rows.
  const dz = new Float64Array(batch * time * fused);
  let dhRec = new Float64Array(batch * units);
  let dcCarry = new Float64Array(batch * units);
  for (let t = time - 1; t >= 0; t--) {
    const nextDh = new Float64Array(batch * units);
    const nextDc = new Float64Array(batch * units);
    for (let b = 0; b < batch; b++) {
      const s = (t * batch + b) * 2 * units;
      const prev = t > 0 ? ((t - 1) * batch + b) * 2 * units : -1;
      const gateRow = (t * batch + b) * fused;
      const dzRow = (b * time + t) * fused;
      for (let u = 0; u < units; u++) {
        const i = gates[gateRow + u]!;
        const f = gates[gateRow + units + u]!;
        const g = gates[gateRow + 2 * units + u]!;
        const o = gates[gateRow + 3 * units + u]!;
        const tc = Math.tanh(states[s + 2 * u + 1]!);
        const cPrev = prev < 0 ? input.c0[b * units + u]! : states[prev + 2 * u + 1]!;
        const dh = dStates[s + 2 * u]! + dhRec[b * units + u]!;
        const dc = dStates[s + 2 * u + 1]! + dcCarry[b * units + u]! + dh * o * (1 - tc * tc);
        dz[dzRow + u] = dc * g * i * (1 - i);
        dz[dzRow + units + u] = dc * cPrev * f * (1 - f);
        dz[dzRow + 2 * units + u] = dc * i * (1 - g * g);
        dz[dzRow + 3 * units + u] = dh * tc * o * (1 - o);
        nextDc[b * units + u] = dc * f;
      }
      // dh_prev = dz·Uᵀ
      for (let k = 0; k < units; k++) {
        let sum = 0;
        for (let j = 0; j < fused; j++) sum += dz[dzRow + j]! * U[k * fused + j]!;
        nextDh[b * units + k] = sum;
      }
    }
    dhRec = nextDh;
    dcCarry = nextDc;
  }
  return { ...weightGrads(d, input, states, dz), h0: f32(dhRec), c0: f32(dcCarry) };
}

/** dW = xᵀ·dz, dU = h_prevᵀ·dz, db = Σ dz, dx = dz·Wᵀ, summed over every (sample, step). */
function weightGrads(
  d: FusedDims,
  input: FusedInputs,
  states: Float32Array,
  dz: Float64Array,
): Pick<FusedGrads, 'x' | 'kernel' | 'recurrentKernel' | 'bias'> {
  const { batch, time, features, units } = d;
  const fused = 4 * units;
  const dW = new Float64Array(features * fused);
  const dU = new Float64Array(units * fused);
  const db = new Float64Array(fused);
  const dx = new Float32Array(batch * time * features);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < time; t++) {
      const row = (b * time + t) * fused;
      const xRow = (b * time + t) * features;
      const prev = t > 0 ? ((t - 1) * batch + b) * 2 * units : -1;
      for (let j = 0; j < fused; j++) db[j] = db[j]! + dz[row + j]!;
      for (let k = 0; k < features; k++) {
        const xk = input.x[xRow + k]!;
        let sum = 0;
        for (let j = 0; j < fused; j++) {
          dW[k * fused + j] = dW[k * fused + j]! + xk * dz[row + j]!;
          sum += dz[row + j]! * input.kernel[k * fused + j]!;
        }
        dx[xRow + k] = sum;
      }
      for (let k = 0; k < units; k++) {
        const hk = prev < 0 ? input.h0[b * units + k]! : states[prev + 2 * k]!;
        if (hk === 0) continue;
        for (let j = 0; j < fused; j++) {
          dU[k * fused + j] = dU[k * fused + j]! + hk * dz[row + j]!;
        }
      }
    }
  }
  return { x: dx, kernel: f32(dW), recurrentKernel: f32(dU), bias: f32(db) };
}

const f32 = (a: Float64Array) => Float32Array.from(a);
