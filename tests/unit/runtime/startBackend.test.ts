/** Which backend starts for each choice, and what the badge is told, on machines of every kind. */
import type * as TF from '@tensorflow/tfjs';
import { expect, test } from 'vitest';
import { fallbackChain, type Backend } from '../../../src/lstm/experimentTypes';
import { startBackend, type BackendDeps } from '../../../src/runtime/startBackend';

interface Machine {
  /** Backends tfjs can start here. */
  starts: Backend[];
  /** navigator.gpu: absent, present without an adapter, or with one. */
  gpu: 'none' | 'no-adapter' | 'adapter';
  wasmLoads?: boolean;
  float32Textures?: boolean;
}

function machine(m: Machine) {
  const loaded: string[] = [];
  let current = 'cpu';
  const tf = {
    setBackend: async (name: string) => {
      if (!m.starts.includes(name as Backend) && name !== 'cpu') return false;
      current = name;
      return true;
    },
    ready: async () => undefined,
    getBackend: () => current,
    env: () => ({
      getBool: (flag: string) =>
        flag === 'WEBGL_RENDER_FLOAT32_ENABLED' ? (m.float32Textures ?? true) : false,
      getNumber: () => 2,
    }),
  } as unknown as typeof TF;
  const deps: BackendDeps = {
    gpu: () =>
      m.gpu === 'none'
        ? undefined
        : {
            requestAdapter: async () =>
              m.gpu === 'adapter'
                ? { info: { vendor: 'google', architecture: 'swiftshader' } }
                : null,
          },
    loadWebGPU: async () => loaded.push('webgpu'),
    loadWasm: async () => {
      loaded.push('wasm');
      if (m.wasmLoads === false)
        throw { message: 'Make sure the server can serve the `.wasm` file' };
      return async () => 'wasm SIMD';
    },
  };
  const start = (requested: Backend) => startBackend(tf, requested, 'worker', deps);
  return { start, loaded };
}

const everything: Machine = { starts: ['webgl', 'webgpu', 'wasm'], gpu: 'adapter' };

test('each backend starts where the machine has it, and says so with no fallback', async () => {
  const { start } = machine(everything);
  expect(await start('webgpu')).toEqual({
    active: 'webgpu',
    requested: 'webgpu',
    floatBits: 32,
    fallbackReason: null,
    detail: 'WebGPU (swiftshader)',
    thread: 'worker',
  });
  expect(await start('wasm')).toMatchObject({ active: 'wasm', detail: 'wasm SIMD', floatBits: 32 });
  expect(await start('webgl')).toMatchObject({ active: 'webgl', detail: 'WebGL 2', floatBits: 32 });
  expect(await start('cpu')).toMatchObject({ active: 'cpu', detail: '', fallbackReason: null });
});

test('the default path loads neither the WebGPU nor the wasm package', async () => {
  const { start, loaded } = machine(everything);
  await start('webgl');
  await start('cpu');
  expect(loaded).toEqual([]);
});

test('webgpu without navigator.gpu falls back to WebGL, says why, and loads no WebGPU code', async () => {
  const { start, loaded } = machine({ ...everything, gpu: 'none' });
  const info = await start('webgpu');
  expect(info).toMatchObject({ active: 'webgl', requested: 'webgpu', detail: 'WebGL 2' });
  expect(info.fallbackReason).toMatch(/navigator\.gpu/);
  expect(loaded).toEqual([]);
});

test('webgpu without an adapter nor WebGL ends on the CPU, with both reasons', async () => {
  const { start } = machine({ starts: [], gpu: 'no-adapter' });
  const info = await start('webgpu');
  expect(info).toMatchObject({ active: 'cpu', requested: 'webgpu', floatBits: 32, detail: '' });
  expect(info.fallbackReason).toMatch(/no adapter.*; webgl: .*WebGL context/);
});

test('a wasm binary that will not load falls back to the CPU with the reason', async () => {
  const { start } = machine({ ...everything, wasmLoads: false });
  const info = await start('wasm');
  expect(info).toMatchObject({ active: 'cpu', requested: 'wasm' });
  expect(info.fallbackReason).toMatch(/\.wasm/);
});

test('float16 WebGL textures make WebGL float16, and nothing else', async () => {
  const { start } = machine({ ...everything, float32Textures: false });
  expect((await start('webgl')).floatBits).toBe(16);
  expect((await start('webgpu')).floatBits).toBe(32);
  expect((await start('wasm')).floatBits).toBe(32);
});

test('every fallback chain ends on the CPU', () => {
  expect(fallbackChain('webgpu')).toEqual(['webgpu', 'webgl', 'cpu']);
  expect(fallbackChain('wasm')).toEqual(['wasm', 'cpu']);
  expect(fallbackChain('webgl')).toEqual(['webgl', 'cpu']);
  expect(fallbackChain('cpu')).toEqual(['cpu']);
});
