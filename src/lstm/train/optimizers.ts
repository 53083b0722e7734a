import * as tf from '@tensorflow/tfjs';
import { KerasAdam } from './adam';
import { optimizerSpecError, TFJS_RMSPROP, type OptimizerSpec } from './optimizerTypes';
import { KerasRMSprop } from './rmsprop';

/** What the trainer needs of an optimizer: one update per batch, and its state released. */
export interface Optimizer {
  /** Apply one update to every variable that has a gradient (keyed by variable name). */
  applyGradients(variables: tf.Variable[], gradients: Record<string, tf.Tensor>): void;
  /** Number of tensors this optimizer keeps alive between steps. */
  readonly stateTensorCount: number;
  /** Release the optimizer's state. */
  dispose(): void;
}

/** Keras' gradient clipping options; either, both or neither. */
export type Clipping = Pick<OptimizerSpec, 'clipnorm' | 'clipvalue'>;

/**
 * Clip gradients as Keras 2.7's `OptimizerV2._transform_gradients` does: clipvalue first, then
 * clipnorm, both allowed at once (keras/optimizer_v2/optimizer_v2.py at v2.7.0, where only
 * clipnorm with global_clipnorm is refused). clipnorm is `tf.clip_by_norm` on EACH gradient
 * tensor by its own L2 norm (utils.make_gradient_clipnorm_fn), g·clipnorm / max(‖g‖, clipnorm);
 * it is not the global norm. Returns new tensors; the caller's tidy owns them.
 */
export function clipGradients(
  gradients: Record<string, tf.Tensor>,
  { clipnorm, clipvalue }: Clipping,
): Record<string, tf.Tensor> {
  const clipped: Record<string, tf.Tensor> = {};
  for (const [name, gradient] of Object.entries(gradients)) {
    let g = gradient;
    if (clipvalue !== undefined) g = tf.clipByValue(g, -clipvalue, clipvalue);
    if (clipnorm !== undefined) {
      const c = tf.scalar(clipnorm);
      // A zero gradient has norm 0 and max(0, c) = c, so it stays 0 (TF's where() guards only
      // the gradient of sqrt, which we never take).
      const norm = tf.sqrt(tf.sum(tf.mul(g, g))); // g·g, not tf.square: see rmsprop.ts
      g = tf.div(tf.mul(g, c), tf.maximum(norm, c));
    }
    clipped[name] = g;
  }
  return clipped;
}

/** Clipping in front of any optimizer: Keras clips before the update whatever the optimizer. */
class ClippedOptimizer implements Optimizer {
  constructor(
    private readonly inner: Optimizer,
    private readonly clipping: Clipping,
  ) {}

  applyGradients(variables: tf.Variable[], gradients: Record<string, tf.Tensor>): void {
    tf.tidy(() => this.inner.applyGradients(variables, clipGradients(gradients, this.clipping)));
  }

  get stateTensorCount(): number {
    return this.inner.stateTensorCount;
  }

  dispose(): void {
    this.inner.dispose();
  }
}

/** Keras 2.7 SGD with momentum 0: `ResourceApplyGradientDescent`, w ← w − lr·g. No state. */
export class KerasSGD implements Optimizer {
  constructor(readonly learningRate: number) {}

  applyGradients(variables: tf.Variable[], gradients: Record<string, tf.Tensor>): void {
    tf.tidy(() => {
      const lr = tf.scalar(this.learningRate);
      for (const variable of variables) {
        const g = gradients[variable.name];
        if (g) variable.assign(tf.sub(variable, tf.mul(g, lr)));
      }
    });
  }

  readonly stateTensorCount = 0;

  dispose(): void {}
}

/**
 * tfjs' own `tf.train.rmsprop(learningRate)`, left as a tfjs user would leave it: epsilon unset,
 * so the backend's (1e-7 on CPU), and inside the root: w ← w − lr·g / √(v + epsilon).
 *
 * It finds each weight through the engine's registry by name and keeps its state by POSITION in
 * the list it is given, so we pass the weights in one fixed order and refuse a different list.
 */
export class TfjsRMSprop implements Optimizer {
  private readonly inner: tf.Optimizer;
  /** The weight names of the first update, in order: the layout of tfjs' state arrays. */
  private names: string[] | undefined;
  private disposed = false;

  constructor(
    readonly learningRate: number,
    epsilon?: number,
  ) {
    this.inner =
      epsilon === undefined
        ? tf.train.rmsprop(learningRate)
        : tf.train.rmsprop(learningRate, TFJS_RMSPROP.decay, TFJS_RMSPROP.momentum, epsilon);
  }

  applyGradients(variables: tf.Variable[], gradients: Record<string, tf.Tensor>): void {
    if (this.disposed) throw new Error('This tfjs RMSprop optimizer was disposed.');
    const named: { name: string; tensor: tf.Tensor }[] = [];
    for (const variable of variables) {
      const tensor = gradients[variable.name];
      if (!tensor) continue;
      if (tf.engine().registeredVariables[variable.name] !== variable) {
        throw new Error(
          `tfjs' RMSprop looks weights up by name, and "${variable.name}" is not this variable.`,
        );
      }
      named.push({ name: variable.name, tensor });
    }
    const names = named.map((n) => n.name);
    this.names ??= names;
    if (names.join('\n') !== this.names.join('\n')) {
      throw new Error(
        "tfjs' RMSprop keeps its state by position: every update must get the same weights, " +
          `in the same order (${this.names.join(', ')}); got ${names.join(', ')}.`,
      );
    }
    tf.tidy(() => this.inner.applyGradients(named));
  }

  /** Mean square and momentum per weight (tfjs keeps the momentum even when it is 0). */
  get stateTensorCount(): number {
    return this.disposed ? 0 : 2 * (this.names?.length ?? 0);
  }

  dispose(): void {
    this.inner.dispose();
    this.disposed = true;
  }
}

/** The optimizer a spec names, with its clipping in front; throws on an invalid spec. */
export function createOptimizer(spec: OptimizerSpec): Optimizer {
  const error = optimizerSpecError(spec);
  if (error) throw new Error(`Invalid optimizer: ${error}`);
  const { learningRate, clipnorm, clipvalue } = spec;
  const optimizer = ((): Optimizer => {
    switch (spec.name) {
      case 'rmsprop':
        return new KerasRMSprop({ learningRate });
      case 'adam':
        return new KerasAdam({ learningRate });
      case 'sgd':
        return new KerasSGD(learningRate);
      case 'tfjs-rmsprop':
        return new TfjsRMSprop(learningRate, spec.epsilon);
    }
  })();
  if (clipnorm === undefined && clipvalue === undefined) return optimizer;
  return new ClippedOptimizer(optimizer, { clipnorm, clipvalue });
}
