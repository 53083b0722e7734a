/**
 * The "break it" switches, shared by chapter 4's equivalence panel and chapter 5's gradient
 * check: one choice in the store, so a mistake switched on in one place shows in both.
 */
import type { BreakVariant } from '../lstm/experimentTypes';
import { useStore } from '../state/store';

export interface BreakChoice {
  id: BreakVariant;
  label: string;
  /** What the mistake is, and what it does to the forward pass. */
  why: string;
}

export const BREAK_CHOICES: readonly BreakChoice[] = [
  {
    id: 'none',
    label: 'Nothing broken',
    why: 'Both sides compute the same thing: every difference is float32 rounding.',
  },
  {
    id: 'hardSigmoid',
    label: 'Hard sigmoid gates',
    why: 'tfjs’ own default recurrent activation is the piecewise-linear hard sigmoid. Keras (and the tutorial) use the smooth sigmoid, which is why kerasEquivalent sets it explicitly.',
  },
  {
    id: 'swapGates',
    label: 'Swap i and f blocks',
    why: 'The fused weights hold the gates in the order i, f, g, o. Read the first two blocks the other way round and the input gate does the forgetting.',
  },
  {
    id: 'unitForgetBias',
    label: 'Unit forget bias',
    why: 'Keras adds 1 to the forget gate’s bias by default (unit_forget_bias=True); the tutorial turns it off, so the library here has it off too.',
  },
  {
    id: 'dropBias',
    label: 'Drop the bias',
    why: 'With a zeros bias nothing changes; pick a non-zero bias initializer in the options above to see the difference.',
  },
];

/** A radio group over the break variants, writing the store's `breakIt`. */
export function BreakSwitches({ name, testIdPrefix }: { name: string; testIdPrefix: string }) {
  const breakIt = useStore((s) => s.breakIt);
  const setBreakIt = useStore((s) => s.setBreakIt);
  return (
    <fieldset className="break-it">
      <legend>Break the hand-written LSTM on purpose</legend>
      {BREAK_CHOICES.map((v) => (
        <label key={v.id}>
          <input
            type="radio"
            name={name}
            value={v.id}
            checked={breakIt === v.id}
            onChange={() => setBreakIt(v.id)}
            data-testid={`${testIdPrefix}-${v.id}`}
          />
          {v.label}
        </label>
      ))}
    </fieldset>
  );
}
