/**
 * How close the hand-written LSTM and the library LSTM must agree to earn the match badge. The two
 * compute the same maths in a different order (split-then-multiply against one fused matmul), so
 * float32 rounding differs slightly; GPUs round more loosely than the CPU, and a GPU without
 * float32 textures computes in half precision.
 */
import type { Backend } from '../lstm/experimentTypes';
import type { BackendInfo } from '../state/slices/runtimeSlice';

export const FORWARD_TOLERANCE = { cpu: 1e-6, webgl: 1e-5, webglHalf: 1e-2 } as const;
/** Losses after several epochs of RMSprop drift more than a single forward pass. */
export const TRAINING_TOLERANCE = { cpu: 1e-5, webgl: 1e-4, webglHalf: 5e-2 } as const;

/**
 * Gradients of a batch's loss: custom against library (absolute), and either against the float64
 * finite difference (relative, on the largest elements, where float32 keeps about 7 digits).
 */
export const GRADIENT_TOLERANCE = { cpu: 1e-5, webgl: 1e-5, webglHalf: 1e-2 } as const;
export const FINITE_DIFF_TOLERANCE = { cpu: 1e-4, webgl: 1e-4, webglHalf: 5e-2 } as const;

/** Whose bounds each backend is held to: wasm computes in float32 on the CPU, as the CPU does;
 *  WebGPU in float32 on the GPU, as WebGL does (its shaders round like WebGL's). */
export const TOLERANCE_CLASS: Readonly<Record<Backend, 'cpu' | 'webgl'>> = {
  cpu: 'cpu',
  wasm: 'cpu',
  webgl: 'webgl',
  webgpu: 'webgl',
};

function pick(info: BackendInfo, table: { cpu: number; webgl: number; webglHalf: number }): number {
  if (TOLERANCE_CLASS[info.active] === 'cpu') return table.cpu;
  return info.floatBits === 16 ? table.webglHalf : table.webgl;
}

export const forwardTolerance = (info: BackendInfo) => pick(info, FORWARD_TOLERANCE);
export const trainingTolerance = (info: BackendInfo) => pick(info, TRAINING_TOLERANCE);
export const gradientTolerance = (info: BackendInfo) => pick(info, GRADIENT_TOLERANCE);
export const finiteDiffTolerance = (info: BackendInfo) => pick(info, FINITE_DIFF_TOLERANCE);

/** "1e-5" rather than "0.00001". */
export function formatTolerance(t: number): string {
  return t.toExponential(0);
}
