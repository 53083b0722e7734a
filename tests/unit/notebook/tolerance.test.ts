/** Each backend is held to the bounds of what it computes on: CPU float32, GPU float32, or half. */
import { expect, test } from 'vitest';
import { BACKENDS, type Backend } from '../../../src/lstm/experimentTypes';
import {
  FORWARD_TOLERANCE,
  GRADIENT_TOLERANCE,
  TRAINING_TOLERANCE,
  forwardTolerance,
  gradientTolerance,
  trainingTolerance,
} from '../../../src/notebook/tolerance';

const info = (active: Backend, floatBits: 32 | 16 = 32) => ({
  active,
  requested: active,
  floatBits,
  fallbackReason: null,
  detail: '',
  thread: 'worker' as const,
});

test('wasm is held to the CPU bounds, WebGPU to WebGL float32 bounds', () => {
  expect(forwardTolerance(info('wasm'))).toBe(FORWARD_TOLERANCE.cpu);
  expect(trainingTolerance(info('wasm'))).toBe(TRAINING_TOLERANCE.cpu);
  expect(gradientTolerance(info('wasm'))).toBe(GRADIENT_TOLERANCE.cpu);
  expect(forwardTolerance(info('webgpu'))).toBe(FORWARD_TOLERANCE.webgl);
  expect(trainingTolerance(info('webgpu'))).toBe(TRAINING_TOLERANCE.webgl);
  expect(forwardTolerance(info('webgl', 16))).toBe(FORWARD_TOLERANCE.webglHalf);
  expect(forwardTolerance(info('cpu'))).toBe(FORWARD_TOLERANCE.cpu);
});

test('no backend gets a bound looser than WebGL float32 unless it computes in half precision', () => {
  for (const b of BACKENDS) expect(forwardTolerance(info(b))).toBeLessThanOrEqual(1e-5);
});
