/**
 * Predict, then reveal: questions a reader answers before the live cell shows what happens. Every
 * answer is computed when asked, from the settings on the page (an embed can lock them in its
 * URL), by the engine worker: nothing here is a stored answer.
 */
import type { BreakVariant } from '../lstm/experimentTypes';
import { traceRow } from '../lstm/traceData';
import type { CallOptions } from '../runtime/client';
import { request } from '../runtime/host';
import type { Store } from '../state/store';
import { BREAK_CHOICES } from './BreakSwitches';
import { trainConfigOf } from './trainTarget';
import { forwardShape } from './useEngineCell';

export interface Choice {
  value: string;
  label: string;
}

export interface LiveAnswer {
  /** The choice the live run points to. */
  value: string;
  /** What was measured, in a sentence. */
  detail: string;
}

export interface Question {
  id: string;
  slug: string;
  prompt: string;
  choices: Choice[];
  /** What the engine is asked to do once the reader commits, said while it runs. */
  working: string;
  answer: (s: Store, options: CallOptions) => Promise<LiveAnswer>;
}

const fix = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : String(v));

const BROKEN = BREAK_CHOICES.filter((c) => c.id !== 'none');

export const QUESTIONS: readonly Question[] = [
  {
    id: 'q-forget',
    slug: 'simple-lstm',
    prompt:
      'With the input and weights on this page, where does unit 3’s forget gate sit after step 1 (for the first sample): near 0, near 0.5 or near 1?',
    choices: [
      { value: '0', label: 'Near 0: it forgets' },
      { value: '0.5', label: 'Near 0.5: undecided' },
      { value: '1', label: 'Near 1: it keeps' },
    ],
    working: 'Tracing every gate of step 1…',
    async answer(s, options) {
      const hyper = s.hyper.forward;
      const config = { ...forwardShape(hyper), useBias: false };
      const { result } = await request(
        hyper.backend,
        { kind: 'inspect', backend: hyper.backend, config },
        options,
      );
      const unit = Math.min(2, result.custom.units - 1);
      const f = traceRow(result.custom, 'f', 0, 0)[unit]!;
      const value = f < 0.25 ? '0' : f > 0.75 ? '1' : '0.5';
      return {
        value,
        detail:
          `f = ${fix(f)} for unit ${unit + 1} after step 1 (sample 1).` +
          (value === '0.5'
            ? ' With no bias, h starting at 0 and small weights, x·Wf stays close to 0, and σ(0) = 0.5.'
            : ' The input pushes x·Wf far from 0 here, so σ saturates.'),
      };
    },
  },
  {
    id: 'q-break',
    slug: 'options',
    prompt:
      'Of the four break switches, which one makes the hand-written LSTM depart furthest from tf.layers.lstm (the largest |Δ| in h over all steps)?',
    choices: BROKEN.map((c) => ({ value: c.id, label: c.label })),
    working: 'Running the loop once with each switch…',
    async answer(s, options) {
      const hyper = s.hyper.forward;
      const o = s.options;
      const gaps: [BreakVariant, number][] = [];
      for (const c of BROKEN) {
        const config = {
          ...forwardShape(hyper),
          breakIt: c.id,
          useBias: o.useBias,
          kernelInitializer: o.kernelInitializer,
          recurrentInitializer: o.recurrentInitializer,
          biasInitializer: o.biasInitializer,
        };
        const { result } = await request(
          hyper.backend,
          { kind: 'inspect', backend: hyper.backend, config },
          options,
        );
        gaps.push([c.id, Math.max(...result.maxDiffPerStep.h)]);
      }
      gaps.sort((a, b) => b[1] - a[1]);
      const label = (v: BreakVariant) => BROKEN.find((c) => c.id === v)!.label.toLowerCase();
      return {
        value: gaps[0]![0],
        detail: `Largest |Δh| per switch: ${gaps.map(([v, g]) => `${label(v)} ${g.toExponential(2)}`).join(', ')}.`,
      };
    },
  },
  {
    id: 'q-lr',
    slug: 'training',
    prompt:
      'Train the hand-written model with learning rate 0.1 instead of the setting above. Does the loss go down faster, end worse, or diverge?',
    choices: [
      { value: 'faster', label: 'It goes down faster and ends lower' },
      { value: 'worse', label: 'It ends higher: the steps are too big' },
      { value: 'diverges', label: 'It diverges: the loss blows up' },
    ],
    working: 'Training the hand-written model twice, at your rate and at 0.1…',
    async answer(s, options) {
      const hyper = s.hyper.training;
      const base = trainConfigOf(hyper);
      const baseRate = base.learningRate === 0.1 ? 0.001 : base.learningRate;
      const run = async (learningRate: number) =>
        (
          await request(
            hyper.backend,
            { kind: 'train.probe', backend: hyper.backend, config: { ...base, learningRate } },
            options,
          )
        ).result;
      const ours = await run(baseRate);
      const big = await run(0.1);
      const last = (p: typeof big) => p.epochLosses[p.epochLosses.length - 1] ?? p.lastLoss;
      const value = big.diverged ? 'diverges' : last(big) < last(ours) ? 'faster' : 'worse';
      return {
        value,
        detail: big.diverged
          ? `At 0.1 the loss went from ${fix(big.firstLoss, 4)} to ${fix(big.lastLoss, 4)} and the run stopped; at ${baseRate} it ended at ${fix(last(ours), 4)}.`
          : `After ${base.epochs} epochs: ${fix(last(big), 4)} at 0.1, against ${fix(last(ours), 4)} at ${baseRate}.`,
      };
    },
  },
];

export const questionById = (id: string) => QUESTIONS.find((q) => q.id === id);
