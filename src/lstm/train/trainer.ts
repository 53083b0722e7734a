import * as tf from '@tensorflow/tfjs';
import { gateGradNorms, normsOf } from './gradients';
import type { GateNorms } from './gradientTypes';
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
  /** Report each batch's per-gate gradient norms (chapter 5's chart); on unless false. */
  gateNorms?: boolean;
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
  /** Per-gate norms of this batch's LSTM gradients (models whose first weights are W, U, b). */
  gateNorms?: GateNorms;
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

    const lstm = this.config.gateNorms === false ? null : lstmWeightsOf(variables);
    const packed = tf.tidy(() => {
      const idx = tf.tensor1d(indices, 'int32');
      const xb = tf.gather(this.x, idx);
      const yb = tf.gather(this.y, idx);
      const { value, grads } = tf.variableGrads(() => {
        const prediction = this.model.apply(xb, { training: true }) as tf.Tensor;
        return tf.mean(tf.squaredDifference(prediction, yb));
      }, variables);
      // The gate norms ride along with the loss: still one read-back per batch.
      const norms = lstm
        ? [
            gateGradNorms(
              grads[lstm.kernel]!,
              grads[lstm.recurrent]!,
              lstm.bias ? grads[lstm.bias]! : null,
              lstm.units,
            ),
          ]
        : [];
      this.optimizer.applyGradients(variables, grads);
      return tf.concat([tf.reshape(value, [1]), ...norms]);
    });
    const read = await packed.data();
    packed.dispose();
    const lossValue = read[0]!;
    const result: BatchResult = {
      epoch: this.epoch,
      batch: this.batch,
      batches: this.batchesPerEpoch,
      loss: lossValue,
      epochEnd: false,
      ...(lstm ? { gateNorms: normsOf(read.subarray(1)) } : {}),
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

  /** The next batch to train: its epoch and batch from 0. */
  get position(): { epoch: number; batch: number } {
    return { epoch: this.epoch, batch: this.batch };
  }

  /** The samples batch `batch` of epoch `epoch` holds, without moving the cursor. */
  batchIndices(epoch: number, batch: number): number[] {
    const order =
      epoch === this.epoch && this.batch > 0
        ? this.order
        : this.config.batchOrder(epoch, this.samples);
    const start = batch * this.config.batchSize;
    return order.slice(start, start + this.config.batchSize);
  }

  /** Release the optimizer's state. The model and data belong to the caller. */
  dispose(): void {
    this.optimizer.dispose();
    this.disposed = true;
  }
}

/** The names of an LSTM's W, U and b among a model's first variables, if it starts with one. */
function lstmWeightsOf(variables: tf.Variable[]) {
  const [kernel, recurrent, bias] = variables;
  if (!kernel || !recurrent || recurrent.rank !== 2) return null;
  const units = recurrent.shape[0]!;
  if (kernel.rank !== 2 || recurrent.shape[1] !== 4 * units || kernel.shape[1] !== 4 * units) {
    return null;
  }
  const hasBias = bias?.rank === 1 && bias.shape[0] === 4 * units;
  return {
    kernel: kernel.name,
    recurrent: recurrent.name,
    bias: hasBias ? bias.name : null,
    units,
  };
}
