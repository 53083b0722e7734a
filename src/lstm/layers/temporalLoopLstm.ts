import * as tf from '@tensorflow/tfjs';
import { temporalLoop } from '../loop';
import { LSTMBase, type LSTMBaseArgs } from './base';
import { singleInput } from './input';

/**
 * Chapter 3: no helper any more. The input is turned time-major, the hand-written `for` loop in
 * `temporalLoop` feeds each step's h and c into the next, and the last h is the output.
 * Returns the last hidden state, [batch, units].
 */
export class TemporalLoopLSTM extends LSTMBase {
  static className = 'TemporalLoopLSTM';

  constructor(args: LSTMBaseArgs) {
    super(args);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: tf.serialization.ConfigDict): tf.Tensor {
    return tf.tidy(() => {
      const x = singleInput(inputs);
      const [h0, c0] = this.initialState(x.shape[0], kwargs);
      const timeMajor = tf.transpose(x, [1, 0, 2]);
      const { hSeq } = temporalLoop(timeMajor, h0, c0, this.cellWeights());
      const last = hSeq.shape[0] - 1;
      return tf.squeeze(tf.slice(hSeq, [last, 0, 0], [1, -1, -1]), [0]);
    });
  }
}
tf.serialization.registerClass(TemporalLoopLSTM);
