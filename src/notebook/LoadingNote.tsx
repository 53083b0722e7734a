/** Where results will appear, while tfjs downloads and the backend starts. */
import { useStore } from '../state/store';

export function LoadingNote() {
  const engine = useStore((s) => s.engineStatus);
  const backend = useStore((s) => s.backendInfo?.active);
  const text =
    engine === 'ready' ? 'Running both LSTMs…' : 'Loading TensorFlow.js and starting the backend…';
  // GPUs compile a shader per operation on first use; on a software GPU that takes seconds.
  const hint =
    backend === 'webgl' || backend === 'webgpu'
      ? ` The first run on ${backend === 'webgl' ? 'WebGL' : 'WebGPU'} also compiles its shaders.`
      : '';
  return (
    <p className="loading" role="status" data-testid="loading">
      <span className="spinner" aria-hidden="true" /> {text}
      {hint}
    </p>
  );
}
