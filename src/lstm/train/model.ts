import * as tf from '@tensorflow/tfjs';
import type { ModelKind } from '../experimentTypes';
import { createInitializer, type InitSpec } from '../initializers';
import { kerasEquivalent } from '../keras';
import { LSTMWithOptions } from '../layers/lstmWithOptions';

export interface TutorialModelConfig {
  /** 'custom': chapter 4's hand-written layer; 'library': tf.layers.lstm set up as Keras. */
  kind: ModelKind;
  units: number;
  timesteps: number;
  features: number;
  kernelInitializer: InitSpec;
  recurrentInitializer: InitSpec;
  denseKernelInitializer: InitSpec;
}

/**
 * The tutorial's model: [batch, time, features] -> LSTM(units) -> Dense(1). Dense is spelled out
 * with glorotUniform and zeros, Keras' defaults (tfjs' own default kernel is glorotNormal).
 */
export function buildTutorialModel(config: TutorialModelConfig): tf.Sequential {
  const shared = {
    units: config.units,
    inputShape: [config.timesteps, config.features],
    kernelInitializer: config.kernelInitializer,
    recurrentInitializer: config.recurrentInitializer,
    biasInitializer: { name: 'zeros' as const },
    name: 'lstm',
  };
  const lstm = config.kind === 'custom' ? new LSTMWithOptions(shared) : kerasEquivalent(shared);
  const dense = tf.layers.dense({
    units: 1,
    kernelInitializer: createInitializer(config.denseKernelInitializer),
    biasInitializer: 'zeros',
    name: 'dense',
  });
  return tf.sequential({ layers: [lstm, dense], name: `tutorial_${config.kind}` });
}

/** A model's weights as plain arrays, in `getWeights()` order. */
export function readWeights(model: tf.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}

/** Overwrite a model's weights from plain arrays (shapes are the model's own). */
export function writeWeights(model: tf.LayersModel, values: Float32Array[]): void {
  const current = model.getWeights();
  if (current.length !== values.length) {
    throw new Error(`The model has ${current.length} weights, got ${values.length}.`);
  }
  const tensors = current.map((w, k) => tf.tensor(values[k]!, w.shape, 'float32'));
  model.setWeights(tensors);
  tf.dispose(tensors);
}
