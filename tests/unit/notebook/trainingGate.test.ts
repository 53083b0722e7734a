import { describe, expect, test } from 'vitest';
import { store } from '../../../src/state/store';
import { trainingBusy, untilTrainingSettles } from '../../../src/notebook/useTraining';
import { trainConfigOf } from '../../../src/notebook/trainTarget';

const config = () => trainConfigOf(store.getState().hyper.training);

describe('the gate work behind chapter 5’s run waits at', () => {
  test('busy before the run opens, while it runs; free once it stands still or failed to open', async () => {
    const s = store.getState();
    // The page has just loaded: the training cell has not opened its session yet.
    s.trainingStatus('idle');
    store.setState({ training: { ...store.getState().training, config: null } });
    expect(trainingBusy(store.getState())).toBe(true);
    // It failed before opening one (no config): nothing will train, so waiting would be forever.
    s.trainingStatus('error', { error: 'WebGL is not available' });
    expect(trainingBusy(store.getState())).toBe(false);
    s.trainingReset(config(), 10, false, 'running');
    expect(trainingBusy(store.getState())).toBe(true);
    const gate = untilTrainingSettles(new AbortController().signal);
    let opened = false;
    void gate.then(() => (opened = true));
    await Promise.resolve();
    expect(opened).toBe(false);
    s.trainingStatus('done');
    expect(trainingBusy(store.getState())).toBe(false);
    await gate;
    expect(opened).toBe(true);
  });
});
