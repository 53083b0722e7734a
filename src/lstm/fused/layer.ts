import * as tf from '@tensorflow/tfjs';
import { LSTMBase, type LSTMBaseArgs } from '../layers/base';
import { singleInput } from '../layers/input';
import { fusedLstm } from './op';

export interface FusedLSTMArgs extends LSTMBaseArgs {
  /** Output h for every time step, [batch, time, units], instead of only the last one. */
  returnSequences?: boolean;
  /** Also return the final states: [output, h, c], [batch, units] each, as Keras does. */
  returnState?: boolean;
}

/**
 * The fast path: the same weights, initializers and serialization as the chapters' layers, but
 * the whole sequence runs in `fusedLstm`, on WebGL one GPU dispatch per time step (forward) and
 * two per step back. An initial state is passed as `layer.apply(x, { initialState: [h0, c0] })`.
 */
export class FusedLSTM extends LSTMBase {
  static className = 'FusedLSTM';
  readonly returnSequences: boolean;
  readonly returnState: boolean;

  constructor(args: FusedLSTMArgs) {
    super(args);
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
  }

  override call(
    inputs: tf.Tensor | tf.Tensor[],
    kwargs: tf.serialization.ConfigDict,
  ): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const x = singleInput(inputs);
      // No initial state given: zeros, which the kernels start from without being handed any.
      const start = kwargs['initialState'] ? this.initialState(x.shape[0], kwargs) : null;
      const { output, h, c } = fusedLstm(x, this.cellWeights(), start, {
        returnSequences: this.returnSequences,
        returnState: this.returnState,
      });
      return this.returnState ? [output, h!, c!] : output;
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const [batch, time] = [shape[0] ?? null, shape[1] ?? null];
    const final: tf.Shape = [batch, this.units];
    const output: tf.Shape = this.returnSequences ? [batch, time, this.units] : final;
    return this.returnState ? [output, final, final] : output;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      returnSequences: this.returnSequences,
      returnState: this.returnState,
    };
  }
}
tf.serialization.registerClass(FusedLSTM);
