import * as tf from '@tensorflow/tfjs';
import type { LSTMBaseArgs } from './base';
import { SimpleLSTM } from './simpleLstm';

/**
 * Chapter 2: chapter 1's layer with a bias b of shape [4 * units]. Nothing in the loop changes:
 * `splitWeights` cuts b into one slice per gate and `lstmStep` adds each to its gate. The
 * bias starts at zeros (Keras' default), so the printed numbers do not move.
 * Returns the last hidden state, [batch, units].
 */
export class LSTMWithBias extends SimpleLSTM {
  static override className = 'LSTMWithBias';

  constructor(args: LSTMBaseArgs) {
    super({ useBias: true, ...args });
  }
}
tf.serialization.registerClass(LSTMWithBias);
