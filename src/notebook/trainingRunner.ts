/**
 * Orchestrates chapter 5: calls the engine's training comparison and turns its per-batch callbacks
 * into plain progress in the store. Updates are coalesced to one store write per animation frame
 * (plus every epoch end), so a fast GPU does not re-render the log a thousand times a second.
 */
import type { ModelKind, TrainConfig, TrainHistory } from '../lstm/experimentTypes';
import { emptyProgress, type ModelProgress } from '../state/slices/trainingSlice';
import { useStore } from '../state/store';
import type { Engine } from './engine';

/** A cancelled run may stop before the second model starts, so either history can be missing. */
export type TrainOutcome = Partial<Record<ModelKind, TrainHistory>>;

export async function runTraining(
  engine: Engine,
  config: TrainConfig,
  signal: AbortSignal,
): Promise<TrainOutcome> {
  const store = useStore.getState();
  store.trainingStart(config);
  const t0 = performance.now();
  const live: Record<ModelKind, ModelProgress> = {
    custom: emptyProgress(config.epochs),
    library: emptyProgress(config.epochs),
  };
  const dirty = new Set<ModelKind>();
  let frame: number | null = null;
  const flush = () => {
    frame = null;
    for (const m of dirty) useStore.getState().trainingProgress(m, structuredClone(live[m]));
    dirty.clear();
  };
  const schedule = () => {
    if (frame === null) frame = requestAnimationFrame(flush);
  };

  try {
    const out: TrainOutcome = await engine.compareTraining(config, {
      signal,
      onBatchEnd: (e) => {
        const p = live[e.model];
        if (e.batch === 0 || p.epoch !== e.epoch + 1) {
          p.batchLosses[e.epoch] = [];
        }
        const losses = p.batchLosses[e.epoch]!;
        losses.push(e.loss);
        p.epoch = e.epoch + 1;
        p.batch = e.batch + 1;
        p.batches = e.batches;
        p.runningLoss = losses.reduce((a, b) => a + b, 0) / losses.length;
        if (!Number.isFinite(e.loss)) p.diverged = true;
        dirty.add(e.model);
        schedule();
      },
      onEpochEnd: (e) => {
        const p = live[e.model];
        p.epochLosses[e.epoch] = e.loss;
        p.epoch = e.epoch + 1;
        dirty.add(e.model);
        flush();
      },
    });
    if (frame !== null) cancelAnimationFrame(frame);
    // The histories are the truth; the callbacks were only for the live log.
    for (const m of ['custom', 'library'] as const) {
      const history = out[m];
      if (!history) continue;
      live[m].epochLosses = [...history.epochLosses];
      live[m].batchLosses = history.batchLosses.map((b) => [...b]);
      live[m].diverged = history.diverged;
      dirty.add(m);
    }
    flush();
    const cancelled =
      signal.aborted ||
      !out.custom ||
      !out.library ||
      out.custom.cancelled ||
      out.library.cancelled;
    useStore.getState().trainingFinish(cancelled ? 'cancelled' : 'done', performance.now() - t0);
    return out;
  } catch (e) {
    if (frame !== null) cancelAnimationFrame(frame);
    const message = e instanceof Error ? e.message : String(e);
    useStore.getState().trainingFinish('error', performance.now() - t0, message);
    throw e;
  }
}
