/** Said in place when the guard stops a run: what happened, and what to try instead. */
import { useStore } from '../state/store';
import { fmt } from './format';
import { EXPLODED_FACTOR } from '../lstm/train/progress';

const MODEL_NAME = { custom: 'hand-written LSTM', library: 'tf.layers.lstm' } as const;

export function DivergenceNote() {
  const d = useStore((s) => s.training.divergence);
  const lr = useStore((s) => s.training.config?.learningRate ?? null);
  if (!d) return null;
  const who = d.models.length > 1 ? 'both models' : `the ${MODEL_NAME[d.models[0]!]}`;
  const first = d.firstLoss === null ? null : fmt(d.firstLoss, 4);
  const what =
    d.reason === 'nonfinite' ? (
      <>
        became <code>{String(d.value)}</code>: no longer a number
      </>
    ) : (
      <>
        leapt to <code>{fmt(d.value, 4)}</code>, more than {EXPLODED_FACTOR.toLocaleString('en')}{' '}
        times the first batch&apos;s <code>{first}</code>
      </>
    );

  return (
    <div className="divergence-note" role="alert" data-testid="divergence-note">
      <p>
        <strong>Training diverged, so it stopped.</strong> At batch {d.batch} of epoch {d.epoch}
        {d.index !== d.batch && ` (batch ${d.index} on the curve)`} the loss of {who} {what}.
      </p>
      <p>
        What happened: RMSprop moves every weight by about the learning rate at each step
        {lr !== null && (
          <>
            {' '}
            (<code>{lr}</code> here)
          </>
        )}
        , whatever the gradient&apos;s size; its very first step moves each weight about three times
        that far. With a rate this large one update throws the weights far past any low point of the
        loss: the gates saturate, the output swings wildly and the loss explodes. Left running it
        keeps bouncing high, and if the numbers outgrow float32 they become <code>Infinity</code>,
        then <code>NaN</code>, after which nothing more can be learned.
      </p>
      <p>
        What to try: a lower learning rate, such as <code>0.01</code> or Keras&apos; default{' '}
        <code>0.001</code>, in the panel above. Reset starts this run again from the same weights.
      </p>
    </div>
  );
}
