/**
 * Starts a tfjs backend and says what actually runs, as plain data. WebGL is the default; WebGPU
 * and wasm load their packages only when asked for, so the default path carries neither. A
 * backend that cannot start falls back (webgpu -> webgl -> cpu, wasm -> cpu, webgl -> cpu) and
 * says why. No store here: the engine worker and the page's fallback both use it, each handing in
 * its tfjs.
 */
import type * as TF from '@tensorflow/tfjs';
import { BACKEND_FALLBACK, type Backend, type BackendInfo } from '../lstm/experimentTypes';

/** The little of a WebGPU adapter this reads. */
interface Adapter {
  info?: { vendor?: string; architecture?: string };
}

/** What starting a backend needs beyond tfjs; tests hand in fakes. */
export interface BackendDeps {
  /** `navigator.gpu`, or undefined where the browser has no WebGPU. */
  gpu: () => { requestAdapter(): Promise<Adapter | null> } | undefined;
  /** Registers the WebGPU backend with tfjs (imports its package). */
  loadWebGPU: () => Promise<unknown>;
  /** Registers the wasm backend with tfjs, binaries served from the app; says which binary. */
  loadWasm: () => Promise<() => Promise<string>>;
}

const browserDeps: BackendDeps = {
  gpu: () => (navigator as { gpu?: ReturnType<BackendDeps['gpu']> }).gpu,
  loadWebGPU: () => import('@tensorflow/tfjs-backend-webgpu'),
  loadWasm: () => import('./wasmBackend').then((m) => m.wasmDetail),
};

const message = (e: unknown) =>
  e instanceof Error
    ? e.message
    : typeof e === 'object' && e && 'message' in e
      ? String(e.message)
      : String(e);

/** Starts exactly `name`; its detail when it runs, else why not. */
async function tryStart(
  tf: typeof TF,
  name: Backend,
  deps: BackendDeps,
): Promise<{ ok: true; detail: string } | { ok: false; reason: string }> {
  try {
    let detail = '';
    if (name === 'webgpu') {
      const gpu = deps.gpu();
      if (!gpu) return { ok: false, reason: 'this browser has no WebGPU (navigator.gpu)' };
      const adapter = await gpu.requestAdapter();
      if (!adapter) return { ok: false, reason: 'WebGPU gave no adapter' };
      await deps.loadWebGPU();
      const arch = adapter.info?.architecture || adapter.info?.vendor;
      detail = arch ? `WebGPU (${arch})` : 'WebGPU';
    }
    const wasmDetail = name === 'wasm' ? await deps.loadWasm() : null;
    const ok = await tf.setBackend(name);
    if (ok) await tf.ready();
    if (!ok || tf.getBackend() !== name) {
      const what = {
        webgl: 'a WebGL context',
        webgpu: 'a WebGPU device',
        wasm: 'the wasm module',
        cpu: 'the CPU backend',
      }[name];
      return { ok: false, reason: `this browser could not create ${what}` };
    }
    if (name === 'webgl') detail = `WebGL ${tf.env().getNumber('WEBGL_VERSION')}`;
    if (wasmDetail) detail = await wasmDetail();
    return { ok: true, detail };
  } catch (e) {
    return { ok: false, reason: message(e) };
  }
}

export async function startBackend(
  tf: typeof TF,
  requested: Backend,
  thread: BackendInfo['thread'],
  deps: BackendDeps = browserDeps,
): Promise<BackendInfo> {
  const reasons: string[] = [];
  let candidate: Backend | null = requested;
  let active: Backend = 'cpu';
  let detail = '';
  while (candidate) {
    const r = await tryStart(tf, candidate, deps);
    if (r.ok) {
      active = candidate;
      detail = r.detail;
      break;
    }
    reasons.push(candidate === requested ? r.reason : `${candidate}: ${r.reason}`);
    candidate = BACKEND_FALLBACK[candidate];
  }
  if (!candidate) {
    await tf.setBackend('cpu'); // Never fails: the last word, whatever the loop met.
    await tf.ready();
  }
  // Not tf.backend().floatPrecision(): in tfjs 4.22 it answers 16 exactly when float32 rendering
  // is enabled. The flag itself is what decides whether WebGL textures hold float32. WebGPU
  // buffers, wasm and the CPU are float32 throughout.
  const floatBits =
    active !== 'webgl' || tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED') ? 32 : 16;
  const fallbackReason = reasons.length ? reasons.join('; ') : null;
  return { active, requested, floatBits, fallbackReason, detail, thread };
}

/** `start`, run once per choice of backend; a start that failed is tried again next time. */
export function oncePerChoice(
  start: (requested: Backend) => Promise<BackendInfo>,
): (requested: Backend) => Promise<BackendInfo> {
  let started: { requested: Backend; info: Promise<BackendInfo> } | null = null;
  return (requested) => {
    if (started?.requested !== requested) {
      const info = start(requested);
      started = { requested, info };
      info.catch(() => {
        if (started?.info === info) started = null;
      });
    }
    return started.info;
  };
}
