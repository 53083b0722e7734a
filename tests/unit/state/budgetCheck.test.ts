import { expect, test } from 'vitest';
import { fitLinkToBudget, overBudget } from '../../../src/state/budgetCheck';
import { FORWARD_DEFAULTS, TRAINING_DEFAULTS } from '../../../src/state/hyperparams';

test("the frozen-tab link keeps what fits, in the link's order, and says what it dropped", () => {
  const { values, notices } = fitLinkToBudget('forward', {
    units: 256,
    timesteps: 50,
    samples: 256,
    features: 16,
  });
  const kept = { ...FORWARD_DEFAULTS, ...values };
  expect(overBudget('forward', kept)).toBeNull();
  expect(values.units).toBe(256);
  expect(notices.length).toBeGreaterThan(0);
  for (const n of notices)
    expect(n).toMatch(
      /^Ignored "(samples|features|timesteps)=\d+" from the link: .* at most \d+|No value/,
    );
});

test('a link within budget is kept whole; the budget applies to what the chapter runs', () => {
  expect(fitLinkToBudget('forward', { units: 64, seed: 5 })).toEqual({
    values: { units: 64, seed: 5 },
    notices: [],
  });
  expect(overBudget('training', { ...TRAINING_DEFAULTS, epochs: 200 }, 'epochs')?.field).toBe(
    'epochs',
  );
  expect(overBudget('forward', { ...FORWARD_DEFAULTS, epochs: 200 })).toBeNull();
});
