import * as tf from '@tensorflow/tfjs';
import { lstmStep, splitWeights } from '../cell';
import { rnn, type StepFunction } from '../rnn';
import { LSTMBase, type LSTMBaseArgs } from './base';
import { singleInput } from './input';

/**
 * Chapter 1: the smallest honest LSTM. Two weights (kernel and recurrent kernel), no bias, the
 * four equations in `lstmStep`, and the engine's generic `rnn()` helper (our stand-in for Keras'
 * `K.rnn`) to walk them over time. Returns the last hidden state, [batch, units].
 * (`useBias` defaults to false here; chapter 2's layer turns it on.)
 */
export class SimpleLSTM extends LSTMBase {
  static className = 'SimpleLSTM';

  constructor(args: LSTMBaseArgs) {
    super({ useBias: false, ...args });
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: tf.serialization.ConfigDict): tf.Tensor {
    return tf.tidy(() => {
      const x = singleInput(inputs);
      const weights = splitWeights(this.cellWeights());
      const cell: StepFunction = (xT, [hPrev, cPrev]) => {
        const { h, c } = lstmStep(xT, hPrev!, cPrev!, weights);
        return [h, [h, c]];
      };
      return rnn(cell, x, this.initialState(x.shape[0], kwargs)).lastOutput;
    });
  }
}
tf.serialization.registerClass(SimpleLSTM);
