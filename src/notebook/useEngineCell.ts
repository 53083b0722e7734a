/**
 * A cell whose job is one engine request (a forward comparison or a trace): sent to the engine
 * worker through the runtime, re-sent when the config or the backend changes; a superseded
 * request is cancelled in the worker. Publishes the backend that answered to the store.
 */
import { useRef } from 'react';
import type { Backend } from '../lstm/experimentTypes';
import { EngineError } from '../runtime/client';
import { request } from '../runtime/host';
import type { Answers, Ask } from '../runtime/protocol';
import { scratch } from '../runtime/scratch';
import { editedFiles } from '../state/slices/editsSlice';
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
  /** The cell whose edits (if the reader made any) run in place of the engine as written. */
  editKey?: string,
): CellHandle<Answers[K]['result']> & { edited: boolean; prepareEdits: () => void } {
  /** Whether the result on show came from the reader's edits. */
  const ranEdited = useRef(false);
  const handle = useCell(
    async (signal) => {
      await ready?.(signal);
      const { setEngineStatus, setBackendInfo } = store.getState();
      if (store.getState().engineStatus !== 'ready') setEngineStatus('loading');
      const edits = editKey ? editedFiles(store.getState().edits[editKey]) : null;
      try {
        const ask = { kind, backend, config } as Extract<Ask, { kind: K }>;
        const reply = (
          edits
            ? await scratch.run(ask, edits, { signal })
            : await request(backend, ask, { signal })
        ) as Answers[K];
        ranEdited.current = edits !== null;
        setEngineStatus('ready');
        setBackendInfo(reply.info);
        return reply.result as Answers[K]['result'];
      } catch (e) {
        // A refusal or a cancellation says nothing about the engine; anything else does.
        const verdict =
          edits !== null ||
          (e instanceof EngineError && ['invalid', 'budget', 'cancelled'].includes(e.code));
        if (!verdict && store.getState().engineStatus === 'loading') {
          setEngineStatus('error', `The engine could not start: ${describeError(e)}`);
        }
        throw e;
      }
    },
    JSON.stringify([config, backend]),
  );
  const prepareEdits = () => {
    scratch.prepare({ kind, backend, config } as Extract<Ask, { kind: K }>);
  };
  return { ...handle, edited: ranEdited.current, prepareEdits };
}

/** The hyperparameters every forward-pass experiment shares. */
export function forwardShape(h: Hyperparameters) {
  const { units, timesteps, features, samples, seed, seeding } = h;
  return { units, timesteps, features, samples, seed, seeding };
}
