import * as tf from '@tensorflow/tfjs';
import type { TrainConfig } from '../experimentTypes';
import { createInitializer, type InitSpec } from '../initializers';
import { KERAS_DEFAULT_INITS, PLACEHOLDER_SPECS, epochOrder, tutorialData } from '../seeding';
import { startWeights } from '../startWeights';
import { buildTutorialModel } from '../train/model';
import { Trainer } from '../train/trainer';
import { FusedLSTM } from './layer';

/** Chapter 5's model, [batch, time, features] -> FusedLSTM(units) -> Dense(1), names as there. */
export function buildFusedTutorialModel(config: {
  units: number;
  timesteps: number;
  features: number;
  kernelInitializer: InitSpec;
  recurrentInitializer: InitSpec;
  denseKernelInitializer: InitSpec;
}): tf.Sequential {
  const lstm = new FusedLSTM({
    units: config.units,
    inputShape: [config.timesteps, config.features],
    kernelInitializer: config.kernelInitializer,
    recurrentInitializer: config.recurrentInitializer,
    biasInitializer: { name: 'zeros' },
    name: 'lstm',
  });
  const dense = tf.layers.dense({
    units: 1,
    kernelInitializer: createInitializer(config.denseKernelInitializer),
    biasInitializer: 'zeros',
    name: 'dense',
  });
  return tf.sequential({ layers: [lstm, dense], name: 'tutorial_fused' });
}

/** Which LSTM a training model uses: tf.layers.lstm, chapter 4's layer, or the fused one. */
export type TrainedImpl = 'library' | 'readable' | 'fused';

/**
 * Chapter 5's training set-up for one implementation, from the shared starting weights: the
 * model, its data and a Keras-RMSprop trainer. The caller disposes all three.
 * @param gateNorms Whether each batch also reports the per-gate gradient norms.
 */
export function trainingSetup(cfg: TrainConfig, impl: TrainedImpl, gateNorms = true) {
  const shape = { units: cfg.units, timesteps: cfg.timesteps, features: cfg.features };
  const model =
    impl === 'fused'
      ? buildFusedTutorialModel({ ...shape, ...PLACEHOLDER_SPECS })
      : buildTutorialModel({
          kind: impl === 'library' ? 'library' : 'custom',
          ...shape,
          ...PLACEHOLDER_SPECS,
        });
  const weights = startWeights(cfg, true, KERAS_DEFAULT_INITS, true);
  model.setWeights(weights);
  tf.dispose(weights);
  const data = tutorialData(cfg.seed, cfg.samples, cfg.timesteps, cfg.features);
  const x = tf.tensor3d(data.x, [cfg.samples, cfg.timesteps, cfg.features]);
  const y = tf.tensor2d(data.y, [cfg.samples, 1]);
  const trainer = new Trainer(model, x, y, {
    batchSize: cfg.batchSize,
    batchOrder: epochOrder(cfg.seeding, cfg.seed, cfg.samples, cfg.epochs),
    learningRate: cfg.learningRate,
    gateNorms,
  });
  const dispose = () => {
    trainer.dispose();
    model.dispose();
    tf.dispose([x, y]);
  };
  return { model, trainer, dispose };
}

/** Train `cfg.epochs` epochs with one implementation; returns the epoch and batch losses. */
export async function trainHistory(cfg: TrainConfig, impl: TrainedImpl) {
  const setup = trainingSetup(cfg, impl);
  const epochLosses: number[] = [];
  const batchLosses: number[] = [];
  try {
    for (let k = 0; k < setup.trainer.batchesPerEpoch * cfg.epochs; k++) {
      const r = await setup.trainer.trainBatch();
      batchLosses.push(r.loss);
      if (r.epochEnd) epochLosses.push(r.epochLoss!);
    }
  } finally {
    setup.dispose();
  }
  return { epochLosses, batchLosses };
}
