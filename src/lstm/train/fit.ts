import type { ModelKind, TrainHistory } from '../experimentTypes';
import type { BatchResult } from './trainer';
import type { TrainingSession } from './session';

export interface FitOptions {
  onBatchEnd?: (model: ModelKind, result: BatchResult) => void;
  onEpochEnd?: (model: ModelKind, epoch: number, loss: number) => void;
  /** Checked between batches; an aborted run returns what it had, and can be resumed. */
  signal?: AbortSignal;
}

/** Let the event loop breathe between batches, so a page stays responsive while training. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

const emptyHistory = (): TrainHistory => ({
  epochLosses: [],
  batchLosses: [],
  diverged: false,
  cancelled: false,
});

/**
 * Keras' `fit` loop, for both models at once: epochs of batches, each batch trained on the
 * hand-written model and then on the library model (one per event-loop task), a history of losses, cancellation between
 * batches, and a stop at the first NaN or infinite loss (nothing good comes after one).
 * Runs from wherever the session stands, so a paused run resumes where it stopped.
 */
export async function fit(
  session: TrainingSession,
  options: FitOptions = {},
): Promise<Record<ModelKind, TrainHistory>> {
  const histories = { custom: emptyHistory(), library: emptyHistory() };
  while (!session.done) {
    if (options.signal?.aborted) {
      histories.custom.cancelled = histories.library.cancelled = true;
      break;
    }
    let diverged = false;
    for (const kind of ['custom', 'library'] as const) {
      // One model's batch per task: the page gets the event loop back in between.
      const r = await session.trainOne(kind);
      const history = histories[kind];
      (history.batchLosses[r.epoch] ??= []).push(r.loss);
      options.onBatchEnd?.(kind, r);
      if (!Number.isFinite(r.loss)) history.diverged = diverged = true;
      if (r.epochLoss !== undefined) {
        history.epochLosses[r.epoch] = r.epochLoss;
        options.onEpochEnd?.(kind, r.epoch, r.epochLoss);
      }
      await yieldToEventLoop();
    }
    if (diverged) break;
  }
  return histories;
}
