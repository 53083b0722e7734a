/**
 * A cell whose job is one engine request (a forward comparison or a trace): sent to the engine
 * worker through the runtime, re-sent when the config or the backend changes; a superseded
 * request is cancelled in the worker. Publishes the backend that answered to the store.
 */
import type { Backend } from '../lstm/experimentTypes';
import { EngineError } from '../runtime/client';
import { request } from '../runtime/host';
import type { Answers, Ask } from '../runtime/protocol';
import type { Hyperparameters } from '../state/hyperparams';
import { store } from '../state/store';
import { describeError, useCell, type CellHandle } from './useCell';

type Work = 'forward' | 'inspect' | 'optimizers';
type ConfigOf<K extends Work> = Extract<Ask, { kind: K }>['config'];

export function useEngineCell<K extends Work>(
  kind: K,
  backend: Backend,
  config: ConfigOf<K>,
  /** Resolves when the request may go (e.g. once another cell's heavier work is done). */
  ready?: (signal: AbortSignal) => Promise<void>,
): CellHandle<Answers[K]['result']> {
  return useCell(
    async (signal) => {
      await ready?.(signal);
      const { setEngineStatus, setBackendInfo } = store.getState();
      if (store.getState().engineStatus !== 'ready') setEngineStatus('loading');
      try {
        const ask = { kind, backend, config } as Extract<Ask, { kind: K }>;
        const reply = (await request(backend, ask, { signal })) as Answers[K];
        setEngineStatus('ready');
        setBackendInfo(reply.info);
        return reply.result as Answers[K]['result'];
      } catch (e) {
        // A refusal or a cancellation says nothing about the engine; anything else does.
        const verdict =
          e instanceof EngineError && ['invalid', 'budget', 'cancelled'].includes(e.code);
        if (!verdict && store.getState().engineStatus === 'loading') {
          setEngineStatus('error', `The engine could not start: ${describeError(e)}`);
        }
        throw e;
      }
    },
    JSON.stringify([config, backend]),
  );
}

/** The hyperparameters every forward-pass experiment shares. */
export function forwardShape(h: Hyperparameters) {
  const { units, timesteps, features, samples, seed, seeding } = h;
  return { units, timesteps, features, samples, seed, seeding };
}
