import * as tf from '@tensorflow/tfjs';
import { KERAS_RMSPROP, type OptimizerSpec } from './optimizerTypes';
import { createOptimizer, type Optimizer } from './optimizers';

/** Gives a permutation of 0..samples-1: the order in which an epoch visits the samples. */
export type BatchOrder = (epoch: number, samples: number) => number[];

export interface TrainerConfig {
  batchSize: number;
  batchOrder: BatchOrder;
  /** The optimizer and its clipping. Unset: Keras' RMSprop at `learningRate`. */
  optimizer?: OptimizerSpec;
  /** Keras RMSprop's step size when `optimizer` is unset. Keras' default: 0.001. */
  learningRate?: number;
}

/** What one batch reports. Epochs and batches count from 0. */
export interface BatchResult {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  /** True when this batch finished its epoch. */
  epochEnd: boolean;
  /** Sample-weighted mean loss of the epoch, on its last batch only. */
  epochLoss?: number;
}

/**
 * Trains a model one batch at a time, as Keras' `fit` does: mean squared error, Keras' RMSprop
 * unless the config names another optimizer, batches cut from a per-epoch permutation, the last
 * batch possibly smaller. Holding the cursor here lets callers run, pause and single-step the
 * same run.
 */
export class Trainer {
  readonly optimizer: Optimizer;
  private epoch = 0;
  private batch = 0;
  private order: number[] = [];
  private epochLossSum = 0;
  private disposed = false;

  constructor(
    readonly model: tf.LayersModel,
    /** Inputs [samples, time, features]; owned by the caller. */
    private readonly x: tf.Tensor3D,
    /** Targets [samples, outputs]; owned by the caller. */
    private readonly y: tf.Tensor2D,
    private readonly config: TrainerConfig,
  ) {
    this.optimizer = createOptimizer(
      config.optimizer ?? {
        name: 'rmsprop',
        learningRate: config.learningRate ?? KERAS_RMSPROP.learningRate,
      },
    );
  }

  get samples(): number {
    return this.x.shape[0];
  }

  get batchesPerEpoch(): number {
    return Math.ceil(this.samples / this.config.batchSize);
  }

  /**
   * Run one batch: forward, loss, gradients, one optimizer update. The loss is read back
   * asynchronously, so on WebGL the page keeps its main thread while the GPU works.
   */
  async trainBatch(): Promise<BatchResult> {
    if (this.disposed) throw new Error('This trainer was disposed.');
    if (this.batch === 0) this.order = this.config.batchOrder(this.epoch, this.samples);
    const start = this.batch * this.config.batchSize;
    const indices = this.order.slice(start, start + this.config.batchSize);
    const variables = this.model.trainableWeights.map((w) => w.read() as tf.Variable);

    const lossTensor = tf.tidy(() => {
      const idx = tf.tensor1d(indices, 'int32');
      const xb = tf.gather(this.x, idx);
      const yb = tf.gather(this.y, idx);
      const { value, grads } = tf.variableGrads(() => {
        const prediction = this.model.apply(xb, { training: true }) as tf.Tensor;
        return tf.mean(tf.squaredDifference(prediction, yb));
      }, variables);
      this.optimizer.applyGradients(variables, grads);
      return value;
    });
    const lossValue = (await lossTensor.data())[0]!;
    lossTensor.dispose();

    const result: BatchResult = {
      epoch: this.epoch,
      batch: this.batch,
      batches: this.batchesPerEpoch,
      loss: lossValue,
      epochEnd: false,
    };
    // Keras averages batch losses weighted by how many samples each batch held.
    this.epochLossSum += lossValue * indices.length;
    this.batch++;
    if (this.batch === this.batchesPerEpoch) {
      result.epochEnd = true;
      result.epochLoss = this.epochLossSum / this.samples;
      this.epoch++;
      this.batch = 0;
      this.epochLossSum = 0;
    }
    return result;
  }

  /** Release the optimizer's state. The model and data belong to the caller. */
  dispose(): void {
    this.optimizer.dispose();
    this.disposed = true;
  }
}
