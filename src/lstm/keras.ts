import * as tf from '@tensorflow/tfjs';
import {
  assertBiasInit,
  createInitializer,
  toSpec,
  type InitName,
  type InitSpec,
} from './initializers';

export interface KerasEquivalentOptions {
  units: number;
  useBias?: boolean;
  returnSequences?: boolean;
  returnState?: boolean;
  kernelInitializer?: InitSpec | InitName;
  recurrentInitializer?: InitSpec | InitName;
  biasInitializer?: InitSpec | InitName;
  /** Fixes the input shape, e.g. [time, features], when the layer starts a model. */
  inputShape?: number[];
  batchInputShape?: (number | null)[];
  name?: string;
  /** Starting weights [kernel, recurrent kernel, bias?], copied when the layer first runs. */
  weights?: tf.Tensor[];
}

/**
 * `tf.layers.lstm` set up exactly as the tutorial sets up `keras.layers.LSTM`. Every option is
 * spelled out because tfjs' defaults differ from Keras': its recurrent activation is
 * hardSigmoid, its kernel initializer glorotNormal, and unitForgetBias must be switched off.
 * Given the same initializer specs as a chapter layer, both hold identical weights.
 * tfjs has no `timeMajor`: use `applyKerasEquivalent` to feed it time-major input.
 */
export function kerasEquivalent(options: KerasEquivalentOptions): tf.layers.Layer {
  const biasInitializer = toSpec(options.biasInitializer ?? 'zeros');
  assertBiasInit(biasInitializer.name);
  return tf.layers.lstm({
    units: options.units,
    activation: 'tanh',
    recurrentActivation: 'sigmoid',
    useBias: options.useBias ?? true,
    unitForgetBias: false,
    kernelInitializer: createInitializer(toSpec(options.kernelInitializer ?? 'glorotUniform')),
    recurrentInitializer: createInitializer(toSpec(options.recurrentInitializer ?? 'orthogonal')),
    biasInitializer: createInitializer(biasInitializer),
    returnSequences: options.returnSequences ?? false,
    returnState: options.returnState ?? false,
    dropout: 0,
    recurrentDropout: 0,
    ...(options.inputShape ? { inputShape: options.inputShape } : {}),
    ...(options.batchInputShape ? { batchInputShape: options.batchInputShape } : {}),
    ...(options.name ? { name: options.name } : {}),
    ...(options.weights ? { weights: options.weights } : {}),
  });
}

/**
 * Run the library layer as Keras would with `time_major=True`: transpose the input to
 * batch-major, and a sequence output back to time-major. Final states are layout-free.
 */
export function applyKerasEquivalent(
  layer: tf.layers.Layer,
  inputs: tf.Tensor3D,
  timeMajor: boolean,
): tf.Tensor[] {
  return tf.tidy(() => {
    const x = timeMajor ? tf.transpose(inputs, [1, 0, 2]) : inputs;
    const out = layer.apply(x) as tf.Tensor | tf.Tensor[];
    const outputs = Array.isArray(out) ? out : [out];
    return outputs.map((t, k) =>
      timeMajor && k === 0 && t.rank === 3 ? tf.transpose(t, [1, 0, 2]) : t,
    );
  });
}
