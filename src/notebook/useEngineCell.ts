/**
 * A cell whose job is one engine call: start the chosen backend, load the engine (lazily), run
 * `call` on a plain config. Re-runs when the config or the backend changes.
 */
import type { Backend, Hyperparameters } from '../state/hyperparams';
import { ensureBackend } from './backend';
import { loadEngine, type Engine } from './engine';
import { useCell, type CellHandle } from './useCell';

export function useEngineCell<C, T>(
  backend: Backend,
  config: C,
  call: (engine: Engine, config: C) => Promise<T>,
): CellHandle<T> {
  return useCell(
    async () => {
      await ensureBackend(backend);
      return call(await loadEngine(), config);
    },
    JSON.stringify([config, backend]),
  );
}

/** The hyperparameters every forward-pass experiment shares. */
export function forwardShape(h: Hyperparameters) {
  const { units, timesteps, features, samples, seed, seeding } = h;
  return { units, timesteps, features, samples, seed, seeding };
}
