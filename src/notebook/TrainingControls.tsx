/** Play, pause, step, reset and cancel for chapter 5's run, a progress bar, and its status. */
import { useStore } from '../state/store';
import type { TrainingStatus } from '../lstm/train/progress';
import { formatMs } from './Cell';
import { epochAnnouncement } from './kerasLog';
import type { TrainingHandle } from './useTraining';
import './training.css';

function statusText(status: TrainingStatus, steps: number, elapsedMs: number): string {
  switch (status) {
    case 'idle':
      return 'Ready at the first batch. Press Play to train, or Step for one batch.';
    case 'running':
      return 'Training both models, one batch at a time…';
    case 'paused':
      return 'Paused. Play resumes from here; Step trains one more batch.';
    case 'done':
      return `Both models trained in ${formatMs(elapsedMs)}.`;
    case 'diverged':
      return 'Stopped: the loss diverged (see below). Reset, or Play again, to start over.';
    case 'cancelled':
      return steps > 0
        ? 'Cancelled. Press Train to start again from the same weights.'
        : 'Cancelled. Press Train to start.';
    case 'error':
      return 'Training stopped with an error.';
  }
}

export function TrainingControls({ handle }: { handle: TrainingHandle }) {
  const status = useStore((s) => s.training.status);
  const steps = useStore((s) => s.training.steps);
  const total = useStore((s) => s.training.totalSteps);
  const elapsed = useStore((s) => s.training.elapsedMs);
  const running = status === 'running';
  const finished = status === 'done' || status === 'diverged';

  return (
    <div className="train-controls">
      <div className="train-buttons" role="group" aria-label="Training controls">
        {running ? (
          <button type="button" onClick={handle.pause} data-testid="train-pause">
            <span aria-hidden="true">‖</span> Pause
          </button>
        ) : (
          <button type="button" onClick={handle.play} data-testid="train-play">
            {finished ? '▶ Play again' : status === 'paused' ? '▶ Resume' : '▶ Play'}
          </button>
        )}
        <button
          type="button"
          onClick={handle.step}
          disabled={finished}
          title="Train one batch on each model"
          data-testid="train-step"
        >
          <span aria-hidden="true">⇥</span> Step
        </button>
        <button
          type="button"
          onClick={handle.reset}
          title="Back to the same starting weights"
          data-testid="train-reset"
        >
          ↺ Reset
        </button>
        <button
          type="button"
          onClick={handle.cancel}
          disabled={!running && status !== 'paused'}
          data-testid="train-cancel"
        >
          ■ Cancel
        </button>
      </div>
      <label className="train-progress">
        <span>
          Batch <span data-testid="train-steps">{steps}</span> of {total}
        </span>
        <progress max={Math.max(total, 1)} value={steps} data-testid="train-progress" />
      </label>
      <p className="muted" data-testid="training-status">
        {statusText(status, steps, elapsed)}
      </p>
    </div>
  );
}

/** Screen readers hear each finished epoch and how the run ended, never every batch. */
export function TrainingAnnouncer() {
  const models = useStore((s) => s.training.models);
  const status = useStore((s) => s.training.status);
  const ending =
    status === 'done'
      ? ' Training finished.'
      : status === 'diverged'
        ? ' Training stopped: the loss diverged.'
        : '';
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="train-announcer">
      {epochAnnouncement(models) + ending}
    </p>
  );
}
