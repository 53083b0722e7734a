/**
 * The backends the browser tests run the chapters' checks on, and the bound each is held to: the
 * notebook's own tolerance table, so a test and the match badge never disagree.
 */
import type { Backend } from '../../src/lstm/experimentTypes';
import { FORWARD_TOLERANCE, TOLERANCE_CLASS } from '../../src/notebook/tolerance';

/** WebGL, the default, and the two that load only when chosen. */
export const TESTED_BACKENDS = ['webgl', 'webgpu', 'wasm'] as const satisfies readonly Backend[];

/**
 * Where the tutorial's training (100 batches of two models) fits a test's time. WebGPU on this
 * machine's SwiftShader takes about 1 s a batch (210 s for chapter 5's run, measured), so its
 * training is checked by hand, not here; its forward checks all run.
 */
export const TRAINING_BACKENDS = ['webgl', 'wasm'] as const satisfies readonly Backend[];

/** Custom against library on one backend, float32 (the CPU-like wasm is held to 1e-6). */
export const forwardBound = (b: Backend): number => FORWARD_TOLERANCE[TOLERANCE_CLASS[b]];

/** Chromium's flag that gives WebGPU an adapter here (SwiftShader); in CHROMIUM_ARGS. */
export const WEBGPU_FLAG = '--enable-unsafe-webgpu';
