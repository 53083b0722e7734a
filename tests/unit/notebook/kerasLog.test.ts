import { describe, expect, it } from 'vitest';
import { kerasLog, progressBar } from '../../../src/notebook/kerasLog';
import { emptyProgress } from '../../../src/lstm/train/progress';

describe('Keras progress bar', () => {
  it('draws like Keras', () => {
    expect(progressBar(1, 10)).toBe(' 1/10 [==>...........................]');
    expect(progressBar(10, 10)).toBe('10/10 [==============================]');
    expect(progressBar(0, 10)).toBe(' 0/10 [>.............................]');
    expect(progressBar(1, 10)).toHaveLength(progressBar(10, 10).length);
  });

  it('logs finished epochs and the one in progress', () => {
    const p = {
      ...emptyProgress(3),
      epoch: 2,
      batch: 1,
      batches: 10,
      runningLoss: 0.1784,
      epochLosses: [0.225],
      batchLosses: [[0.2666], [0.1784]],
    };
    expect(kerasLog(p)).toEqual([
      'Epoch 1/3',
      '10/10 [==============================] - loss: 0.2250',
      'Epoch 2/3',
      ' 1/10 [==>...........................] - loss: 0.1784',
    ]);
  });
});
