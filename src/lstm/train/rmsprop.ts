import * as tf from '@tensorflow/tfjs';
import { KERAS_RMSPROP } from './optimizerTypes';
import type { Optimizer } from './optimizers';

export interface RMSpropConfig {
  /** Step size. Keras' default: 0.001. */
  learningRate?: number;
  /** Decay of the running average of squared gradients. Keras' default: 0.9. */
  rho?: number;
  /** Added to the root of the average. Keras' default: 1e-7. */
  epsilon?: number;
}

/**
 * RMSprop exactly as Keras (TF 2.7) computes it, which tfjs' built-in does not:
 *
 *   v ← rho·v + (1 − rho)·g²          (v starts at 0)
 *   w ← w − lr·g / (√v + epsilon)     (epsilon outside the square root)
 *
 * tfjs' `tf.train.rmsprop` puts epsilon inside the root and, left unset, takes it from the
 * backend: 1e-4 on WebGL even at float32 (its floatPrecision() reports 16 bits whenever float32
 * rendering is on, tensorflow/tfjs#6980), so its training curves drift away from Keras'. All arithmetic stays float32, as in TensorFlow.
 */
export class KerasRMSprop implements Optimizer {
  readonly learningRate: number;
  readonly rho: number;
  readonly epsilon: number;
  /** One running average per weight, named after it; this optimizer's only state. */
  private readonly averages = new Map<string, tf.Variable>();

  constructor(config: RMSpropConfig = {}) {
    this.learningRate = config.learningRate ?? KERAS_RMSPROP.learningRate;
    this.rho = config.rho ?? KERAS_RMSPROP.rho;
    this.epsilon = config.epsilon ?? KERAS_RMSPROP.epsilon;
  }

  /** Apply one update to every variable that has a gradient. */
  applyGradients(variables: tf.Variable[], gradients: Record<string, tf.Tensor>): void {
    tf.tidy(() => {
      const lr = tf.scalar(this.learningRate);
      const rho = tf.scalar(this.rho);
      // Computed in float32 like Keras' `1.0 - rho` on a float32 tensor.
      const oneMinusRho = tf.sub(tf.scalar(1), rho);
      const epsilon = tf.scalar(this.epsilon);
      for (const variable of variables) {
        const grad = gradients[variable.name];
        if (!grad) continue;
        const average = this.averageOf(variable);
        // g² as g·g: the same float32 numbers as tf.square, which tfjs' WebGL backend runs
        // unpacked, costing two more programs to unpack g and pack the result again.
        const next = tf.add(tf.mul(rho, average), tf.mul(oneMinusRho, tf.mul(grad, grad)));
        average.assign(next);
        const step = tf.div(tf.mul(lr, grad), tf.add(tf.sqrt(next), epsilon));
        variable.assign(tf.sub(variable, step));
      }
    });
  }

  /** Number of tensors this optimizer keeps alive between steps. */
  get stateTensorCount(): number {
    return this.averages.size;
  }

  /** Release the running averages. */
  dispose(): void {
    for (const average of this.averages.values()) average.dispose();
    this.averages.clear();
  }

  private averageOf(variable: tf.Variable): tf.Variable {
    let average = this.averages.get(variable.name);
    if (!average) {
      average = tf.variable(tf.zerosLike(variable), false);
      this.averages.set(variable.name, average);
    }
    return average;
  }
}
