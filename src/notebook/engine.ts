/**
 * The thin adapter between the notebook and the engine. The engine (and tfjs with it, a few
 * megabytes) is imported lazily on the first run, so chapter text and equations paint first.
 */
import { useStore } from '../state/store';

export type Engine = Pick<
  typeof import('../lstm/experiments'),
  'compareForward' | 'compareTraining' | 'createTrainingSession' | 'inspectForward' | 'engineMemory'
>;

let loading: Promise<Engine> | null = null;

export function loadEngine(): Promise<Engine> {
  if (loading) return loading;
  const { setEngineStatus } = useStore.getState();
  setEngineStatus('loading');
  loading = import('../lstm/experiments').then(
    (m) => {
      setEngineStatus('ready');
      return m;
    },
    (e: unknown) => {
      loading = null; // A network hiccup should not poison every later run.
      const message = e instanceof Error ? e.message : String(e);
      setEngineStatus('error', `TensorFlow.js could not be loaded: ${message}`);
      throw e;
    },
  );
  return loading;
}
