import * as tf from '@tensorflow/tfjs';
import { temporalLoop } from '../loop';
import { LSTMBase, type LSTMBaseArgs } from './base';
import { singleInput } from './input';

export interface LSTMWithOptionsArgs extends LSTMBaseArgs {
  /** Output h for every time step instead of only the last one. */
  returnSequences?: boolean;
  /** Also return the states: [output, h, c]. */
  returnState?: boolean;
  /** The input (and a sequence output) is [time, batch, features] instead of [batch, time, ...]. */
  timeMajor?: boolean;
  /**
   * What `returnState` returns. 'keras' (default): the final h and c, [batch, units] each, as
   * Keras and tfjs do. 'tutorial': the whole h and c sequences, as the Python tutorial's layer
   * returned them, in the same layout as the input.
   */
  stateMode?: 'keras' | 'tutorial';
}

/**
 * Chapter 4: the hand-written loop of chapter 3 with the options a real layer needs:
 * return sequences, return state, time-major input, optional bias, chosen initializers, and an
 * initial state passed as `layer.apply(x, { initialState: [h0, c0] })`.
 */
export class LSTMWithOptions extends LSTMBase {
  static className = 'LSTMWithOptions';
  readonly returnSequences: boolean;
  readonly returnState: boolean;
  readonly timeMajor: boolean;
  readonly stateMode: 'keras' | 'tutorial';

  constructor(args: LSTMWithOptionsArgs) {
    super(args);
    this.returnSequences = args.returnSequences ?? false;
    this.returnState = args.returnState ?? false;
    this.timeMajor = args.timeMajor ?? false;
    this.stateMode = args.stateMode ?? 'keras';
  }

  override call(
    inputs: tf.Tensor | tf.Tensor[],
    kwargs: tf.serialization.ConfigDict,
  ): tf.Tensor | tf.Tensor[] {
    return tf.tidy(() => {
      const x = singleInput(inputs);
      const xTimeMajor = this.timeMajor ? x : tf.transpose(x, [1, 0, 2]);
      const [h0, c0] = this.initialState(xTimeMajor.shape[1], kwargs);
      const { hSeq, cSeq } = temporalLoop(xTimeMajor, h0, c0, this.cellWeights());

      const last = hSeq.shape[0] - 1;
      const lastOf = (seq: tf.Tensor3D) =>
        tf.squeeze(tf.slice(seq, [last, 0, 0], [1, -1, -1]), [0]);
      // Sequences come back in the input's own layout.
      const asInput = (seq: tf.Tensor3D) => (this.timeMajor ? seq : tf.transpose(seq, [1, 0, 2]));

      const output = this.returnSequences ? asInput(hSeq) : lastOf(hSeq);
      if (!this.returnState) return output;
      if (this.stateMode === 'tutorial') return [output, asInput(hSeq), asInput(cSeq)];
      return [output, lastOf(hSeq), lastOf(cSeq)];
    });
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const [time, batch] = this.timeMajor ? [shape[0], shape[1]] : [shape[1], shape[0]];
    const sequence: tf.Shape = this.timeMajor
      ? [time ?? null, batch ?? null, this.units]
      : [batch ?? null, time ?? null, this.units];
    const final: tf.Shape = [batch ?? null, this.units];
    const output = this.returnSequences ? sequence : final;
    if (!this.returnState) return output;
    const state = this.stateMode === 'tutorial' ? sequence : final;
    return [output, state, state];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      timeMajor: this.timeMajor,
      stateMode: this.stateMode,
    };
  }
}
tf.serialization.registerClass(LSTMWithOptions);
