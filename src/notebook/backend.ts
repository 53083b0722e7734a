/**
 * Starts the tfjs backend the reader asked for. WebGL is the default; when it cannot start (no GPU,
 * blocked context), the notebook falls back to the CPU and says why. tfjs is imported here lazily
 * so that nothing of it lands in the first paint.
 */
import type { Backend } from '../state/hyperparams';
import type { BackendInfo } from '../state/slices/runtimeSlice';
import { useStore } from '../state/store';

let pending: { requested: Backend; info: Promise<BackendInfo> } | null = null;

async function start(requested: Backend): Promise<BackendInfo> {
  const tf = await import('@tensorflow/tfjs');
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
  return { active, requested, floatBits, fallbackReason, detail };
}

/** Make `requested` the active backend (once per choice) and publish what actually runs. */
export function ensureBackend(requested: Backend): Promise<BackendInfo> {
  if (pending?.requested === requested) return pending.info;
  const info = start(requested).then((i) => {
    useStore.getState().setBackendInfo(i);
    return i;
  });
  pending = { requested, info };
  info.catch(() => {
    if (pending?.info === info) pending = null;
  });
  return info;
}
