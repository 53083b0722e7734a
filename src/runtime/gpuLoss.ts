/**
 * A lost WebGL context. A driver reset, the browser reclaiming the GPU, or `WEBGL_lose_context`
 * takes every texture with it. tfjs has no hook for this: its read-backs then wait forever, and
 * its synchronous reads return zeros. The engine worker listens on the backend's canvas and tells
 * the page, which ends the worker and starts a fresh one (see client.ts and host.ts).
 */
import type * as TF from '@tensorflow/tfjs';

/** What the engine says when its context goes; the cell shows it where the work was. */
export const LOST_MESSAGE =
  'The GPU’s WebGL context was lost (the browser or the graphics driver reset it), and every ' +
  'tensor on it with it. The work in progress stopped there. The engine starts again on a fresh ' +
  'context, or on the CPU if WebGL cannot come back: run again to go on.';

/** The context of the active backend, when it is WebGL. */
function contextOf(tf: typeof TF): WebGLRenderingContext | null {
  if (tf.getBackend() !== 'webgl') return null;
  const gl = (tf.backend() as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
  return gl ?? null;
}

/**
 * Call `onLost` once when the active WebGL backend's context is lost. Call it after each backend
 * start; a context already watched is not watched twice.
 */
export function createLossWatch(tf: typeof TF, onLost: () => void) {
  const watched = new WeakSet<object>();
  let lost = false;
  return {
    watch(): void {
      const gl = contextOf(tf);
      if (!gl || watched.has(gl)) return;
      watched.add(gl);
      gl.canvas.addEventListener('webglcontextlost', (e) => {
        e.preventDefault();
        if (lost) return;
        lost = true;
        onLost();
      });
    },
    /** Lose the context on purpose, a moment from now (after the caller's reply is out). */
    lose(): boolean {
      const ext = contextOf(tf)?.getExtension('WEBGL_lose_context');
      if (!ext) return false;
      setTimeout(() => ext.loseContext(), 0);
      return true;
    },
  };
}
