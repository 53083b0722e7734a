import type { TrainHistory } from '../experimentTypes';
import type { BatchResult, Trainer } from './trainer';

export interface FitOptions {
  epochs: number;
  onBatchEnd?: (result: BatchResult) => void;
  onEpochEnd?: (epoch: number, loss: number) => void;
  /** Checked between batches; an aborted run returns what it had. */
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

/**
 * Keras' `fit` loop over a Trainer: epochs of batches, a history of losses, a stop on the first
 * NaN or infinite loss (nothing good comes after one), and cancellation between batches.
 */
export async function fit(trainer: Trainer, options: FitOptions): Promise<TrainHistory> {
  const history: TrainHistory = {
    epochLosses: [],
    batchLosses: [],
    diverged: false,
    cancelled: false,
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const batchLosses: number[] = [];
    history.batchLosses.push(batchLosses);
    for (let batch = 0; batch < trainer.batchesPerEpoch; batch++) {
      if (options.signal?.aborted) {
        history.cancelled = true;
        return history;
      }
      const result = trainer.trainBatch();
      batchLosses.push(result.loss);
      options.onBatchEnd?.(result);
      if (!Number.isFinite(result.loss)) {
        history.diverged = true;
        return history;
      }
      if (result.epochLoss !== undefined) {
        history.epochLosses.push(result.epochLoss);
        options.onEpochEnd?.(epoch, result.epochLoss);
      }
      await yieldToEventLoop();
    }
  }
  return history;
}
