/**
 * The wasm backend, loaded only when a reader asks for it. Its binaries are the app's own files:
 * Vite emits them next to the bundle (`?url`), so dev, preview, a sub-path build and the service
 * worker's precache all find them, and nothing comes from a CDN. Importing this module registers
 * the backend with tfjs, once.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

// Threads need cross-origin isolation (SharedArrayBuffer), which static hosts and embeds do not
// give: SIMD where the browser has it, else plain. The threaded binary is never fetched, so it is
// not emitted; the map still needs its name, pointed at the SIMD file it will not load.
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths({
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': simdUrl,
});

/** "wasm SIMD" or "wasm": which binary runs. */
export async function wasmDetail(): Promise<string> {
  return (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'wasm SIMD' : 'wasm';
}
