import * as tf from '@tensorflow/tfjs';
import { KERAS_ADAM } from './optimizerTypes';
import type { Optimizer } from './optimizers';

export interface AdamConfig {
  /** Step size. Keras' default: 0.001. */
  learningRate?: number;
  /** Decay of the running mean of gradients. Keras' default: 0.9. */
  beta1?: number;
  /** Decay of the running mean of squared gradients. Keras' default: 0.999. */
  beta2?: number;
  /** Added to the root of the second moment. Keras' default: 1e-7. */
  epsilon?: number;
}

/**
 * Adam exactly as Keras (TF 2.7) runs it: `_resource_apply_dense` hands the raw learning rate to
 * the fused `ResourceApplyAdam` kernel, which at step t (counting from 1) computes
 *
 *   alpha ← lr·√(1 − beta2^t) / (1 − beta1^t)
 *   m ← m + (g − m)·(1 − beta1)          (= beta1·m + (1 − beta1)·g; m starts at 0)
 *   v ← v + (g² − v)·(1 − beta2)         (v starts at 0)
 *   w ← w − m·alpha / (√v + epsilon)
 *
 * tfjs' `tf.train.adam` divides m and v by their bias corrections separately, which moves
 * epsilon relative to this, and takes its default epsilon from the backend. Float32 throughout,
 * in the kernel's order of operations.
 */
export class KerasAdam implements Optimizer {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** Updates applied so far; Keras' `iterations`, shared by every weight. */
  private iterations = 0;
  /** First moment per weight, named after it. */
  private readonly m = new Map<string, tf.Variable>();
  /** Second moment per weight, named after it. */
  private readonly v = new Map<string, tf.Variable>();

  constructor(config: AdamConfig = {}) {
    this.learningRate = config.learningRate ?? KERAS_ADAM.learningRate;
    this.beta1 = config.beta1 ?? KERAS_ADAM.beta1;
    this.beta2 = config.beta2 ?? KERAS_ADAM.beta2;
    this.epsilon = config.epsilon ?? KERAS_ADAM.epsilon;
  }

  /** Apply one update to every variable that has a gradient; one step of t for all of them. */
  applyGradients(variables: tf.Variable[], gradients: Record<string, tf.Tensor>): void {
    this.iterations++;
    tf.tidy(() => {
      const one = tf.scalar(1);
      const beta1 = tf.scalar(this.beta1);
      const beta2 = tf.scalar(this.beta2);
      // Keras: local_step = cast(iterations + 1, float32); beta_power = pow(beta_t, local_step).
      const t = tf.scalar(this.iterations);
      const beta1Power = tf.pow(beta1, t);
      const beta2Power = tf.pow(beta2, t);
      const alpha = tf.div(
        tf.mul(tf.scalar(this.learningRate), tf.sqrt(tf.sub(one, beta2Power))),
        tf.sub(one, beta1Power),
      );
      const oneMinusBeta1 = tf.sub(one, beta1);
      const oneMinusBeta2 = tf.sub(one, beta2);
      const epsilon = tf.scalar(this.epsilon);
      for (const variable of variables) {
        const g = gradients[variable.name];
        if (!g) continue;
        const m = this.slot(this.m, variable);
        const v = this.slot(this.v, variable);
        const mNext = tf.add(m, tf.mul(tf.sub(g, m), oneMinusBeta1));
        // g² as g·g, not tf.square: see rmsprop.ts.
        const vNext = tf.add(v, tf.mul(tf.sub(tf.mul(g, g), v), oneMinusBeta2));
        m.assign(mNext);
        v.assign(vNext);
        const step = tf.div(tf.mul(mNext, alpha), tf.add(tf.sqrt(vNext), epsilon));
        variable.assign(tf.sub(variable, step));
      }
    });
  }

  /** Number of tensors this optimizer keeps alive between steps: m and v per weight. */
  get stateTensorCount(): number {
    return this.m.size + this.v.size;
  }

  /** Release both moments and restart the step count, as a fresh Keras optimizer would. */
  dispose(): void {
    for (const slot of [...this.m.values(), ...this.v.values()]) slot.dispose();
    this.m.clear();
    this.v.clear();
    this.iterations = 0;
  }

  private slot(slots: Map<string, tf.Variable>, variable: tf.Variable): tf.Variable {
    let slot = slots.get(variable.name);
    if (!slot) {
      slot = tf.variable(tf.zerosLike(variable), false);
      slots.set(variable.name, slot);
    }
    return slot;
  }
}
