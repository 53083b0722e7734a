/** Keras' console progress bar, as `model.fit(verbose=1)` prints it, built from plain progress. */
import type { ModelKind } from '../lstm/experimentTypes';
import type { ModelProgress, Progress } from '../lstm/train/progress';

const WIDTH = 30;

/** `7/10 [====================>.........]`, the same shape Keras draws. */
export function progressBar(done: number, total: number): string {
  const width = String(total).length;
  const head = `${String(done).padStart(width)}/${total}`;
  if (total <= 0) return `${head} [${'.'.repeat(WIDTH)}]`;
  const filled = Math.floor((WIDTH * done) / total);
  const bar =
    done >= total
      ? '='.repeat(WIDTH)
      : `${'='.repeat(Math.max(filled - 1, 0))}>${'.'.repeat(WIDTH - Math.max(filled, 1))}`;
  return `${head} [${bar}]`;
}

/** The whole log so far: every finished epoch, then the one in progress. */
export function kerasLog(p: ModelProgress): string[] {
  const lines: string[] = [];
  for (let e = 0; e < p.epoch; e++) {
    lines.push(`Epoch ${e + 1}/${p.epochs}`);
    const finished = p.epochLosses[e];
    const batches = p.batchLosses[e]?.length ?? 0;
    if (finished !== undefined) {
      const total = Math.max(p.batches, batches);
      lines.push(`${progressBar(total, total)} - loss: ${finished.toFixed(4)}`);
    } else {
      const loss = p.runningLoss === null ? '' : ` - loss: ${p.runningLoss.toFixed(4)}`;
      lines.push(`${progressBar(p.batch, p.batches)}${loss}`);
    }
  }
  return lines;
}

/** The announcement at an epoch's end: "Epoch 3 of 10 finished: custom loss 0.1234, …". */
export function epochAnnouncement(models: Progress): string {
  const done = Math.min(models.custom.epochLosses.length, models.library.epochLosses.length);
  if (done === 0) return '';
  const loss = (m: ModelKind) => models[m].epochLosses[done - 1]!.toFixed(4);
  return (
    `Epoch ${done} of ${models.custom.epochs} finished: ` +
    `hand-written LSTM loss ${loss('custom')}, tf.layers.lstm loss ${loss('library')}.`
  );
}
