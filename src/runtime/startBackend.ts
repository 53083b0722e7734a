/**
 * Starts a tfjs backend and says what actually runs, as plain data. WebGL is the default; when it
 * cannot start (no GPU, blocked context), this falls back to the CPU and says why. No store here:
 * the engine worker and the page's fallback both use it, each handing in its tfjs.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Backend, BackendInfo } from '../lstm/experimentTypes';

export async function startBackend(
  tf: typeof TF,
  requested: Backend,
  thread: BackendInfo['thread'],
): Promise<BackendInfo> {
  let fallbackReason: string | null = null;
  if (requested === 'webgl') {
    let ok = false;
    try {
      ok = await tf.setBackend('webgl');
      if (ok) await tf.ready();
    } catch (e) {
      fallbackReason = e instanceof Error ? e.message : String(e);
    }
    if (!ok) {
      fallbackReason ??= 'this browser could not create a WebGL context';
      await tf.setBackend('cpu');
    }
  } else {
    await tf.setBackend('cpu');
  }
  await tf.ready();
  const active: Backend = tf.getBackend() === 'webgl' ? 'webgl' : 'cpu';
  // Not tf.backend().floatPrecision(): in tfjs 4.22 it answers 16 exactly when float32 rendering
  // is enabled. The flag itself is what decides whether WebGL textures hold float32.
  const floatBits = active === 'cpu' || tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED') ? 32 : 16;
  const detail = active === 'webgl' ? `WebGL ${tf.env().getNumber('WEBGL_VERSION')}` : '';
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
