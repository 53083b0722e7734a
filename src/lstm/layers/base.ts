import * as tf from '@tensorflow/tfjs';
import type { LSTMWeights } from '../cell';
import {
  assertBiasInit,
  createInitializer,
  toSpec,
  type InitName,
  type InitSpec,
} from '../initializers';

type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;
/** tfjs does not export its LayerVariable class by name; this is its type. */
type LayerVariable = tf.layers.Layer['trainableWeights'][number];

/** Arguments every chapter's layer takes. */
export interface LSTMBaseArgs extends LayerArgs {
  /** Number of hidden units, the size of h and c. */
  units: number;
  /** Add a bias to the four gate pre-activations. */
  useBias?: boolean;
  /** Initializer of the input kernel W. Default: glorotUniform, as Keras. */
  kernelInitializer?: InitSpec | InitName;
  /** Initializer of the recurrent kernel U. Default: orthogonal, as Keras. */
  recurrentInitializer?: InitSpec | InitName;
  /** Initializer of the bias b. Default: zeros, as Keras. Never orthogonal: b is 1-D. */
  biasInitializer?: InitSpec | InitName;
}

/**
 * What the four chapter layers share: the weights (kernel, recurrent kernel, optional bias, in
 * Keras' fused i|f|g|o layout and with Keras' names), their initializers and serialization.
 * Each chapter's subclass writes only `call`: how the time loop is driven.
 */
export abstract class LSTMBase extends tf.layers.Layer {
  readonly units: number;
  readonly useBias: boolean;
  readonly kernelInitializer: InitSpec;
  readonly recurrentInitializer: InitSpec;
  readonly biasInitializer: InitSpec;
  protected kernel: LayerVariable | null = null;
  protected recurrentKernel: LayerVariable | null = null;
  protected bias: LayerVariable | null = null;

  constructor(args: LSTMBaseArgs) {
    super(args);
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw new Error(`units must be a positive integer, got ${args.units}.`);
    }
    this.units = args.units;
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = toSpec(args.kernelInitializer ?? 'glorotUniform');
    this.recurrentInitializer = toSpec(args.recurrentInitializer ?? 'orthogonal');
    this.biasInitializer = toSpec(args.biasInitializer ?? 'zeros');
    assertBiasInit(this.biasInitializer.name);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const features = shape[shape.length - 1];
    if (features == null) throw new Error('The last input dimension (features) must be known.');
    const fused = 4 * this.units;
    // Weights handed to the constructor overwrite whatever the initializers draw, so skip the
    // draw (tfjs' orthogonal alone takes seconds on software WebGL).
    const init = (spec: InitSpec) =>
      this.initialWeights ? createInitializer({ name: 'zeros' }) : createInitializer(spec);
    this.kernel = this.addWeight(
      'kernel',
      [features, fused],
      'float32',
      init(this.kernelInitializer),
    );
    this.recurrentKernel = this.addWeight(
      'recurrent_kernel',
      [this.units, fused],
      'float32',
      init(this.recurrentInitializer),
    );
    if (this.useBias) {
      this.bias = this.addWeight('bias', [fused], 'float32', init(this.biasInitializer));
    }
    this.built = true;
  }

  /** The current weights as tensors, for the cell. Owned by the layer: never dispose them. */
  cellWeights(): LSTMWeights {
    if (!this.kernel || !this.recurrentKernel) throw new Error(`${this.name} is not built yet.`);
    return {
      kernel: this.kernel.read() as tf.Tensor2D,
      recurrentKernel: this.recurrentKernel.read() as tf.Tensor2D,
      bias: this.bias ? (this.bias.read() as tf.Tensor1D) : null,
    };
  }

  /**
   * Zeros for h and c, sized from the input's batch (the tutorial hard-coded 10 here), unless the
   * caller passed `initialState: [h0, c0]`.
   */
  protected initialState(
    batch: number,
    kwargs: tf.serialization.ConfigDict,
  ): [tf.Tensor2D, tf.Tensor2D] {
    const given = kwargs['initialState'] as unknown;
    if (Array.isArray(given)) {
      const [h0, c0] = given as tf.Tensor2D[];
      if (!h0 || !c0) throw new Error('initialState must be [h0, c0].');
      for (const s of [h0, c0]) {
        if (s.shape[0] !== batch || s.shape[1] !== this.units) {
          throw new Error(
            `initialState tensors must be [${batch}, ${this.units}], got [${s.shape}].`,
          );
        }
      }
      return [h0, c0];
    }
    const zeros = tf.zeros([batch, this.units]) as tf.Tensor2D;
    return [zeros, zeros];
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0] ?? null, this.units];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      useBias: this.useBias,
      kernelInitializer: { ...this.kernelInitializer },
      recurrentInitializer: { ...this.recurrentInitializer },
      biasInitializer: { ...this.biasInitializer },
    };
  }
}
